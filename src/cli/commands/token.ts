// `rituals token create NAME | revoke NAME | list`: bearer tokens of the ingest API. `create` prints the
// token once, alone on stdout (so scripts can capture it), with a reminder on stderr; only its hash is kept.
import type { Command } from 'commander';
import { ApiTokenError, createApiTokensRepo } from '../../store/api-tokens.repo.js';
import { CliError, withStore } from '../context.js';
import { textTable } from '../text-table.js';

const DB_OPTION = [
  '-d, --database <url>',
  'database URL (default: DATABASE_URL, else file:./data/rituals.db)',
] as const;

export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description('manage the bearer tokens of the ingest API (POST /api/v1/metrics)');

  token
    .command('create')
    .description('create a token and print it once (only its hash is stored)')
    .argument('<name>', 'a name for the token, e.g. the system that will use it (hubspot-sync)')
    .option('--by <name>', 'who the creation is recorded as in the audit log', 'cli')
    .option(...DB_OPTION)
    .action(async (name: string, opts: { by: string; database?: string }) => {
      await withStore({ databaseUrl: opts.database }, async ({ store }) => {
        try {
          const { token: secret } = await createApiTokensRepo(store).create(name, {
            by: opts.by,
            at: new Date().toISOString(),
          });
          process.stdout.write(`${secret}\n`);
          process.stderr.write(`token "${name}" created: copy it now, it is not shown again\n`);
        } catch (err) {
          if (err instanceof ApiTokenError) throw new CliError(err.message);
          throw err;
        }
      });
    });

  token
    .command('revoke')
    .description('revoke a token: requests with it are refused from now on')
    .argument('<name>', 'the token name')
    .option('--by <name>', 'who the revocation is recorded as in the audit log', 'cli')
    .option(...DB_OPTION)
    .action(async (name: string, opts: { by: string; database?: string }) => {
      await withStore({ databaseUrl: opts.database }, async ({ store }) => {
        const revoked = await createApiTokensRepo(store).revoke(name, { by: opts.by, at: new Date().toISOString() });
        if (!revoked) throw new CliError(`no active token named "${name}"`);
        process.stdout.write(`token "${name}" revoked\n`);
      });
    });

  token
    .command('list')
    .description('list the tokens (names and dates, never the tokens)')
    .option(...DB_OPTION)
    .action(async (opts: { database?: string }) => {
      await withStore({ databaseUrl: opts.database }, async ({ store }) => {
        const tokens = await createApiTokensRepo(store).list();
        if (tokens.length === 0) return void process.stdout.write('no tokens\n');
        const rows = tokens.map((t) => [
          t.name,
          t.revokedAt ? 'revoked' : 'active',
          t.createdAt,
          t.lastUsedAt ?? 'never',
          t.revokedAt ?? '',
        ]);
        process.stdout.write(`${textTable(['name', 'status', 'created', 'last used', 'revoked'], rows)}\n`);
      });
    });
}
