// Core port: Metric values: what a check-in, an import or the API recorded, with the history of corrections.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { MetricValue } from '../domain/metric-values.js';

export type MetricSource = 'checkin' | 'import' | 'api';

export interface MetricValueInput {
  /** A member's value, or a team-level value when only `teamId` is set. */
  readonly memberId?: string | null;
  readonly teamId?: string | null;
  readonly kpiId: string;
  readonly date: string;
  readonly value: number;
  readonly source: MetricSource;
  /** Unique per source: the idempotency key of an import or API call. */
  readonly externalId: string;
}

export interface StoredMetricValue extends MetricValueInput {
  readonly id: number;
  readonly memberId: string | null;
  readonly teamId: string | null;
  readonly recordedAt: string;
}

export interface MetricValueRevision {
  readonly metricValueId: number;
  readonly memberId: string | null;
  readonly teamId: string | null;
  readonly kpiId: string;
  readonly date: string;
  readonly value: number;
  readonly recordedAt: string;
  readonly supersededAt: string;
}

export interface UpsertSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface MetricValueFilter {
  readonly teamId?: string;
  readonly memberIds?: readonly string[];
  readonly kpiIds?: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

export interface MetricValuesRepo {
  /** All or nothing, in one transaction. Same (source, externalId) and same data: no change; different data: update + history. */
  upsertMany(values: readonly MetricValueInput[], opts: { readonly at: string }): Promise<UpsertSummary>;
  /** Team-level values of `teamId` and values of `memberIds`, with `from <= date <= to`. */
  listForTeamPeriod(
    teamId: string,
    memberIds: readonly string[],
    from: string,
    to: string,
  ): Promise<StoredMetricValue[]>;
  /**
   * The same values, in the same order (date, then id), as the report maths reads them: no ids, sources
   * or external ids. Optional: a faster read for large teams; reports fall back on listForTeamPeriod.
   */
  listReportValues?(teamId: string, memberIds: readonly string[], from: string, to: string): Promise<MetricValue[]>;
  list(filter: MetricValueFilter): Promise<StoredMetricValue[]>;
  findByExternalId(source: MetricSource, externalId: string): Promise<StoredMetricValue | undefined>;
  /** Earlier states of a value, oldest first. */
  listHistory(metricValueId: number): Promise<MetricValueRevision[]>;
}
