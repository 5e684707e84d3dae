// `rituals retention apply [--dry-run]`: applies the workspace's retention settings now, as the daily
// job does, and prints per kind its setting, cutoff and how many rows were (or would be) removed.
import type { Command } from 'commander';
import { formatRetention, RETENTION_KINDS, type RetentionKind } from '../../core/domain/retention.js';
import type { RetentionCounts } from '../../core/ports/index.js';
import { applyRetention } from '../../core/rituals/use-cases/apply-retention.js';
import { withContext } from '../context.js';
import { textTable } from '../text-table.js';

const LABELS: Readonly<
  Record<
    RetentionKind,
    { readonly key: string; readonly what: string; readonly counts: readonly (keyof RetentionCounts)[] }
  >
> = {
  checkinText: { key: 'checkin_text', what: 'check-in free text cleared', counts: ['checkinTexts'] },
  metricValues: {
    key: 'metric_values',
    what: 'metric values (and corrections) deleted',
    counts: ['metricValues', 'metricValueHistory'],
  },
  outboxBodies: { key: 'outbox_bodies', what: 'delivered message bodies removed', counts: ['outboxBodies'] },
  auditLog: { key: 'audit_log', what: 'audit rows deleted', counts: ['auditRows'] },
  decisions: { key: 'decisions', what: 'decisions deleted', counts: ['decisions'] },
};

/** Silent logger: the command prints its own table. */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('how long personal data is kept (workspace.retention in the config)');
  retention
    .command('apply')
    .description('remove what is older than the retention settings now, as the daily job does')
    .option('--dry-run', 'count what would be removed, change nothing')
    .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (opts: { dryRun?: boolean; config?: string; database?: string }) => {
      await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ workspace, store }) => {
        const run = await applyRetention(
          { workspace: () => workspace.workspace, retention: store.retention, log: quiet },
          new Date(),
          { dryRun: opts.dryRun === true },
        );
        const rows = RETENTION_KINDS.map((kind) => {
          const l = LABELS[kind];
          return [
            l.key,
            formatRetention(run.policy[kind]),
            run.cutoffs[kind] ?? '-',
            l.counts.map((c) => run.counts[c]).join(' + '),
            l.what,
          ];
        });
        const head = run.dryRun ? 'retention dry run: nothing was changed' : 'retention applied';
        process.stdout.write(
          `${head}\n${textTable(['setting', 'keep', 'before', 'rows', 'what'], rows, ['left', 'left', 'left', 'right', 'left'])}\n`,
        );
      });
    });
}
