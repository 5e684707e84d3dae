// Ritual occurrences on PostgreSQL (see ../occurrences.repo.ts for the SQLite one and the behaviour both
// keep): one row per (team, ritual, period, member), written before anything is sent, so a fire runs once.
// Two schedulers writing the same fire at once is safe: rows go in with INSERT ... ON CONFLICT (key) DO
// NOTHING, multi-row inside one transaction; the second writer waits for the first and reads its rows. A
// batch takes its ids from the sequence first, in input order (so rows list in input order, as on SQLite),
// then inserts in key order: two batches that overlap take their row locks in the same order and cannot
// deadlock, whatever order each was given in.
import { and, asc, eq, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type {
  Occurrence,
  OccurrenceInput,
  OccurrenceStatus,
  OccurrenceStatusChange,
  OccurrencesRepo,
} from '../../core/ports/index.js';
import { chunks, type PgStoreDb, type PgStoreTx, rowsOf } from './db.js';
import { ritualOccurrences } from './schema.js';

type Row = typeof ritualOccurrences.$inferSelect;
type Result = { readonly occurrence: Occurrence; readonly created: boolean };

const toOccurrence = (r: Row): Occurrence => ({ ...r, status: r.status as OccurrenceStatus });

// Instants are ISO text of one shape: ordered byte-wise whatever the database's collation.
const dueOrder = [sql`${ritualOccurrences.dueAt} collate "C"`, asc(ritualOccurrences.id)];

export function createPgOccurrencesRepo(db: PgStoreDb): OccurrencesRepo {
  const rowOf = (input: OccurrenceInput, at: string) => ({
    key: input.key,
    teamId: input.teamId,
    ritual: input.ritual,
    periodKey: input.periodKey,
    memberId: input.memberId,
    status: input.status,
    dueAt: input.dueAt,
    reason: input.reason ?? null,
    createdAt: at,
    updatedAt: at,
  });

  /** Inserts what is new, then reads the rows that already existed; results in input order. */
  async function insertBatch(q: PgStoreTx, inputs: readonly OccurrenceInput[], at: string) {
    const ids = rowsOf<{ id: number }>(
      await q.execute(
        sql`select nextval(pg_get_serial_sequence('ritual_occurrences', 'id'))::int as id from generate_series(1, ${inputs.length}::int) order by 1`,
      ),
    ).map((r) => r.id);
    // A stable sort: of a key given twice, the first entry goes in (and the second finds it).
    const rows = inputs
      .map((input, i) => ({ id: ids[i]!, ...rowOf(input, at) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const created = new Map<string, Row>();
    for (const part of chunks(rows)) {
      const inserted = await q
        .insert(ritualOccurrences)
        .values(part)
        .onConflictDoNothing({ target: ritualOccurrences.key })
        .returning();
      for (const r of inserted) created.set(r.key, r);
    }
    const missing = [...new Set(inputs.map((i) => i.key).filter((k) => !created.has(k)))];
    const existing = new Map<string, Row>();
    for (const part of chunks(missing)) {
      const rows = await q.select().from(ritualOccurrences).where(inArray(ritualOccurrences.key, part));
      for (const r of rows) existing.set(r.key, r);
    }
    // A key given twice in one batch is created by its first entry; the second finds it.
    const handedOut = new Set<string>();
    return inputs.map((input): Result => {
      const fresh = created.get(input.key);
      if (fresh && !handedOut.has(input.key)) {
        handedOut.add(input.key);
        return { occurrence: toOccurrence(fresh), created: true };
      }
      const row = fresh ?? existing.get(input.key);
      if (!row) throw new Error(`occurrence ${input.key} was neither inserted nor found`);
      return { occurrence: toOccurrence(row), created: false };
    });
  }

  async function setMany(q: PgStoreTx, changes: readonly OccurrenceStatusChange[], at: string) {
    // Rows are locked in id order first, so two overlapping batches cannot deadlock on each other.
    const ids = [...new Set(changes.map((c) => c.id))].sort((a, b) => a - b);
    for (const part of chunks(ids))
      await q
        .select({ id: ritualOccurrences.id })
        .from(ritualOccurrences)
        .where(inArray(ritualOccurrences.id, part))
        .orderBy(asc(ritualOccurrences.id))
        .for('update');
    // A row changed twice in one batch gets its changes in order, as when SQLite applies them one by one:
    // round n holds the n-th change of each row.
    const rounds: OccurrenceStatusChange[][] = [];
    const seen = new Map<number, number>();
    for (const c of changes) {
      const n = seen.get(c.id) ?? 0;
      seen.set(c.id, n + 1);
      if (n === rounds.length) rounds.push([]);
      rounds[n]!.push(c);
    }
    for (const round of rounds)
      for (const part of chunks(round)) {
        const values = sql.join(
          part.map(
            (c) =>
              sql`(${c.id}::int, ${c.status}::text, ${c.reason === undefined}::boolean, ${c.reason ?? null}::text)`,
          ),
          sql`, `,
        );
        await q.execute(sql`
          update ${ritualOccurrences} as o set
            status = v.status,
            updated_at = ${at},
            sent_at = case when v.status = 'enqueued' then ${at} else o.sent_at end,
            reason = case when v.keep_reason then o.reason else v.reason end
          from (values ${values}) as v(id, status, keep_reason, reason)
          where o.id = v.id`);
      }
  }

  return {
    async insert(input, { at }) {
      const [row] = await db
        .insert(ritualOccurrences)
        .values(rowOf(input, at))
        .onConflictDoNothing({ target: ritualOccurrences.key })
        .returning();
      if (row) return { occurrence: toOccurrence(row), created: true };
      // A row is never deleted while its fire matters: when the insert did nothing, the row is there.
      const [existing] = await db.select().from(ritualOccurrences).where(eq(ritualOccurrences.key, input.key));
      if (!existing) throw new Error(`occurrence ${input.key} was neither inserted nor found`);
      return { occurrence: toOccurrence(existing), created: false };
    },

    async insertMany(inputs, { at }) {
      if (inputs.length === 0) return [];
      return db.transaction((tx) => insertBatch(tx, inputs, at));
    },

    async get(key) {
      const [row] = await db.select().from(ritualOccurrences).where(eq(ritualOccurrences.key, key));
      return row ? toOccurrence(row) : undefined;
    },

    async setStatus(id, status, { at, reason }) {
      await db
        .update(ritualOccurrences)
        .set({
          status,
          updatedAt: at,
          ...(status === 'enqueued' ? { sentAt: at } : {}),
          ...(reason === undefined ? {} : { reason }),
        })
        .where(eq(ritualOccurrences.id, id));
    },

    async setStatusMany(changes, { at }) {
      if (changes.length === 0) return;
      await db.transaction((tx) => setMany(tx, changes, at));
    },

    async listDue(statuses, dueBy) {
      if (statuses.length === 0) return [];
      const rows = await db
        .select()
        .from(ritualOccurrences)
        .where(and(inArray(ritualOccurrences.status, [...statuses]), lte(ritualOccurrences.dueAt, dueBy)))
        .orderBy(...dueOrder);
      return rows.map(toOccurrence);
    },

    async list(filter) {
      const where: SQL[] = [];
      if (filter.teamId !== undefined) where.push(eq(ritualOccurrences.teamId, filter.teamId));
      if (filter.ritual !== undefined) where.push(eq(ritualOccurrences.ritual, filter.ritual));
      if (filter.periodKey !== undefined) where.push(eq(ritualOccurrences.periodKey, filter.periodKey));
      if (filter.memberId !== undefined) where.push(eq(ritualOccurrences.memberId, filter.memberId));
      if (filter.statuses) {
        if (filter.statuses.length === 0) return [];
        where.push(inArray(ritualOccurrences.status, [...filter.statuses]));
      }
      const rows = await db
        .select()
        .from(ritualOccurrences)
        .where(where.length ? and(...where) : undefined)
        .orderBy(...dueOrder);
      return rows.map(toOccurrence);
    },

    async nextScheduled(after) {
      const [row] = await db
        .select()
        .from(ritualOccurrences)
        .where(and(eq(ritualOccurrences.status, 'scheduled'), gt(ritualOccurrences.dueAt, after)))
        .orderBy(...dueOrder)
        .limit(1);
      return row ? toOccurrence(row) : undefined;
    },
  };
}
