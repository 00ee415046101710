// Rate-limited warnings for bad input: the first few problems are logged in full (they are what an operator
// needs to fix a feed), later ones only counted, with a reminder every `every` problems.
import type { Logger } from '../../logger.js';

export interface IssueLogOptions {
  /** Problems logged one by one before falling back to periodic summaries. */
  firstN?: number;
  /** A summary line every this many further problems. */
  every?: number;
}

export interface IssueLog {
  /** `fields` must never hold a MAC address, a loyalty id or a stranger's beacon id. */
  warn(fields: Record<string, string | number>, message: string): void;
  readonly total: number;
}

export function createIssueLog(logger: Logger | undefined, options: IssueLogOptions = {}): IssueLog {
  const firstN = options.firstN ?? 20;
  const every = options.every ?? 1000;
  let total = 0;
  return {
    warn(fields, message) {
      total += 1;
      if (!logger) return;
      if (total <= firstN) logger.warn(fields, message);
      else if ((total - firstN) % every === 0)
        logger.warn({ total }, `${total} problems so far; only every ${every}th is summarised`);
    },
    get total() {
      return total;
    },
  };
}
