// `rituals copy --from SQLITE --to POSTGRES`: moves a SQLite database up to an empty PostgreSQL one (every
// table, ids kept, one transaction on the target), then prints the rows of each table on both sides. The
// work is in src/store/copy-to-postgres.ts; this file parses the arguments and prints.
import type { Command } from 'commander';
import { CopyCountMismatchError, copySqliteToPostgres, type TableCount } from '../../store/copy-to-postgres.js';
import { isPostgresUrl, withoutPassword } from '../../store/store-error.js';
import { CliError } from '../context.js';
import { textTable } from '../text-table.js';

function countsTable(tables: readonly TableCount[]): string {
  return textTable(
    ['table', 'source', 'target', ''],
    tables.map((t) => [t.table, String(t.source), String(t.target), t.source === t.target ? 'ok' : 'DIFFERENT']),
    ['left', 'right', 'right', 'left'],
  );
}

export function registerCopy(program: Command): void {
  program
    .command('copy')
    .description('copy a SQLite database into an empty PostgreSQL one (ids kept), then compare the row counts')
    .requiredOption('--from <url>', 'the SQLite database to copy (a file path or file:PATH)')
    .requiredOption('--to <url>', 'the empty PostgreSQL database to fill (postgres://…); migrated first')
    .action(async (opts: { from: string; to: string }) => {
      if (isPostgresUrl(opts.from))
        throw new CliError(
          `--from must be a SQLite database (a file path or file:PATH), not ${withoutPassword(opts.from)}`,
        );
      if (!isPostgresUrl(opts.to))
        throw new CliError(`--to must be a PostgreSQL URL (postgres://…), not ${withoutPassword(opts.to)}`);
      try {
        const result = await copySqliteToPostgres(opts.from, opts.to);
        for (const tag of result.migrations.applied) process.stdout.write(`applied ${tag}\n`);
        process.stdout.write(`${countsTable(result.tables)}\n`);
        const rows = result.tables.reduce((n, t) => n + t.target, 0);
        process.stdout.write(
          `copied ${rows} row${rows === 1 ? '' : 's'} in ${result.tables.length} tables from ${result.from} to ${result.to}: every count matches\n`,
        );
      } catch (err) {
        if (!(err instanceof CopyCountMismatchError)) throw err;
        process.stdout.write(`${countsTable(err.tables)}\n`);
        throw new CliError(err.message);
      }
    });
}
