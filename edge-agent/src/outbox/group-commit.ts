// Group commit: requests made while a flush is running (or within a short linger) share the next
// flush, so N concurrent appends cost one write and one fsync instead of N.

export interface GroupCommitOptions<T, R> {
  /** Makes one batch durable; returns one result per item, in order. A throw fails the whole batch. */
  flush: (items: T[]) => Promise<R[]>;
  /** How long the first request of a batch waits for company; 0 waits one turn of the event loop. */
  lingerMs?: number;
}

interface Waiter<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T, R> {
  #queue: Waiter<T, R>[] = [];
  #running: Promise<void> | undefined;
  #cutLinger: (() => void) | undefined;

  constructor(private readonly o: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#running ??= this.#run();
    });
  }

  /** Flushes everything submitted so far, without lingering, and waits for it. */
  async drain(): Promise<void> {
    while (this.#running) {
      this.#cutLinger?.();
      await this.#running;
    }
  }

  async #run(): Promise<void> {
    await new Promise<void>((resolve) => {
      const lingerMs = this.o.lingerMs ?? 0;
      const timer = lingerMs > 0 ? setTimeout(resolve, lingerMs) : undefined;
      const immediate = timer ? undefined : setImmediate(resolve);
      this.#cutLinger = () => {
        clearTimeout(timer);
        clearImmediate(immediate);
        resolve();
      };
    });
    this.#cutLinger = undefined;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      try {
        const results = await this.o.flush(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          w.resolve(results[i] as R);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.#running = undefined;
  }
}
