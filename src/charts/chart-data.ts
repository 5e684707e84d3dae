// The plain data each chart is drawn from: numbers, days and names, no formatting. The data builders
// (burn-up-data.ts, attainment-data.ts, trend-data.ts) compute it from the workspace and the recorded
// values with the same domain functions as the reports; the spec builders turn it into text and marks
// in the viewer's language.
import type { Direction, LocalizedText, PeriodKind, Unit } from '../core/domain/model.js';

export interface ChartPeriod {
  readonly kind: PeriodKind;
  readonly key: string;
  readonly start: string;
  readonly end: string;
}

export interface DayValue {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly value: number;
}

/** One collective objective over its period: the figure day by day to the as-of day, and where it is heading. */
export interface BurnUpData {
  readonly objectiveId: string;
  readonly label: LocalizedText;
  readonly teamName: string;
  readonly period: ChartPeriod;
  /** The as-of day in the team's zone. */
  readonly asOfDate: string;
  readonly unit: Unit;
  readonly direction: Direction;
  /** A sum that builds up over the period from zero (false for rates, averages and `last` values). */
  readonly cumulative: boolean;
  /** The team figure as known at the end of each day, from the period start to the as-of day. */
  readonly actual: readonly DayValue[];
  /** From the last actual point to the period end (pace for sum KPIs, the current value otherwise). */
  readonly projection: { readonly from: DayValue; readonly to: DayValue } | null;
  readonly target: number | null;
  readonly alert: number | null;
  /** False when no value of the KPI (or of the KPIs it is computed from) is recorded in the period yet. */
  readonly hasData: boolean;
}

export type BarTone = 'good' | 'warning' | 'bad' | 'neutral';

export interface AttainmentBar {
  readonly memberId: string;
  readonly name: string;
  /** Attainment to date (1 = 100 %); null: nothing to show (out of office, no values, no target). */
  readonly attainment: number | null;
  /** From the projected attainment against the workspace's status thresholds. */
  readonly tone: BarTone;
}

/** Members of a team by attainment (their weighted score, or one KPI's attainment), best first. */
export interface AttainmentData {
  readonly teamName: string;
  readonly period: ChartPeriod;
  readonly asOfDate: string;
  /** Set when the bars are one KPI's attainment rather than the weighted score. */
  readonly kpi?: { readonly id: string; readonly label: LocalizedText };
  readonly bars: readonly AttainmentBar[];
  readonly hasData: boolean;
}

export interface TrendWeek {
  readonly key: string;
  readonly start: string;
  readonly end: string;
  readonly actual: number | null;
  /** The member's target for that week (prorated, ramped), when the KPI is one of their objectives. */
  readonly target: number | null;
}

/** One member's KPI week by week, oldest first, ending with the week of the as-of day. */
export interface TrendData {
  readonly memberId: string;
  readonly memberName: string;
  readonly kpiId: string;
  readonly label: LocalizedText;
  readonly unit: Unit;
  readonly direction: Direction;
  readonly asOfDate: string;
  readonly weeks: readonly TrendWeek[];
  readonly hasData: boolean;
}
