// Routing of inbound activities over real HTTP, against a recording service: typed commands (with the
// bot's @mention in channels), Action.Execute invokes answered with the replacing card, the Action.Submit
// fallback updating the card message, reactions, malformed payloads and the catch-all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInSubmission } from '../../../src/core/service.js';
import { confirmation, form, formWithErrors } from '../../fixtures/teams/views.js';
import { type FakeRitualsService, teamsStubService } from '../../helpers/fake-rituals-service.js';
import { activity, cardInvoke } from '../../helpers/teams-activities.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams-harness.js';

let h: TeamsHarness;
let svc: FakeRitualsService;

beforeEach(async () => {
  h = await startTeamsHarness({ service: (store) => (svc = teamsStubService(store)) });
});
afterEach(async () => h.stop());

const lastCard = () => h.connector.sent.at(-1)!.body.attachments[0].content;

describe('typed commands', () => {
  it('passes the typed text to the core and replies with the card of its answer', async () => {
    const res = await h.post(
      activity('personal-message', { serviceUrl: h.connector.url }, { text: 'ooo 2026-12-21 2026-12-31' }),
    );
    expect(res.status).toBe(200);
    expect(svc.callsTo('command')).toEqual([['sam', 'ooo 2026-12-21 2026-12-31']]);
    const reply = h.connector.sent.at(-1)!;
    expect(reply.path).toBe('/v3/conversations/a%3A1personal-chat-sam/activities/1732000000001');
    expect(lastCard().body.at(-1).text).toBe('echo ooo 2026-12-21 2026-12-31');
  });

  it('reads a command addressed with an @mention in a channel', async () => {
    await h.post(activity('channel-mention', { serviceUrl: h.connector.url }));
    expect(svc.callsTo('command')).toEqual([['maya', 'leaderboard']]);
  });

  it('answers an empty message with help', async () => {
    await h.post(activity('personal-message', { serviceUrl: h.connector.url }, { text: '  ' }));
    expect(svc.callsTo('command')).toHaveLength(0);
    expect(lastCard().body.at(-1).text).toContain('Help');
  });

  it('opens a form as a card when the core answers with one', async () => {
    svc.commandResult = () => ({ kind: 'form', view: form });
    await h.post(activity('personal-message', { serviceUrl: h.connector.url }, { text: 'checkin' }));
    expect(lastCard().body.filter((e: { type: string }) => e.type === 'Input.Number')).toHaveLength(2);
  });
});

describe('card actions (Action.Execute)', () => {
  it('sends the inputs as text, keyed by field id, with the activity id as idempotency key', async () => {
    svc.submitResult = () => ({ ok: false, form: formWithErrors });
    const res = await h.post(
      cardInvoke(h.connector.url, 'act-9', {
        action: 'checkin.submit',
        value: form.metadata,
        calls: '-3',
        meetings: 2.5,
        wins: 'Signed ACME',
        blockers: '',
      }),
    );
    expect(res.status).toBe(200);
    const [input] = svc.callsTo('submitCheckIn')[0] as [CheckInSubmission];
    expect(input).toMatchObject({
      memberId: 'sam',
      metadata: form.metadata,
      numbers: { calls: '-3', meetings: '2.5' },
      wins: 'Signed ACME',
      blockers: undefined,
      platform: 'teams',
      idempotencyKey: 'teams:f:invoke-checkin-1',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body.value)).toContain(formWithErrors.errors.calls);
  });

  it('keys a click without an activity id by its card and data, never by the time', async () => {
    svc.submitResult = () => ({ ok: false, form: formWithErrors });
    const data = { action: 'checkin.submit', value: form.metadata, calls: '-3' };
    for (let i = 0; i < 2; i++)
      expect((await h.post(cardInvoke(h.connector.url, 'act-9', data, { id: undefined }))).status).toBe(200);
    await h.post(cardInvoke(h.connector.url, 'act-9', { ...data, calls: '4' }, { id: undefined }));
    const keys = svc.callsTo('submitCheckIn').map(([input]) => (input as CheckInSubmission).idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^teams:.+:act-9:[0-9a-f]{16}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('replaces the card with the confirmation when the core accepts', async () => {
    svc.submitResult = () => ({ ok: true, view: confirmation });
    const res = await h.post(
      cardInvoke(h.connector.url, 'act-9', {
        action: 'checkin.submit',
        value: form.metadata,
        calls: '12',
        meetings: '3',
      }),
    );
    expect(res.body.value.body[0].text).toBe(confirmation.title);
  });

  it('sends a "reply" answer as a new message and says so in the invoke response', async () => {
    svc.actionResult = () => ({
      kind: 'reply',
      view: { type: 'notice', locale: 'en', text: 'Your goals', tone: 'info', body: 'Your goals' },
    });
    const res = await h.post(cardInvoke(h.connector.url, 'act-9', { action: 'goals.show', value: '{}' }));
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Your goals',
    });
    expect(h.connector.sent).toHaveLength(1);
  });

  it('answers a malformed action with 400 and calls nothing', async () => {
    const a = cardInvoke(h.connector.url, 'act-9', { action: 'checkin.submit' });
    a.value = { action: { type: 'Action.Execute', data: 'not an object' } };
    const res = await h.post(a);
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(svc.callsTo('submitCheckIn')).toHaveLength(0);
  });

  it("answers an unexpected failure with an error response in the member's language (not the activity's locale), and logs it", async () => {
    svc.actionResult = () => {
      throw new Error('boom');
    };
    const res = await h.post(
      cardInvoke(h.connector.url, 'act-9', { action: 'breach.snooze', value: '{}' }, { locale: 'fr-FR' }),
    );
    expect(res.status).toBe(200);
    // Sam's language is English (the service says so) even though his client reports French.
    expect(res.body).toMatchObject({
      statusCode: 500,
      type: 'application/vnd.microsoft.error',
      value: { message: expect.stringContaining('Something went wrong') },
    });
    expect(h.logs()).toContain('teams: turn failed');
    // Ids and the error message only: no stack trace in the log.
    expect(h.logs()).not.toMatch(/"stack":"[^"]/);
  });
});

describe('Action.Submit fallback', () => {
  it('runs the same action and updates the card message in place', async () => {
    const res = await h.post(activity('card-submit-message', { serviceUrl: h.connector.url, replyToId: 'act-42' }));
    expect(res.status).toBe(200);
    expect(svc.callsTo('action')).toEqual([['sam', 'breach.snooze', '{}']]);
    const [put] = h.connector.updates;
    expect(put!.path).toBe('/v3/conversations/a%3A1personal-chat-sam/activities/act-42');
    expect(put!.body.attachments[0].content.body.at(-1).text).toBe('done breach.snooze');
  });
});

describe('reactions', () => {
  it('records each added and removed reaction on the post, by AAD id', async () => {
    await h.post(activity('channel-reaction', { serviceUrl: h.connector.url, replyToId: 'act-7' }));
    await h.post(
      activity(
        'channel-reaction',
        { serviceUrl: h.connector.url, replyToId: 'act-7' },
        { id: 'f:reaction-2', reactionsAdded: undefined, reactionsRemoved: [{ type: 'like' }] },
      ),
    );
    expect(svc.callsTo('recordReaction').map(([e]) => e)).toEqual([
      {
        ref: { platform: 'teams', conversation: '19:sales-general@thread.tacv2', id: 'act-7' },
        emoji: 'like',
        userId: 'aad-sam',
        added: true,
        eventId: 'f:reaction-1:+like',
      },
      {
        ref: { platform: 'teams', conversation: '19:sales-general@thread.tacv2', id: 'act-7' },
        emoji: 'like',
        userId: 'aad-sam',
        added: false,
        eventId: 'f:reaction-2:-like',
      },
    ]);
  });
});
