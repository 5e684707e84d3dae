// Check-in submissions: one row per submission (never overwritten), deduplicated by idempotency key;
// the latest submission per member and period is the answer that counts.
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { CheckIn, CheckInFilter, CheckInsRepo } from '../core/ports/index.js';
import { type StoreDb, WRITE_TX } from './db.js';
import { checkIns } from './schema.js';

type Row = typeof checkIns.$inferSelect;

const toCheckIn = (row: Row): CheckIn => ({ ...row });

/** True for the latest submission of its member and period (ties broken by id). */
const isLatest = sql`not exists (
  select 1 from ${checkIns} as later
  where later.member_id = ${checkIns.memberId} and later.period_key = ${checkIns.periodKey}
    and (later.submitted_at > ${checkIns.submittedAt}
      or (later.submitted_at = ${checkIns.submittedAt} and later.id > ${checkIns.id})))`;

export function createCheckInsRepo(db: StoreDb): CheckInsRepo {
  // Every answer and every form runs these: prepared once (building and preparing the SQL on each call
  // cost more than running it).
  const p = sql.placeholder;
  const insertOne = db
    .insert(checkIns)
    .values({
      memberId: p('memberId'),
      teamId: p('teamId'),
      periodKey: p('periodKey'),
      submittedAt: p('submittedAt'),
      values: p('values'),
      wins: p('wins'),
      blockers: p('blockers'),
      idempotencyKey: p('idempotencyKey'),
      status: p('status'),
      platform: p('platform'),
    })
    .onConflictDoNothing({ target: checkIns.idempotencyKey })
    .returning()
    .prepare();
  const byKey = db
    .select()
    .from(checkIns)
    .where(eq(checkIns.idempotencyKey, p('idempotencyKey')))
    .prepare();
  const latest = db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.memberId, p('memberId')), eq(checkIns.periodKey, p('periodKey'))))
    .orderBy(desc(checkIns.submittedAt), desc(checkIns.id))
    .limit(1)
    .prepare();
  // A member's latest answers of some periods (the outlier check's history, on every submission).
  const latestOfMember = db
    .select()
    .from(checkIns)
    .where(
      and(
        eq(checkIns.memberId, p('memberId')),
        sql`${checkIns.periodKey} in (select value from json_each(${p('periodKeys')}))`,
        isLatest,
      ),
    )
    .orderBy(asc(checkIns.submittedAt), asc(checkIns.id))
    .prepare();

  return {
    async submit(input) {
      return db.transaction(() => {
        const row = insertOne.get({
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
        });
        if (row) return { checkIn: toCheckIn(row), duplicate: false };
        const existing = byKey.get({ idempotencyKey: input.idempotencyKey });
        return { checkIn: toCheckIn(existing!), duplicate: true };
      }, WRITE_TX);
    },

    async latestFor(memberId, periodKey) {
      const row = latest.get({ memberId, periodKey });
      return row ? toCheckIn(row) : undefined;
    },

    async list(filter: CheckInFilter) {
      const { memberIds, periodKeys, latestOnly, teamId, from, to } = filter;
      if (memberIds?.length === 1 && periodKeys && latestOnly && teamId === undefined && !from && !to)
        return latestOfMember.all({ memberId: memberIds[0]!, periodKeys: JSON.stringify(periodKeys) }).map(toCheckIn);
      const where: SQL[] = [];
      if (filter.teamId !== undefined) where.push(eq(checkIns.teamId, filter.teamId));
      if (filter.memberIds) where.push(inArray(checkIns.memberId, [...filter.memberIds]));
      if (filter.periodKeys) where.push(inArray(checkIns.periodKey, [...filter.periodKeys]));
      if (filter.from) where.push(sql`substr(${checkIns.submittedAt}, 1, 10) >= ${filter.from}`);
      if (filter.to) where.push(sql`substr(${checkIns.submittedAt}, 1, 10) <= ${filter.to}`);
      if (filter.latestOnly) where.push(isLatest);
      return db
        .select()
        .from(checkIns)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(checkIns.submittedAt), asc(checkIns.id))
        .all()
        .map(toCheckIn);
    },
  };
}
