// `rituals report --team T --period P [--at ISO] [--json]`: one team's figures for a period, as a
// readable table in the team's language or as JSON. `--at` fixes the clock so reports are reproducible.
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { teamReport } from '../../core/rituals/use-cases/team-report.js';
import { syncWorkspace } from '../../store/sync-workspace.js';
import { CliError, withContext } from '../context.js';
import { reportText } from '../report-text.js';

interface ReportOptions {
  team: string;
  period: string;
  at?: string;
  json?: boolean;
  config?: string;
  database?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("one team's goals for a period: attainment, projection, leaderboard and collective objectives")
    .requiredOption('-t, --team <id>', 'team id from the workspace config')
    .requiredOption('-p, --period <key>', 'period: 2026-W47, 2026-11, 2026-Q4 or 2026')
    .option('--at <iso-date-time>', 'as-of instant (default: now); without an offset it is read in the team time zone')
    .option('--json', 'print JSON instead of a table')
    .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (opts: ReportOptions) => {
      await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ workspace, store }) => {
        await syncWorkspace(store, workspace.workspace, { actor: 'config' });
        try {
          const report = await teamReport(
            {
              workspace: workspace.workspace,
              metricValues: store.metricValues,
              ooo: store.ooo,
              objectives: store.objectives,
              members: store.workspace,
            },
            { teamId: opts.team, periodKey: opts.period, asOf: opts.at ?? new Date().toISOString() },
          );
          process.stdout.write(
            opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${reportText(report, workspace.workspace)}\n`,
          );
        } catch (err) {
          if (err instanceof DomainError) throw new CliError(err.message);
          throw err;
        }
      });
    });
}
