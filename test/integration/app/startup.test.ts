// `npm start` as a new user runs it: no credentials -> sandbox mode on its own database, migrations
// applied, the bundled example loaded, /healthz green, a clean exit on SIGTERM; bad settings fail fast.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppExpectingFailure, startAppProcess } from '../../helpers/app-process.js';
import { repoRoot } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clean = { SLACK_BOT_TOKEN: '', MICROSOFT_APP_ID: '', RITUALS_CONFIG: '', DATABASE_URL: '' };

describe('starting the bot', () => {
  it('starts the sandbox with no credentials and answers /healthz', async () => {
    const sandboxDb = join(dir, 'sandbox.db');
    const app = await startAppProcess({ ...clean, SANDBOX_DATABASE_URL: `file:${sandboxDb}` });
    try {
      const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', mode: 'sandbox', store: 'ok', platforms: [] });
      const logs = app.logs();
      expect(logs).toContain('no Slack or Teams credentials: starting the local sandbox');
      expect(logs).toContain('RITUALS_CONFIG not set: using the bundled example workspace');
      expect(logs).toMatch(/"team":"sales-fr","ritual":"checkin","cron":"0 16 \* \* 5".*"next":"20\d\d-/);
      expect(existsSync(sandboxDb)).toBe(true);
      const missing = await fetch(`http://127.0.0.1:${app.port}/nope`);
      expect(missing.status).toBe(404);
    } finally {
      expect(await app.stop('SIGTERM')).toBe(0);
    }
  });

  it('uses RITUALS_CONFIG when given', async () => {
    const app = await startAppProcess({
      ...clean,
      RITUALS_CONFIG: join(repoRoot, 'examples/minimal.yaml'),
      SANDBOX_DATABASE_URL: `file:${join(dir, 'minimal.db')}`,
    });
    try {
      expect(app.logs()).toContain('1 team, 2 members');
      expect(app.logs()).not.toContain('using the bundled example');
    } finally {
      await app.stop();
    }
  });

  it('refuses a bad environment variable, naming it', async () => {
    const r = await startAppExpectingFailure({ ...clean, PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.output).toContain('PORT must be a whole number');
    expect(r.output).not.toMatch(/\n\s+at /);
  });

  it('refuses a broken workspace file with file:line:col messages', async () => {
    const broken = join(dir, 'broken.yaml');
    copyFileSync(join(repoRoot, 'examples/minimal.yaml'), broken);
    writeFileSync(
      broken,
      readFileSync(broken, 'utf8').replace('role: sdr, start: 2025-06-02', 'role: ghost, start: 2025-06-02'),
    );
    const r = await startAppExpectingFailure({
      ...clean,
      RITUALS_CONFIG: broken,
      SANDBOX_DATABASE_URL: `file:${join(dir, 'b.db')}`,
    });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(
      new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ teams\\[0\\]\\.members\\[1\\]\\.role: `),
    );
    expect(r.output).toContain('ghost');
  });
});
