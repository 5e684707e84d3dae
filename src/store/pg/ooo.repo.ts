// PostgreSQL implementation of the OooRepo port (see ../ooo.repo.ts for the SQLite one and the behaviour
// both keep). A cancellation is one conditional update: of two at once, one cancels and the other finds
// the period already cancelled.
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { OooPeriod, OooRepo } from '../../core/ports/index.js';
import { anyOf, type PgStoreDb, rowCountOf } from './db.js';
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

export function createPgOooRepo(db: PgStoreDb): OooRepo {
  return {
    async add({ memberId, from, to, reason, by, at }) {
      const [row] = await db
        .insert(oooPeriods)
        .values({ memberId, fromDate: from, toDate: to, reason: reason ?? null, createdBy: by, createdAt: at })
        .returning();
      return toPeriod(row!);
    },

    async cancel(id, { by, at }) {
      const res = await db
        .update(oooPeriods)
        .set({ cancelledAt: at, cancelledBy: by })
        .where(and(eq(oooPeriods.id, id), isNull(oooPeriods.cancelledAt)));
      return rowCountOf(res) > 0;
    },

    async listOverlapping(memberIds, from, to) {
      if (memberIds.length === 0) return [];
      // The member ids as one JSON parameter: a team of hundreds is one parameter, not hundreds.
      const rows = await db
        .select()
        .from(oooPeriods)
        .where(
          and(
            anyOf(oooPeriods.memberId, memberIds),
            isNull(oooPeriods.cancelledAt),
            lte(oooPeriods.fromDate, to),
            gte(oooPeriods.toDate, from),
          ),
        )
        .orderBy(asc(oooPeriods.fromDate), asc(oooPeriods.id));
      return rows.map(toPeriod);
    },
  };
}
