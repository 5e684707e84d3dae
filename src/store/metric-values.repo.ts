// Metric values: idempotent upserts keyed by (source, external id), with the superseded state of a
// corrected value kept in metric_value_history.
import type Database from 'better-sqlite3';
import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { MetricValue } from '../core/domain/metric-values.js';
import type {
  MetricValueFilter,
  MetricValueInput,
  MetricValueRevision,
  MetricValuesRepo,
  StoredMetricValue,
  UpsertSummary,
} from '../core/ports/index.js';
import { type StoreDb, WRITE_TX } from './db.js';
import { metricValueHistory, metricValues, teamMembers } from './schema.js';

type Row = typeof metricValues.$inferSelect;

function toValue(row: Row): StoredMetricValue {
  return { ...row };
}

function sameData(row: Row, v: MetricValueInput): boolean {
  return (
    row.value === v.value &&
    row.date === v.date &&
    row.kpiId === v.kpiId &&
    row.memberId === (v.memberId ?? null) &&
    row.teamId === (v.teamId ?? null)
  );
}

type ReportRow = [string | null, string | null, string, string, number, string];

export function createMetricValuesRepo(db: StoreDb): MetricValuesRepo {
  const select = (where: SQL | undefined) =>
    db
      .select()
      .from(metricValues)
      .where(where)
      .orderBy(asc(metricValues.date), asc(metricValues.id))
      .all()
      .map(toValue);

  // Every report reads its values with this one statement: prepared once on the driver (drizzle's
  // `db.values` builds and prepares it again on each call), rows as arrays. drizzle() keeps the driver's
  // connection in `$client`, which the StoreDb type leaves out.
  const reportValues = (db as StoreDb & { readonly $client: Database.Database }).$client
    .prepare<{ teamId: string; members: string; from: string; to: string }, ReportRow>(
      `select member_id, team_id, kpi_id, date, value, recorded_at from metric_values
        where ((team_id = @teamId and member_id is null) or member_id in (select value from json_each(@members)))
          and date >= @from and date <= @to
        order by date, id`,
    )
    .raw(true);
  // Every check-in upserts its values: the look-up by key and the insert are prepared once.
  const p = sql.placeholder;
  const byKey = db
    .select()
    .from(metricValues)
    .where(and(eq(metricValues.source, p('source')), eq(metricValues.externalId, p('externalId'))))
    .prepare();
  const insertOne = db
    .insert(metricValues)
    .values({
      memberId: p('memberId'),
      teamId: p('teamId'),
      kpiId: p('kpiId'),
      date: p('date'),
      value: p('value'),
      source: p('source'),
      externalId: p('externalId'),
      recordedAt: p('recordedAt'),
    })
    .prepare();

  return {
    async upsertMany(values, { at }): Promise<UpsertSummary> {
      return db.transaction((tx) => {
        let inserted = 0;
        let updated = 0;
        let unchanged = 0;
        for (const v of values) {
          const data = {
            memberId: v.memberId ?? null,
            teamId: v.teamId ?? null,
            kpiId: v.kpiId,
            date: v.date,
            value: v.value,
            source: v.source,
            externalId: v.externalId,
          };
          const existing = byKey.get({ source: v.source, externalId: v.externalId });
          if (!existing) {
            insertOne.run({ ...data, recordedAt: at });
            inserted++;
          } else if (sameData(existing, v)) {
            unchanged++;
          } else {
            tx.insert(metricValueHistory)
              .values({
                metricValueId: existing.id,
                memberId: existing.memberId,
                teamId: existing.teamId,
                kpiId: existing.kpiId,
                date: existing.date,
                value: existing.value,
                recordedAt: existing.recordedAt,
                supersededAt: at,
              })
              .run();
            tx.update(metricValues)
              .set({ ...data, recordedAt: at })
              .where(eq(metricValues.id, existing.id))
              .run();
            updated++;
          }
        }
        return { inserted, updated, unchanged };
      }, WRITE_TX);
    },

    async listForTeamPeriod(teamId, memberIds, from, to) {
      const subject = memberIds.length
        ? or(
            and(eq(metricValues.teamId, teamId), isNull(metricValues.memberId)),
            inArray(metricValues.memberId, [...memberIds]),
          )
        : and(eq(metricValues.teamId, teamId), isNull(metricValues.memberId));
      return select(and(subject, gte(metricValues.date, from), lte(metricValues.date, to)));
    },

    async listReportValues(teamId, memberIds, from, to): Promise<MetricValue[]> {
      // Reports read thousands of values per team: rows as arrays, only the columns the maths reads;
      // the member ids travel as one JSON array.
      const rows = reportValues.all({ teamId, members: JSON.stringify(memberIds), from, to });
      return rows.map(([memberId, rowTeamId, kpi, date, value, recordedAt]) => {
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
      if (filter.memberIds) where.push(inArray(metricValues.memberId, [...filter.memberIds]));
      if (filter.kpiIds) where.push(inArray(metricValues.kpiId, [...filter.kpiIds]));
      if (filter.from) where.push(gte(metricValues.date, filter.from));
      if (filter.to) where.push(lte(metricValues.date, filter.to));
      return select(where.length ? and(...where) : sql`1 = 1`);
    },

    async findByExternalId(source, externalId) {
      const row = db
        .select()
        .from(metricValues)
        .where(and(eq(metricValues.source, source), eq(metricValues.externalId, externalId)))
        .get();
      return row ? toValue(row) : undefined;
    },

    async listHistory(metricValueId): Promise<MetricValueRevision[]> {
      return db
        .select()
        .from(metricValueHistory)
        .where(eq(metricValueHistory.metricValueId, metricValueId))
        .orderBy(asc(metricValueHistory.id))
        .all()
        .map(({ id: _id, ...rest }) => rest);
    },
  };
}
