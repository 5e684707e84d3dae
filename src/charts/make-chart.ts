// One entry point for every chart: a ChartRequest and an as-of instant in, the Vega spec, a title and an
// alt text in the viewer's language out (and the PNG with chartPng). Reads the team, period and as-of
// as a report does (team-report.ts) and the recorded values as the report's loader does (team-data.ts),
// then hands them to the pure data and spec builders.
import type { Spec } from 'vega';
import { minDate } from '../core/domain/calendar-days.js';
import type { MetricValue } from '../core/domain/metric-values.js';
import type { Locale, Team, Workspace } from '../core/domain/model.js';
import { periodOfDate, previousPeriod } from '../core/domain/periods.js';
import { localDateOf, startOfDayInZone } from '../core/domain/zoned-time.js';
import { DomainError } from '../core/errors.js';
import { formatPercent } from '../core/i18n/format.js';
import { t } from '../core/i18n/index.js';
import type { MetricValuesRepo, OooRepo, WorkspaceRepo } from '../core/ports/index.js';
import { loadTeamData, type TeamData } from '../core/rituals/queries/team-data.js';
import {
  periodSettings,
  reportAsOf,
  reportTeam,
  resolvePeriod,
  teamReport,
} from '../core/rituals/use-cases/team-report.js';
import { attainmentBarsSpec } from './attainment-spec.js';
import { burnUpSpec } from './burn-up-spec.js';
import { type ChartRequest, chartId } from './chart-request.js';
import { teamAttainment } from './data/attainment-data.js';
import { collectiveBurnUp } from './data/burn-up-data.js';
import { memberTrend, trendWeeks } from './data/trend-data.js';
import { listText, periodName, shortDate, valueLabel } from './labels.js';
import { renderChartPng } from './render.js';
import type { ChartTheme } from './theme.js';
import { trendSpec } from './trend-spec.js';

export interface ChartDeps {
  readonly workspace: Workspace;
  readonly metricValues: Pick<MetricValuesRepo, 'listForTeamPeriod'>;
  readonly ooo: Pick<OooRepo, 'listOverlapping'>;
  /** The store's memberships: former members still count in collective figures, as in reports. */
  readonly members?: Pick<WorkspaceRepo, 'formerMemberIds'>;
}

export interface ChartOptionsIn {
  /** ISO date-time (the request's own `asOf` wins); without an offset it is read in the team's time zone. */
  readonly asOf: string;
  readonly locale: Locale;
}

export interface BuiltChart {
  /** The request as an id (see chart-request.ts): what a view's ChartRef carries. */
  readonly id: string;
  readonly spec: Spec;
  readonly title: string;
  /** A sentence for screen readers and clients that do not show images. */
  readonly altText: string;
  readonly hasData: boolean;
}

function loadData(deps: ChartDeps, team: Team, from: string, to: string): Promise<TeamData> {
  // The same values as the team's report reads (former members' as the team's own).
  const repos = {
    metricValues: deps.metricValues,
    ooo: deps.ooo,
    ...(deps.members ? { workspace: deps.members } : {}),
  };
  return loadTeamData(repos, team, from, to < from ? from : to);
}

async function loadValues(deps: ChartDeps, team: Team, from: string, to: string): Promise<readonly MetricValue[]> {
  return (await loadData(deps, team, from, to)).values;
}

export async function buildChart(deps: ChartDeps, req: ChartRequest, opts: ChartOptionsIn): Promise<BuiltChart> {
  const { workspace } = deps;
  const { locale } = opts;
  const team = reportTeam(workspace, req.teamId);
  const period = resolvePeriod(workspace, req.periodKey);
  const asOf = reportAsOf(req.asOf ?? opts.asOf, team);
  const asOfDate = localDateOf(asOf, team.timezone);
  const id = chartId(req);
  const pName = periodName(locale, period);

  if (req.kind === 'burnup') {
    const objectiveId = req.objectiveId ?? team.collective[0]?.id;
    if (objectiveId === undefined)
      throw new DomainError('CHART.NO_OBJECTIVE', `team "${team.id}" has no collective objective`, { team: team.id });
    if (!team.collective.some((o) => o.id === objectiveId)) {
      throw new DomainError(
        'CHART.UNKNOWN_OBJECTIVE',
        `unknown collective objective "${objectiveId}" in team "${team.id}" (known: ${team.collective.map((o) => o.id).join(', ')})`,
        { objective: objectiveId, objectives: team.collective.map((o) => o.id).join(', ') },
      );
    }
    const values = await loadValues(deps, team, period.start, minDate(period.end, asOfDate));
    const data = collectiveBurnUp({ workspace, team, period, asOf, values, objectiveId });
    const title = t(locale, 'chart.burnup.title', { objective: data.label[locale], period: pName });
    const fmt = (v: number | null) => valueLabel(locale, v, data.unit);
    const altText = data.hasData
      ? t(locale, 'chart.alt.burnup', {
          objective: data.label[locale],
          period: pName,
          actual: fmt(data.actual.at(-1)?.value ?? null),
          target: fmt(data.target),
          alert: fmt(data.alert),
          projected: fmt(data.projection?.to.value ?? data.actual.at(-1)?.value ?? null),
        })
      : t(locale, 'chart.alt.empty', { title });
    return { id, spec: burnUpSpec(data, { locale }), title, altText, hasData: data.hasData };
  }

  if (req.kind === 'attainment') {
    if (req.kpiId !== undefined && !workspace.kpis[req.kpiId])
      throw new DomainError('CHART.UNKNOWN_KPI', `unknown KPI "${req.kpiId}"`, { kpi: req.kpiId });
    const report = await teamReport(deps, { teamId: team.id, periodKey: period.key, asOf });
    const values = await loadValues(deps, team, period.start, minDate(period.end, asOfDate));
    const data = teamAttainment(report, team, workspace, { kpiId: req.kpiId, hasValues: values.length > 0 });
    const title = data.kpi
      ? t(locale, 'chart.attainment.kpiTitle', { kpi: data.kpi.label[locale], period: pName })
      : t(locale, 'chart.attainment.title', { period: pName });
    const list = data.bars.map(
      (b) => `${b.name} ${b.attainment === null ? t(locale, 'value.none') : formatPercent(locale, b.attainment, 0)}`,
    );
    const altText = data.hasData
      ? t(locale, 'chart.alt.attainment', { period: pName, list: listText(locale, list) })
      : t(locale, 'chart.alt.empty', { title });
    return { id, spec: attainmentBarsSpec(data, { locale }), title, altText, hasData: data.hasData };
  }

  const { memberId, kpiId } = req;
  if (memberId === undefined || kpiId === undefined)
    throw new DomainError('CHART.TREND_NEEDS_MEMBER', 'a trend chart needs a member and a KPI', {});
  if (!team.members.some((m) => m.id === memberId))
    throw new DomainError('CHART.UNKNOWN_MEMBER', `member "${memberId}" is not in team "${team.id}"`, {
      member: memberId,
      team: team.id,
    });
  if (!workspace.kpis[kpiId]) throw new DomainError('CHART.UNKNOWN_KPI', `unknown KPI "${kpiId}"`, { kpi: kpiId });
  // The weeks up to the as-of day, or up to the end of the period when it is over.
  const trendAsOf = period.end < asOfDate ? startOfDayInZone(period.end, team.timezone) : asOf;
  const endDate = minDate(period.end, asOfDate);
  const weeks = trendWeeks(workspace, endDate);
  // From the start of the year before the first week: computed targets of quarter and year objectives
  // are evaluated on their own period's values, as in the report use case.
  const from = periodOfDate(
    'year',
    previousPeriod(weeks[0]!, periodSettings(workspace)).start,
    periodSettings(workspace),
  ).start;
  // The team's data holds the member's out-of-office days with its values (the member is in the team).
  const { values, ooo } = await loadData(deps, team, from, endDate);
  const data = memberTrend({
    workspace,
    team,
    memberId,
    kpiId,
    asOf: trendAsOf,
    values,
    ooo: ooo.filter((o) => o.memberId === memberId),
  });
  const title = t(locale, 'chart.trend.title', { kpi: data.label[locale], member: data.memberName });
  const list = data.weeks.map((w) => `${shortDate(locale, w.start)} ${valueLabel(locale, w.actual, data.unit)}`);
  const altText = data.hasData
    ? t(locale, 'chart.alt.trend', {
        kpi: data.label[locale],
        member: data.memberName,
        n: data.weeks.length,
        list: listText(locale, list),
      })
    : t(locale, 'chart.alt.empty', { title });
  return { id, spec: trendSpec(data, { locale }), title, altText, hasData: data.hasData };
}

/** The chart as a PNG, with its title and alt text. */
export async function chartPng(
  deps: ChartDeps,
  req: ChartRequest,
  opts: ChartOptionsIn & { readonly theme: ChartTheme },
): Promise<BuiltChart & { readonly png: Buffer }> {
  const chart = await buildChart(deps, req, opts);
  return { ...chart, png: await renderChartPng(chart.spec, { theme: opts.theme }) };
}
