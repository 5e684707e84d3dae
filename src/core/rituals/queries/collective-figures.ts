// The team figure of each collective objective in its own period (quarter, month...) as of an instant:
// read by the progress post, the breach scan and the stand-up. Targets are the ones in force (a QBR
// change made in chat counts from its day).
import type { Team } from '../../domain/model.js';
import { type Period, periodOfDate } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { CollectiveFigure } from '../../view-builders/progress-view.js';
import type { ReportMemo } from './report-memo.js';

export interface CollectiveFigureWithPeriod extends CollectiveFigure {
  readonly period: Period;
}

export async function collectiveFigures(
  reports: ReportMemo,
  team: Team,
  asOf: Date,
): Promise<CollectiveFigureWithPeriod[]> {
  const current = await reports.team(team);
  if (current.collective.length === 0) return [];
  const settings = periodSettingsOf(await reports.workspace());
  const today = localDateOf(asOf.toISOString(), current.timezone);
  const kinds = [...new Set(current.collective.map((c) => c.per))];
  const periods = kinds.map((k) => periodOfDate(k, today, settings));
  const rows = await reports.collective(current, periods, asOf.toISOString());
  const out: CollectiveFigureWithPeriod[] = [];
  for (const objective of current.collective) {
    const i = kinds.indexOf(objective.per);
    const row = rows[i]!.find((r) => r.objective === objective.id);
    if (row) out.push({ objective, row, period: periods[i]!, periodEnd: periods[i]!.end });
  }
  return out;
}
