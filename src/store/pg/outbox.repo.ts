// PostgreSQL implementation of the OutboxRepo port (see ../outbox.repo.ts for the SQLite one and the behaviour both keep).
// Several replicas share the table, each with a pool, so nothing here relies on a single writer:
// - enqueue is one multi-row INSERT ... ON CONFLICT (dedupe_key) DO NOTHING per chunk: two replicas
//   queueing the same key store one row, and the RETURNING list says which items were new;
// - a claim is one UPDATE whose rows come from a SELECT ... FOR UPDATE SKIP LOCKED: two replicas claiming
//   at once lock disjoint rows (a row another claim holds is skipped, not waited for), and a row another
//   replica claimed and committed meanwhile is re-checked against the WHERE clause and dropped;
// - reschedule and park are fenced by (id, 'sending', lease_until), so a replica whose lease was taken over
//   after it expired can no longer write its row; markSent is not fenced (a delivery that happened is a fact).
import { and, asc, eq, inArray, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { MessageRef, Platform } from '../../core/ports/index.js';
import { plusMs } from '../db.js';
import type { ClaimedItem, OutboxItem, OutboxRepo, OutboxStatus } from '../outbox.repo.js';
import { type PgStoreDb, rowsOf } from './db.js';
import { outbox } from './schema.js';

type Row = typeof outbox.$inferSelect;
interface Target {
  readonly destination: OutboxItem['destination'];
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

// ../outbox.repo.ts imports this file: its values are not imported back (a cycle), only its types.
const STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead'];

// One statement per chunk (8 parameters a row, far below PostgreSQL's 65,535), with a yield in between so
// a 5,000-member fan-out never holds the event loop for long.
const ENQUEUE_CHUNK = 500;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// Instants are fixed-width ISO-8601 UTC text, so every collation orders them alike; ties fall back to the id.
const claimOrder = (a: OutboxItem, b: OutboxItem) =>
  a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id;

export function createPgOutboxRepo(db: PgStoreDb): OutboxRepo {
  const fenced = (item: ClaimedItem) =>
    and(eq(outbox.id, item.id), eq(outbox.status, 'sending'), eq(outbox.leaseUntil, item.leaseUntil));

  return {
    async enqueue(items, opts) {
      const inserted: boolean[] = [];
      for (let i = 0; i < items.length; i += ENQUEUE_CHUNK) {
        if (i > 0) await yieldToLoop();
        const chunk = items.slice(i, i + ENQUEUE_CHUNK);
        const rows = await db
          .insert(outbox)
          .values(
            chunk.map((it) => ({
              dedupeKey: it.dedupeKey,
              platform: it.platform,
              target: JSON.stringify({
                destination: it.destination,
                ...(it.updateOf ? { updateOf: it.updateOf } : {}),
              } satisfies Target),
              view: it.view,
              status: 'pending' as const,
              attempts: 0,
              nextAttemptAt: it.notBefore ?? opts.at,
              occurrenceId: it.occurrenceId ?? null,
              createdAt: opts.at,
              updatedAt: opts.at,
            })),
          )
          .onConflictDoNothing({ target: outbox.dedupeKey })
          .returning({ dedupeKey: outbox.dedupeKey });
        // The rows are inserted in VALUES order, so a key given twice in one chunk is stored for its first
        // item; the other is a duplicate, as on SQLite.
        const fresh = new Set(rows.map((r) => r.dedupeKey));
        for (const it of chunk) {
          const isNew = fresh.delete(it.dedupeKey);
          inserted.push(isNew);
        }
      }
      const enqueued = inserted.filter(Boolean).length;
      return { enqueued, duplicates: items.length - enqueued, inserted };
    },

    async deliveredRef(dedupeKey) {
      const [row] = await db
        .select({ ref: outbox.messageRef })
        .from(outbox)
        .where(and(eq(outbox.dedupeKey, dedupeKey), eq(outbox.status, 'sent')))
        .limit(1);
      return (row?.ref as MessageRef | null | undefined) ?? undefined;
    },

    async claim({ at: now, limit, leaseMs, excludePlatforms = [] }) {
      if (limit <= 0) return [];
      // Each status is read on its own, walking the (status, next_attempt_at) index in order and stopping
      // after `limit` rows it could lock: one read over all three would sort every ready row (a whole
      // fan-out) at each claim. SKIP LOCKED passes over the rows another claim holds right now; the few
      // candidates locked here but not picked are free again when the statement ends.
      const part = (status: 'pending' | 'failed' | 'sending') =>
        db
          .select({ id: outbox.id, nextAttemptAt: outbox.nextAttemptAt })
          .from(outbox)
          .where(
            and(
              eq(outbox.status, status),
              status === 'sending' ? lt(outbox.leaseUntil, now) : lte(outbox.nextAttemptAt, now),
              excludePlatforms.length ? notInArray(outbox.platform, [...excludePlatforms]) : undefined,
            ),
          )
          // Ties by id, as SQLite's (status, next_attempt_at) index walks them: with a small limit, rows due at
          // the same instant (a leaderboard and the progress post after it) must leave in the order queued.
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(limit)
          .for('update', { skipLocked: true });
      const picked = sql`(
        with expired as materialized (${part('sending')}),
          failed as materialized (${part('failed')}),
          pending as materialized (${part('pending')})
        select id from (
          select * from expired union all select * from failed union all select * from pending
        ) as ready
        order by next_attempt_at, id
        limit ${limit}
      )`;
      const rows = await db
        .update(outbox)
        .set({ status: 'sending', leaseUntil: plusMs(now, leaseMs), updatedAt: now })
        .where(sql`${outbox.id} in ${picked}`)
        .returning();
      // RETURNING has no order: hand the rows out oldest due first, as the SQLite claim does.
      return rows.map(toItem).sort(claimOrder) as ClaimedItem[];
    },

    async markSent(item, ref, { at: now }) {
      const rows = await db
        .update(outbox)
        .set({
          status: 'sent',
          messageRef: ref,
          leaseUntil: null,
          lastError: null,
          attempts: sql`${outbox.attempts} + 1`,
          updatedAt: now,
        })
        .where(and(eq(outbox.id, item.id), sql`${outbox.status} <> 'sent'`))
        .returning({ id: outbox.id });
      return rows.length > 0;
    },

    async reschedule(item, { at, nextAttemptAt, countAttempt, error }) {
      const rows = await db
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
        .returning({ id: outbox.id });
      return rows.length > 0;
    },

    async park(item, { at, error, countAttempt }) {
      const rows = await db
        .update(outbox)
        .set({
          status: 'dead',
          attempts: countAttempt ? sql`${outbox.attempts} + 1` : outbox.attempts,
          leaseUntil: null,
          lastError: error,
          updatedAt: at,
        })
        .where(fenced(item))
        .returning({ id: outbox.id });
      return rows.length > 0;
    },

    async listParked({ limit = 100 } = {}) {
      const rows = await db
        .select()
        .from(outbox)
        .where(eq(outbox.status, 'dead'))
        .orderBy(sql`${outbox.updatedAt} collate "C"`, asc(outbox.id))
        .limit(limit);
      return rows.map(toItem);
    },

    async requeue(ids, { at }) {
      if (ids.length === 0) return 0;
      const rows = await db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: at, leaseUntil: null, updatedAt: at })
        .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'dead')))
        .returning({ id: outbox.id });
      return rows.length;
    },

    async get(id) {
      const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
      return row ? toItem(row) : undefined;
    },

    async counts() {
      const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
      const rows = await db
        .select({ status: outbox.status, n: sql<number>`count(*)::int` })
        .from(outbox)
        .groupBy(outbox.status);
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    async nextDueAt() {
      // Each minimum walks the (status, next_attempt_at) index; the leases in flight are few. least() skips NULLs.
      const firstDue = (status: OutboxStatus) =>
        sql`(select min(${outbox.nextAttemptAt}) from ${outbox} where ${outbox.status} = ${status})`;
      const [row] = rowsOf<{ at: string | null }>(
        await db.execute(
          sql`select least(${firstDue('pending')}, ${firstDue('failed')}, (select min(${outbox.leaseUntil}) from ${outbox} where ${outbox.status} = 'sending')) as at`,
        ),
      );
      return row?.at ?? undefined;
    },
  };
}
