// Secrets never reach the logs or any answer. The bot runs as deployed (a child process, LOG_LEVEL=trace,
// stdout and stderr captured) with random secrets: the Slack bot token, signing secret and OAuth client
// and state secrets, a Teams app password, an ingest API token, the metrics token. Three runs:
//   1. a full scenario: Slack commands, a check-in modal opened and submitted, a forged request, a
//      fan-out with a refused and a failing send, Teams messages and card submissions, ingest batches
//      with good, bad and missing tokens, /healthz, and /metrics with good, bad and missing tokens;
//   2. Teams authentication on (app id + password): forged and missing tokens, and a proactive send
//      whose token request cannot succeed offline;
//   3. start-up failures: a bot token Slack refuses, and malformed secrets in the environment.
// Every byte the process wrote, every HTTP answer and every message it sent is searched for each
// secret (and a 16-character piece of it).
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokensRepo } from '../../src/store/api-tokens.repo.js';
import { openStore } from '../../src/store/connection.js';
import { type AppProcess, startAppExpectingFailure, startAppProcess } from '../helpers/app-process.js';
import { repoRoot } from '../helpers/cli.js';
import { FakeBotConnector } from '../helpers/fake-bot-connector.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { blockActions, slashCommand, viewSubmission } from '../helpers/slack-payloads.js';
import { postSigned } from '../helpers/slack-sign.js';
import { type TempDir, tempDir } from '../helpers/store.js';
import { activity, cardInvoke } from '../helpers/teams-activities.js';
import { waitFor } from '../helpers/wait-for.js';

const CONFIG = `${repoRoot}/test/hardening/fixtures/workspace.yaml`;
const hex = (n: number) => randomBytes(n).toString('hex');
const SECRETS = {
  botToken: `xoxb-${hex(20)}`,
  signingSecret: hex(24),
  clientSecret: `cs-${hex(20)}`,
  stateSecret: `ss-${hex(20)}`,
  appPassword: `pw~${hex(20)}`,
  chartSecret: hex(24),
  metricsToken: `mt-${hex(20)}`,
  ingestToken: '',
};

let tmp: TempDir;
let db: string;
let slack: FakeSlackApi;
let connector: FakeBotConnector;
/** Everything the bot wrote or answered, across the runs. */
const seen: string[] = [];

beforeAll(async () => {
  tmp = tempDir('rituals-secrets-');
  db = tmp.file('bot.db');
  const store = await openStore(db);
  SECRETS.ingestToken = (
    await createApiTokensRepo(store).create('crm-sync', { by: 'test', at: new Date().toISOString() })
  ).token;
  await store.close();
  slack = await new FakeSlackApi().start();
  slack.token = SECRETS.botToken;
  for (const id of ['U0MAYA', 'U0SAM', 'U0LEA', 'U0NORA', 'U0THEO'])
    slack.addUser({ id, locale: 'en-GB', tz: 'Europe/Paris', email: `${id.toLowerCase()}@acme.example` });
  slack.addChannel('C0SALES').addChannel('C0SUPPORT');
  connector = await new FakeBotConnector().start();
});

afterAll(async () => {
  await slack?.close();
  await connector?.stop();
  tmp?.remove();
});

const baseEnv = () => ({
  DATABASE_URL: `file:${db}`,
  RITUALS_CONFIG: CONFIG,
  LOG_LEVEL: 'trace',
  SLACK_BOT_TOKEN: SECRETS.botToken,
  SLACK_SIGNING_SECRET: SECRETS.signingSecret,
  SLACK_API_URL: slack.url,
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: SECRETS.clientSecret,
  SLACK_STATE_SECRET: SECRETS.stateSecret,
  CHART_URL_SECRET: SECRETS.chartSecret,
  METRICS_TOKEN: SECRETS.metricsToken,
});

async function http(base: string, path: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(`${base}${path}`, init);
  seen.push(await res.text());
  return res.status;
}

const outboxOf = (member: string) => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite
      .prepare(
        `select json_extract(view, '$.type') as view, status, attempts, last_error as error from outbox where target like ? order by id desc`,
      )
      .all(`%"memberId":"${member}"%`) as { view: string; status: string; attempts: number; error: string | null }[];
  } finally {
    sqlite.close();
  }
};

async function stop(app: AppProcess): Promise<void> {
  await app.stop('SIGTERM');
  seen.push(app.logs());
}

describe('secrets', () => {
  it('stay out of the logs of a full scenario at trace level', async () => {
    const app = await startAppProcess({ ...baseEnv(), TEAMS_ENABLED: 'true' });
    const base = `http://127.0.0.1:${app.port}`;
    try {
      const signed = (post: Parameters<typeof postSigned>[1]) =>
        postSigned(base, post, { secret: SECRETS.signingSecret }).then((r) => (seen.push(r.text), r));
      for (const [user, text] of [
        ['U0SAM', 'help'],
        ['U0SAM', 'me'],
        ['U0MAYA', 'standup'],
        ['U0SAM', 'standup'],
        ['U0LEA', 'ooo nope'],
      ]) {
        expect((await signed(slashCommand(user!, text!, slack.responseUrl(`${user}-${text}`)))).status).toBe(200);
      }
      expect(
        (
          await postSigned(base, slashCommand('U0SAM', 'help', slack.responseUrl('forged')), {
            secret: 'not-the-secret',
          })
        ).status,
      ).toBe(401);

      // A check-in through the modal, as a rep does it.
      await signed(
        blockActions({
          userId: 'U0SAM',
          actionId: 'checkin.open#0',
          value: '{}',
          channel: 'DU0SAM',
          ts: '1700000000.000001',
        }),
      );
      const modal = await slack.waitFor(() => slack.modals.find((m) => m.callback_id === 'rituals.checkin'));
      const done = await signed(
        viewSubmission('U0SAM', modal, { calls: '42', qualified_meetings: '3', wins: 'Signed Acme' }),
      );
      expect(done.status).toBe(200);

      // A fan-out where Slack refuses one send for good and fails another once.
      slack.fail('chat.postMessage', { error: 'invalid_auth' }, { times: 1, when: (a) => a.channel === 'DU0LEA' });
      slack.fail('conversations.open', { httpStatus: 500 }, { times: 1 });
      await signed(slashCommand('U0MAYA', 'run checkin', slack.responseUrl('run-sales')));
      await waitFor(
        () => outboxOf('lea'),
        (rows) => rows.some((r) => r.status === 'dead'),
        20_000,
      );
      // The admins hear about the parked prompt (Sam, who already answered, is not prompted). Sales'
      // pipeline awaits its first import, so Sam's answer opens no breach: the notice is Maya's only message.
      const maya = await waitFor(
        () => outboxOf('maya'),
        (rows) => rows.some((r) => r.view === 'notice') && rows.every((r) => r.status === 'sent'),
        20_000,
      );
      expect(maya.map((r) => r.view)).toEqual(['notice']);
      expect(slack.messages.filter((m) => m.channel === 'DU0MAYA').map((m) => m.text)).toEqual([
        expect.stringContaining('A message to Léa Dubois could not be delivered'),
      ]);

      // Teams, local development mode: install, a command, a check-in card submitted.
      const post = async (a: object) =>
        http(base, '/api/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
        });
      const from = { id: '29:tara', name: 'Tara Singh', aadObjectId: 'aad-tara' };
      const conversation = { conversationType: 'personal', tenantId: 'tenant-contoso', id: 'a:tara' };
      expect(await post(activity('personal-install', { serviceUrl: connector.url }, { from, conversation }))).toBe(200);
      expect(
        await post(activity('personal-message', { serviceUrl: connector.url }, { from, conversation, text: 'me' })),
      ).toBe(200);
      expect(
        await post(
          cardInvoke(
            connector.url,
            'act-1',
            { action: 'checkin.submit', value: JSON.stringify({ member: 'tara' }), calls: '5' },
            { from, conversation },
          ),
        ),
      ).toBe(200);

      // The ingest API: a good batch, a bad one, a wrong token, none.
      const ingest = (auth: string | undefined, items: unknown[]) =>
        http(base, '/api/v1/metrics', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: JSON.stringify({ items }),
        });
      const item = { member: 'sam', kpi: 'revenue', date: '2026-11-02', value: 1200, source_id: 'crm-1' };
      expect(await ingest(`Bearer ${SECRETS.ingestToken}`, [item])).toBe(200);
      expect(await ingest(`Bearer ${SECRETS.ingestToken}`, [{ ...item, value: 'x' }])).toBe(400);
      expect(await ingest(`Bearer ${SECRETS.ingestToken.slice(0, -2)}xx`, [item])).toBe(401);
      expect(await ingest(undefined, [item])).toBe(401);
      expect(await http(base, '/healthz')).toBe(200);
      expect(await http(base, '/metrics')).toBe(401);
      expect(
        await http(base, '/metrics', { headers: { authorization: `Bearer ${SECRETS.metricsToken.slice(0, -2)}xx` } }),
      ).toBe(401);
      expect(await http(base, '/metrics', { headers: { authorization: `Bearer ${SECRETS.metricsToken}` } })).toBe(200);
    } finally {
      await stop(app);
    }
    expect(app.logs()).toMatch(/"level":20/); // debug lines were written: the level was really trace
  }, 90_000);

  it('stay out of the logs with Teams authentication on, refusing tokens and failing to get one', async () => {
    const app = await startAppProcess({
      ...baseEnv(),
      MICROSOFT_APP_ID: '6f0c2a7e-1b2d-4c3e-9f40-5a6b7c8d9e0f',
      MICROSOFT_APP_PASSWORD: SECRETS.appPassword,
      MICROSOFT_APP_TENANT_ID: 'tenant-contoso',
    });
    const base = `http://127.0.0.1:${app.port}`;
    try {
      const install = activity('personal-install', { serviceUrl: connector.url });
      for (const authorization of [undefined, 'Bearer not.a.jwt', `Bearer ${SECRETS.appPassword}`]) {
        const status = await http(base, '/api/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(install),
        });
        expect(status).toBe(401);
      }
      // Support's check-in: Tara is on Teams (installed in the first run): the bot must fetch a token
      // with its password, which cannot work offline.
      const res = await postSigned(base, slashCommand('U0NORA', 'run checkin', slack.responseUrl('run-support')), {
        secret: SECRETS.signingSecret,
      });
      seen.push(res.text);
      // Her check-in prompt (her welcome from the first run was sent then, without authentication).
      const prompt = (r: Awaited<ReturnType<typeof outboxOf>>) => r.find((x) => x.view === 'checkin_prompt');
      const rows = await waitFor(
        () => outboxOf('tara'),
        (r) => {
          const p = prompt(r);
          return p !== undefined && (p.attempts > 0 || p.status === 'dead');
        },
        40_000,
        100,
      );
      // The send failed for want of a token (no Azure AD offline): not for want of an installation.
      expect(prompt(rows)!.error).toMatch(/^teams\.network/);
      seen.push(JSON.stringify(rows));
    } finally {
      await stop(app);
    }
  }, 90_000);

  it('stay out of what a failed start prints', async () => {
    slack.token = 'xoxb-the-only-token-slack-knows';
    const refused = await startAppExpectingFailure({ ...baseEnv(), LOG_LEVEL: 'trace' });
    slack.token = SECRETS.botToken;
    expect(refused.code).toBe(1);
    seen.push(refused.output);
    const malformed = await startAppExpectingFailure({
      ...baseEnv(),
      SLACK_BOT_TOKEN: `xoxp-${SECRETS.botToken.slice(5)}`,
      CHART_URL_SECRET: SECRETS.chartSecret.slice(0, 20),
      MICROSOFT_APP_ID: 'x',
      MICROSOFT_APP_PASSWORD: SECRETS.appPassword,
      MICROSOFT_APP_TYPE: 'Nope',
    });
    expect(malformed.code).toBe(1);
    expect(malformed.output).toContain('SLACK_BOT_TOKEN');
    seen.push(malformed.output);
  }, 60_000);

  it('appear nowhere in everything captured', () => {
    // What the bot sent to the platforms, too (Slack itself may receive the bot token, as auth.test's argument).
    seen.push(
      JSON.stringify(slack.calls.map(({ args: { token: _token, ...rest } }) => rest)),
      JSON.stringify(slack.responses),
      JSON.stringify(connector.calls.map((c) => c.body)),
    );
    const all = seen.join('\n');
    // The scenario went through the paths where a secret could slip out.
    for (const line of [
      'signature check failed',
      'teams: unauthenticated request refused',
      'outbox message parked',
      'ingest batch stored',
      'ingest batch rejected',
      'failed to start',
      'Invalid environment',
    ]) {
      expect(all, line).toContain(line);
    }
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(secret.length, name).toBeGreaterThan(20);
      for (const piece of [secret, secret.slice(5, 21), secret.slice(-16)]) {
        expect(all.includes(piece), `${name} (${piece.length} characters) appears in the output`).toBe(false);
      }
    }
  });
});
