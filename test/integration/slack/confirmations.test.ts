// Confirmations that arrive. A check-in opened from an ephemeral answer (`/rituals me` -> button) is
// confirmed through the click's response URL (replacing the ephemeral message), never by chat.update on
// the ephemeral ts (Slack answers message_not_found); an expired response URL falls back to a DM.
// Typing `checkin` in the bot's DM answers with a button that opens the form, and that message becomes
// the confirmation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInFollowUp } from '../../../src/slack/check-in-follow-up.js';
import { blockActions, eventCallback, slashCommand, viewSubmission } from '../../helpers/slack-payloads.js';
import { type FlowHarness, startFlowHarness } from './core-harness.js';

function button(blocks: any[], action: string): { action_id: string; value: string } {
  for (const b of blocks ?? []) {
    for (const el of b.type === 'actions' ? b.elements : [])
      if (String(el.action_id).startsWith(`${action}#`)) return el;
  }
  throw new Error(`no ${action} button in ${JSON.stringify(blocks).slice(0, 300)}`);
}

const GOOD = { calls: '12', qualified_meetings: '2', prospecting_hours: '3' };

/** `/rituals me`, then the ephemeral answer's "Fill in my check-in" button, then the modal. */
async function openFromEphemeral(h: FlowHarness, responseId: string) {
  await h.post(slashCommand('U0SAM', 'me', h.fake.responseUrl('me'), 'C0SALES'));
  const me = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'me'));
  expect(me.body.response_type).toBe('ephemeral');
  const open = button(me.body.blocks, 'checkin.open');
  const before = h.fake.modals.length;
  const click = await h.post(
    blockActions({
      userId: 'U0SAM',
      actionId: open.action_id,
      value: open.value,
      channel: 'C0SALES',
      ts: '1700000999.000100',
      ephemeral: true,
      responseUrl: h.fake.responseUrl(responseId),
    }),
  );
  expect(click.status).toBe(200);
  return h.fake.waitFor(() => h.fake.modals[before]);
}

describe('check-in confirmations that arrive', () => {
  let h: FlowHarness;
  beforeEach(async () => {
    // Friday 20 Nov 2026, 16:05 in London: the week's check-in is open.
    h = await startFlowHarness('2026-11-20T16:05:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  it('replaces the ephemeral message through the response URL, never chat.update on its ts', async () => {
    const modal = await openFromEphemeral(h, 'eph-click');
    const ok = await h.post(viewSubmission('U0SAM', modal, GOOD));
    expect(ok.status).toBe(200);
    const confirmation = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'eph-click'));
    expect(confirmation.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(confirmation.body.text).toMatch(/Check-in received/);
    expect(JSON.stringify(confirmation.body.blocks)).toMatch(/Qualified meetings/);
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    expect(h.fake.calls.filter((c) => c.outcome === 'message_not_found')).toHaveLength(0);
    // Confirmed once, where the rep is looking: no extra DM.
    expect(h.fake.messagesIn('DU0SAM')).toHaveLength(0);
    expect(await h.store.checkIns.list({ memberIds: ['sam'] })).toHaveLength(1);
  });

  it('confirms by DM when the response URL has expired', async () => {
    const modal = await openFromEphemeral(h, 'eph-expired');
    h.fake.expiredResponseUrls.add('eph-expired');
    await h.post(viewSubmission('U0SAM', modal, GOOD));
    const dm = await h.fake.waitFor(() => h.fake.messagesIn('DU0SAM')[0]);
    expect(dm.text).toMatch(/Check-in received/);
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
  });

  it('with a scheduled prompt: the core updates the prompt, the ephemeral message is replaced too', async () => {
    await h.core.engine.tick(h.clock.now());
    await h.drain();
    const prompt = h.fake.messagesIn('DU0SAM')[0]!;
    const modal = await openFromEphemeral(h, 'eph-prompt');
    await h.post(viewSubmission('U0SAM', modal, GOOD));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'eph-prompt'));
    await h.drain();
    expect(h.fake.message('DU0SAM', prompt.ts)!.text).toMatch(/Check-in received/);
    expect(h.fake.messagesIn('DU0SAM')).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.outcome === 'message_not_found')).toHaveLength(0);
  });

  it('typing `checkin` in the DM answers with a button that opens the form; that message becomes the confirmation', async () => {
    const typed = await h.post(
      eventCallback({
        type: 'message',
        channel: 'DU0SAM',
        channel_type: 'im',
        user: 'U0SAM',
        text: 'checkin',
        ts: '1700000500.000100',
        event_ts: '1700000500.000100',
      }),
    );
    expect(typed.status).toBe(200);
    const launcher = await h.fake.waitFor(() => h.fake.messagesIn('DU0SAM')[0]);
    const open = button(launcher.blocks, 'checkin.open');
    expect(open).toMatchObject({ text: { text: 'Fill in my check-in' } });
    await h.post(
      blockActions({
        userId: 'U0SAM',
        actionId: open.action_id,
        value: open.value,
        channel: 'DU0SAM',
        ts: launcher.ts,
        responseUrl: h.fake.responseUrl('dm-click'),
      }),
    );
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);
    expect(modal.callback_id).toBe('rituals.checkin');
    await h.post(viewSubmission('U0SAM', modal, GOOD));
    await h.fake.waitFor(() => (h.fake.message('DU0SAM', launcher.ts)!.updates === 1 ? true : undefined));
    expect(h.fake.message('DU0SAM', launcher.ts)!.text).toMatch(/Check-in received/);
    expect(h.fake.messagesIn('DU0SAM')).toHaveLength(1);

    // In French too, and `pointage` is the same command.
    await h.post(
      eventCallback({
        type: 'message',
        channel: 'DU0LEA',
        channel_type: 'im',
        user: 'U0LEA',
        text: 'pointage',
        ts: '1700000600.000100',
        event_ts: '1700000600.000100',
      }),
    );
    const lea = await h.fake.waitFor(() => h.fake.messagesIn('DU0LEA')[0]);
    expect(button(lea.blocks, 'checkin.open')).toMatchObject({
      text: { text: expect.stringMatching(/pointage|Remplir/i) },
    });
  });
});

describe('check-in follow-ups handed to another thread', () => {
  let h: FlowHarness;
  const jobs: CheckInFollowUp[] = [];
  beforeEach(async () => {
    jobs.length = 0;
    h = await startFlowHarness('2026-11-20T16:05:00Z', { followUps: (job) => jobs.push(job) });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers, hands over the confirmation and the Home refresh, and the job run elsewhere delivers both', async () => {
    const modal = await openFromEphemeral(h, 'handed-over');
    const ok = await h.post(viewSubmission('U0SAM', modal, GOOD));
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const job = await h.fake.waitFor(() => jobs[0]);
    // Plain data that crosses threads: the user, the workspace, where the form came from, the confirmation.
    expect(structuredClone(job)).toEqual(job);
    expect(job).toMatchObject({ userId: 'U0SAM', origin: { responseUrl: h.fake.responseUrl('handed-over') } });
    expect(job.view.type).toBe('checkin_confirmation');
    // Nothing of it was sent by the thread that answered.
    expect(h.fake.responses.find((r) => r.id === 'handed-over')).toBeUndefined();
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);

    await h.adapter.followUp(job);
    const confirmation = h.fake.responses.find((r) => r.id === 'handed-over');
    expect(confirmation?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(confirmation?.body.text).toMatch(/Check-in received/);
    expect(JSON.stringify(h.fake.homes.get('U0SAM'))).toMatch(/Qualified meetings/);
  });

  it('a follow-up that fails is logged, never thrown', async () => {
    // The response URL has expired and the DM and the Home tab both fail: nothing reaches the rep, nothing throws.
    h.fake.expiredResponseUrls.add('gone');
    h.fake.fail('chat.postMessage', { error: 'channel_not_found' });
    h.fake.fail('views.publish', { error: 'invalid_auth' });
    await expect(
      h.adapter.followUp({
        userId: 'U0SAM',
        origin: { responseUrl: h.fake.responseUrl('gone') },
        view: { type: 'notice', tone: 'success', locale: 'en', body: 'Check-in received', text: 'Check-in received' },
      }),
    ).resolves.toBeUndefined();
    expect(h.fake.okCallsTo('chat.postMessage')).toHaveLength(0);
    expect(h.fake.callsTo('views.publish').map((c) => c.outcome)).toEqual(['invalid_auth']);
  });
});
