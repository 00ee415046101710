// Keeps the last config the hub pushed and the gateway accepted, so a restart (or a crash) resumes
// with it even before, or without, reaching the broker.
import { type ConfigMessage, configMessageSchema, describeIssues } from '@retail/contracts';
import { readFileIfExists, writeFileDurably } from './durable-file.js';

export class AppliedConfigStore {
  constructor(private readonly file: string) {}

  /** The saved config, or undefined when none was saved. A damaged file is reported, not used. */
  async load(): Promise<ConfigMessage | undefined> {
    const text = await readFileIfExists(this.file);
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`saved config ${this.file} is not JSON: ${(err as Error).message}`);
    }
    const r = configMessageSchema.safeParse(json);
    if (!r.success) throw new Error(`saved config ${this.file} is invalid:\n${describeIssues(r.error)}`);
    return r.data;
  }

  async save(config: ConfigMessage): Promise<void> {
    await writeFileDurably(this.file, JSON.stringify(config));
  }
}
