// `rituals export [KIND]`: check-ins, metric values and decisions (the decision log: who, when, which
// objective, kind, text, status) as CSV or JSON, to stdout or a file; `audit` exports the audit log.
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type Command, Option } from 'commander';
import { parseDay } from '../../store/csv-values.js';
import {
  ALL_EXPORT_KINDS,
  collectExport,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportKind,
  toCsv,
  toJson,
} from '../../store/export.js';
import { CliError, withContext } from '../context.js';

interface ExportOptions {
  what: ExportKind | 'all';
  format?: ExportFormat;
  team?: string;
  from?: string;
  to?: string;
  out?: string;
  config?: string;
  database?: string;
}

function checkDay(flag: string, value: string | undefined): void {
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || parseDay(value) === undefined)) {
    throw new CliError(`${flag} must be a date as YYYY-MM-DD (got "${value}")`);
  }
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export check-ins, metric values and decisions (or the audit log) as CSV or JSON')
    .argument(
      '[kind]',
      `what to export, as with --what: ${[...ALL_EXPORT_KINDS, 'all'].join(', ')} (e.g. \`rituals export decisions\`); all = ${EXPORT_KINDS.join(', ')}`,
    )
    .addOption(new Option('--what <kind>', 'what to export').choices([...ALL_EXPORT_KINDS, 'all']).default('all'))
    .addOption(
      new Option('--format <format>', "output format (default: from --out's extension, else csv)").choices([
        'csv',
        'json',
      ]),
    )
    .option('--team <id>', 'only this team')
    .option('--from <date>', 'from this day (YYYY-MM-DD), inclusive')
    .option('--to <date>', 'up to this day (YYYY-MM-DD), inclusive')
    .option('--out <file>', 'write to a file instead of stdout (a directory for CSV with --what all)')
    .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (kind: string | undefined, opts: ExportOptions) => {
      if (kind !== undefined) {
        if (![...ALL_EXPORT_KINDS, 'all'].includes(kind))
          throw new CliError(`unknown export "${kind}": use ${[...ALL_EXPORT_KINDS, 'all'].join(', ')}`);
        opts.what = kind as ExportKind | 'all';
      }
      checkDay('--from', opts.from);
      checkDay('--to', opts.to);
      if (opts.from && opts.to && opts.from > opts.to)
        throw new CliError(`--from ${opts.from} is after --to ${opts.to}`);
      if (opts.what === 'audit' && opts.team !== undefined)
        throw new CliError('--team does not apply to the audit log: export it whole, or by --from and --to');
      const format: ExportFormat =
        opts.format ?? (opts.out && extname(opts.out).toLowerCase() === '.json' ? 'json' : 'csv');
      const kinds = opts.what === 'all' ? EXPORT_KINDS : [opts.what];
      if (format === 'csv' && kinds.length > 1 && !opts.out) {
        throw new CliError(
          'a CSV export of several kinds needs --out DIR (one file per kind), or use --what or --format json',
        );
      }
      await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ workspace, store }) => {
        if (opts.team !== undefined) {
          // A team removed from the config still has its data in the store.
          const stored = await store.workspace.listTeams({ includeInactive: true });
          const known = new Set([...workspace.workspace.teams, ...stored].map((t) => t.id));
          if (!known.has(opts.team)) throw new CliError(`unknown team "${opts.team}"`);
        }
        const tables = await collectExport(kinds, {
          store,
          workspace: workspace.workspace,
          filter: { teamId: opts.team, from: opts.from, to: opts.to },
        });
        const rows = tables.reduce((n, t) => n + t.rows.length, 0);
        if (format === 'json' || tables.length === 1) {
          const text = format === 'json' ? toJson(tables) : toCsv(tables[0]!);
          if (!opts.out) return void process.stdout.write(text);
          await writeFile(opts.out, text);
          process.stdout.write(`exported ${rows} rows to ${opts.out}\n`);
          return;
        }
        await mkdir(opts.out!, { recursive: true });
        for (const t of tables) await writeFile(join(opts.out!, `${t.kind}.csv`), toCsv(t));
        process.stdout.write(
          `exported ${rows} rows to ${tables.map((t) => join(opts.out!, `${t.kind}.csv`)).join(', ')}\n`,
        );
      });
    });
}
