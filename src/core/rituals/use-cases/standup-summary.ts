// Use case: the stand-up summary of a team for its managers (on demand, or scheduled when the team
// configures a cron): check-in completion of the week, totals against targets, goals at risk, open
// breaches, and blockers and wins from the check-ins' free text.

import { isSumKpi } from '../../domain/kpi-values.js';
import type { Locale, Team } from '../../domain/model.js';
import { localDateOf } from '../../domain/zoned-time.js';
import { t } from '../../i18n/index.js';
import type { Occurrence } from '../../ports/index.js';
import { displayUnit, formatFigure, totalLine } from '../../view-builders/kpi-line.js';
import { collectiveLabel } from '../../view-builders/progress-view.js';
import { standupView } from '../../view-builders/standup-view.js';
import type { KpiLine, StandupSummaryView } from '../../view-models.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { standupPeriod } from '../engine/checkin-window.js';
import { type Delivery, outboxItem, type PlannedOccurrence } from '../engine/occurrence-runner.js';
import type { Fire } from '../engine/schedule-fires.js';
import { collectiveFigures } from '../queries/collective-figures.js';
import { memberStanding } from '../queries/member-objectives.js';
import { checkinKpisOf, localeOf, memberOf } from '../queries/team-lookup.js';
import { objectiveIdOf } from './scan-breaches.js';

export async function buildStandup(
  ctx: CoreContext,
  team: Team,
  now: Date,
  locale: Locale,
): Promise<StandupSummaryView> {
  const ws = ctx.workspace();
  const period = standupPeriod(ws, ctx.cron, team, now);
  // Members starting after the week are not in the team yet; one starting within it was not prompted.
  const asked = team.members.filter((m) => checkinKpisOf(ws, m).length > 0 && m.start <= period.end);
  const checkIns = await ctx.repos.checkIns.list({ teamId: team.id, periodKeys: [period.key], latestOnly: true });
  const byMember = new Map(checkIns.map((c) => [c.memberId, c]));
  const excused = new Set(
    (
      await ctx.repos.occurrences.list({
        teamId: team.id,
        ritual: 'checkin',
        periodKey: period.key,
        statuses: ['skipped'],
      })
    )
      .filter((o) => o.reason === 'ooo' || o.reason === 'holiday' || o.reason === 'not_started')
      .map((o) => o.memberId),
  );
  const expected = asked.filter((m) => byMember.has(m.id) || !excused.has(m.id));
  const missing = expected.filter((m) => !byMember.has(m.id)).map((m) => m.name);

  // Totals of the week against the sum of the members' weekly (prorated) targets.
  const reports = reportsOf(ctx);
  const [week] = await reports.reports(team, [period], now.toISOString(), { movement: false });
  const kpiIds = [...new Set(asked.flatMap((m) => checkinKpisOf(ws, m)))];
  const totals: KpiLine[] = kpiIds.flatMap((id) => {
    const kpi = ws.kpis[id]!;
    if (!isSumKpi(kpi)) return [];
    const answered = checkIns.filter((c) => c.values[id] !== undefined);
    const actual = answered.length ? answered.reduce((s, c) => s + c.values[id]!, 0) : null;
    const targets = week!.members.flatMap((m) =>
      m.kpis
        .filter((k) => k.kpi === id)
        .slice(0, 1)
        .map((k) => k.target),
    );
    const known = targets.filter((x): x is number => x !== null);
    return [
      totalLine(kpi, locale, actual, known.length ? known.reduce((s, x) => s + x, 0) : null, {
        cap: ws.defaults.attainmentCap,
        ...(team.currency ? { currency: team.currency } : {}),
      }),
    ];
  });

  const atRisk: string[] = [];
  const figures = await collectiveFigures(reports, team, now);
  for (const f of figures) {
    if (f.row.status === 'at_risk')
      atRisk.push(
        t(locale, 'standup.atRiskTeam', {
          label: collectiveLabel(ws, f.objective, locale),
          status: t(locale, 'status.at_risk'),
        }),
      );
  }
  for (const m of team.members) {
    // Every member is asked: the team's reports of each objective period are built once and looked up.
    const standing = await memberStanding(reports, team, m, now, locale, { teamWide: true });
    for (const line of standing.lines) {
      if (line.status === 'at_risk' || line.status === 'off_track')
        atRisk.push(t(locale, 'standup.atRiskMember', { name: m.name, label: line.label, status: line.statusText }));
    }
  }
  const open = await ctx.repos.breaches.listOpen(`team:${team.id}:`);
  const breaches = open.flatMap((b) => {
    const f = figures.find((x) => objectiveIdOf(team.id, x.objective.id) === b.objectiveId);
    if (!f) return [];
    const unit = displayUnit(ws.kpis[f.objective.kpi]!, f.row.currency);
    return [
      t(locale, 'standup.breach', {
        label: collectiveLabel(ws, f.objective, locale),
        value: formatFigure(locale, b.lastValue, unit, 'projection'),
        alert: formatFigure(locale, f.row.alert, unit, 'target'),
      }),
    ];
  });
  const named = (field: 'blockers' | 'wins') =>
    checkIns.flatMap((c) =>
      c[field] ? [{ name: memberOf(team, c.memberId)?.name ?? c.memberId, text: c[field]! }] : [],
    );
  return standupView({
    team,
    locale,
    period,
    done: expected.filter((m) => byMember.has(m.id)).length,
    expected: expected.length,
    missing,
    totals,
    atRisk,
    breaches,
    blockers: named('blockers'),
    wins: named('wins'),
  });
}

/** A scheduled stand-up goes to each manager privately, once a day. */
export function planStandup(_ctx: CoreContext, team: Team, fire: Fire): PlannedOccurrence[] {
  const day = localDateOf(fire.at.toISOString(), fire.zone);
  return team.managers.map((m) => ({ ritual: 'standup', periodKey: day, memberId: m, dueAt: fire.at }));
}

export async function deliverStandup(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  if (!occ.memberId || !team.managers.includes(occ.memberId))
    return { items: [], outcome: { status: 'skipped', reason: 'not_manager' } };
  const manager = memberOf(team, occ.memberId);
  const view = await buildStandup(ctx, team, now, localeOf(manager, team));
  const item = outboxItem(ctx, { kind: 'dm', memberId: occ.memberId }, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'unreachable' } };
  return { items: [item] };
}
