// The multi-workspace install, end to end over real HTTP: the "Add to Slack" page at /slack/install
// (state cookie), Slack's redirect to /slack/oauth_redirect exchanging the code on the fake Slack
// (oauth.v2.access, then auth.test), the installation stored in SQLite by the real migrations, each
// signed request authorized with its own workspace's bot token, messages sent with the token of the
// workspace the config gives the team, an org-wide install on Enterprise Grid, a forged state refused,
// and app_uninstalled / tokens_revoked deleting the tokens. No token ever reaches the logs.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../../src/compose/build-core.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { NoticeView } from '../../../src/core/view-models.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/slack/adapter.js';
import { withRequestAuth } from '../../../src/slack/request-auth.js';
import { BOT_SCOPES } from '../../../src/slack/scopes.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import {
  createSlackInstallationsRepo,
  type SlackInstallationsRepo,
} from '../../../src/store/slack-installations.repo.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { type CaptureLog, captureLog } from '../../helpers/capture-log.js';
import { FakeClock } from '../../helpers/clock.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { jsonBody, postSigned } from '../../helpers/slack-sign.js';
import { FLOW_WORKSPACE } from './core-harness.js';
import { SECRET } from './harness.js';

const CLIENT = {
  clientId: '1111.2222',
  clientSecret: 'client-secret-for-tests',
  stateSecret: 'state-secret-for-tests-0123456789',
};
const note: NoticeView = { type: 'notice', locale: 'en', text: 'Hello', tone: 'info', body: 'Hello' };

describe('Slack OAuth v2 install', () => {
  let fake: FakeSlackApi;
  let store: Store;
  let http: HttpServer;
  let adapter: SlackAdapter;
  let repo: SlackInstallationsRepo;
  let log: CaptureLog;
  let base: string;
  let workspace: Workspace;
  const uninstalled: unknown[] = [];

  beforeEach(async () => {
    const yaml = (await readFile(FLOW_WORKSPACE, 'utf8')).replace(
      'channels: { slack: C0SALES }',
      'channels: { slack: C0SALES, slack_team: T0ACME }',
    );
    const parsed = parseWorkspace(yaml, FLOW_WORKSPACE);
    if (!parsed.ok) throw new Error('fixture');
    workspace = parsed.workspace;
    store = await openStore(':memory:');
    const clock = new FakeClock('2026-11-18T10:00:00Z');
    await syncWorkspace(store, workspace, { actor: 'config', at: clock.now().toISOString() });
    log = captureLog();
    const { core } = buildCore({ store, workspace: () => workspace, log, clock, platformFor: () => 'slack' });
    fake = await new FakeSlackApi().start();
    fake
      .addUser({ id: 'U0SAM', email: 'sam@acme.example' })
      .addUser({ id: 'U0MAYA', email: 'maya@acme.example' })
      .addUser({ id: 'U0LEA', email: 'lea.dubois@acme.example' })
      .addChannel('C0SALES');
    fake.oauthApp = { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret };
    fake.oauthCodes.set('code-acme', {
      team: { id: 'T0ACME', name: 'Acme' },
      botToken: 'xoxb-acme-bot-token',
      botUserId: 'U0ACMEBOT',
      botId: 'B0ACME',
      installerUserId: 'U0MAYA',
      scope: BOT_SCOPES.join(','),
    });
    fake.oauthCodes.set('code-grid', {
      enterprise: { id: 'E0GRID', name: 'Grid Org' },
      isEnterpriseInstall: true,
      botToken: 'xoxb-grid-bot-token',
      botUserId: 'U0GRIDBOT',
      botId: 'B0GRID',
      installerUserId: 'U0MAYA',
      scope: BOT_SCOPES.join(','),
    });
    repo = createSlackInstallationsRepo(store);
    http = new HttpServer(createLogger('silent'));
    uninstalled.length = 0;
    adapter = createSlackAdapter({
      config: { botToken: '', signingSecret: SECRET, apiUrl: fake.url, oauth: CLIENT },
      service: core.service,
      workspace: () => workspace,
      http,
      log,
      installations: repo,
      publicUrl: 'https://rituals.example.com',
      onUninstalled: (where) => void uninstalled.push(where),
    });
    const { port } = await http.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    await adapter.start();
  });

  afterEach(async () => {
    await adapter.stop();
    await http.close();
    await fake.close();
    await store.close();
  });

  /** The browser's part: open the install page, keep the state cookie, come back from Slack with `code`. */
  async function install(code: string): Promise<Response> {
    const page = await fetch(`${base}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize\?[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(href, html).toBeDefined();
    const authorize = new URL(href!);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(authorize.searchParams.get('scope')!.split(',').sort()).toEqual([...BOT_SCOPES].sort());
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://rituals.example.com/slack/oauth_redirect');
    const state = authorize.searchParams.get('state')!;
    const cookie = page.headers
      .getSetCookie()
      .find((c) => c.startsWith('slack-app-oauth-state='))!
      .split(';')[0]!;
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    return fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
  }

  const event = (teamId: string | null, event: Record<string, unknown>, org?: string) =>
    postSigned(
      base,
      jsonBody({
        token: 'legacy',
        team_id: teamId ?? 'T0WS1',
        ...(org ? { enterprise_id: org, is_enterprise_install: true } : {}),
        api_app_id: 'A0TEST',
        type: 'event_callback',
        event_id: `Ev${Math.random().toString(36).slice(2)}`.toUpperCase(),
        event_time: 1,
        authorizations: [
          {
            team_id: org ? null : teamId,
            enterprise_id: org ?? null,
            user_id: 'U0BOT',
            is_bot: true,
            is_enterprise_install: !!org,
          },
        ],
        event,
      }),
      { secret: SECRET },
    );

  it('installs a workspace: Add to Slack page, oauth.v2.access, stored installation, its token for its requests and messages', async () => {
    // Nothing installed yet: no auth.test at start, and nothing can be sent.
    expect(fake.callsTo('auth.test')).toHaveLength(0);
    expect(await adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note)).toMatchObject({
      status: 'failed_permanent',
      code: 'no_installation',
    });

    const done = await install('code-acme');
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/installed in your workspace/);
    expect(fake.okCallsTo('oauth.v2.access')).toHaveLength(1);
    expect(fake.okCallsTo('oauth.v2.access')[0]!.args).toMatchObject({
      code: 'code-acme',
      redirect_uri: 'https://rituals.example.com/slack/oauth_redirect',
    });
    expect(fake.okCallsTo('auth.test').map((c) => c.token)).toEqual(['xoxb-acme-bot-token']);
    const rows = await repo.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      teamId: 'T0ACME',
      enterpriseId: null,
      isEnterpriseInstall: false,
      installation: { bot: { token: 'xoxb-acme-bot-token', userId: 'U0ACMEBOT', id: 'B0ACME' } },
    });

    // A message to the team's channel goes with the Acme token (the config names the team's workspace).
    const sent = await adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note);
    expect(sent).toMatchObject({ status: 'sent', ref: { conversation: 'C0SALES', workspace: 'T0ACME' } });
    expect(fake.okCallsTo('chat.postMessage').map((c) => c.token)).toEqual(['xoxb-acme-bot-token']);
    if (sent.status === 'sent') await adapter.gateway.update(sent.ref, note);
    expect(fake.okCallsTo('chat.update').map((c) => c.token)).toEqual(['xoxb-acme-bot-token']);

    // A request from Acme is authorized with Acme's token, down to the directory's users.info. Léa is
    // known by email alone, so her profile is looked up (a user the config maps by Slack id is not).
    expect(
      (
        await event('T0ACME', {
          type: 'app_home_opened',
          user: 'U0LEA',
          channel: 'DU0LEA',
          tab: 'home',
          event_ts: '1.1',
        })
      ).status,
    ).toBe(200);
    await fake.waitFor(() => fake.homes.get('U0LEA'));
    expect(fake.okCallsTo('views.publish').map((c) => c.token)).toEqual(['xoxb-acme-bot-token']);
    expect(fake.callsTo('users.info').map((c) => [c.args.user, c.token])).toEqual([['U0LEA', 'xoxb-acme-bot-token']]);

    // A workspace without an installation: acknowledged, nothing done.
    expect(
      (
        await event('T0OTHER', {
          type: 'app_home_opened',
          user: 'U0MAYA',
          channel: 'DU0MAYA',
          tab: 'home',
          event_ts: '1.2',
        })
      ).status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.homes.get('U0MAYA')).toBeUndefined();

    expect(JSON.stringify(log.entries)).not.toMatch(/xoxb-|client-secret-for-tests|state-secret-for-tests/);
  });

  it('refuses a forged or replayed state and a code Slack does not know, storing nothing', async () => {
    const forged = await fetch(`${base}/slack/oauth_redirect?code=code-acme&state=forged`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/was not installed/);
    const unknown = await install('code-nobody-issued');
    expect(unknown.status).toBe(400);
    expect(fake.okCallsTo('oauth.v2.access')).toHaveLength(0);
    expect(await repo.list()).toEqual([]);
  });

  it('installs org-wide on Enterprise Grid: every workspace of the organisation is served by that install', async () => {
    const done = await install('code-grid');
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/installed in your organisation/);
    expect((await repo.list()).map((r) => [r.teamId, r.enterpriseId, r.isEnterpriseInstall])).toEqual([
      [null, 'E0GRID', true],
    ]);

    await event(
      'T0WS1',
      { type: 'app_home_opened', user: 'U0SAM', channel: 'DU0SAM', tab: 'home', event_ts: '1.1' },
      'E0GRID',
    );
    await fake.waitFor(() => fake.homes.get('U0SAM'));
    expect(fake.okCallsTo('views.publish').map((c) => c.token)).toEqual(['xoxb-grid-bot-token']);
    // The only installation serves the team's channel too.
    expect(await adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note)).toMatchObject({ status: 'sent' });
    expect(fake.okCallsTo('chat.postMessage').map((c) => c.token)).toEqual(['xoxb-grid-bot-token']);
  });

  it('app_uninstalled and tokens_revoked delete the tokens; messages then fail as not installed, and the managers are told', async () => {
    await install('code-acme');
    await install('code-grid');
    expect(await repo.list()).toHaveLength(2);
    // With two installations, a member whose workspace the config names but nobody installed is not reached.
    workspace = {
      ...workspace,
      teams: workspace.teams.map((t) => ({ ...t, channels: { ...t.channels, slackTeam: 'T0NOWHERE' } })),
    };
    expect(await adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note)).toMatchObject({
      status: 'failed_permanent',
      code: 'no_installation',
    });
    // An outbox send started from inside another workspace's request never borrows that request's token.
    const unnamed = {
      ...workspace,
      teams: workspace.teams.map((t) => ({ ...t, channels: { slack: t.channels.slack! } })),
    };
    workspace = unnamed;
    const inGridRequest = await withRequestAuth({ token: 'xoxb-grid-bot-token', teamId: 'T0WS1' }, () =>
      adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note),
    );
    expect(inGridRequest).toMatchObject({ status: 'failed_permanent', code: 'no_installation' });
    workspace = {
      ...workspace,
      teams: workspace.teams.map((t) => ({ ...t, channels: { ...t.channels, slackTeam: 'T0ACME' } })),
    };
    expect(
      await withRequestAuth({ token: 'xoxb-grid-bot-token', teamId: 'T0WS1' }, () =>
        adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note),
      ),
    ).toMatchObject({ status: 'sent' });
    expect(fake.okCallsTo('chat.postMessage').map((c) => c.token)).toEqual(['xoxb-acme-bot-token']);

    expect((await event('T0ACME', { type: 'app_uninstalled', event_ts: '2.1' })).status).toBe(200);
    await fake.waitFor(() => uninstalled.length === 1 || undefined);
    expect(uninstalled).toEqual([{ teamId: 'T0ACME' }]);
    expect((await repo.list()).map((r) => r.enterpriseId)).toEqual(['E0GRID']);

    // A revoked user token changes nothing; a revoked bot token removes the org-wide install.
    await event('T0WS1', { type: 'tokens_revoked', tokens: { oauth: ['U0MAYA'] }, event_ts: '2.2' }, 'E0GRID');
    await new Promise((r) => setTimeout(r, 100));
    expect(await repo.list()).toHaveLength(1);
    await event('T0WS1', { type: 'tokens_revoked', tokens: { bot: ['U0GRIDBOT'] }, event_ts: '2.3' }, 'E0GRID');
    await fake.waitFor(() => uninstalled.length === 2 || undefined);
    expect(uninstalled[1]).toEqual({ enterpriseId: 'E0GRID' });
    expect(await repo.list()).toEqual([]);
    expect(await adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, note)).toMatchObject({
      status: 'failed_permanent',
      code: 'no_installation',
    });
    expect(JSON.stringify(log.entries)).not.toMatch(/xoxb-/);
  });

  it('keeps serving the workspace of a SLACK_BOT_TOKEN set next to the multi-workspace install', async () => {
    await adapter.stop();
    const http2 = new HttpServer(createLogger('silent'));
    const both = createSlackAdapter({
      config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.url, oauth: CLIENT },
      service: buildCore({
        store,
        workspace: () => workspace,
        log,
        clock: new FakeClock('2026-11-18T10:00:00Z'),
        platformFor: () => 'slack',
      }).core.service,
      workspace: () => ({
        ...workspace,
        teams: workspace.teams.map((t) => ({ ...t, channels: { ...t.channels, slackTeam: 'T0TEST' } })),
      }),
      http: http2,
      log,
      installations: repo,
    });
    await both.start();
    try {
      expect(fake.okCallsTo('auth.test').map((c) => c.token)).toEqual([fake.token]);
      expect((await repo.list()).map((r) => r.teamId)).toEqual(['T0TEST']);
      expect(await both.gateway.send({ kind: 'channel', teamId: 'sales' }, note)).toMatchObject({
        status: 'sent',
        ref: { workspace: 'T0TEST' },
      });
      expect(fake.okCallsTo('chat.postMessage').map((c) => c.token)).toEqual([fake.token]);
    } finally {
      // (afterEach stops the first adapter again: stopping twice is harmless.)
      await both.stop();
    }
  });
});
