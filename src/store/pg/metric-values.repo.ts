// PostgreSQL implementation of the MetricValuesRepo port (see ../metric-values.repo.ts for the SQLite one and
// the behaviour both keep). An upsert is safe with several replicas writing the same values at once: the
// new rows go in with one multi-row `INSERT ... ON CONFLICT DO NOTHING` (a second writer of the same key
// waits for the first, then inserts nothing), the existing ones are read `FOR UPDATE` (in key order), so a
// correction and its history row are written by one transaction at a time. Two batches inserting the same
// new keys in different orders may deadlock: PostgreSQL cancels one, which is retried.
import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { MetricValue } from '../../core/domain/metric-values.js';
import type {
  MetricValueFilter,
  MetricValueInput,
  MetricValueRevision,
  MetricValuesRepo,
  StoredMetricValue,
  UpsertSummary,
} from '../../core/ports/index.js';
import { anyOf, type PgStoreDb, type PgStoreTx, pgErrorCode } from './db.js';
import { metricValueHistory, metricValues, teamMembers } from './schema.js';

type Row = typeof metricValues.$inferSelect;

const toValue = (row: Row): StoredMetricValue => ({ ...row });

function sameData(row: Row, v: MetricValueInput): boolean {
  return (
    row.value === v.value &&
    row.date === v.date &&
    row.kpiId === v.kpiId &&
    row.memberId === (v.memberId ?? null) &&
    row.teamId === (v.teamId ?? null)
  );
}

const keyOf = (source: string, externalId: string) => JSON.stringify([source, externalId]);

/** The batch in rounds holding each key once, in the given order (new rows take their ids in it, as on
 * SQLite): a key given twice is applied twice, in order. */
function rounds(values: readonly MetricValueInput[]): MetricValueInput[][] {
  const out: MetricValueInput[][] = [];
  const seen = new Map<string, number>();
  for (const v of values) {
    const k = keyOf(v.source, v.externalId);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const round = out[n] ?? [];
    round.push(v);
    out[n] = round;
  }
  return out;
}

async function upsertRound(
  tx: PgStoreTx,
  values: MetricValueInput[],
  at: string,
  counts: Record<keyof UpsertSummary, number>,
) {
  const data = (v: MetricValueInput) => ({
    memberId: v.memberId ?? null,
    teamId: v.teamId ?? null,
    kpiId: v.kpiId,
    date: v.date,
    value: v.value,
    source: v.source,
    externalId: v.externalId,
  });
  const inserted = await tx
    .insert(metricValues)
    .values(values.map((v) => ({ ...data(v), recordedAt: at })))
    .onConflictDoNothing({ target: [metricValues.source, metricValues.externalId] })
    .returning({ source: metricValues.source, externalId: metricValues.externalId });
  counts.inserted += inserted.length;
  const fresh = new Set(inserted.map((r) => keyOf(r.source, r.externalId)));
  const rest = values.filter((v) => !fresh.has(keyOf(v.source, v.externalId)));
  if (rest.length === 0) return;
  // Rows another transaction inserted or corrected have committed by now (the insert waited for them).
  const keys = rest.map((v) => [v.source, v.externalId]);
  const existing = await tx
    .select()
    .from(metricValues)
    .where(
      sql`(${metricValues.source}, ${metricValues.externalId}) in (select k->>0, k->>1 from jsonb_array_elements(${JSON.stringify(keys)}::jsonb) as k)`,
    )
    .orderBy(sql`${metricValues.source} collate "C"`, sql`${metricValues.externalId} collate "C"`)
    .for('update');
  const current = new Map(existing.map((r) => [keyOf(r.source, r.externalId), r]));
  const changed: { row: Row; v: MetricValueInput }[] = [];
  for (const v of rest) {
    const row = current.get(keyOf(v.source, v.externalId));
    if (!row) throw new Error(`metric value ${v.source}/${v.externalId} vanished during its upsert`);
    if (sameData(row, v)) counts.unchanged++;
    else changed.push({ row, v });
  }
  if (changed.length === 0) return;
  await tx.insert(metricValueHistory).values(
    changed.map(({ row }) => ({
      metricValueId: row.id,
      memberId: row.memberId,
      teamId: row.teamId,
      kpiId: row.kpiId,
      date: row.date,
      value: row.value,
      recordedAt: row.recordedAt,
      supersededAt: at,
    })),
  );
  for (const { row, v } of changed) {
    await tx
      .update(metricValues)
      .set({ ...data(v), recordedAt: at })
      .where(eq(metricValues.id, row.id));
  }
  counts.updated += changed.length;
}

export function createPgMetricValuesRepo(db: PgStoreDb): MetricValuesRepo {
  const select = async (where: SQL | undefined) =>
    (await db.select().from(metricValues).where(where).orderBy(asc(metricValues.date), asc(metricValues.id))).map(
      toValue,
    );

  const teamPeriod = (teamId: string, memberIds: readonly string[], from: string, to: string) => {
    const teamLevel = and(eq(metricValues.teamId, teamId), isNull(metricValues.memberId));
    const subject = memberIds.length ? or(teamLevel, anyOf(metricValues.memberId, memberIds)) : teamLevel;
    return and(subject, gte(metricValues.date, from), lte(metricValues.date, to));
  };

  return {
    async upsertMany(values, { at }): Promise<UpsertSummary> {
      if (values.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction(async (tx) => {
            const counts = { inserted: 0, updated: 0, unchanged: 0 };
            for (const round of rounds(values)) await upsertRound(tx, round, at, counts);
            return counts;
          });
        } catch (err) {
          if (attempt >= 5 || pgErrorCode(err) !== '40P01') throw err;
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        }
      }
    },

    async listForTeamPeriod(teamId, memberIds, from, to) {
      return select(teamPeriod(teamId, memberIds, from, to));
    },

    async listReportValues(teamId, memberIds, from, to): Promise<MetricValue[]> {
      const rows = await db
        .select({
          memberId: metricValues.memberId,
          teamId: metricValues.teamId,
          kpi: metricValues.kpiId,
          date: metricValues.date,
          value: metricValues.value,
          recordedAt: metricValues.recordedAt,
        })
        .from(metricValues)
        .where(teamPeriod(teamId, memberIds, from, to))
        .orderBy(asc(metricValues.date), asc(metricValues.id));
      return rows.map(({ memberId, teamId: rowTeamId, kpi, date, value, recordedAt }) => {
        const v: { memberId?: string; teamId?: string; kpi: string; date: string; value: number; recordedAt: string } =
          { kpi, date, value, recordedAt };
        if (memberId !== null) v.memberId = memberId;
        if (rowTeamId !== null) v.teamId = rowTeamId;
        return v;
      });
    },

    async list(filter: MetricValueFilter) {
      const where: (SQL | undefined)[] = [];
      if (filter.teamId !== undefined) {
        // A team's values: its team-level ones and those of anyone who was ever a member.
        const everMember = db
          .select({ id: teamMembers.memberId })
          .from(teamMembers)
          .where(eq(teamMembers.teamId, filter.teamId));
        where.push(or(eq(metricValues.teamId, filter.teamId), inArray(metricValues.memberId, everMember)));
      }
      if (filter.memberIds) where.push(anyOf(metricValues.memberId, filter.memberIds));
      if (filter.kpiIds) where.push(anyOf(metricValues.kpiId, filter.kpiIds));
      if (filter.from) where.push(gte(metricValues.date, filter.from));
      if (filter.to) where.push(lte(metricValues.date, filter.to));
      return select(where.length ? and(...where) : undefined);
    },

    async findByExternalId(source, externalId) {
      const [row] = await db
        .select()
        .from(metricValues)
        .where(and(eq(metricValues.source, source), eq(metricValues.externalId, externalId)));
      return row ? toValue(row) : undefined;
    },

    async listHistory(metricValueId): Promise<MetricValueRevision[]> {
      const rows = await db
        .select()
        .from(metricValueHistory)
        .where(eq(metricValueHistory.metricValueId, metricValueId))
        .orderBy(asc(metricValueHistory.id));
      return rows.map(({ id: _id, ...rest }) => rest);
    },
  };
}
