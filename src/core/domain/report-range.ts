// Which days of recorded values a team report reads: the report period (and the previous one when
// movement is wanted), widened to the periods of computed (formula) targets, which are evaluated on
// their own period's values; never past the as-of day, since later values are ignored. Loading exactly
// this range gives the same report as loading everything.

import { maxDate, minDate } from './calendar-days.js';
import type { PeriodKind, Team, Workspace } from './model.js';
import { type Period, periodOfDate, previousPeriod } from './periods.js';
import { periodSettingsOf } from './report-context.js';

/** The period kinds of the team members' computed targets (role objectives and overrides). */
export function formulaTargetKinds(ws: Workspace, team: Team): Set<PeriodKind> {
  const kinds = new Set<PeriodKind>();
  for (const member of team.members) {
    const role = member.role === undefined ? undefined : ws.roles[member.role];
    if (!role) continue;
    for (const o of role.objectives) {
      if ('formula' in o.target || o.history.some((c) => 'formula' in c.target)) kinds.add(o.per);
      for (const ov of member.overrides) {
        if (ov.kpi === o.kpi && 'formula' in ov.target) kinds.add(ov.per ?? o.per);
      }
    }
  }
  return kinds;
}

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** The days a report of `period` as of `asOfDate` reads values from. */
export function reportDataRange(
  ws: Workspace,
  team: Team,
  period: Period,
  asOfDate: string,
  opts: { movement: boolean },
): DayRange {
  const settings = periodSettingsOf(ws);
  const first = opts.movement ? previousPeriod(period, settings).start : period.start;
  let from = first;
  let to = period.end;
  for (const kind of formulaTargetKinds(ws, team)) {
    from = minDate(from, periodOfDate(kind, first, settings).start);
    to = maxDate(to, periodOfDate(kind, period.end, settings).end);
  }
  // Nothing after the as-of day counts; an as-of day before the range still needs a (harmless) range.
  return { from, to: maxDate(from, minDate(to, asOfDate)) };
}
