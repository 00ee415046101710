// Resolves gateway paths to member pseudonyms before the analytics read a store's data: the enrolled
// members' rotating-id tables are built once per enrolment version, and only paths published since the
// last pass (less a look-back for paths still growing) are looked at again.
import type { RotatingIdFor } from '@retail/contracts';
import { RotatingIdDirectory } from '../../privacy/rotating-id-directory.js';
import type { HubRepository } from '../../storage/repository.js';

export interface PathResolverOptions {
  rotatingIdFor: RotatingIdFor;
  now: () => number;
  /** Paths published this long before the newest window are checked again (default 2 h). */
  lookBackMs?: number;
}

export interface PathResolverCounters {
  resolved: number;
  conflicting: number;
}

export class PathResolver {
  #directory: { version: string; directory: RotatingIdDirectory; members: number } | undefined;
  readonly #checkedFrom = new Map<string, number>();
  readonly counters: PathResolverCounters = { resolved: 0, conflicting: 0 };

  constructor(
    private readonly repo: HubRepository,
    private readonly o: PathResolverOptions,
  ) {}

  /** Resolves what can be resolved of the store's new paths; returns how many paths were newly resolved. */
  async resolve(storeId: string): Promise<number> {
    const { directory, members } = await this.#current();
    if (members === 0) return 0;
    const newest = await this.repo.members.newestWindow(storeId);
    if (newest === undefined) return 0;
    const rows = await this.repo.members.unresolved(storeId, this.#checkedFrom.get(storeId) ?? 0);
    const result = directory.resolve(rows);
    const added = await this.repo.members.recordResolved(storeId, result.resolved, this.o.now());
    this.counters.resolved += added;
    this.counters.conflicting += result.conflicting;
    this.#checkedFrom.set(storeId, Math.max(0, newest - (this.o.lookBackMs ?? 2 * 3_600_000)));
    return added;
  }

  async #current(): Promise<{ directory: RotatingIdDirectory; members: number }> {
    const version = await this.repo.members.enrolmentVersion();
    if (this.#directory?.version !== version) {
      const enrolled = await this.repo.members.enrolled();
      this.#directory = {
        version,
        directory: new RotatingIdDirectory(enrolled, this.o.rotatingIdFor),
        members: enrolled.length,
      };
      // New members may own identifiers of paths looked at before.
      this.#checkedFrom.clear();
    }
    return this.#directory;
  }
}
