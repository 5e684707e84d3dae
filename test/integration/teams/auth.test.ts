// Transport and auth of POST /api/messages. With an app id, the bot's real Bot Framework token
// validation runs against a local OpenID key set: no token, a malformed token, a forged signature, a
// token for another app or another serviceUrl all get 401 and store nothing; a genuine token is let in.
// Without an app id (local development) authentication is off and the log says so loudly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { FakeOpenId } from '../../helpers/fake-openid.js';
import { type FakeRitualsService, teamsStubService } from '../../helpers/fake-rituals-service.js';
import { activity } from '../../helpers/teams-activities.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.js';

const APP_ID = '6f0c2a7e-1b2d-4c3e-9f40-5a6b7c8d9e0f';
let openid: FakeOpenId;
let h: TeamsHarness;
let svc: FakeRitualsService;

beforeAll(async () => {
  openid = await new FakeOpenId().start();
  h = await startTeamsHarness({
    config: { appId: APP_ID, appPassword: 'not-used-offline', appType: 'SingleTenant', tenantId: 'tenant-contoso' },
    bot: { authOverrides: { ToBotFromChannelOpenIdMetadataUrl: openid.metadataUrl } },
    service: (store) => (svc = teamsStubService(store)),
  });
});
afterAll(async () => {
  await h.stop();
  await openid.stop();
});

const refCount = () =>
  (rawSqlite(h.store).prepare('select count(*) as n from conversation_refs').get() as { n: number }).n;
const install = () => activity('personal-install', { serviceUrl: h.connector.url });
const serviceUrl = () => `${h.connector.url}/`;

describe('/api/messages with MICROSOFT_APP_ID set', () => {
  it.each([
    ['no Authorization header', () => ({})],
    ['a malformed token', () => ({ authorization: 'Bearer not.a.jwt' })],
    [
      'a token signed with an unpublished key',
      () => ({ authorization: `Bearer ${openid.forged(APP_ID, serviceUrl())}` }),
    ],
    [
      'a token for another app',
      () => ({ authorization: `Bearer ${openid.token('0b9d8c7e-0000-4000-8000-000000000000', serviceUrl())}` }),
    ],
    [
      'a token for another serviceUrl',
      () => ({ authorization: `Bearer ${openid.token(APP_ID, 'https://smba.example.net/')}` }),
    ],
    [
      'an expired token',
      () => ({
        authorization: `Bearer ${openid.token(APP_ID, serviceUrl(), { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })}`,
      }),
    ],
  ])('refuses %s with 401 and stores nothing', async (_what, headers) => {
    const res = await h.post(install(), headers());
    expect(res.status).toBe(401);
    expect(refCount()).toBe(0);
    expect(svc.calls).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('lets a genuine Bot Framework token in', async () => {
    const res = await h.post(install(), { authorization: `Bearer ${openid.token(APP_ID, serviceUrl())}` });
    expect(res.status).toBe(200);
    expect(refCount()).toBe(1);
    expect(h.logs()).toContain('Bot Framework authentication on');
  });

  it('refuses a body that is not JSON and one over the size limit', async () => {
    const auth = { authorization: `Bearer ${openid.token(APP_ID, serviceUrl())}` };
    const notJson = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: auth, body: '{oops' });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(600 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });
});

describe('/api/messages without MICROSOFT_APP_ID (local development)', () => {
  it('accepts activities without a token and warns loudly that authentication is off', async () => {
    const dev = await startTeamsHarness({ service: (store) => teamsStubService(store) });
    try {
      expect(dev.logs()).toMatch(/"level":40.*Bot Framework authentication is OFF/);
      const res = await dev.post(activity('personal-install', { serviceUrl: dev.connector.url }));
      expect(res.status).toBe(200);
    } finally {
      await dev.stop();
    }
  });
});
