// `hub-server import app-members FILE`: loyalty-app enrolments (`loyalty_id,app_secret`) from the loyalty
// backend, so the hub can resolve the rotating ids on gateway paths to member pseudonyms. The loyalty
// number becomes the pseudonym POS uses and is dropped; only the pseudonym and the secret are stored.
import { createReadStream } from 'node:fs';
import { type AppMember, type ParseIssue, parseAppMembersCsv, type RowResult } from '@retail/contracts';
import type { Pseudonymize } from '../privacy/pseudonym.js';
import type { EnrolledMember } from '../privacy/rotating-id-directory.js';
import type { HubRepository } from '../storage/repository.js';
import { storageUsage } from './config-flags.js';
import { fileImportCommand, refusedRows, withStorage } from './import-kit.js';

const usage = `Usage: hub-server import app-members FILE

Imports loyalty-app enrolments from CSV: loyalty_id,app_secret (32–128 lower-case hex). Members who
opted in to BLE linkage carry an app that advertises a rotating identifier derived from the secret;
with it the hub links gateway paths to the member's pseudonym. The loyalty number is never stored.
Re-importing replaces a member's secret.

Options:
${storageUsage}`;

export interface AppMemberImportSummary {
  rows: number;
  stored: number;
  issues: ParseIssue[];
  moreIssues: number;
}

export async function importAppMembers(
  rows: AsyncIterable<RowResult<AppMember>>,
  o: { repo: HubRepository; pseudonymize: Pseudonymize; now: () => number; maxIssues?: number },
): Promise<AppMemberImportSummary> {
  const summary: AppMemberImportSummary = { rows: 0, stored: 0, issues: [], moreIssues: 0 };
  let batch: EnrolledMember[] = [];
  const flush = async () => {
    const members = batch;
    batch = [];
    if (members.length === 0) return;
    summary.stored += await o.repo.db.transaction((tx) => o.repo.members.enrol(tx, members, o.now()));
  };
  for await (const r of rows) {
    if (!r.ok) {
      if (summary.issues.length < (o.maxIssues ?? 100)) summary.issues.push(r.issue);
      else summary.moreIssues++;
      continue;
    }
    summary.rows++;
    batch.push({ pid: o.pseudonymize(r.value.loyaltyId), appSecret: r.value.appSecret });
    if (batch.length >= 5000) await flush();
  }
  await flush();
  return summary;
}

export const importAppMembersCommand = fileImportCommand({
  name: 'import app-members',
  summary: 'import loyalty-app enrolments (BLE opt-in) from CSV',
  usage,
  flags: {},
  run: (file, values) =>
    withStorage(values, async ({ repo, pseudonymize, where }) => {
      const summary = await importAppMembers(parseAppMembersCsv(createReadStream(file)), {
        repo,
        pseudonymize,
        now: Date.now,
      });
      console.log(`${file} → ${where}: ${summary.rows} app members enrolled`);
      return refusedRows(summary.issues, summary.moreIssues);
    }),
});
