// Who may read GET /metrics, over real HTTP against the bot as a child process: in platform mode it is
// off the main port unless METRICS_TOKEN (bearer, 401 without it) or METRICS_PORT (a listener of its own
// on 127.0.0.1, and then never on the main port) is set; the local sandbox keeps it on its own port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../../helpers/app-process.js';
import { repoRoot } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rituals-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'metrics-token-0123456789abcdef';
// Teams without an app id: platform mode with no outside call at start.
const platform = (name: string) => ({
  DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
  RITUALS_CONFIG: join(repoRoot, 'test/fixtures/app/two-platforms.yaml'),
  SLACK_BOT_TOKEN: '',
  TEAMS_ENABLED: 'true',
  MICROSOFT_APP_ID: '',
  SANDBOX: 'auto',
  METRICS_TOKEN: '',
  METRICS_PORT: '',
  METRICS_HOST: '',
});

async function withApp(
  env: Record<string, string>,
  fn: (app: AppProcess, base: string) => Promise<void>,
): Promise<void> {
  const app = await startAppProcess(env);
  try {
    await fn(app, `http://127.0.0.1:${app.port}`);
  } finally {
    expect(await app.stop('SIGTERM')).toBe(0);
  }
}

const get = (url: string, authorization?: string) => fetch(url, { headers: authorization ? { authorization } : {} });

describe('GET /metrics access', () => {
  it('is off in platform mode when neither METRICS_TOKEN nor METRICS_PORT is set, and the log says so', async () => {
    await withApp(platform('off'), async (app, base) => {
      expect((await get(`${base}/healthz`)).status).toBe(200);
      expect((await get(`${base}/metrics`)).status).toBe(404);
      expect(app.logs()).toContain('GET /metrics is off: set METRICS_TOKEN');
    });
  });

  it('asks for the bearer token on the main port when METRICS_TOKEN is set', async () => {
    await withApp({ ...platform('token'), METRICS_TOKEN: TOKEN }, async (app, base) => {
      const none = await get(`${base}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await none.json()).toEqual({ error: 'unauthorized' });
      expect((await get(`${base}/metrics`, `Bearer ${TOKEN.slice(0, -1)}x`)).status).toBe(401);
      expect((await get(`${base}/metrics`, `Bearer ${TOKEN}-and-more`)).status).toBe(401);
      expect((await get(`${base}/metrics`, `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`)).status).toBe(401);
      expect((await get(`${base}/metrics`, TOKEN)).status).toBe(401);
      const ok = await get(`${base}/metrics`, `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('messages_queued');
      expect((await get(`${base}/metrics`, `bearer ${TOKEN}`)).status).toBe(200);
      expect(app.logs()).not.toContain(TOKEN);
    });
  });

  it('moves to a listener of its own on 127.0.0.1 when METRICS_PORT is set', async () => {
    await withApp({ ...platform('port'), METRICS_PORT: '0' }, async (app, base) => {
      const m = /"host":"127\.0\.0\.1","port":(\d+),"bearer":false,"msg":"metrics listening/.exec(app.logs());
      expect(m).not.toBeNull();
      const metricsBase = `http://127.0.0.1:${m![1]}`;
      expect(Number(m![1])).not.toBe(app.port);
      const res = await get(`${metricsBase}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('rituals_runs_total');
      // The main port no longer has it, and the metrics port serves nothing else.
      expect((await get(`${base}/metrics`)).status).toBe(404);
      expect((await get(`${base}/healthz`)).status).toBe(200);
      expect((await get(`${metricsBase}/healthz`)).status).toBe(404);
      // Stopping closes it with the rest.
      expect(await app.stop('SIGTERM')).toBe(0);
      await expect(fetch(`${metricsBase}/metrics`)).rejects.toThrow();
    });
  });

  it('asks for the token on its own listener too when both are set', async () => {
    await withApp({ ...platform('both'), METRICS_PORT: '0', METRICS_TOKEN: TOKEN }, async (app) => {
      const m = /"port":(\d+),"bearer":true,"msg":"metrics listening/.exec(app.logs());
      const metricsBase = `http://127.0.0.1:${m![1]}`;
      expect((await get(`${metricsBase}/metrics`)).status).toBe(401);
      expect((await get(`${metricsBase}/metrics`, `Bearer ${TOKEN}`)).status).toBe(200);
    });
  });

  it('stays open on the sandbox port (a local try-out) when nothing is set', async () => {
    await withApp(
      {
        SLACK_BOT_TOKEN: '',
        MICROSOFT_APP_ID: '',
        TEAMS_ENABLED: '',
        RITUALS_CONFIG: '',
        METRICS_TOKEN: '',
        METRICS_PORT: '',
        METRICS_HOST: '',
        SANDBOX_DATABASE_URL: `file:${join(dir, 'sandbox.db')}`,
      },
      async (_app, base) => {
        const res = await get(`${base}/metrics`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('messages_queued');
      },
    );
  });
});
