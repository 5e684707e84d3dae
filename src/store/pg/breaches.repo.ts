// Breaches of alert thresholds on PostgreSQL (see ../breaches.repo.ts for the SQLite one and the behaviour
// both keep). One open breach per objective and subject is the partial unique index breaches_one_open_uq:
// two replicas opening the same breach at once both INSERT ... ON CONFLICT DO NOTHING, one row goes in and
// the other reads it back as the existing breach.
import { and, asc, eq, ilike, isNull, type SQL, sql } from 'drizzle-orm';
import type { Breach, BreachesRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { breaches } from './schema.js';

type Row = typeof breaches.$inferSelect;

const toBreach = (r: Row): Breach => ({ ...r });

export function createPgBreachesRepo(db: PgStoreDb): BreachesRepo {
  const openOf = async (objectiveId: string, subjectKey: string) => {
    const [row] = await db
      .select()
      .from(breaches)
      .where(and(eq(breaches.objectiveId, objectiveId), eq(breaches.subjectKey, subjectKey), isNull(breaches.leftAt)));
    return row;
  };

  return {
    async get(id) {
      const [row] = await db.select().from(breaches).where(eq(breaches.id, id));
      return row ? toBreach(row) : undefined;
    },

    async findOpen(objectiveId, subjectKey) {
      const row = await openOf(objectiveId, subjectKey);
      return row ? toBreach(row) : undefined;
    },

    async listOpen(objectivePrefix) {
      const where: SQL[] = [isNull(breaches.leftAt)];
      // ILIKE as SQLite's LIKE, which ignores ASCII case (ids are ASCII).
      if (objectivePrefix !== undefined)
        where.push(ilike(breaches.objectiveId, `${objectivePrefix.replace(/[%_]/g, '')}%`));
      const rows = await db
        .select()
        .from(breaches)
        .where(and(...where))
        .orderBy(sql`${breaches.enteredAt} collate "C"`, asc(breaches.id));
      return rows.map(toBreach);
    },

    async open({ objectiveId, memberId, periodKey, at, value }) {
      const subjectKey = memberId ?? '';
      // The open breach found on conflict may be closed before it is read: then try again.
      for (let attempt = 1; ; attempt++) {
        const [row] = await db
          .insert(breaches)
          .values({ objectiveId, memberId, subjectKey, periodKey, state: 'open', enteredAt: at, lastValue: value })
          .onConflictDoNothing()
          .returning();
        if (row) return { breach: toBreach(row), created: true };
        const existing = await openOf(objectiveId, subjectKey);
        if (existing) return { breach: toBreach(existing), created: false };
        if (attempt >= 5) throw new Error(`could not open the breach of ${objectiveId} (${subjectKey || 'team'})`);
      }
    },

    async close(id, at) {
      await db
        .update(breaches)
        .set({ leftAt: at, state: 'closed' })
        .where(and(eq(breaches.id, id), isNull(breaches.leftAt)));
    },

    async setValue(id, value) {
      await db.update(breaches).set({ lastValue: value }).where(eq(breaches.id, id));
    },

    async markNudged(id, at) {
      // A nudge sent again after a snooze ends the snooze.
      await db
        .update(breaches)
        .set({
          nudgedAt: at,
          state: sql`case when ${breaches.state} = 'snoozed' then 'open' else ${breaches.state} end`,
          snoozedUntil: sql`case when ${breaches.state} = 'snoozed' then null else ${breaches.snoozedUntil} end`,
        })
        .where(eq(breaches.id, id));
    },

    async acknowledge(id, by, at) {
      const [row] = await db
        .update(breaches)
        .set({ state: 'acknowledged', acknowledgedBy: by, acknowledgedAt: at, snoozedUntil: null })
        .where(eq(breaches.id, id))
        .returning();
      return row ? toBreach(row) : undefined;
    },

    async snooze(id, until, _by, _at) {
      const [row] = await db
        .update(breaches)
        .set({ state: 'snoozed', snoozedUntil: until })
        .where(eq(breaches.id, id))
        .returning();
      return row ? toBreach(row) : undefined;
    },

    async markEscalated(id, at) {
      await db.update(breaches).set({ state: 'escalated', escalatedAt: at }).where(eq(breaches.id, id));
    },
  };
}
