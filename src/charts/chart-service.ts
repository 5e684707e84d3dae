// The charts as the rest of the app uses them: the core's ChartCatalog (which charts a monthly review or
// a QBR carries, titled in the reader's language) and the PNG of a chart id for the adapters (Slack
// upload, Teams image, sandbox page). The composition builds one per process on the store's repositories.
import type { Locale, Workspace } from '../core/domain/model.js';
import { DomainError } from '../core/errors.js';
import type { ChartCatalog, MetricValuesRepo, OooRepo, WorkspaceRepo } from '../core/ports/index.js';
import { reportTeam } from '../core/rituals/use-cases/team-report.js';
import type { ChartRef } from '../core/view-models.js';
import { parseChartId, reviewChartRequests } from './chart-request.js';
import { buildChart, chartPng } from './make-chart.js';
import type { ChartTheme } from './theme.js';

export interface ChartServiceDeps {
  /** Read on every call: a reloaded config takes effect at once. */
  readonly workspace: () => Workspace;
  readonly metricValues: Pick<MetricValuesRepo, 'listForTeamPeriod'>;
  readonly ooo: Pick<OooRepo, 'listOverlapping'>;
  /** The store's memberships: former members still count in collective figures. */
  readonly members?: Pick<WorkspaceRepo, 'formerMemberIds'>;
  /** The as-of instant of an id that does not fix one (review ids always do). Default: the real time. */
  readonly now?: () => Date;
  /** Default 'light': the image carries its own background, so it reads the same in a dark client. */
  readonly theme?: ChartTheme;
}

/** What an adapter needs to show a ChartRef: its PNG in the viewer's language. */
export interface ChartPngSource {
  /** Undefined when the id names no chart (malformed, unknown team, period or objective). */
  png(id: string, locale: Locale): Promise<Buffer | undefined>;
}

export interface ChartService extends ChartCatalog, ChartPngSource {}

export function createChartService(deps: ChartServiceDeps): ChartService {
  const now = deps.now ?? (() => new Date());
  const chartDeps = () => ({
    workspace: deps.workspace(),
    metricValues: deps.metricValues,
    ooo: deps.ooo,
    ...(deps.members ? { members: deps.members } : {}),
  });

  return {
    async reviewCharts(teamId, periodKey, asOf, locale): Promise<ChartRef[]> {
      const d = chartDeps();
      const team = reportTeam(d.workspace, teamId);
      const refs: ChartRef[] = [];
      // One after the other: each reads the store, and a review has a handful of charts at most.
      for (const req of reviewChartRequests(team, periodKey, asOf)) {
        const chart = await buildChart(d, req, { asOf, locale });
        refs.push({ id: chart.id, title: chart.title, altText: chart.altText });
      }
      return refs;
    },

    async png(id, locale) {
      const req = parseChartId(id);
      if (!req) return undefined;
      try {
        return (await chartPng(chartDeps(), req, { asOf: now().toISOString(), locale, theme: deps.theme ?? 'light' }))
          .png;
      } catch (err) {
        if (err instanceof DomainError) return undefined;
        throw err;
      }
    },
  };
}
