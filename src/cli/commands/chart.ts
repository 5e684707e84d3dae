// `rituals chart --team T --period P --out FILE`: draws one chart as a PNG (or SVG when FILE ends with
// .svg): a collective objective's burn-up, the team's attainment bars or a member's 12-week trend, in
// the team's language unless --locale says otherwise. A period without data still gives an image that says so.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { CHART_KINDS, type ChartKind } from '../../charts/chart-request.js';
import { buildChart } from '../../charts/make-chart.js';
import { renderChartPng, renderChartSvg } from '../../charts/render.js';
import { CHART_THEMES, type ChartTheme } from '../../charts/theme.js';
import { LOCALES, type Locale } from '../../core/domain/model.js';
import { DomainError } from '../../core/errors.js';
import { formatBytes } from '../../store/backup.js';
import { syncWorkspace } from '../../store/sync-workspace.js';
import { CliError, withContext } from '../context.js';

interface ChartOptions {
  team: string;
  period: string;
  out: string;
  kind: ChartKind;
  objective?: string;
  member?: string;
  kpi?: string;
  at?: string;
  theme: ChartTheme;
  locale?: Locale;
  config?: string;
  database?: string;
}

export function registerChart(program: Command): void {
  program
    .command('chart')
    .description(
      "draw a chart as a PNG: a collective objective's burn-up, the team's attainment or a member's 12-week trend",
    )
    .requiredOption('-t, --team <id>', 'team id from the workspace config')
    .requiredOption('-p, --period <key>', 'period: 2026-W47, 2026-11, 2026-Q4 or 2026')
    .requiredOption('-o, --out <file>', 'image file to write (.png, or .svg for the vector drawing)')
    .addOption(new Option('--kind <kind>', 'which chart').choices([...CHART_KINDS]).default('burnup'))
    .option('--objective <id>', "burnup: the collective objective (default: the team's first)")
    .option('--member <id>', 'trend: the member')
    .option('--kpi <id>', "trend: the KPI; attainment: one KPI's attainment instead of the weighted score")
    .option('--at <iso-date-time>', 'as-of instant (default: now); without an offset it is read in the team time zone')
    .addOption(
      new Option('--theme <theme>', 'card colours for a light or a dark chat client')
        .choices([...CHART_THEMES])
        .default('light'),
    )
    .addOption(new Option('--locale <locale>', "language of the labels (default: the team's)").choices([...LOCALES]))
    .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (opts: ChartOptions) => {
      if (opts.kind === 'trend' && (!opts.member || !opts.kpi))
        throw new CliError('a trend chart needs --member ID and --kpi KPI');
      const format = extname(opts.out).toLowerCase() === '.svg' ? 'svg' : 'png';
      await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ workspace, store }) => {
        const ws = workspace.workspace;
        await syncWorkspace(store, ws, { actor: 'config' });
        const team = ws.teams.find((t) => t.id === opts.team);
        const locale = opts.locale ?? team?.locale ?? ws.defaults.locale;
        try {
          const chart = await buildChart(
            { workspace: ws, metricValues: store.metricValues, ooo: store.ooo, members: store.workspace },
            {
              kind: opts.kind,
              teamId: opts.team,
              periodKey: opts.period,
              objectiveId: opts.objective,
              memberId: opts.member,
              kpiId: opts.kpi,
            },
            { asOf: opts.at ?? new Date().toISOString(), locale },
          );
          const bytes =
            format === 'svg'
              ? Buffer.from(await renderChartSvg(chart.spec, opts.theme))
              : await renderChartPng(chart.spec, { theme: opts.theme });
          await writeFile(opts.out, bytes).catch((err: NodeJS.ErrnoException) => {
            throw new CliError(`cannot write ${opts.out}: ${err.code ?? err.message}`);
          });
          const empty = chart.hasData ? '' : ' — no data for this period yet';
          process.stdout.write(
            `${opts.kind} chart "${chart.title}" written to ${opts.out} (${formatBytes(bytes.length)})${empty}\n`,
          );
        } catch (err) {
          if (err instanceof DomainError) throw new CliError(err.message);
          throw err;
        }
      });
    });
}
