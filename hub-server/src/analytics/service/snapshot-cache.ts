// Per-store cache of analytics inputs and results, dropped when the store's data changes. A version
// fingerprint (see AnalyticsStore.fingerprint) is asked at most once per `recheckMs` per store, so a
// dashboard's burst of requests shares one check; results are memoised by a key per snapshot, the
// newest `maxResults` kept, and a failed computation is never remembered.

export interface SnapshotCacheOptions<T> {
  /** A value that changes whenever the store's data does. */
  fingerprint: (storeId: string) => Promise<string>;
  /** The store's inputs for one fingerprint (loaded lazily by the caller's own type). */
  create: (storeId: string) => T;
  now: () => number;
  /** Ask the fingerprint again after this long, ms (0: on every request). */
  recheckMs: number;
  maxResults?: number;
}

export class Snapshot<T> {
  readonly #results = new Map<string, Promise<unknown>>();

  constructor(
    readonly fingerprint: string,
    readonly data: T,
    private readonly maxResults: number,
  ) {}

  /** `compute()` once per key while this snapshot lives. */
  memo<R>(key: string, compute: () => Promise<R>): Promise<R> {
    const hit = this.#results.get(key) as Promise<R> | undefined;
    if (hit) {
      // Most recently used last, so the oldest is the one evicted.
      this.#results.delete(key);
      this.#results.set(key, hit);
      return hit;
    }
    const p = compute();
    this.#results.set(key, p);
    p.catch(() => {
      if (this.#results.get(key) === p) this.#results.delete(key);
    });
    while (this.#results.size > this.maxResults) this.#results.delete(this.#results.keys().next().value!);
    return p;
  }
}

interface Entry<T> {
  snapshot: Snapshot<T>;
  checkedAt: number;
}

export class SnapshotCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #checks = new Map<string, Promise<Snapshot<T>>>();

  constructor(private readonly o: SnapshotCacheOptions<T>) {}

  get(storeId: string): Promise<Snapshot<T>> {
    const entry = this.#entries.get(storeId);
    if (entry && this.o.now() - entry.checkedAt < this.o.recheckMs) return Promise.resolve(entry.snapshot);
    let check = this.#checks.get(storeId);
    if (!check) {
      check = this.#check(storeId).finally(() => this.#checks.delete(storeId));
      this.#checks.set(storeId, check);
    }
    return check;
  }

  async #check(storeId: string): Promise<Snapshot<T>> {
    const checkedAt = this.o.now();
    const fingerprint = await this.o.fingerprint(storeId);
    const entry = this.#entries.get(storeId);
    if (entry && entry.snapshot.fingerprint === fingerprint) {
      entry.checkedAt = checkedAt;
      return entry.snapshot;
    }
    const snapshot = new Snapshot(fingerprint, this.o.create(storeId), this.o.maxResults ?? 64);
    this.#entries.set(storeId, { snapshot, checkedAt });
    return snapshot;
  }
}
