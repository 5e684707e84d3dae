// postgres:// URLs are refused for now, with a message that names the variable and says why, and never
// repeats a password: at start (the environment), on the command line (--database) and in the store.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EnvConfigError, loadConfig } from '../../../src/config/env.js';
import { databasePath, StoreError } from '../../../src/store/connection.js';
import { repoRoot, runCli } from '../../helpers/cli.js';

const URL_WITH_PASSWORD = 'postgres://rituals:s3cret-pw@127.0.0.1:5432/rituals';

function envProblems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof EnvConfigError) {
      expect(err.message).not.toContain('s3cret-pw');
      return err.problems;
    }
    throw err;
  }
  return [];
}

const NOT_YET =
  'is a PostgreSQL URL, but the PostgreSQL backend is not available yet: use a SQLite database (a file path, file:PATH or :memory:)';

describe('PostgreSQL URLs are refused until the backend exists', () => {
  it.each([URL_WITH_PASSWORD, 'postgresql://db/rituals', 'POSTGRES://db/rituals'])('DATABASE_URL=%s', (url) => {
    expect(envProblems({ DATABASE_URL: url })).toEqual([`DATABASE_URL ${NOT_YET}`]);
  });

  it('SANDBOX_DATABASE_URL too', () => {
    expect(envProblems({ SANDBOX_DATABASE_URL: URL_WITH_PASSWORD })).toEqual([`SANDBOX_DATABASE_URL ${NOT_YET}`]);
  });

  it('SQLite URLs are still accepted', () => {
    expect(envProblems({ DATABASE_URL: 'file:./data/x.db', SANDBOX_DATABASE_URL: ':memory:' })).toEqual([]);
  });

  it('the store refuses one given directly (rituals --database), without the password', () => {
    expect(() => databasePath(URL_WITH_PASSWORD)).toThrow(StoreError);
    expect(() => databasePath(URL_WITH_PASSWORD)).toThrow(
      'unsupported database URL postgres://rituals:***@127.0.0.1:5432/rituals: the PostgreSQL backend is not available yet',
    );
  });

  it('the bot does not start: it prints the problem and exits 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: URL_WITH_PASSWORD, PORT: '0', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Invalid environment:\n  - DATABASE_URL ${NOT_YET}`);
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pw');
  });

  it('rituals migrate --database refuses it too', () => {
    const r = runCli(['migrate', '--database', URL_WITH_PASSWORD]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('the PostgreSQL backend is not available yet');
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pw');
  });
});
