// The bot as deployed: a child process with Slack (HTTP mode) and Teams (local development mode) on
// the one HTTP server, driven from outside over real HTTP against a fake Slack Web API and a fake Bot
// Connector: signed Slack commands, a forged one, a Teams message, /healthz and /metrics.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../../helpers/app-process.js';
import { repoRoot } from '../../helpers/cli.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { slashCommand } from '../../helpers/slack-payloads.js';
import { postSigned } from '../../helpers/slack-sign.js';
import { waitFor } from '../../helpers/wait-for.js';

const SECRET = 'test-signing-secret-0123456789';
const METRICS_TOKEN = 'test-metrics-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'rituals-platform-'));
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let app: AppProcess;
let base: string;

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  slack.addUser({ id: 'U0SAM', locale: 'en-GB', tz: 'Europe/London' });
  slack.addUser({ id: 'U0MAYA', locale: 'en-GB', tz: 'Europe/London' });
  connector = await new FakeBotConnector().start();
  app = await startAppProcess({
    DATABASE_URL: `file:${join(dir, 'bot.db')}`,
    RITUALS_CONFIG: join(repoRoot, 'test/fixtures/app/two-platforms.yaml'),
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    TEAMS_ENABLED: 'true',
    MICROSOFT_APP_ID: '',
    SANDBOX: 'auto',
    METRICS_TOKEN,
  });
  base = `http://127.0.0.1:${app.port}`;
}, 60_000);

afterAll(async () => {
  const code = await app?.stop('SIGTERM');
  await slack?.close();
  await connector?.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('platform mode', () => {
  it('reports platform mode on /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      mode: 'platform',
      store: 'ok',
      platforms: ['slack', 'teams'],
    });
    expect(app.logs()).toContain('Bot Framework authentication is OFF');
  });

  it('answers a signed /rituals command and refuses a forged one', async () => {
    const ok = await postSigned(base, slashCommand('U0SAM', 'help', slack.responseUrl('help-1')), { secret: SECRET });
    expect(ok.status).toBe(200);
    await waitFor(() => slack.responses.some((r) => r.id === 'help-1') || ok.text.length > 0, Boolean);
    const forged = await postSigned(base, slashCommand('U0SAM', 'help', slack.responseUrl('help-2')), {
      secret: SECRET,
      signature: 'v0=deadbeef',
    });
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.responses.some((r) => r.id === 'help-2')).toBe(false);
  });

  it('answers a Teams message through the connector', async () => {
    const activity = JSON.parse(
      readFileSync(join(repoRoot, 'test/fixtures/teams/personal-message.json'), 'utf8').replaceAll(
        '{{serviceUrl}}',
        connector.url,
      ),
    );
    activity.from = { id: '29:1theo', name: 'Théo Martin', aadObjectId: 'aad-theo' };
    activity.text = 'help';
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBeLessThan(300);
    await waitFor(
      () => connector.sent.length,
      (n) => n > 0,
    );
    expect(JSON.stringify(connector.sent[0]!.body)).toMatch(/checkin|pointage/i);
  });

  it('exposes Prometheus metrics to the bearer of METRICS_TOKEN, including the Slack ack latency', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('rituals_runs_total');
    expect(text).toContain('messages_queued');
    expect(text).toMatch(/ack_latency_seconds_count\{platform="slack",surface="events"\} [1-9]/);
  });
});
