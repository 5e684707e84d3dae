// The durable outbox: every outbound message is a row before it is sent. The core enqueues (deduplicated
// by key); the sender claims ready rows under a lease, then marks each one sent, rescheduled or parked.
// A claimed row whose send was never confirmed (crash, kill) is claimed again once its lease expires.
// The lease end doubles as a fencing token: only the holder of the current lease may reschedule or park.
import { and, asc, eq, inArray, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Destination, MessageRef, OutboxItemInput, OutboxPort, Platform } from '../core/ports/index.js';
import type { Store } from './connection.js';
import { plusMs, WRITE_TX } from './db.js';
import { handlesOf } from './handles.js';
import { createPgOutboxRepo } from './pg/outbox.repo.js';
import { outbox } from './schema.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead'];

export interface OutboxItem {
  readonly id: number;
  readonly dedupeKey: string | null;
  readonly platform: Platform;
  readonly destination: Destination;
  readonly updateOf: MessageRef | null;
  readonly view: unknown;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly leaseUntil: string | null;
  readonly messageRef: MessageRef | null;
  readonly lastError: string | null;
  readonly occurrenceId: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A row this process holds: `leaseUntil` is the token its later writes are fenced with. */
export interface ClaimedItem extends OutboxItem {
  readonly status: 'sending';
  readonly leaseUntil: string;
}

export interface ClaimOptions {
  readonly at: string;
  readonly limit: number;
  readonly leaseMs: number;
  /** Platforms not to claim now (e.g. paused by a global Retry-After). */
  readonly excludePlatforms?: readonly string[];
}

export interface OutboxRepo extends OutboxPort {
  /** Atomically takes up to `limit` ready rows: pending/failed and due, or sending with an expired lease. */
  claim(opts: ClaimOptions): Promise<ClaimedItem[]>;
  /** Records the delivery; false when the row was already marked sent (another holder confirmed first). */
  markSent(item: ClaimedItem, ref: MessageRef, opts: { readonly at: string }): Promise<boolean>;
  /** Releases the row until `nextAttemptAt`; a counted attempt (failure) leaves it `failed`, else `pending`. */
  reschedule(
    item: ClaimedItem,
    opts: {
      readonly at: string;
      readonly nextAttemptAt: string;
      readonly countAttempt: boolean;
      readonly error?: string;
    },
  ): Promise<boolean>;
  /** Gives up on the row ('dead') with the reason; counts the attempt when one was made. */
  park(
    item: ClaimedItem,
    opts: { readonly at: string; readonly error: string; readonly countAttempt: boolean },
  ): Promise<boolean>;
  listParked(opts?: { readonly limit?: number }): Promise<OutboxItem[]>;
  /** Parked rows back to pending with a fresh attempt count (an admin fixed the cause). */
  requeue(ids: readonly number[], opts: { readonly at: string }): Promise<number>;
  get(id: number): Promise<OutboxItem | undefined>;
  counts(): Promise<Record<OutboxStatus, number>>;
  /** When the next row becomes claimable (due time or lease end), if any row is waiting. */
  nextDueAt(): Promise<string | undefined>;
}

type Row = typeof outbox.$inferSelect;
interface Target {
  readonly destination: Destination;
  readonly updateOf?: MessageRef;
}

function toItem(row: Row): OutboxItem {
  const target = JSON.parse(row.target) as Target;
  return {
    id: row.id,
    dedupeKey: row.dedupeKey,
    platform: row.platform as Platform,
    destination: target.destination,
    updateOf: target.updateOf ?? null,
    view: row.view,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    leaseUntil: row.leaseUntil,
    messageRef: (row.messageRef as MessageRef | null) ?? null,
    lastError: row.lastError,
    occurrenceId: row.occurrenceId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

// Enqueued in chunks with a yield in between, so a 5,000-member fan-out never holds the event loop
// (or the write lock) for more than a few milliseconds.
const ENQUEUE_CHUNK = 100;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createOutboxRepo(store: Store): OutboxRepo {
  const h = handlesOf(store);
  if (h.dialect === 'postgres') return createPgOutboxRepo(h.db);
  const { db } = h;
  const fenced = (item: ClaimedItem) =>
    and(eq(outbox.id, item.id), eq(outbox.status, 'sending'), eq(outbox.leaseUntil, item.leaseUntil));
  const at = sql.placeholder('at');
  const atValue = sql`${at}`;
  // Every check-in answer asks where its prompt went: prepared once.
  const sentRef = db
    .select({ ref: outbox.messageRef })
    .from(outbox)
    .where(and(eq(outbox.dedupeKey, sql.placeholder('dedupeKey')), eq(outbox.status, 'sent')))
    .prepare();
  // The sender's hot path (a claim and a mark per message) runs prepared statements. Each status is
  // read on its own so every read walks the (status, next_attempt_at) index in order and stops early.
  const readyIn = (status: 'pending' | 'failed') =>
    db
      .select({ id: outbox.id, due: outbox.nextAttemptAt })
      .from(outbox)
      .where(and(eq(outbox.status, status), lte(outbox.nextAttemptAt, at)))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(sql.placeholder('limit'))
      .prepare();
  const readyPending = readyIn('pending');
  const readyFailed = readyIn('failed');
  const expiredLeases = db
    .select({ id: outbox.id, due: outbox.nextAttemptAt })
    .from(outbox)
    .where(and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, at)))
    .orderBy(asc(outbox.leaseUntil))
    .limit(sql.placeholder('limit'))
    .prepare();
  const takeOne = db
    .update(outbox)
    .set({ status: 'sending', leaseUntil: sql`${sql.placeholder('lease')}`, updatedAt: atValue })
    .where(eq(outbox.id, sql.placeholder('id')))
    .returning()
    .prepare();
  const markSentStmt = db
    .update(outbox)
    .set({
      status: 'sent',
      messageRef: sql.placeholder('ref'),
      leaseUntil: null,
      lastError: null,
      attempts: sql`${outbox.attempts} + 1`,
      updatedAt: atValue,
    })
    .where(and(eq(outbox.id, sql.placeholder('id')), sql`${outbox.status} <> 'sent'`))
    .prepare();
  const insertOne = db
    .insert(outbox)
    .values({
      dedupeKey: sql.placeholder('dedupeKey'),
      platform: sql.placeholder('platform'),
      target: sql.placeholder('target'),
      // Already JSON text: the placeholder bypasses the column's JSON mapping.
      view: sql`${sql.placeholder('view')}`,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: sql.placeholder('nextAttemptAt'),
      occurrenceId: sql.placeholder('occurrenceId'),
      createdAt: atValue,
      updatedAt: atValue,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .prepare();
  const firstDue = (status: 'pending' | 'failed') =>
    db
      .select({ at: outbox.nextAttemptAt })
      .from(outbox)
      .where(eq(outbox.status, status))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(1)
      .prepare();
  const firstPending = firstDue('pending');
  const firstFailed = firstDue('failed');
  const firstLeaseEnd = db
    .select({ at: sql<string | null>`min(${outbox.leaseUntil})` })
    .from(outbox)
    .where(eq(outbox.status, 'sending'))
    .prepare();

  return {
    async enqueue(items: readonly OutboxItemInput[], opts) {
      const inserted: boolean[] = [];
      for (let i = 0; i < items.length; i += ENQUEUE_CHUNK) {
        if (i > 0) await yieldToLoop();
        const chunk = items.slice(i, i + ENQUEUE_CHUNK);
        db.transaction(() => {
          for (const it of chunk) {
            const changes = insertOne.run({
              dedupeKey: it.dedupeKey,
              platform: it.platform,
              target: JSON.stringify({
                destination: it.destination,
                ...(it.updateOf ? { updateOf: it.updateOf } : {}),
              } satisfies Target),
              view: JSON.stringify(it.view),
              nextAttemptAt: it.notBefore ?? opts.at,
              occurrenceId: it.occurrenceId ?? null,
              at: opts.at,
            }).changes;
            inserted.push(changes > 0);
          }
        }, WRITE_TX);
      }
      const enqueued = inserted.filter(Boolean).length;
      return { enqueued, duplicates: items.length - enqueued, inserted };
    },

    async deliveredRef(dedupeKey) {
      const row = sentRef.get({ dedupeKey });
      return (row?.ref as MessageRef | null | undefined) ?? undefined;
    },

    async claim({ at: now, limit, leaseMs, excludePlatforms = [] }) {
      if (limit <= 0) return [];
      const lease = plusMs(now, leaseMs);
      // One IMMEDIATE transaction: no other process can pick the same rows between the read and the write.
      const rows = db.transaction((tx) => {
        const ids = excludePlatforms.length
          ? tx
              .select({ id: outbox.id, due: outbox.nextAttemptAt })
              .from(outbox)
              .where(
                and(
                  or(
                    and(inArray(outbox.status, ['pending', 'failed']), lte(outbox.nextAttemptAt, now)),
                    and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now)),
                  ),
                  notInArray(outbox.platform, [...excludePlatforms]),
                ),
              )
              .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
              .limit(limit)
              .all()
          : [
              ...expiredLeases.all({ at: now, limit }),
              ...readyFailed.all({ at: now, limit }),
              ...readyPending.all({ at: now, limit }),
            ]
              .sort((x, y) => x.due.localeCompare(y.due))
              .slice(0, limit);
        return ids.map((r) => takeOne.get({ id: r.id, lease, at: now })!);
      }, WRITE_TX);
      return rows.map((r) => toItem(r) as ClaimedItem);
    },

    async markSent(item, ref, { at: now }) {
      return markSentStmt.run({ id: item.id, ref, at: now }).changes > 0;
    },

    async reschedule(item, { at, nextAttemptAt, countAttempt, error }) {
      const res = db
        .update(outbox)
        .set({
          status: countAttempt ? 'failed' : 'pending',
          attempts: countAttempt ? sql`${outbox.attempts} + 1` : outbox.attempts,
          nextAttemptAt,
          leaseUntil: null,
          ...(error !== undefined ? { lastError: error } : {}),
          updatedAt: at,
        })
        .where(fenced(item))
        .run();
      return res.changes > 0;
    },

    async park(item, { at, error, countAttempt }) {
      const res = db
        .update(outbox)
        .set({
          status: 'dead',
          attempts: countAttempt ? sql`${outbox.attempts} + 1` : outbox.attempts,
          leaseUntil: null,
          lastError: error,
          updatedAt: at,
        })
        .where(fenced(item))
        .run();
      return res.changes > 0;
    },

    async listParked({ limit = 100 } = {}) {
      return db
        .select()
        .from(outbox)
        .where(eq(outbox.status, 'dead'))
        .orderBy(asc(outbox.updatedAt), asc(outbox.id))
        .limit(limit)
        .all()
        .map(toItem);
    },

    async requeue(ids, { at }) {
      if (ids.length === 0) return 0;
      return db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: at, leaseUntil: null, updatedAt: at })
        .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'dead')))
        .run().changes;
    },

    async get(id) {
      const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
      return row ? toItem(row) : undefined;
    },

    async counts() {
      const out = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
      const rows = db
        .select({ status: outbox.status, n: sql<number>`count(*)` })
        .from(outbox)
        .groupBy(outbox.status)
        .all();
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    async nextDueAt() {
      const all = [firstPending.get()?.at, firstFailed.get()?.at, firstLeaseEnd.get()?.at]
        .filter((x): x is string => typeof x === 'string')
        .sort();
      return all[0];
    },
  };
}
