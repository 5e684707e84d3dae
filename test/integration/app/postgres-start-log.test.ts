// The bot started on a PostgreSQL DATABASE_URL that carries a password logs where its store is, without
// the password. It needs the real server (trust authentication accepts the password and ignores it);
// without TEST_DATABASE_URL the file says so and skips. The process is stopped once the store line is out,
// whatever the rest of the start does.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutPassword } from '../../../src/store/store-error.js';
import { repoRoot } from '../../helpers/cli.js';
import { createTestDatabase, NO_SERVER_REASON, TEST_DATABASE_URL, type TestDatabase } from '../../helpers/postgres.js';

if (!TEST_DATABASE_URL) console.warn(`postgres-start-log: ${NO_SERVER_REASON}`);

/** Runs the bot until `line` shows up in its output (then stops it) or it exits; returns the output. */
function runUntil(env: Record<string, string>, line: RegExp): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', SANDBOX: 'off', RITUALS_CONFIG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const onData = (d: Buffer) => {
    out += d.toString();
    if (line.test(out)) child.kill('SIGTERM');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) =>
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(out);
    }),
  );
}

describe('the URL in messages and logs', () => {
  it('withoutPassword masks a password in the user part or the query, and leaves other URLs as given', () => {
    expect(withoutPassword('postgres://app:s3cret@db:5432/rituals')).toBe('postgres://app:***@db:5432/rituals');
    expect(withoutPassword('postgres://db/rituals?sslmode=require&password=s3cret')).toBe(
      'postgres://db/rituals?sslmode=require&password=***',
    );
    expect(withoutPassword('postgres://app@db/rituals')).toBe('postgres://app@db/rituals');
    expect(withoutPassword('file:./data/rituals.db')).toBe('file:./data/rituals.db');
  });
});

describe.skipIf(!TEST_DATABASE_URL)('start on PostgreSQL (real server)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('logs the store it opened without the password', async () => {
    const u = new URL(db.url);
    u.username ||= 'root';
    u.password = 's3cret-pw';
    const out = await runUntil({ DATABASE_URL: u.toString(), DATABASE_POOL_SIZE: '2' }, /"msg":"store open/);
    const storeLine = out.split('\n').find((l) => l.includes('"msg":"store open'));
    expect(storeLine, out).toBeDefined();
    expect(JSON.parse(storeLine!).database).toBe(withoutPassword(u.toString()));
    expect(storeLine).toContain(':***@');
    expect(out).not.toContain('s3cret-pw');
  }, 60_000);
});
