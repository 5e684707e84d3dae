// Out-of-office periods: added by members or managers, cancelled (never deleted) when withdrawn.
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { OooPeriod, OooRepo } from '../core/ports.js';
import { WRITE_TX, type StoreDb } from './db.js';
import { oooPeriods } from './schema.js';

type Row = typeof oooPeriods.$inferSelect;

const toPeriod = (r: Row): OooPeriod => ({
  id: r.id,
  memberId: r.memberId,
  from: r.fromDate,
  to: r.toDate,
  reason: r.reason,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  cancelledAt: r.cancelledAt,
});

export function createOooRepo(db: StoreDb): OooRepo {
  return {
    async add({ memberId, from, to, reason, by, at }) {
      const row = db
        .insert(oooPeriods)
        .values({ memberId, fromDate: from, toDate: to, reason: reason ?? null, createdBy: by, createdAt: at })
        .returning()
        .get();
      return toPeriod(row);
    },

    async cancel(id, { by, at }) {
      return db.transaction((tx) => {
        const res = tx
          .update(oooPeriods)
          .set({ cancelledAt: at, cancelledBy: by })
          .where(and(eq(oooPeriods.id, id), isNull(oooPeriods.cancelledAt)))
          .run();
        return res.changes > 0;
      }, WRITE_TX);
    },

    async listOverlapping(memberIds, from, to) {
      if (memberIds.length === 0) return [];
      return db
        .select()
        .from(oooPeriods)
        .where(
          and(
            // One JSON parameter rather than one per member: a team of hundreds otherwise builds and
            // prepares a statement that long on every report.
            sql`${oooPeriods.memberId} in (select value from json_each(${JSON.stringify(memberIds)}))`,
            isNull(oooPeriods.cancelledAt),
            lte(oooPeriods.fromDate, to),
            gte(oooPeriods.toDate, from),
          ),
        )
        .orderBy(asc(oooPeriods.fromDate), asc(oooPeriods.id))
        .all()
        .map(toPeriod);
    },
  };
}
