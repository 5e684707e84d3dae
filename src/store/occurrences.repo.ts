// Ritual occurrences: one row per (team, ritual, period, member) written before anything is sent, so a
// fire runs once whatever the number of ticks, restarts or config reloads. Also holds follow-ups that
// are due later (reminders, deadlines, escalations) as `scheduled` rows.
import { and, asc, eq, gt, inArray, lte, type SQL } from 'drizzle-orm';
import type { Occurrence, OccurrencesRepo, OccurrenceStatus } from '../core/ports.js';
import { WRITE_TX, type StoreDb } from './db.js';
import { ritualOccurrences } from './schema.js';

type Row = typeof ritualOccurrences.$inferSelect;

const toOccurrence = (r: Row): Occurrence => ({ ...r, status: r.status as OccurrenceStatus });

export function createOccurrencesRepo(db: StoreDb): OccurrencesRepo {
  return {
    async insert(input, { at }) {
      return db.transaction((tx) => {
        const row = tx
          .insert(ritualOccurrences)
          .values({
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
          })
          .onConflictDoNothing({ target: ritualOccurrences.key })
          .returning()
          .get();
        if (row) return { occurrence: toOccurrence(row), created: true };
        const existing = tx.select().from(ritualOccurrences).where(eq(ritualOccurrences.key, input.key)).get();
        return { occurrence: toOccurrence(existing!), created: false };
      }, WRITE_TX);
    },

    async get(key) {
      const row = db.select().from(ritualOccurrences).where(eq(ritualOccurrences.key, key)).get();
      return row ? toOccurrence(row) : undefined;
    },

    async setStatus(id, status, { at, reason }) {
      const sent = status === 'enqueued' ? { sentAt: at } : {};
      db.update(ritualOccurrences)
        .set({ status, updatedAt: at, ...sent, ...(reason !== undefined ? { reason } : {}) })
        .where(eq(ritualOccurrences.id, id))
        .run();
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
