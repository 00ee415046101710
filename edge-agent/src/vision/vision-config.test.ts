import { describe, expect, it } from 'vitest';
import { visionConfigSchema } from './vision-config.js';

describe('vision config: references', () => {
  it('defaults to none and takes a non-empty list of pictures per camera', () => {
    expect(visionConfigSchema.parse({}).references).toEqual({});
    const config = visionConfigSchema.parse({
      references: { 'cam-ceiling': ['empty-store.jpg', 'frames/monday'] },
    });
    expect(config.references['cam-ceiling']).toEqual(['empty-store.jpg', 'frames/monday']);
  });

  it('rejects an empty list and an empty path, with the field path', () => {
    const empty = visionConfigSchema.safeParse({ references: { 'cam-ceiling': [] } });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['references', 'cam-ceiling']);
    expect(visionConfigSchema.safeParse({ references: { 'cam-ceiling': [''] } }).success).toBe(false);
  });
});
