// A slow users.info never holds an answer: a member the config maps by Slack id gets the check-in
// modal's answer (stored, modal closed) without users.info being asked at all, while Slack would hold
// it. A user the config does not know by id still needs users.info (email) before the answer.
// Real core on SQLite, real HTTP, signed requests; the fake Slack holds users.info until released.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockActions, viewSubmission } from '../../helpers/slack-payloads.js';
import { type FlowHarness, startFlowHarness } from './core-harness.js';

describe('Slack answers before users.info', () => {
  let h: FlowHarness;

  beforeEach(async () => {
    // Friday 20 Nov 2026, 16:05 in London: the 16:00 check-in fire is due.
    h = await startFlowHarness('2026-11-20T16:05:00Z');
    await h.core.engine.tick(h.clock.now());
    await h.drain();
  });

  afterEach(async () => {
    await h.close();
  });

  it('closes the check-in modal of a member known by Slack id without waiting for users.info', async () => {
    const slow = h.fake.hold('users.info');
    const prompt = h.fake.messagesIn('DU0SAM')[0]!;
    const open = prompt.blocks
      .flatMap((b: any) => (b.type === 'actions' ? b.elements : []))
      .find((e: any) => String(e.action_id).startsWith('checkin.open#'));
    const click = await h.post(
      blockActions({ userId: 'U0SAM', actionId: open.action_id, value: open.value, channel: 'DU0SAM', ts: prompt.ts }),
    );
    expect(click.status).toBe(200);
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);

    const answer = await h.post(
      viewSubmission('U0SAM', modal, { calls: '42', qualified_meetings: '7', prospecting_hours: '12.5' }),
    );
    // The answer came back, in the team's language, and Slack was never asked who U0SAM is.
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(await h.store.checkIns.list({})).toHaveLength(1);
    expect(slow.waiting()).toBe(0);
    slow.release();
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
  });

  it('still asks users.info first for a user the config does not know by Slack id', async () => {
    const slow = h.fake.hold('users.info');
    const modal = { id: 'VSTRANGER', hash: 'h1', callback_id: 'rituals.checkin', private_metadata: '{}', blocks: [] };
    const pending = h.post(viewSubmission('U0STRANGER', modal, {}));
    await h.fake.waitFor(() => slow.waiting() > 0);
    slow.release();
    const answer = await pending;
    expect(answer.status).toBe(200);
    // Not a member: the modal says so, in the language of the Slack profile (fr-FR).
    expect(answer.json()).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(answer.json())).toMatch(/membre|équipe|n'êtes/i);
  });
});
