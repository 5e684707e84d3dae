// Core port: The outbox: every outbound message is a row before it is sent.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { Destination, MessageRef, Platform } from './chat.js';

export interface OutboxItemInput {
  /** Unique: enqueueing the same key twice stores one row (e.g. `occ:{occurrenceKey}` or `nudge:{breachId}`). */
  readonly dedupeKey: string;
  readonly platform: Platform;
  readonly destination: Destination;
  /** A neutral view (core/view-models.ts), stored as JSON. */
  readonly view: unknown;
  /** Replace an earlier message instead of posting a new one. */
  readonly updateOf?: MessageRef;
  readonly occurrenceId?: number;
  /** Not sent before this instant (ISO); default: now. */
  readonly notBefore?: string;
}

export interface OutboxPort {
  /** Stores the items (those whose dedupeKey exists are skipped); returns how many were new. */
  enqueue(
    items: readonly OutboxItemInput[],
    opts: { readonly at: string },
  ): Promise<{
    readonly enqueued: number;
    readonly duplicates: number /** Per item, in order: false for a key already queued. */;
    readonly inserted: readonly boolean[];
  }>;
  /** The message a delivered item became, if it was delivered (to update it later or match reactions). */
  deliveredRef(dedupeKey: string): Promise<MessageRef | undefined>;
}
