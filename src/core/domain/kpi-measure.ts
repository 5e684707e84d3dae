// What a member's row and a collective row of a report measure alike for one KPI against its target:
// the reading of the values (actual and data state), the capped attainment, the projection to the
// period's end at the given working-day progress, and the currency to show; and the row fields that
// follow from them, in the rows' order (member-report.ts and collective-report.ts place their own
// fields between the two groups).
import { attainmentOf, type CappedAttainment } from './attainment.js';
import { type DataState, type KpiReading, readKpi, zeroInputLabels } from './data-state.js';
import type { KpiLookup } from './kpi-values.js';
import type { Kpi, LocalizedText } from './model.js';
import { type Projection, type ProjectionMethod, project } from './projection.js';
import type { ReportContext } from './report-context.js';

export interface KpiMeasure {
  readonly reading: KpiReading;
  readonly actual: number | null;
  readonly target: number | null;
  readonly attainment: CappedAttainment;
  readonly projection: Projection;
  /** Currency KPIs: the ISO code to show (the team's, else the KPI's). */
  readonly currency: string | undefined;
}

export interface KpiMeasureInput {
  readonly kpi: Kpi;
  readonly target: number | null;
  /** Sum KPIs: projected at pace. */
  readonly paced: boolean;
  /** Working days of the period and how many have elapsed (a member's: without their days off). */
  readonly progress: { readonly workingDays: number; readonly elapsed: number };
  /** The period's actuals, and whether a KPI has any value in it. */
  readonly actuals: KpiLookup;
  readonly hasValues: (kpiId: string) => boolean;
}

export function measureKpi(ctx: ReportContext, input: KpiMeasureInput): KpiMeasure {
  const { kpi, target, paced, progress } = input;
  const reading = readKpi(ctx.kpis, kpi.id, input.actuals, input.hasValues);
  const actual = reading.actual;
  const projection = project({
    actual,
    target,
    direction: kpi.direction,
    paced,
    workingDays: progress.workingDays,
    elapsed: progress.elapsed,
    cap: ctx.cap,
    thresholds: ctx.thresholds,
  });
  return {
    reading,
    actual,
    target,
    attainment: attainmentOf(actual, target, kpi.direction, ctx.cap),
    projection,
    currency: kpi.unit.type === 'currency' ? (ctx.team.currency ?? kpi.unit.currency) : undefined,
  };
}

/** The first fields of a row: the data state (and what made it not computable), actual and target. */
export interface ReadingFields {
  readonly dataState: DataState;
  /** Not computable: the KPIs whose 0 makes the ratio's denominator 0. */
  readonly zeroInputs?: readonly string[];
  readonly zeroInputLabels?: readonly LocalizedText[];
  readonly actual: number | null;
  readonly target: number | null;
}

/** The attainment and projection fields of a row. */
export interface ProjectionFields {
  readonly attainment: number | null;
  /** The attainment shown is the cap: the real figure is above it ("≥ 200 %"). */
  readonly capped: boolean;
  readonly projected: number | null;
  readonly projectionMethod: ProjectionMethod;
  readonly projectedAttainment: number | null;
}

export function readingFields(ctx: ReportContext, m: KpiMeasure): ReadingFields {
  const { reading } = m;
  return {
    dataState: reading.dataState,
    ...(reading.zeroInputs
      ? { zeroInputs: reading.zeroInputs, zeroInputLabels: zeroInputLabels(ctx.kpis, reading.zeroInputs) }
      : {}),
    actual: m.actual,
    target: m.target,
  };
}

/** The projection only while `projecting`. */
export function projectionFields(m: KpiMeasure, projecting: boolean): ProjectionFields {
  return {
    attainment: m.attainment.value,
    capped: m.attainment.capped,
    projected: projecting ? m.projection.projected : null,
    projectionMethod: m.projection.projectionMethod,
    projectedAttainment: projecting ? m.projection.projectedAttainment : null,
  };
}
