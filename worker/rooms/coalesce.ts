/**
 * Holds a value that may flip back and forth (the raised-hand queue) between flushes, so a burst
 * of flips costs at most one storage write and one broadcast, and none when it nets out to
 * what was last committed (raise, lower, raise, lower → nothing).
 */
export class Coalescer<T> {
  #committed: string;
  #pending: T | null = null;

  /** `committed`: what storage and clients already have. */
  constructor(committed: T) {
    this.#committed = JSON.stringify(committed);
  }

  stage(next: T): void {
    this.#pending = next;
  }

  /** The value to write and broadcast now, or null when nothing changed since the last commit. */
  flush(): T | null {
    const next = this.#pending;
    this.#pending = null;
    if (next === null) return null;
    const text = JSON.stringify(next);
    if (text === this.#committed) return null;
    this.#committed = text;
    return next;
  }
}
