// The Slack ChatGateway against the fake Web API over real HTTP: DMs through conversations.open
// (cached), members found by email, channel posts, updates in place, and every Slack failure mapped to
// the outcome the outbox acts on, with exactly one HTTP call each (the client never retries by itself).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { ChatGateway } from '../../../src/core/ports/index.js';
import type { NoticeView } from '../../../src/core/view-models.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackAdapter } from '../../../src/slack/adapter.js';
import { slackRecordingService } from '../../helpers/fake-rituals-service.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const view: NoticeView = {
  type: 'notice',
  locale: 'en',
  text: 'Hello <everyone> & co',
  tone: 'info',
  body: 'Hello <everyone> & co',
};

/** The fixture workspace, with Bob known by email only. */
function workspace(): Workspace {
  const ws = fixtureWorkspace();
  return {
    ...ws,
    teams: ws.teams.map((t) => ({
      ...t,
      members: t.members.map((m) =>
        m.id === 'bob' ? { ...m, ids: { email: 'Bob@Example.com' } } : m.id === 'carol' ? { ...m, ids: {} } : m,
      ),
    })),
  };
}

describe('Slack gateway', () => {
  let fake: FakeSlackApi;
  let gateway: ChatGateway;

  beforeEach(async () => {
    fake = await new FakeSlackApi().start();
    fake
      .addUser({ id: 'U_ALICE', email: 'alice@example.com' })
      .addUser({ id: 'U0BOB', email: 'bob@example.com' })
      .addChannel('C_SALES');
    const log = createLogger('silent');
    gateway = createSlackAdapter({
      config: { botToken: fake.token, signingSecret: 's', apiUrl: fake.url },
      service: slackRecordingService({}),
      workspace,
      http: new HttpServer(log),
      log,
    }).gateway;
  });
  afterEach(async () => {
    await fake.close();
  });

  it('opens the DM once and posts the rendered view there, escaping mrkdwn', async () => {
    const first = await gateway.send({ kind: 'dm', memberId: 'alice' }, view);
    const second = await gateway.send({ kind: 'dm', memberId: 'alice' }, view);
    expect(first).toEqual({
      status: 'sent',
      ref: { platform: 'slack', conversation: 'DU_ALICE', id: expect.any(String) },
    });
    expect(second.status).toBe('sent');
    expect(fake.okCallsTo('conversations.open')).toHaveLength(1);
    const posts = fake.okCallsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.args.channel).toBe('DU_ALICE');
    // The fallback text is mrkdwn too: escaped like the blocks, so it cannot ping anyone.
    expect(posts[0]!.args.text).toBe('Hello &lt;everyone&gt; &amp; co');
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('Hello &lt;everyone&gt; &amp; co');
  });

  it('finds a member with only an email through users.lookupByEmail (cached)', async () => {
    expect((await gateway.send({ kind: 'dm', memberId: 'bob' }, view)).status).toBe('sent');
    expect((await gateway.send({ kind: 'dm', memberId: 'bob' }, view)).status).toBe('sent');
    expect(fake.okCallsTo('users.lookupByEmail')).toHaveLength(1);
    expect(fake.okCallsTo('chat.postMessage')[0]!.args.channel).toBe('DU0BOB');
  });

  it('posts to the team channel and updates the message in place', async () => {
    const sent = await gateway.send({ kind: 'channel', teamId: 'sales' }, view);
    if (sent.status !== 'sent') throw new Error(sent.status);
    expect(sent.ref.conversation).toBe('C_SALES');
    const updated = await gateway.update(sent.ref, { ...view, body: 'Updated', text: 'Updated' });
    expect(updated).toEqual({ status: 'sent', ref: sent.ref });
    const msg = fake.message('C_SALES', sent.ref.id)!;
    expect(msg.updates).toBe(1);
    expect(msg.text).toBe('Updated');
    expect(fake.messagesIn('C_SALES')).toHaveLength(1);
  });

  it.each([
    ['not_in_channel', 'Invite it'],
    ['channel_not_found', 'channel'],
    ['is_archived', 'archived'],
    ['account_inactive', 'deactivated'],
    ['invalid_auth', 'SLACK_BOT_TOKEN'],
  ])('maps %s to a permanent failure with a plain reason, in one call', async (error, words) => {
    fake.fail('chat.postMessage', { error });
    const out = await gateway.send({ kind: 'channel', teamId: 'sales' }, view);
    expect(out).toMatchObject({ status: 'failed_permanent', code: error });
    expect(out.status === 'failed_permanent' && out.reason).toContain(words);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps a real not_in_channel (bot not invited) and a deactivated user from the fake', async () => {
    fake.addChannel('C_SALES', { member: false });
    expect(await gateway.send({ kind: 'channel', teamId: 'sales' }, view)).toMatchObject({
      status: 'failed_permanent',
      code: 'not_in_channel',
    });
    fake.addUser({ id: 'U_ALICE', deleted: true });
    expect(await gateway.send({ kind: 'dm', memberId: 'alice' }, view)).toMatchObject({
      status: 'failed_permanent',
      code: 'account_inactive',
    });
  });

  it('reports 429 as rate_limited with Retry-After, without retrying', async () => {
    fake.rateLimit('chat.postMessage', 1, 60_000, 7);
    expect((await gateway.send({ kind: 'channel', teamId: 'sales' }, view)).status).toBe('sent');
    const limited = await gateway.send({ kind: 'channel', teamId: 'sales' }, view);
    expect(limited).toMatchObject({ status: 'rate_limited', retryAfterMs: 7000 });
    expect(fake.callsTo('chat.postMessage').map((c) => c.outcome)).toEqual(['ok', 'http_429']);
  });

  it('reports 5xx, a dropped connection and internal_error as transient, each after one call', async () => {
    fake.fail('chat.postMessage', { httpStatus: 503 });
    expect(await gateway.send({ kind: 'channel', teamId: 'sales' }, view)).toMatchObject({
      status: 'failed_transient',
      code: 'http_503',
    });
    fake.fail('chat.postMessage', { networkDrop: true });
    expect(await gateway.send({ kind: 'channel', teamId: 'sales' }, view)).toMatchObject({
      status: 'failed_transient',
      code: 'request_error',
    });
    fake.fail('chat.postMessage', { error: 'internal_error' });
    expect(await gateway.send({ kind: 'channel', teamId: 'sales' }, view)).toMatchObject({
      status: 'failed_transient',
      code: 'internal_error',
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('fails permanently, without calling Slack, when the config gives no way to reach someone', async () => {
    expect(await gateway.send({ kind: 'dm', memberId: 'carol' }, view)).toMatchObject({
      status: 'failed_permanent',
      code: 'no_slack_identity',
    });
    expect(await gateway.send({ kind: 'dm', memberId: 'nobody' }, view)).toMatchObject({
      status: 'failed_permanent',
      code: 'unknown_member',
    });
    expect(await gateway.send({ kind: 'channel', teamId: 'support' }, view)).toMatchObject({
      status: 'failed_permanent',
      code: 'no_slack_channel',
    });
    expect(await gateway.send({ kind: 'channel', teamId: 'sales' }, { type: 'mystery' })).toMatchObject({
      status: 'failed_permanent',
      code: 'unknown_view',
    });
    expect(fake.calls).toEqual([]);
  });

  it('reports an unknown email as a permanent failure', async () => {
    fake.users.delete('U0BOB');
    expect(await gateway.send({ kind: 'dm', memberId: 'bob' }, view)).toMatchObject({
      status: 'failed_permanent',
      code: 'users_not_found',
    });
  });

  it('maps an update of a vanished message to a permanent failure', async () => {
    const out = await gateway.update({ platform: 'slack', conversation: 'C_SALES', id: '1.2' }, view);
    expect(out).toMatchObject({ status: 'failed_permanent', code: 'message_not_found' });
  });
});
