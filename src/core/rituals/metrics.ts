// Counters of the ritual engine and use cases, as plain numbers by name and labels, ready for the
// metrics endpoint to expose (ritual runs, messages queued, skipped and missed occurrences, breaches...).

export type Labels = Readonly<Record<string, string>>;

export interface CounterSample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

export class RitualMetrics {
  private readonly counters = new Map<string, { name: string; labels: Labels; value: number }>();

  inc(name: string, labels: Labels = {}, by = 1): void {
    if (by === 0) return;
    const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    const id = `${name}${JSON.stringify(sorted)}`;
    const c = this.counters.get(id);
    if (c) c.value += by;
    else this.counters.set(id, { name, labels: sorted, value: by });
  }

  /** The value of one counter (0 when never incremented). */
  get(name: string, labels: Labels = {}): number {
    const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    return this.counters.get(`${name}${JSON.stringify(sorted)}`)?.value ?? 0;
  }

  /** Every counter, sorted by name then labels. */
  snapshot(): CounterSample[] {
    return [...this.counters.values()]
      .map((c) => ({ name: c.name, labels: { ...c.labels }, value: c.value }))
      .sort((a, b) => a.name.localeCompare(b.name) || JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
  }
}
