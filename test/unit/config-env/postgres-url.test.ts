// PostgreSQL URLs select the PostgreSQL backend; DATABASE_POOL_SIZE sizes its pool. Any other scheme is
// refused with a message that names the variable and says why, and no message or log line ever repeats
// a password: at start (the environment), on the command line (--database) and in the store.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EnvConfigError, loadConfig } from '../../../src/config/env.js';
import { databasePath, StoreError } from '../../../src/store/connection.js';
import { repoRoot, runCli } from '../../helpers/cli.js';

const URL_WITH_PASSWORD = 'postgres://rituals:s3cret-pw@127.0.0.1:5432/rituals';
const OTHER_WITH_PASSWORD = 'mysql://rituals:s3cret-pw@127.0.0.1:3306/rituals';

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

const UNSUPPORTED = 'must be a postgres:// URL or a SQLite database (a file path, file:PATH or :memory:)';

describe('DATABASE_URL selects the backend', () => {
  it.each([URL_WITH_PASSWORD, 'postgresql://db/rituals', 'POSTGRES://db/rituals'])('%s is accepted', (url) => {
    const c = loadConfig({ DATABASE_URL: url });
    expect(c.databaseUrl).toBe(url);
    expect(c.databaseIsDefault).toBe(false);
  });

  it.each(['file:./data/x.db', 'file:///tmp/x.db', './data/x.db', ':memory:'])('SQLite %s is accepted', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('another scheme is refused, naming the variable, without the password', () => {
    expect(envProblems({ DATABASE_URL: OTHER_WITH_PASSWORD })).toEqual([`DATABASE_URL ${UNSUPPORTED}`]);
  });

  it('the sandbox stays on SQLite: it resets its database at will', () => {
    expect(envProblems({ SANDBOX_DATABASE_URL: URL_WITH_PASSWORD })).toEqual([
      'SANDBOX_DATABASE_URL is a PostgreSQL URL, but the sandbox resets its database at will: use a SQLite database (a file path, file:PATH or :memory:)',
    ]);
    expect(envProblems({ SANDBOX_DATABASE_URL: OTHER_WITH_PASSWORD })).toEqual([
      'SANDBOX_DATABASE_URL must be a SQLite database (a file path, file:PATH or :memory:)',
    ]);
    expect(envProblems({ SANDBOX_DATABASE_URL: ':memory:' })).toEqual([]);
  });

  it('the store refuses another scheme given directly (rituals --database), without the password', () => {
    expect(() => databasePath(OTHER_WITH_PASSWORD)).toThrow(StoreError);
    expect(() => databasePath(OTHER_WITH_PASSWORD)).toThrow(
      'unsupported database URL mysql://rituals:***@127.0.0.1:3306/rituals: use postgres://…, a file path, file:PATH or :memory:',
    );
  });
});

describe('DATABASE_POOL_SIZE', () => {
  it('defaults to 10 and takes a positive whole number', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(loadConfig({ DATABASE_POOL_SIZE: ' 25 ' }).databasePoolSize).toBe(25);
  });

  it.each([
    ['ten', 'must be a whole number'],
    ['2.5', 'must be a whole number'],
    ['-1', 'must be a whole number'],
    ['0', 'must be between 1 and 1000'],
    ['5000', 'must be between 1 and 1000'],
  ])('%s is refused: %s', (value, message) => {
    expect(envProblems({ DATABASE_POOL_SIZE: value })).toEqual([`DATABASE_POOL_SIZE ${message}`]);
  });
});

describe('no password in what the process prints', () => {
  it('the bot with an unsupported DATABASE_URL does not start: it prints the problem and exits 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: OTHER_WITH_PASSWORD, PORT: '0', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Invalid environment:\n  - DATABASE_URL ${UNSUPPORTED}`);
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pw');
  });

  it('rituals migrate --database on an unreachable server names it without the password', () => {
    // Port 1: nothing listens there, the connection is refused at once.
    const r = runCli(['migrate', '--database', 'postgres://rituals:s3cret-pw@127.0.0.1:1/rituals']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rituals: cannot open database postgres://rituals:***@127.0.0.1:1/rituals');
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pw');
  });

  it('rituals migrate --database with another scheme is refused without the password', () => {
    const r = runCli(['migrate', '--database', OTHER_WITH_PASSWORD]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unsupported database URL mysql://rituals:***@127.0.0.1:3306/rituals');
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pw');
  });
});
