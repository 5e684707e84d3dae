// The team figure of each collective objective in its own period (quarter, month...) as of an instant:
// read by the progress post, the breach scan and the stand-up.
import type { Team, Workspace } from '../domain/model.js';
import { periodOfDate, type Period } from '../domain/periods.js';
import { periodSettingsOf } from '../domain/report-context.js';
import { localDateOf } from '../domain/zoned-time.js';
import type { Repositories } from '../ports.js';
import type { CollectiveFigure } from '../views/progress-view.js';
import { teamReports } from './team-data.js';

export interface CollectiveFigureWithPeriod extends CollectiveFigure {
  readonly period: Period;
}

export async function collectiveFigures(
  repos: Pick<Repositories, 'metricValues' | 'ooo'>,
  ws: Workspace,
  team: Team,
  asOf: Date,
): Promise<CollectiveFigureWithPeriod[]> {
  if (team.collective.length === 0) return [];
  const settings = periodSettingsOf(ws);
  const today = localDateOf(asOf.toISOString(), team.timezone);
  const kinds = [...new Set(team.collective.map((c) => c.per))];
  const periods = kinds.map((k) => periodOfDate(k, today, settings));
  const reports = await teamReports(repos, ws, team, periods, asOf.toISOString());
  const out: CollectiveFigureWithPeriod[] = [];
  for (const objective of team.collective) {
    const i = kinds.indexOf(objective.per);
    const row = reports[i]!.collective.find((r) => r.objective === objective.id);
    if (row) out.push({ objective, row, period: periods[i]!, periodEnd: periods[i]!.end });
  }
  return out;
}
