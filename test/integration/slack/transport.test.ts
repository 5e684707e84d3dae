// The HTTP transport of the Slack adapter over real HTTP: signature always verified (forged, stale,
// future and missing headers get 401 and reach nothing), url_verification, events deduplicated by
// event_id across Slack's retries, the body limit, and auth.test at start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter } from '../../../src/slack/adapter.js';
import { type FakeRitualsService, slackRecordingService } from '../../helpers/fake-rituals-service.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { eventCallback, slashCommand } from '../../helpers/slack-payloads.js';
import { jsonBody, postSigned, slackSignature } from '../../helpers/slack-sign.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';
import { SECRET, type SlackHarness, startSlackHarness } from './harness.js';

const alice = {
  memberId: 'alice',
  name: 'Alice Martin',
  teamIds: ['sales'],
  roleId: 'sdr',
  locale: 'en' as const,
  timezone: 'Europe/Paris',
  isManager: false,
};

const reaction = (eventId?: string) =>
  eventCallback(
    {
      type: 'reaction_added',
      user: 'U_ALICE',
      reaction: 'tada',
      item: { type: 'message', channel: 'C_SALES', ts: '1700000000.000001' },
      item_user: 'U0BOT',
      event_ts: '1.2',
    },
    eventId,
  );

describe('Slack HTTP transport', () => {
  let h: SlackHarness;
  let service: FakeRitualsService;

  beforeEach(async () => {
    service = slackRecordingService({ U_ALICE: alice });
    h = await startSlackHarness({ service, workspace: fixtureWorkspace });
    h.fake.addUser({ id: 'U_ALICE', email: 'alice@example.com', tz: 'Europe/Paris', locale: 'en-GB' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('verifies the bot token with auth.test when it starts', () => {
    expect(h.fake.okCallsTo('auth.test')).toHaveLength(1);
    expect(h.fake.callsTo('auth.test')[0]!.token).toBe(h.fake.token);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await h.post(jsonBody({ type: 'url_verification', token: 'x', challenge: 'c-123' }));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: 'c-123' });
  });

  const refusals: [string, (body: string) => Partial<Parameters<typeof postSigned>[2]>][] = [
    ['a forged signature', () => ({ signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), 'x') })],
    [
      'a signature of another body',
      () => ({ signature: slackSignature(SECRET, Math.floor(Date.now() / 1000), '{"other":1}') }),
    ],
    [
      'a stale timestamp (6 minutes old, correctly signed)',
      () => ({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }),
    ],
    ['a timestamp 6 minutes in the future', () => ({ timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })],
    ['a missing signature header', () => ({ signature: null })],
    ['a missing timestamp header', () => ({ omitTimestamp: true })],
    ['a malformed signature', () => ({ signature: 'v0=zz' })],
  ];

  it.each(refusals)('refuses %s with 401 and processes nothing', async (_name, opts) => {
    const post = reaction();
    const res = await h.post(post, opts(post.body));
    expect(res.status).toBe(401);
    const cmd = slashCommand('U_ALICE', 'me', h.fake.responseUrl('r1'));
    expect((await h.post(cmd, opts(cmd.body))).status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(service.calls).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it('accepts a correctly signed request just inside the 5-minute window', async () => {
    const res = await h.post(reaction(), { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(200);
    await h.fake.waitFor(() => service.callsTo('recordReaction').length === 1);
  });

  it('counts an event delivered twice (Slack retry with X-Slack-Retry-Num) once', async () => {
    const first = reaction('Ev0DUPLICATE1');
    expect((await h.post(first)).status).toBe(200);
    const retry = await h.post(first, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    const other = reaction('Ev0OTHER');
    expect((await h.post(other)).status).toBe(200);
    await h.fake.waitFor(() => service.callsTo('recordReaction').length === 2);
    await new Promise((r) => setTimeout(r, 50));
    const recorded = service
      .callsTo('recordReaction')
      .map(([event]) => event as { eventId: string; emoji: string; added: boolean; ref: unknown });
    expect(recorded.map((r) => r.eventId)).toEqual(['Ev0DUPLICATE1', 'Ev0OTHER']);
    expect(recorded[0]).toMatchObject({
      emoji: 'tada',
      added: true,
      userId: 'U_ALICE',
      ref: { platform: 'slack', conversation: 'C_SALES', id: '1700000000.000001' },
    });
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = jsonBody({ type: 'event_callback', event_id: 'EvBIG', pad: 'x'.repeat(1_100_000) });
    const res = await h.post(big);
    expect(res.status).toBe(413);
    expect(service.calls).toEqual([]);
  });

  it('answers 400 to a signed body that is not Slack JSON', async () => {
    const res = await h.post({ body: '{not json', contentType: 'application/json' });
    expect(res.status).toBe(400);
  });

  it('acks a slash command at once and answers through the response URL', async () => {
    const res = await h.post(slashCommand('U_ALICE', 'me', h.fake.responseUrl('cmd1')));
    expect(res.status).toBe(200);
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'cmd1'));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'command me for alice' });
    // Alice is mapped by her Slack id: found without asking Slack for her profile (minimal collection).
    expect(service.callsTo('resolveMember')[0]![0]).toEqual({ platform: 'slack', userId: 'U_ALICE' });
    expect(h.fake.callsTo('users.info')).toEqual([]);
  });

  it('turns a failure in the core into a plain apology, never a stack trace', async () => {
    await h.post(slashCommand('U_ALICE', 'boom', h.fake.responseUrl('cmd2')));
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'cmd2'));
    expect(answer.body.text).toBe('Something went wrong on our side; nothing was changed. Please try again.');
    expect(JSON.stringify(answer.body)).not.toMatch(/exploded|stack|at .*\.ts/);
  });

  it('acks at once, does the slow work after, and stop() waits for that work to finish', async () => {
    const started = Date.now();
    const res = await h.post(slashCommand('U_ALICE', 'slow', h.fake.responseUrl('slow')));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    await h.adapter.stop();
    expect(h.fake.responses.find((r) => r.id === 'slow')?.body.text).toBe('command slow for alice');
    expect((await h.post(slashCommand('U_ALICE', 'me', h.fake.responseUrl('late')))).status).toBe(503);
  });

  it('tells a Slack user who is not a member, in their language, privately', async () => {
    h.fake.addUser({ id: 'U_STRANGER', locale: 'fr-FR' });
    await h.post(slashCommand('U_STRANGER', 'me', h.fake.responseUrl('cmd3')));
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'cmd3'));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'Vous ne faites partie d’aucune équipe.' });
    expect(service.callsTo('command')).toEqual([]);
  });
});

describe('Slack adapter lifecycle', () => {
  it('answers 503 until started, and start fails plainly on a bad token', async () => {
    const fake = await new FakeSlackApi().start();
    const log = createLogger('silent');
    const http = new HttpServer(log);
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxb-wrong', signingSecret: SECRET, apiUrl: fake.url.replace(/\/$/, '') },
      service: slackRecordingService({}),
      workspace: fixtureWorkspace,
      http,
      log,
    });
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      const res = await postSigned(`http://127.0.0.1:${port}`, reaction(), { secret: SECRET });
      expect(res.status).toBe(503);
      await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
      expect(fake.callsTo('auth.test')[0]!.outcome).toBe('invalid_auth');
    } finally {
      await http.close();
      await fake.close();
    }
  });

  it('needs the signing secret in HTTP mode', () => {
    expect(() =>
      createSlackAdapter({
        config: { botToken: 'xoxb-x' },
        service: slackRecordingService({}),
        workspace: fixtureWorkspace,
        http: new HttpServer(createLogger('silent')),
        log: createLogger('silent'),
      }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
