// Random ids that are never handed out twice: the injected source is trusted for entropy, and the
// last `remember` ids are checked so a broken or low-entropy source fails loudly instead of
// silently merging two people's histories.

const MAX_DRAWS = 8;

export class IdIssuer {
  readonly #randomId: () => string;
  readonly #remember: number;
  /** Ids handed out, oldest first. */
  readonly #issued = new Set<string>();

  constructor(randomId: () => string, remember = 10_000) {
    this.#randomId = randomId;
    this.#remember = remember;
  }

  /** A fresh id; throws when the source keeps repeating recent ids. */
  next(): string {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const id = this.#randomId();
      if (this.#issued.has(id)) continue;
      this.#issued.add(id);
      if (this.#issued.size > this.#remember) this.#issued.delete(this.#issued.values().next().value!);
      return id;
    }
    throw new Error(`randomId returned an id already handed out ${MAX_DRAWS} times in a row; is it random?`);
  }
}
