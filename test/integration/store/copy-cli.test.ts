// `rituals copy` and `rituals backup` / `rituals migrate` on PostgreSQL as a user runs them (the real
// command line in a child process). Bad arguments are refused before any connection, so those cases run
// everywhere; the copy itself, and backup and migrate on a PostgreSQL URL, need the real server: without
// TEST_DATABASE_URL they say so and skip (there is no PGlite variant: the commands connect to a URL).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, repoRoot, runCli } from '../../helpers/cli.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

const CRM_CSV = join(repoRoot, 'test/fixtures/csv/example-crm.csv');

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('rituals-copy-cli-');
});
afterAll(() => tmp.remove());

const noStack = (r: CliResult) => expect(r.stderr).not.toMatch(/^\s+at /m);
const rituals = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { DATABASE_URL: `file:${tmp.file('rituals.db')}`, RITUALS_CONFIG: '', ...env });

if (!TEST_DATABASE_URL) console.warn(`copy-cli: ${NO_SERVER_REASON}`);

describe('rituals copy: bad arguments', () => {
  it('needs --from and --to', () => {
    const r = rituals(['copy', '--from', 'file:./a.db']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("required option '--to <url>' not specified");
  });

  it('refuses a --from that is not SQLite, without its password', () => {
    const r = rituals(['copy', '--from', 'postgres://u:s3cret-pw@127.0.0.1:1/a', '--to', 'postgres://127.0.0.1:1/b']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'rituals: --from must be a SQLite database (a file path or file:PATH), not postgres://u:***@127.0.0.1:1/a\n',
    );
    noStack(r);
  });

  it('refuses a --to that is not PostgreSQL', () => {
    const r = rituals(['copy', '--from', 'file:./a.db', '--to', 'file:./b.db']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('rituals: --to must be a PostgreSQL URL (postgres://…), not file:./b.db\n');
  });

  it('refuses a source file that does not exist, and does not create it', () => {
    const missing = tmp.file('missing.db');
    const r = rituals(['copy', '--from', `file:${missing}`, '--to', 'postgres://127.0.0.1:1/b']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`rituals: --from file:${missing}: no such file ${missing}\n`);
    expect(existsSync(missing)).toBe(false);
  });

  it('is listed in the help', () => {
    const r = rituals(['--help']);
    expect(r.stdout).toMatch(/^\s+copy \[options\]\s+copy a SQLite database into an empty PostgreSQL one/m);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('on the real server', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('copy fills the empty database and prints the counts of both sides', () => {
    // A SQLite database written by the command line itself: the example workspace and three imported values.
    expect(rituals(['import', CRM_CSV]).status).toBe(0);
    const r = rituals(['copy', '--from', `file:${tmp.file('rituals.db')}`, '--to', target.url]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^applied 0000_init\n/);
    expect(r.stdout).toMatch(/^table\s+source\s+target$/m);
    expect(r.stdout).toMatch(/^metric_values\s+3\s+3\s+ok$/m);
    expect(r.stdout).toMatch(/^scheduler_leases\s+0\s+0\s+ok$/m);
    expect(r.stdout).not.toContain('DIFFERENT');
    expect(r.stdout).toMatch(
      /\ncopied \d+ rows in \d+ tables from file:.*rituals\.db to postgres:\/\/.*: every count matches\n$/,
    );
  });

  it('a second copy is refused: the target is not empty', () => {
    const r = rituals(['copy', '--from', `file:${tmp.file('rituals.db')}`, '--to', target.url]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^rituals: the target postgres:\/\/.* is not empty \(.*metric_values: 3 rows.*\): rituals copy only fills an empty database; nothing was changed\n$/,
    );
    expect(r.stdout).toBe('');
  });

  it('report and export read the copy exactly as they read the SQLite original', () => {
    const report = ['report', '--team', 'sales-fr', '--period', '2026-03', '--at', '2026-03-20T12:00:00.000Z'];
    const exported = ['export', '--what', 'all', '--format', 'json'];
    for (const args of [report, [...report, '--json'], exported]) {
      const onSqlite = rituals(args);
      const onPostgres = rituals(args, { DATABASE_URL: target.url });
      expect(onSqlite.status).toBe(0);
      expect(onSqlite.stdout.length).toBeGreaterThan(200);
      expect({ status: onPostgres.status, stdout: onPostgres.stdout, stderr: onPostgres.stderr }).toEqual({
        status: 0,
        stdout: onSqlite.stdout,
        stderr: '',
      });
    }
  });

  it('migrate on PostgreSQL reports like on SQLite', () => {
    const r = rituals(['migrate'], { DATABASE_URL: target.url });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^nothing to apply: database postgres:\/\/.* is up to date \(\d+ migrations?\)\n$/);
  });

  it('backup on PostgreSQL explains pg_dump, without a stack trace, and writes nothing', () => {
    const out = tmp.file('backup.db');
    const r = rituals(['backup', out, '--database', target.url]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^rituals: the database is PostgreSQL: back it up with the server's own tools, e\.g\. `pg_dump /,
    );
    expect(r.stderr.split('\n')).toHaveLength(2);
    noStack(r);
    expect(existsSync(out)).toBe(false);
  });
});
