// Out-of-office periods: added by members or managers, cancelled (never deleted) when withdrawn.
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { OooPeriod, OooRepo } from '../core/ports/index.js';
import { type StoreDb, WRITE_TX } from './db.js';
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
  // Every report reads its members' out-of-office periods: prepared once, the member ids as one JSON
  // parameter (a team of hundreds would otherwise build and prepare a statement that long each time).
  const p = sql.placeholder;
  const overlapping = db
    .select()
    .from(oooPeriods)
    .where(
      and(
        sql`${oooPeriods.memberId} in (select value from json_each(${p('members')}))`,
        isNull(oooPeriods.cancelledAt),
        lte(oooPeriods.fromDate, p('to')),
        gte(oooPeriods.toDate, p('from')),
      ),
    )
    .orderBy(asc(oooPeriods.fromDate), asc(oooPeriods.id))
    .prepare();
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
      return overlapping.all({ members: JSON.stringify(memberIds), from, to }).map(toPeriod);
    },
  };
}
