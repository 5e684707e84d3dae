// `rituals backup FILE`: an online copy of the database (SQLite backup API), safe while the bot runs. On
// PostgreSQL the store answers with how to back it up with pg_dump instead, printed as one line.
import type { Command } from 'commander';
import { formatBytes } from '../../store/backup.js';
import { CliError, withStore } from '../context.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('write a consistent copy of the database to FILE, safe while the bot is running')
    .argument('<file>', 'destination file')
    .option('-f, --force', 'overwrite the destination if it exists')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (file: string, opts: { force?: boolean; database?: string }) => {
      await withStore({ databaseUrl: opts.database }, async ({ store }) => {
        if (store.dialect === 'sqlite' && !store.path)
          throw new CliError(`database ${store.url} is in memory: nothing to back up`);
        // PostgreSQL: a StoreError explaining pg_dump, printed by the CLI as one line (exit code 1).
        const { path, bytes } = await store.backup(file, { overwrite: opts.force });
        process.stdout.write(`backup of ${store.url} written to ${path} (${formatBytes(bytes)})\n`);
      });
    });
}
