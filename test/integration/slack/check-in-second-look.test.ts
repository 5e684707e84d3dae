// A check-in value far above the rep's own history, over real HTTP on the real core: the modal is
// replaced by the same form with the value kept and a warning under it (not stored), and submitting
// that form again stores the answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slashCommand, viewSubmission } from '../../helpers/slack-payloads.js';
import { type FlowHarness, startFlowHarness } from './core-harness.js';

describe('Slack: a check-in value to confirm', () => {
  let h: FlowHarness;
  beforeEach(async () => {
    // Friday 20 Nov 2026 (week 47), 16:05 in London.
    h = await startFlowHarness('2026-11-20T16:05:00Z');
    // Sam's last four weeks: 3 qualified meetings each (median 3, so anything above 15 is suspicious).
    for (const week of ['2026-W43', '2026-W44', '2026-W45', '2026-W46']) {
      await h.store.checkIns.submit({
        memberId: 'sam',
        teamId: 'sales',
        periodKey: week,
        values: { calls: 40, qualified_meetings: 3, prospecting_hours: 10 },
        idempotencyKey: `history-${week}`,
        submittedAt: '2026-11-01T12:00:00Z',
      });
    }
  });
  afterEach(async () => h.close());

  it('asks once, in place, then stores the confirmed value', async () => {
    await h.post(slashCommand('U0SAM', 'checkin', h.fake.responseUrl('cmd-checkin')));
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);
    const first = await h.post(
      viewSubmission('U0SAM', modal, { calls: '40', qualified_meetings: '16', prospecting_hours: '10' }),
    );
    expect(first.status).toBe(200);
    const answer = first.json();
    expect(answer.response_action).toBe('update');
    const again = answer.view;
    expect(again.callback_id).toBe('rituals.checkin');
    expect(JSON.stringify(again.blocks)).toContain(
      ':warning: 16 is more than 5 times your usual 3 (median of your last 4 weeks). Check it, then submit again to confirm.',
    );
    const kept = again.blocks.find((b: any) => b.block_id === 'qualified_meetings');
    expect(kept.element.initial_value).toBe('16');
    expect(await h.store.checkIns.list({ periodKeys: ['2026-W47'] })).toHaveLength(0);

    // The same value submitted from the replaced modal is stored.
    const second = await h.post(
      viewSubmission(
        'U0SAM',
        { ...again, id: modal.id, hash: 'after-update' },
        { calls: '40', qualified_meetings: '16', prospecting_hours: '10' },
      ),
    );
    expect(second.status).toBe(200);
    expect(second.text).toBe('');
    const stored = await h.store.checkIns.list({ periodKeys: ['2026-W47'] });
    expect(stored.map((c) => c.values)).toEqual([{ calls: 40, qualified_meetings: 16, prospecting_hours: 10 }]);
  });

  it('asks again when the value is changed to another outlier, and never for an ordinary one', async () => {
    await h.post(slashCommand('U0SAM', 'checkin', h.fake.responseUrl('cmd-checkin')));
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);
    const again = (
      await h.post(viewSubmission('U0SAM', modal, { calls: '40', qualified_meetings: '16', prospecting_hours: '10' }))
    ).json().view;
    const changed = await h.post(
      viewSubmission(
        'U0SAM',
        { ...again, id: modal.id, hash: 'h2' },
        { calls: '40', qualified_meetings: '20', prospecting_hours: '10' },
      ),
    );
    expect(changed.json().response_action).toBe('update');
    expect(JSON.stringify(changed.json().view.blocks)).toContain('20 is more than 5 times your usual 3');
    const ordinary = await h.post(
      viewSubmission(
        'U0SAM',
        { ...again, id: modal.id, hash: 'h3' },
        { calls: '40', qualified_meetings: '5', prospecting_hours: '10' },
      ),
    );
    expect(ordinary.text).toBe('');
    expect((await h.store.checkIns.list({ periodKeys: ['2026-W47'] })).map((c) => c.values.qualified_meetings)).toEqual(
      [5],
    );
  });
});
