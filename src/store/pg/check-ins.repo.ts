// PostgreSQL implementation of the CheckInsRepo port (see ../check-ins.repo.ts for the SQLite one and the
// behaviour both keep). A submission is `INSERT ... ON CONFLICT (idempotency_key) DO NOTHING`: when two
// replicas store the same key at once, the second insert waits for the first to commit and inserts
// nothing, then reads the row the first stored; exactly one of them answers `duplicate: false`.
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { CheckIn, CheckInFilter, CheckInsRepo } from '../../core/ports/index.js';
import { anyOf, type PgStoreDb } from './db.js';
import { checkIns } from './schema.js';

type Row = typeof checkIns.$inferSelect;

const toCheckIn = (row: Row): CheckIn => ({ ...row });

/** True for the latest submission of its member and period (ties broken by id). */
const isLatest = sql`not exists (
  select 1 from ${checkIns} as later
  where later.member_id = ${checkIns.memberId} and later.period_key = ${checkIns.periodKey}
    and (later.submitted_at collate "C" > ${checkIns.submittedAt}
      or (later.submitted_at = ${checkIns.submittedAt} and later.id > ${checkIns.id})))`;

export function createPgCheckInsRepo(db: PgStoreDb): CheckInsRepo {
  return {
    async submit(input) {
      const [row] = await db
        .insert(checkIns)
        .values({
          memberId: input.memberId,
          teamId: input.teamId,
          periodKey: input.periodKey,
          submittedAt: input.submittedAt,
          values: { ...input.values },
          wins: input.wins ?? null,
          blockers: input.blockers ?? null,
          idempotencyKey: input.idempotencyKey,
          status: input.status ?? 'submitted',
          platform: input.platform ?? null,
        })
        .onConflictDoNothing({ target: checkIns.idempotencyKey })
        .returning();
      if (row) return { checkIn: toCheckIn(row), duplicate: false };
      // The insert found the key committed (it waits for a concurrent writer of it): this read sees it.
      const [existing] = await db.select().from(checkIns).where(eq(checkIns.idempotencyKey, input.idempotencyKey));
      if (!existing) throw new Error(`check-in ${input.idempotencyKey} neither stored nor found`);
      return { checkIn: toCheckIn(existing), duplicate: true };
    },

    async latestFor(memberId, periodKey) {
      const [row] = await db
        .select()
        .from(checkIns)
        .where(and(eq(checkIns.memberId, memberId), eq(checkIns.periodKey, periodKey)))
        .orderBy(desc(sql`${checkIns.submittedAt} collate "C"`), desc(checkIns.id))
        .limit(1);
      return row ? toCheckIn(row) : undefined;
    },

    async list(filter: CheckInFilter) {
      const where: SQL[] = [];
      if (filter.teamId !== undefined) where.push(eq(checkIns.teamId, filter.teamId));
      if (filter.memberIds) where.push(anyOf(checkIns.memberId, filter.memberIds));
      if (filter.periodKeys) where.push(anyOf(checkIns.periodKey, filter.periodKeys));
      if (filter.from) where.push(sql`substr(${checkIns.submittedAt}, 1, 10) collate "C" >= ${filter.from}`);
      if (filter.to) where.push(sql`substr(${checkIns.submittedAt}, 1, 10) collate "C" <= ${filter.to}`);
      if (filter.latestOnly) where.push(isLatest);
      const rows = await db
        .select()
        .from(checkIns)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(sql`${checkIns.submittedAt} collate "C"`), asc(checkIns.id));
      return rows.map(toCheckIn);
    },
  };
}
