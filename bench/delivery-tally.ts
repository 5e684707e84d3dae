// Counts what a fake platform accepted, per conversation, by reading its call log incrementally (each
// poll looks only at the calls recorded since the last one), and remembers when the last new
// conversation got its first message: the end of a fan-out as the platform saw it.

export class DeliveryTally<C> {
  private scanned = 0;
  readonly perConversation = new Map<string, number>();
  /** performance.now() of the latest first delivery to a conversation. */
  lastFirstDeliveryAt = 0;

  constructor(
    private readonly calls: readonly C[],
    /** The conversation a call delivered a message to, or undefined for other calls (failures, reads). */
    private readonly delivered: (call: C) => string | undefined,
  ) {}

  /** Reads the new calls; returns how many conversations have a message. */
  poll(): number {
    for (; this.scanned < this.calls.length; this.scanned++) {
      const conversation = this.delivered(this.calls[this.scanned]!);
      if (conversation === undefined) continue;
      const n = (this.perConversation.get(conversation) ?? 0) + 1;
      this.perConversation.set(conversation, n);
      if (n === 1) this.lastFirstDeliveryAt = performance.now();
    }
    return this.perConversation.size;
  }

  /** Expected conversations that never got a message. */
  lost(expected: readonly string[]): string[] {
    this.poll();
    return expected.filter((c) => !this.perConversation.has(c));
  }

  /** Messages beyond the first, summed over conversations. */
  duplicates(): number {
    this.poll();
    let n = 0;
    for (const c of this.perConversation.values()) n += Math.max(0, c - 1);
    return n;
  }
}
