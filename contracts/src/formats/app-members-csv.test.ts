import { describe, expect, it } from 'vitest';
import { formatAppMembersCsv, parseAppMembersCsv } from './app-members-csv.js';
import { collect } from './parse-result.js';
import { expectChunkingInvariant, expectRobust } from './parser-test-kit.js';

const SECRET = '00112233445566778899aabbccddeeff';

describe('parseAppMembersCsv', () => {
  it('reads enrolments and round-trips what the writer makes', async () => {
    const members = [
      { loyaltyId: '6001000000000017', appSecret: SECRET },
      { loyaltyId: 'card "7", with comma', appSecret: SECRET.repeat(2) },
    ];
    const text = [...formatAppMembersCsv(members)].join('');
    expect(await collect(parseAppMembersCsv([text]))).toEqual({ rows: members, issues: [] });
  });

  it('names the line and field of a bad secret or a missing number', async () => {
    const text = `loyalty_id,app_secret\n1,${SECRET.toUpperCase()}\n,${SECRET}\n3,abc\n`;
    expect((await collect(parseAppMembersCsv([text]))).issues).toEqual([
      { line: 2, field: 'app_secret', message: expect.stringMatching(/^expected 32–128 lower-case hex/) },
      { line: 3, field: 'loyalty_id', message: 'expected a loyalty number, got an empty value' },
      { line: 4, field: 'app_secret', message: 'expected 32–128 lower-case hex digits, got "abc"' },
    ]);
  });

  it('parses the same however it is chunked, and never throws on garbage', async () => {
    await expectChunkingInvariant(parseAppMembersCsv, `loyalty_id,app_secret\n42,${SECRET}\n`);
    await expectRobust(parseAppMembersCsv, 'loyalty_id,app_secret');
  });
});
