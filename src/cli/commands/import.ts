// `rituals import FILE [--mapping MAPPING.yaml]`: imports metric values from a CSV export
// (date,member,kpi,value[,team,source_id]), or from a CRM report export through a mapping file (see
// examples/mappings). Every bad row is listed as FILE:LINE: message and nothing is written; a re-import
// changes nothing.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CrmMapping, CrmMappingError, parseCrmMapping } from '../../store/crm-mapping.js';
import { decodeCsv } from '../../store/csv-values.js';
import {
  CsvImportError,
  formatImportSummary,
  importMetricsCsv,
  parseMappedCsv,
  parseMetricsCsv,
} from '../../store/import-csv.js';
import { syncWorkspace } from '../../store/sync-workspace.js';
import { CliError, withContext } from '../context.js';

interface ImportOptions {
  config?: string;
  database?: string;
  actor: string;
  dryRun?: boolean;
  mapping?: string;
}

async function readMapping(file: string): Promise<CrmMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return parseCrmMapping(text, file);
  } catch (err) {
    if (!(err instanceof CrmMappingError)) throw err;
    process.stderr.write(err.problems.map((p) => `${p}\n`).join(''));
    throw new CliError(err.message);
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import metric values from a CSV file: columns date, member, kpi, value, and optional team, source_id')
    .argument('<file>', 'CSV file (`,` or `;` separated, decimal commas and DD/MM/YYYY dates accepted)')
    .option(
      '-m, --mapping <file>',
      'a CRM export mapping (YAML): which columns hold owner, date, amount and id, which rows count',
    )
    .option('--dry-run', 'check the file against the workspace without writing anything')
    .option('--actor <name>', 'who the import is recorded as in the audit log', 'cli')
    .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (file: string, opts: ImportOptions) => {
      let text: string;
      try {
        text = decodeCsv(await readFile(file));
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const mapping = opts.mapping === undefined ? undefined : await readMapping(opts.mapping);
      await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ workspace, store }) => {
        try {
          if (opts.dryRun) {
            const values = mapping
              ? parseMappedCsv(text, workspace.workspace, file, mapping).values
              : parseMetricsCsv(text, workspace.workspace, file);
            process.stdout.write(`${values.length} values in ${file} are valid (dry run: nothing written)\n`);
            return;
          }
          // Values reference members, teams and KPIs: the store must know the current config first.
          await syncWorkspace(store, workspace.workspace, { actor: 'config' });
          const result = await importMetricsCsv(store, workspace.workspace, { text, file, actor: opts.actor, mapping });
          process.stdout.write(`${formatImportSummary(result)}\n`);
        } catch (err) {
          if (!(err instanceof CsvImportError)) throw err;
          process.stderr.write(err.problems.map((p) => `${p}\n`).join(''));
          throw new CliError(err.message);
        }
      });
    });
}
