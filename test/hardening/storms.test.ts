// Delivery through a storm: the real core queues check-in prompts, a leaderboard post and, after every
// member answers, the in-place updates of their prompts; the real OutboxSender delivers them through the
// real Slack and Teams gateways to fakes that answer a seeded 30 % of calls with 429 + Retry-After and
// 10 % with HTTP 500, both before accepting anything. Everything must arrive, exactly once.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/compose/build-core.js';
import { loadWorkspace } from '../../src/config/workspace-load.js';
import type { Workspace } from '../../src/core/domain/model.js';
import { previousPeriod } from '../../src/core/domain/periods.js';
import { periodSettingsOf } from '../../src/core/domain/report-context.js';
import type { Destination, Platform } from '../../src/core/ports/index.js';
import type { RitualsCore } from '../../src/core/rituals/create-core.js';
import { weekOf } from '../../src/core/rituals/engine/checkin-window.js';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logging/logger.js';
import { mulberry32 } from '../../src/sandbox/prng.js';
import type { OutboxSender } from '../../src/scheduling/outbox-sender.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/slack/adapter.js';
import { slackCanReach } from '../../src/slack/directory.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { createOutboxRepo } from '../../src/store/outbox.repo.js';
import { rawSqlite } from '../../src/store/raw-access.js';
import { syncWorkspace } from '../../src/store/sync-workspace.js';
import { createTeamsAdapter, type TeamsAdapter } from '../../src/teams/adapter.js';
import { teamsCanReach } from '../../src/teams/reach.js';
import { FakeBotConnector } from '../helpers/fake-bot-connector.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { type TempDir, tempDir } from '../helpers/store.js';
import { activity } from '../helpers/teams-activities.js';
import { waitFor } from '../helpers/wait-for.js';

const SLACK_MEMBERS = 20;
const TEAMS_MEMBERS = 120;
const slackUser = (i: number) => `U0STORM${i}`;

function stormYaml(): string {
  const lines = [
    'workspace: { name: Storm Corp, locale: en, timezone: Europe/Paris }',
    'kpis:',
    '  calls: { label: { en: Calls, fr: Appels }, unit: count }',
    '  qualified_meetings: { label: { en: Qualified meetings, fr: Rendez-vous qualifiés }, unit: count }',
    'roles:',
    '  sdr: { label: { en: SDR, fr: SDR }, checkin: [calls, qualified_meetings], objectives: [{ kpi: qualified_meetings, target: 35, per: month }] }',
    'teams:',
    '  - id: slackers',
    '    name: Slackers',
    '    channels: { slack: C0STORM }',
    '    members:',
    ...Array.from(
      { length: SLACK_MEMBERS },
      (_, k) =>
        `      - { id: s${k + 1}, name: Slack ${k + 1}, role: sdr, start: 2025-01-06, slack: ${slackUser(k + 1)} }`,
    ),
    '  - id: teamers',
    '    name: Teamers',
    '    locale: fr',
    '    members:',
    ...Array.from(
      { length: TEAMS_MEMBERS },
      (_, k) =>
        `      - { id: t${k + 1}, name: Teams ${k + 1}, role: sdr, start: 2025-01-06, teams: aad-storm-${k + 1} }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

let tmp: TempDir;
let store: Store;
let workspace: Workspace;
let core: RitualsCore;
let slackApi: FakeSlackApi;
let connector: FakeBotConnector;
let http: HttpServer;
let slack: SlackAdapter;
let teams: TeamsAdapter;
let sender: OutboxSender;
let storm = false;
const injected = { slack429: 0, slack500: 0, teams429: 0, teams500: 0 };

beforeAll(async () => {
  tmp = tempDir('rituals-storms-');
  writeFileSync(tmp.file('workspace.yaml'), stormYaml());
  workspace = (await loadWorkspace(tmp.file('workspace.yaml'))).workspace;
  store = await openStore(':memory:');
  await syncWorkspace(store, workspace, { actor: 'test' });
  const log = createLogger('silent');
  const platformFor = (d: Destination): Platform | undefined =>
    slackCanReach(workspace, d) ? 'slack' : teamsCanReach(workspace, d) ? 'teams' : undefined;
  const built = buildCore({
    store,
    workspace: () => workspace,
    log,
    platformFor,
    // Its own loop, woken by each enqueue. Short backoffs keep the test quick; the policy (attempts,
    // jitter, Retry-After) is the real one.
    sendLoop: true,
    sender: { backoff: { baseMs: 50, capMs: 400 }, pollMs: 100 },
  });
  ({ core, sender } = built);

  slackApi = await new FakeSlackApi().start();
  slackApi.addChannel('C0STORM');
  for (let i = 1; i <= SLACK_MEMBERS; i++) slackApi.addUser({ id: slackUser(i) });
  connector = await new FakeBotConnector().start();

  // The storm: decided per call from a seeded generator, before the fake accepts anything.
  const rnd = mulberry32(20261120);
  slackApi.interceptor = (method) => {
    if (!storm || method === 'auth.test') return undefined;
    const r = rnd.next();
    if (r < 0.3) return (injected.slack429++, { retryAfterSeconds: 1 });
    if (r < 0.4) return (injected.slack500++, { httpStatus: 500 });
    return undefined;
  };
  connector.interceptor = (call) => {
    if (!storm || !/\/activities(\/|$)/.test(call.path)) return undefined;
    const r = rnd.next();
    if (r < 0.3)
      return (
        injected.teams429++,
        {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { code: 'TooManyRequests', message: 'slow down' } },
        }
      );
    if (r < 0.4)
      return (injected.teams500++, { status: 500, body: { error: { code: 'InternalServerError', message: 'oops' } } });
    return undefined;
  };

  http = new HttpServer(log);
  slack = createSlackAdapter({
    config: { botToken: slackApi.token, signingSecret: 'storm-secret', apiUrl: slackApi.url },
    service: core.service,
    workspace: () => workspace,
    http,
    log,
  });
  teams = createTeamsAdapter({
    config: { appType: 'SingleTenant' },
    service: core.service,
    workspace: () => workspace,
    store,
    http,
    log,
  });
  const { port } = await http.listen(0, '127.0.0.1');
  await slack.start();
  await teams.start();
  // Each Teams member installs the bot in a personal chat (before the storm: installs are inbound).
  const template = activity('personal-install', { serviceUrl: connector.url });
  for (let i = 1; i <= TEAMS_MEMBERS; i++) {
    const body = {
      ...template,
      id: `f:install-${i}`,
      from: { id: `29:storm-${i}`, aadObjectId: `aad-storm-${i}` },
      conversation: { ...template.conversation, id: `a:storm-${i}` },
    };
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }

  built.connect(slack.gateway);
  built.connect(teams.gateway);
  sender.start();
  // Each install greets the member (one welcome per chat), delivered before the storm starts; the
  // storm's counts below are about prompts, leaderboards and updates only.
  const welcomed = await settled();
  expect(welcomed).toMatchObject({ sent: TEAMS_MEMBERS, dead: 0 });
  expect(connector.sent.length).toBe(TEAMS_MEMBERS);
  connector.reset();
}, 180_000);

afterAll(async () => {
  await sender?.stop();
  await slack?.stop();
  await teams?.stop();
  await http?.close();
  await slackApi?.close();
  await connector?.stop();
  await store?.close();
  tmp?.remove();
});

const outboxCounts = () => createOutboxRepo(store).counts();
const settled = () => waitFor(outboxCounts, (c) => c.pending + c.sending + c.failed === 0, 150_000, 100);

/** Successful posts per conversation, and successful updates per message. */
function slackDeliveries() {
  const posts = new Map<string, number>();
  for (const c of slackApi.okCallsTo('chat.postMessage'))
    posts.set(String(c.args.channel), (posts.get(String(c.args.channel)) ?? 0) + 1);
  const updates = new Map<string, number>();
  for (const c of slackApi.okCallsTo('chat.update'))
    updates.set(`${c.args.channel}/${c.args.ts}`, (updates.get(`${c.args.channel}/${c.args.ts}`) ?? 0) + 1);
  return { posts, updates };
}

function teamsDeliveries() {
  const posts = new Map<string, number>();
  for (const c of connector.sent) posts.set(c.conversationId!, (posts.get(c.conversationId!) ?? 0) + 1);
  const updates = new Map<string, number>();
  for (const c of connector.updates)
    updates.set(`${c.conversationId}/${c.activityId}`, (updates.get(`${c.conversationId}/${c.activityId}`) ?? 0) + 1);
  return { posts, updates };
}

describe('a storm of 30 % 429s and 10 % 500s', () => {
  it('delivers every prompt and the leaderboard exactly once', async () => {
    // The Slack members' meetings of last week: a leaderboard is only posted for a week with data behind it.
    const now = new Date();
    const lastWeek = previousPeriod(weekOf(workspace, now, 'Europe/Paris'), periodSettingsOf(workspace));
    await store.metricValues.upsertMany(
      Array.from({ length: SLACK_MEMBERS }, (_, k) => ({
        memberId: `s${k + 1}`,
        teamId: 'slackers',
        kpiId: 'qualified_meetings',
        date: lastWeek.start,
        value: 1 + (k % 5),
        source: 'checkin' as const,
        externalId: `s${k + 1}:${lastWeek.key}`,
      })),
      { at: now.toISOString() },
    );
    storm = true;
    expect((await core.engine.runNow('slackers', 'checkin', new Date())).sent).toBe(SLACK_MEMBERS);
    expect((await core.engine.runNow('teamers', 'checkin', new Date())).sent).toBe(TEAMS_MEMBERS);
    expect((await core.engine.runNow('slackers', 'leaderboard', new Date())).sent).toBe(1);
    const counts = await settled();
    expect(counts).toMatchObject({ sent: TEAMS_MEMBERS + SLACK_MEMBERS + TEAMS_MEMBERS + 1, dead: 0 });

    const s = slackDeliveries();
    for (let i = 1; i <= SLACK_MEMBERS; i++) expect(s.posts.get(`D${slackUser(i)}`), `Slack DM of s${i}`).toBe(1);
    expect(s.posts.get('C0STORM')).toBe(1);
    expect(s.posts.size).toBe(SLACK_MEMBERS + 1);
    const t = teamsDeliveries();
    for (let i = 1; i <= TEAMS_MEMBERS; i++) expect(t.posts.get(`a:storm-${i}`), `Teams chat of t${i}`).toBe(1);
    expect(t.posts.size).toBe(TEAMS_MEMBERS);
  }, 180_000);

  it('updates every answered prompt in place exactly once, and writes every answer', async () => {
    const members = [
      ...Array.from({ length: SLACK_MEMBERS }, (_, k) => `s${k + 1}`),
      ...Array.from({ length: TEAMS_MEMBERS }, (_, k) => `t${k + 1}`),
    ];
    for (const [k, memberId] of members.entries()) {
      const form = await core.service.checkInForm(memberId);
      const res = await core.service.submitCheckIn({
        memberId,
        metadata: form.metadata,
        numbers: { calls: String(10 + k), qualified_meetings: String(k % 4) },
        platform: memberId.startsWith('s') ? 'slack' : 'teams',
        idempotencyKey: `storm:${memberId}`,
      });
      expect(res.ok, memberId).toBe(true);
      expect(res.ok && res.updateRef, `${memberId} answers its delivered prompt`).toBeTruthy();
    }
    const counts = await settled();
    expect(counts).toMatchObject({ sent: TEAMS_MEMBERS + 2 * members.length + 1, dead: 0 });
    expect((rawSqlite(store).prepare('select count(*) as n from check_ins').get() as { n: number }).n).toBe(
      members.length,
    );

    const s = slackDeliveries();
    expect(s.updates.size).toBe(SLACK_MEMBERS);
    for (const n of s.updates.values()) expect(n).toBe(1);
    for (const m of slackApi.messages.filter((x) => x.channel.startsWith('D'))) expect(m.updates).toBe(1);
    // Posts did not grow: an update is never re-sent as a new message.
    expect([...s.posts.values()].every((n) => n === 1)).toBe(true);
    const t = teamsDeliveries();
    expect(t.updates.size).toBe(TEAMS_MEMBERS);
    for (const n of t.updates.values()) expect(n).toBe(1);
    expect([...t.posts.values()].every((n) => n === 1)).toBe(true);

    // The storm really blew: about 30 % and 10 % of the calls, on both platforms.
    process.stdout.write(`storm: ${JSON.stringify(injected)}, sender ${JSON.stringify(sender.stats)}\n`);
    expect(injected.slack429).toBeGreaterThan(10);
    expect(injected.slack500).toBeGreaterThan(3);
    expect(injected.teams429).toBeGreaterThan(50);
    expect(injected.teams500).toBeGreaterThan(15);
  }, 180_000);
});
