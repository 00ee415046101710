// The in-place writes a fast validator makes to turn a JSON value into what zod would output (defaults
// filled, stripped keys removed, values a check replaced), logged so that a failed validation can undo
// them (the caller then hands zod the value exactly as received, key order included), and so that a
// failed union option's writes are undone before the next option is tried, as zod tries each on a copy.

/** Thrown by a fast validator to give up; the caller then asks zod. */
export const BAIL: unique symbol = Symbol('bail');

export type FastCheckResult =
  | { readonly ok: true; readonly filledDefaults: boolean }
  | { readonly ok: false };

const FAILED: FastCheckResult = Object.freeze({ ok: false });
const UNCHANGED: FastCheckResult = Object.freeze({ ok: true, filledDefaults: false });
const CHANGED: FastCheckResult = Object.freeze({ ok: true, filledDefaults: true });

type Holder = Record<PropertyKey, unknown>;

// How to undo one logged write: delete the key, put the old value back, or restore all the holder's keys.
const ADDED = 0;
const REPLACED = 1;
const REMOVED = 2;

export class MutationJournal {
  // Flat [holder, key, how, old] quadruples; null until the first write (the usual case).
  #log: unknown[] | null = null;

  /** `holder[key] = value`. The key is never `__proto__` (schemas with one are not compiled). */
  set(holder: Holder, key: PropertyKey, value: unknown): void {
    this.#log ??= [];
    this.#log.push(holder, key, Object.hasOwn(holder, key) ? REPLACED : ADDED, holder[key]);
    holder[key] = value;
  }

  /** Deletes an own property (unknown keys zod would not copy, an own `__proto__` from JSON.parse). */
  remove(holder: Holder, key: PropertyKey): void {
    if (!Object.hasOwn(holder, key)) return;
    this.#log ??= [];
    // All the keys with their values, so that undoing keeps the order they came in.
    this.#log.push(
      holder,
      key,
      REMOVED,
      Reflect.ownKeys(holder).map((k) => [k, holder[k]]),
    );
    delete holder[key];
  }

  /** A point to roll back to: zod tries each union option on the value as it was. */
  mark(): number {
    return this.#log ? this.#log.length : 0;
  }

  rollback(mark: number): void {
    if (this.#log && this.#log.length > mark) undo(this.#log, mark);
  }

  /** Runs `validate` on `value`: on failure (false, or anything thrown) every write is undone. */
  run(validate: (value: unknown) => boolean, value: unknown): FastCheckResult {
    // Saved and restored so that a refinement running another check on this validator cannot mix logs.
    const outerLog = this.#log;
    this.#log = null;
    let ok: boolean;
    try {
      ok = validate(value);
    } catch {
      ok = false;
    }
    const log = this.#log as unknown[] | null;
    this.#log = outerLog;
    if (!ok) {
      if (log) undo(log, 0);
      return FAILED;
    }
    return log && log.length > 0 ? CHANGED : UNCHANGED;
  }
}

/** Undoes the writes logged after `mark`, newest first, and forgets them. */
function undo(log: unknown[], mark: number): void {
  for (let i = log.length - 4; i >= mark; i -= 4) {
    const holder = log[i] as Holder;
    const how = log[i + 2];
    if (how === ADDED) delete holder[log[i + 1] as PropertyKey];
    else if (how === REPLACED) define(holder, log[i + 1] as PropertyKey, log[i + 3]);
    else {
      for (const key of Reflect.ownKeys(holder)) delete holder[key];
      for (const [key, value] of log[i + 3] as [PropertyKey, unknown][]) define(holder, key, value);
    }
  }
  log.length = mark;
}

// defineProperty, not assignment: restoring an own `__proto__` must not set the prototype.
function define(holder: Holder, key: PropertyKey, value: unknown): void {
  Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
}
