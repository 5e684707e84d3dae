// Breaches of alert thresholds: one row per breach (entering opens it, leaving closes it, a later breach
// is a new row), with who acknowledged or snoozed it and when its owner and managers were told.
import { and, asc, eq, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { Breach, BreachesRepo } from '../core/ports/index.js';
import { type StoreDb, WRITE_TX } from './db.js';
import { breaches } from './schema.js';

type Row = typeof breaches.$inferSelect;

const toBreach = (r: Row): Breach => ({ ...r });

export function createBreachesRepo(db: StoreDb): BreachesRepo {
  const byId = (id: number) => db.select().from(breaches).where(eq(breaches.id, id)).get();
  const openOf = (objectiveId: string, subjectKey: string) =>
    db
      .select()
      .from(breaches)
      .where(and(eq(breaches.objectiveId, objectiveId), eq(breaches.subjectKey, subjectKey), isNull(breaches.leftAt)))
      .get();

  return {
    async get(id) {
      const row = byId(id);
      return row ? toBreach(row) : undefined;
    },

    async findOpen(objectiveId, subjectKey) {
      const row = openOf(objectiveId, subjectKey);
      return row ? toBreach(row) : undefined;
    },

    async listOpen(objectivePrefix) {
      const where: SQL[] = [isNull(breaches.leftAt)];
      if (objectivePrefix !== undefined)
        where.push(like(breaches.objectiveId, `${objectivePrefix.replace(/[%_]/g, '')}%`));
      return db
        .select()
        .from(breaches)
        .where(and(...where))
        .orderBy(asc(breaches.enteredAt), asc(breaches.id))
        .all()
        .map(toBreach);
    },

    async open({ objectiveId, memberId, periodKey, at, value }) {
      const subjectKey = memberId ?? '';
      return db.transaction((tx) => {
        const row = tx
          .insert(breaches)
          .values({ objectiveId, memberId, subjectKey, periodKey, state: 'open', enteredAt: at, lastValue: value })
          .onConflictDoNothing()
          .returning()
          .get();
        if (row) return { breach: toBreach(row), created: true };
        const existing = tx
          .select()
          .from(breaches)
          .where(
            and(eq(breaches.objectiveId, objectiveId), eq(breaches.subjectKey, subjectKey), isNull(breaches.leftAt)),
          )
          .get();
        return { breach: toBreach(existing!), created: false };
      }, WRITE_TX);
    },

    async close(id, at) {
      db.update(breaches)
        .set({ leftAt: at, state: 'closed' })
        .where(and(eq(breaches.id, id), isNull(breaches.leftAt)))
        .run();
    },

    async setValue(id, value) {
      db.update(breaches).set({ lastValue: value }).where(eq(breaches.id, id)).run();
    },

    async markNudged(id, at) {
      // A nudge sent again after a snooze ends the snooze.
      db.update(breaches)
        .set({
          nudgedAt: at,
          state: sql`case when ${breaches.state} = 'snoozed' then 'open' else ${breaches.state} end`,
          snoozedUntil: sql`case when ${breaches.state} = 'snoozed' then null else ${breaches.snoozedUntil} end`,
        })
        .where(eq(breaches.id, id))
        .run();
    },

    async acknowledge(id, by, at) {
      const row = db
        .update(breaches)
        .set({ state: 'acknowledged', acknowledgedBy: by, acknowledgedAt: at, snoozedUntil: null })
        .where(eq(breaches.id, id))
        .returning()
        .get();
      return row ? toBreach(row) : undefined;
    },

    async snooze(id, until, _by, _at) {
      const row = db
        .update(breaches)
        .set({ state: 'snoozed', snoozedUntil: until })
        .where(eq(breaches.id, id))
        .returning()
        .get();
      return row ? toBreach(row) : undefined;
    },

    async markEscalated(id, at) {
      db.update(breaches).set({ state: 'escalated', escalatedAt: at }).where(eq(breaches.id, id)).run();
    },
  };
}
