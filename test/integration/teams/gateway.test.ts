// The Teams ChatGateway against the fake Bot Connector: proactive DMs and channel posts from stored
// references, 1:1 chats opened from a team roster, updates in place, and how every Bot Connector
// failure maps to the outbox's outcomes (429 + Retry-After, 412/502/503/504, 403 MessageWritesBlocked,
// 404, network), with the SDK's own retries off (exactly one attempt each).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../../src/core/ports/index.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { form, leaderboard, nudge, prompt, promptWithoutForm, standup, TEAM_SIZE } from '../../fixtures/teams/views.js';
import { MESSAGE_WRITES_BLOCKED } from '../../helpers/fake-bot-connector.js';
import { type FakeRitualsService, teamsStubService } from '../../helpers/fake-rituals-service.js';
import { activity } from '../../helpers/teams-activities.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.js';

let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness({ service: (store) => teamsStubService(store) });
  h.connector.channels.set('19:sales-general@thread.tacv2', [{ id: '19:sales-general@thread.tacv2', name: 'General' }]);
  h.connector.rosters.set('19:sales-general@thread.tacv2', [
    {
      id: '29:1lea-teams-user-id',
      name: 'Léa Martin',
      aadObjectId: 'aad-lea',
      userPrincipalName: 'lea.martin@contoso.com',
    },
  ]);
  await h.post(activity('personal-install', { serviceUrl: h.connector.url }));
  await h.post(activity('team-install', { serviceUrl: h.connector.url }));
  h.connector.reset();
});
afterEach(async () => h.stop());

const samDm = { kind: 'dm', memberId: 'sam' } as const;
const card = (call: { body: any }) => call.body.attachments[0].content;
const entryOf = (key: string) =>
  JSON.parse(
    (rawSqlite(h.store).prepare('select ref from conversation_refs where key = ?').get(key) as { ref: string }).ref,
  );

describe('Teams gateway: sending', () => {
  it('sends a DM to a member through their stored personal conversation', async () => {
    const out = await h.adapter.gateway.send(samDm, nudge);
    const [call] = h.connector.sent;
    expect(out).toEqual({
      status: 'sent',
      ref: { platform: 'teams', conversation: 'a:1personal-chat-sam', id: call!.response.id },
    });
    expect(call!.path).toBe('/v3/conversations/a%3A1personal-chat-sam/activities');
    expect(card(call!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(call!.body.summary).toBe(nudge.text);
  });

  it('puts the check-in form on the prompt card itself', async () => {
    await h.adapter.gateway.send(samDm, prompt);
    const inputs = card(h.connector.sent[0]!).body.filter((e: { type: string }) => e.type.startsWith('Input.'));
    expect(inputs.map((i: { id: string }) => i.id)).toEqual(form.numbers.map((n) => n.id).concat(['wins', 'blockers']));
    expect(card(h.connector.sent[0]!).actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'checkin.submit',
      data: { action: 'checkin.submit', value: form.metadata },
    });
  });

  it('sends a prompt stored without its form (before the upgrade) with its button, asking the core nothing', async () => {
    const svc = h.service as FakeRitualsService;
    const asked = svc.calls.length;
    const out = await h.adapter.gateway.send(samDm, JSON.parse(JSON.stringify(promptWithoutForm)));
    expect(out.status).toBe('sent');
    const sent = card(h.connector.sent[0]!);
    expect(sent.body.filter((e: { type: string }) => e.type.startsWith('Input.'))).toEqual([]);
    expect(sent.actions[0]).toMatchObject({
      data: { action: 'checkin.open', value: JSON.stringify({ period: '2026-W47' }) },
    });
    expect(svc.calls.slice(asked)).toEqual([]);
  });

  it('opens a 1:1 chat for a member known only from the team roster, once', async () => {
    const first = await h.adapter.gateway.send({ kind: 'dm', memberId: 'lea' }, nudge);
    expect(first.status).toBe('sent');
    const [created] = h.connector.conversationsCreated;
    expect(created!.body).toMatchObject({
      isGroup: false,
      members: [{ id: '29:1lea-teams-user-id' }],
      tenantId: 'tenant-contoso',
    });
    expect(entryOf('aad-lea')).toMatchObject({
      kind: 'personal',
      ref: { conversation: { id: expect.stringMatching(/^a:fake-1to1-/) } },
    });
    await h.adapter.gateway.send({ kind: 'dm', memberId: 'lea' }, nudge);
    expect(h.connector.conversationsCreated).toHaveLength(1);
    expect(h.connector.sent).toHaveLength(2);
  });

  it("posts a team's views to its configured channel", async () => {
    const out = await h.adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, leaderboard(10));
    expect(out).toMatchObject({ status: 'sent', ref: { conversation: '19:sales-general@thread.tacv2' } });
    expect(h.connector.sent[0]!.path).toBe('/v3/conversations/19%3Asales-general%40thread.tacv2/activities');
  });

  it('splits a view too big for one message into several cards, each under 28 KB', async () => {
    const big = standup(TEAM_SIZE, 400);
    const out = await h.adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, big);
    expect(out.status).toBe('sent');
    expect(h.connector.sent.length).toBeGreaterThan(1);
    for (const call of h.connector.sent) expect(Buffer.byteLength(JSON.stringify(call.body))).toBeLessThan(28 * 1024);
    expect((out as { ref: { id: string } }).ref.id).toBe(h.connector.sent[0]!.response.id);
  });

  it('reports a member without any conversation as permanent, without calling Teams', async () => {
    const out = await h.adapter.gateway.send({ kind: 'dm', memberId: 'maya' }, nudge);
    expect(out).toMatchObject({ status: 'failed_permanent', code: 'teams.not_installed' });
    expect(h.connector.calls).toHaveLength(0);
  });

  it('refuses something that is not a view', async () => {
    expect(await h.adapter.gateway.send(samDm, { hello: 'world' })).toMatchObject({
      status: 'failed_permanent',
      code: 'teams.bad_view',
    });
  });
});

describe('Teams gateway: failures', () => {
  it('maps 429 to rate_limited with the Retry-After, after one attempt', async () => {
    h.connector.failNext({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { code: 'TooManyRequests' } },
    });
    expect(await h.adapter.gateway.send(samDm, nudge)).toEqual({ status: 'rate_limited', retryAfterMs: 7000 });
    expect(h.connector.calls).toHaveLength(1);
  });

  it.each([412, 502, 503, 504])('maps %i to failed_transient after exactly one attempt', async (status) => {
    h.connector.failNext({ status });
    const out = await h.adapter.gateway.send(samDm, nudge);
    expect(out).toMatchObject({ status: 'failed_transient', code: `teams.${status}` });
    expect(h.connector.calls).toHaveLength(1);
    expect(entryOf('aad-sam').dead).toBeUndefined();
  });

  it('maps 403 MessageWritesBlocked to failed_permanent and stops writing to that conversation', async () => {
    h.connector.failNext(MESSAGE_WRITES_BLOCKED);
    const out = await h.adapter.gateway.send(samDm, nudge);
    expect(out).toMatchObject({ status: 'failed_permanent', code: 'teams.blocked' });
    expect((out as Extract<SendOutcome, { status: 'failed_permanent' }>).reason).toContain('MessageWritesBlocked');
    expect(entryOf('aad-sam')).toMatchObject({ dead: true });
    const again = await h.adapter.gateway.send(samDm, nudge);
    expect(again).toMatchObject({ status: 'failed_permanent', code: 'teams.conversation_dead' });
    expect(h.connector.calls).toHaveLength(1);
  });

  it('maps 404 conversation not found to failed_permanent and marks the channel dead', async () => {
    h.connector.failNext({
      status: 404,
      body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
    });
    const out = await h.adapter.gateway.send({ kind: 'channel', teamId: 'sales' }, leaderboard(3));
    expect(out).toMatchObject({ status: 'failed_permanent', code: 'teams.conversation_not_found' });
    expect(entryOf('19:sales-general@thread.tacv2')).toMatchObject({ dead: true });
  });

  it('maps an unreachable Bot Connector to failed_transient', async () => {
    await h.connector.stop();
    const out = await h.adapter.gateway.send(samDm, nudge);
    expect(out).toMatchObject({ status: 'failed_transient', code: 'teams.network' });
  });
});

describe('Teams gateway: updates', () => {
  it('replaces a sent card in place', async () => {
    const sent = await h.adapter.gateway.send(samDm, nudge);
    if (sent.status !== 'sent') throw new Error('not sent');
    const out = await h.adapter.gateway.update(sent.ref, { ...nudge, title: 'Snoozed', actions: [] });
    expect(out).toEqual({ status: 'sent', ref: sent.ref });
    const [put] = h.connector.updates;
    expect(put!.path).toBe(`/v3/conversations/a%3A1personal-chat-sam/activities/${sent.ref.id}`);
    expect(card(put!).body[0].text).toBe('Snoozed');
  });

  it('reports a deleted message as permanent without closing the conversation', async () => {
    h.connector.failNext({ status: 404, body: { error: { code: 'ActivityNotFoundInConversation' } } });
    const out = await h.adapter.gateway.update(
      { platform: 'teams', conversation: 'a:1personal-chat-sam', id: 'gone' },
      nudge,
    );
    expect(out).toMatchObject({ status: 'failed_permanent' });
    expect(entryOf('aad-sam').dead).toBeUndefined();
  });

  it('cannot update a message in a conversation it never saw', async () => {
    const out = await h.adapter.gateway.update({ platform: 'teams', conversation: 'a:unknown', id: 'x' }, nudge);
    expect(out).toMatchObject({ status: 'failed_permanent', code: 'teams.unknown_conversation' });
  });
});
