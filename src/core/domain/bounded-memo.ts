// Answers of a pure function kept by key, in a table with a size bound that starts over when full: for
// the time-zone and cron arithmetic a tick or a report repeats thousands of times with the same inputs.
// Only for answers that depend on the key alone (never on a clock or on stored data).
export class BoundedMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The kept answer for `key`, else `compute()`'s, kept. */
  get(key: string, compute: () => V): V {
    if (this.answers.has(key)) return this.answers.get(key) as V;
    const value = compute();
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }

  clear(): void {
    this.answers.clear();
  }
}
