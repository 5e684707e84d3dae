// `rituals migrate`: applies pending database migrations (the bot also does it at start) and lists them.
import type { Command } from 'commander';
import { withStore } from '../context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and list the ones applied')
    .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)')
    .action(async (opts: { database?: string }) => {
      await withStore({ databaseUrl: opts.database }, async ({ store }) => {
        const { applied, known } = store.migrations;
        for (const tag of applied) process.stdout.write(`applied ${tag}\n`);
        const n = known.length;
        process.stdout.write(
          `${applied.length === 0 ? 'nothing to apply: ' : ''}database ${store.url} is up to date (${n} migration${n === 1 ? '' : 's'})\n`,
        );
      });
    });
}
