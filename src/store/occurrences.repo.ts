// Ritual occurrences: one row per (team, ritual, period, member) written before anything is sent, so a
// fire runs once whatever the number of ticks, restarts or config reloads. Also holds follow-ups that
// are due later (reminders, deadlines, escalations) as `scheduled` rows.
import { and, asc, eq, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Occurrence, OccurrenceInput, OccurrenceStatus, OccurrencesRepo } from '../core/ports/index.js';
import { type StoreDb, WRITE_TX } from './db.js';
import { ritualOccurrences } from './schema.js';

type Row = typeof ritualOccurrences.$inferSelect;

const toOccurrence = (r: Row): Occurrence => ({ ...r, status: r.status as OccurrenceStatus });

export function createOccurrencesRepo(db: StoreDb): OccurrencesRepo {
  // A check-in fire writes four rows per member (prompt, reminders, deadline) and updates one: the hot
  // statements are prepared once. A single INSERT .. ON CONFLICT DO NOTHING is atomic on its own, and a
  // row is never deleted, so when it inserts nothing the existing row can be read after it.
  const insertStmt = db
    .insert(ritualOccurrences)
    .values({
      key: sql.placeholder('key'),
      teamId: sql.placeholder('teamId'),
      ritual: sql.placeholder('ritual'),
      periodKey: sql.placeholder('periodKey'),
      memberId: sql.placeholder('memberId'),
      status: sql.placeholder('status'),
      dueAt: sql.placeholder('dueAt'),
      reason: sql.placeholder('reason'),
      createdAt: sql.placeholder('at'),
      updatedAt: sql.placeholder('at'),
    })
    .onConflictDoNothing({ target: ritualOccurrences.key })
    .returning()
    .prepare();
  const byKeyStmt = db
    .select()
    .from(ritualOccurrences)
    .where(eq(ritualOccurrences.key, sql.placeholder('key')))
    .prepare();
  // `keepReason` = 1 leaves the reason as it is (no reason given); `sent_at` is stamped when enqueued.
  const setStatusStmt = db
    .update(ritualOccurrences)
    .set({
      status: sql`${sql.placeholder('status')}`,
      updatedAt: sql`${sql.placeholder('at')}`,
      sentAt: sql`case when ${sql.placeholder('status')} = 'enqueued' then ${sql.placeholder('at')} else ${ritualOccurrences.sentAt} end`,
      reason: sql`case when ${sql.placeholder('keepReason')} = 1 then ${ritualOccurrences.reason} else ${sql.placeholder('reason')} end`,
    })
    .where(eq(ritualOccurrences.id, sql.placeholder('id')))
    .prepare();

  const insertOne = (input: OccurrenceInput, at: string): { occurrence: Occurrence; created: boolean } => {
    const row = insertStmt.get({
      key: input.key,
      teamId: input.teamId,
      ritual: input.ritual,
      periodKey: input.periodKey,
      memberId: input.memberId,
      status: input.status,
      dueAt: input.dueAt,
      reason: input.reason ?? null,
      at,
    });
    if (row) return { occurrence: toOccurrence(row), created: true };
    const existing = byKeyStmt.get({ key: input.key });
    return { occurrence: toOccurrence(existing!), created: false };
  };
  const setOne = (id: number, status: OccurrenceStatus, at: string, reason: string | null | undefined) =>
    setStatusStmt.run({ id, status, at, keepReason: reason === undefined ? 1 : 0, reason: reason ?? null });

  return {
    async insert(input, { at }) {
      return insertOne(input, at);
    },

    async insertMany(inputs, { at }) {
      if (inputs.length === 0) return [];
      return db.transaction(() => inputs.map((input) => insertOne(input, at)), WRITE_TX);
    },

    async get(key) {
      const row = byKeyStmt.get({ key });
      return row ? toOccurrence(row) : undefined;
    },

    async setStatus(id, status, { at, reason }) {
      setOne(id, status, at, reason);
    },

    async setStatusMany(changes, { at }) {
      if (changes.length === 0) return;
      db.transaction(() => {
        for (const c of changes) setOne(c.id, c.status, at, c.reason);
      }, WRITE_TX);
    },

    async listDue(statuses, dueBy) {
      return db
        .select()
        .from(ritualOccurrences)
        .where(and(inArray(ritualOccurrences.status, [...statuses]), lte(ritualOccurrences.dueAt, dueBy)))
        .orderBy(asc(ritualOccurrences.dueAt), asc(ritualOccurrences.id))
        .all()
        .map(toOccurrence);
    },

    async list(filter) {
      const where: SQL[] = [];
      if (filter.teamId !== undefined) where.push(eq(ritualOccurrences.teamId, filter.teamId));
      if (filter.ritual !== undefined) where.push(eq(ritualOccurrences.ritual, filter.ritual));
      if (filter.periodKey !== undefined) where.push(eq(ritualOccurrences.periodKey, filter.periodKey));
      if (filter.memberId !== undefined) where.push(eq(ritualOccurrences.memberId, filter.memberId));
      if (filter.statuses) where.push(inArray(ritualOccurrences.status, [...filter.statuses]));
      return db
        .select()
        .from(ritualOccurrences)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(ritualOccurrences.dueAt), asc(ritualOccurrences.id))
        .all()
        .map(toOccurrence);
    },

    async nextScheduled(after) {
      const row = db
        .select()
        .from(ritualOccurrences)
        .where(and(eq(ritualOccurrences.status, 'scheduled'), gt(ritualOccurrences.dueAt, after)))
        .orderBy(asc(ritualOccurrences.dueAt), asc(ritualOccurrences.id))
        .limit(1)
        .get();
      return row ? toOccurrence(row) : undefined;
    },
  };
}
