// Check-in edge cases met while trying the bot: `checkin next` on a Monday opens the current week (its
// prompt is still ahead), not the week after; a late answer's confirmation shows that week's figures (as
// of the day its values are dated, the week's last working day), not today's month.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CheckInFormView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Harness, ritualsHarness } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const periodOf = async (harness: Harness, memberId: string, text: string) => {
  const r = await harness.core.service.command(memberId, text);
  expect(r.kind).toBe('form');
  return (r.view as CheckInFormView).periodKey;
};

describe('checkin next', () => {
  it('opens the week whose prompt is still ahead: this week until Friday’s prompt, then the next', async () => {
    // Monday 9 March 2026, 10:00 in Paris (week 11 runs 9–15 March; its prompt is Friday 13 at 16:00).
    h = await ritualsHarness(engineWorkspace(), '2026-03-09T09:00:00Z');
    expect(await periodOf(h, 'hugo', 'checkin next')).toBe('2026-W11');
    expect(await periodOf(h, 'lea', 'pointage suivant')).toBe('2026-W11');
    // Friday 13 March, 15:59 Paris: the prompt is a minute away, still this week.
    h.clock.set('2026-03-13T14:59:00Z');
    expect(await periodOf(h, 'hugo', 'checkin next')).toBe('2026-W11');
    // 16:00 Paris: this week's prompt is out, so "next" is week 12.
    h.clock.set('2026-03-13T15:00:00Z');
    expect(await periodOf(h, 'hugo', 'checkin next')).toBe('2026-W12');
  });
});

describe('a late check-in', () => {
  it('confirms with that week’s figures, not the current month’s', async () => {
    // Monday 2 March 2026, 10:00 Paris: week 9 (23 Feb – 1 Mar) is still open until 16:00.
    h = await ritualsHarness(engineWorkspace(), '2026-03-02T09:00:00Z');
    const form = await h.core.service.checkInForm('hugo', '2026-W09');
    expect(form.periodKey).toBe('2026-W09');
    const r = await h.core.service.submitCheckIn({
      memberId: 'hugo',
      metadata: form.metadata,
      numbers: { calls: '50', meetings: '5' },
      platform: 'sandbox',
      idempotencyKey: 'late-1',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.form.errors));
    const view = r.view;
    // The values are dated Friday 27 February (the week's last working day): February's meetings are 5
    // of a 20 target; March, today's month, has none.
    const meetings = view.lines.find((l) => l.kpi === 'meetings')!;
    expect([meetings.actualText, meetings.targetText]).toEqual(['5', '20']);
    // The edit, later the same morning, shows the same week.
    h.clock.set('2026-03-02T10:00:00Z');
    const edit = await h.core.service.checkInForm('hugo', '2026-W09');
    const r2 = await h.core.service.submitCheckIn({
      memberId: 'hugo',
      metadata: edit.metadata,
      numbers: { calls: '50', meetings: '7' },
      platform: 'sandbox',
      idempotencyKey: 'late-2',
    });
    if (!r2.ok) throw new Error(JSON.stringify(r2.form.errors));
    expect(r2.view.lines.find((l) => l.kpi === 'meetings')!.actualText).toBe('7');
  });
});

describe('implausible check-ins', () => {
  it('refuses a value above its hard limit or above the KPI it must not exceed, and stores nothing', async () => {
    const base = engineWorkspace();
    const ws = { ...base, kpis: { ...base.kpis, meetings: { ...base.kpis.meetings!, max: 30, atMost: 'calls' } } };
    h = await ritualsHarness(ws, '2026-03-06T16:00:00Z');
    const submit = async (numbers: Record<string, string>, key: string) => {
      const form = await h!.core.service.checkInForm('lea', '2026-W10');
      return h!.core.service.submitCheckIn({
        memberId: 'lea',
        metadata: form.metadata,
        numbers,
        platform: 'sandbox',
        idempotencyKey: key,
      });
    };
    const tooMany = await submit({ calls: '50', meetings: '31' }, 'k1');
    expect(tooMany.ok ? undefined : tooMany.form.errors).toEqual({
      meetings: 'Au plus 30 : la limite fixée pour ce chiffre.',
    });
    const moreThanCalls = await submit({ calls: '10', meetings: '12' }, 'k2');
    expect(moreThanCalls.ok ? undefined : moreThanCalls.form.errors).toEqual({
      meetings: 'Ne peut pas dépasser Appels (10).',
    });
    expect(await h.store.checkIns.list({ memberIds: ['lea'] })).toEqual([]);
    expect((await submit({ calls: '12', meetings: '12' }, 'k3')).ok).toBe(true);
  });

  it('asks to confirm a value over 5 times the rep’s 8-week median, then stores it when submitted again', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T16:00:00Z');
    // Hugo's weeks 2 to 9: meetings 4, 5, 6, 5, 4, 5, 6, 5 -> median 5; calls 50 each week.
    const past = [4, 5, 6, 5, 4, 5, 6, 5];
    for (const [i, meetings] of past.entries()) {
      await h.store.checkIns.submit({
        memberId: 'hugo',
        teamId: 'paris',
        periodKey: `2026-W0${i + 2}`,
        values: { calls: 50, meetings },
        idempotencyKey: `past-${i}`,
        submittedAt: '2026-02-27T12:00:00Z',
      });
    }
    const form = await h.core.service.checkInForm('hugo', '2026-W10');
    // 25 is exactly 5 × 5: stored without a question; 26 asks.
    const asked = await h.core.service.submitCheckIn({
      memberId: 'hugo',
      metadata: form.metadata,
      numbers: { calls: '50', meetings: '26' },
      platform: 'sandbox',
      idempotencyKey: 'a1',
    });
    if (asked.ok || asked.form.type !== 'checkin_form') throw new Error('expected the form back');
    expect(asked.form.confirm).toEqual(['meetings']);
    expect(asked.form.errors).toEqual({
      meetings:
        '26 is more than 5 times your usual 5 (median of your last 8 weeks). Check it, then submit again to confirm.',
    });
    expect(asked.form.numbers.find((n) => n.id === 'meetings')?.value).toBe('26');
    expect(await h.store.checkIns.latestFor('hugo', '2026-W10')).toBeUndefined();
    const confirmed = await h.core.service.submitCheckIn({
      memberId: 'hugo',
      metadata: asked.form.metadata,
      numbers: { calls: '50', meetings: '26' },
      platform: 'sandbox',
      idempotencyKey: 'a2',
    });
    expect(confirmed.ok).toBe(true);
    expect((await h.store.checkIns.latestFor('hugo', '2026-W10'))?.values).toEqual({ calls: 50, meetings: 26 });
    // An edit to 25 (5 × the median) goes straight through.
    const edit = await h.core.service.checkInForm('hugo', '2026-W10');
    expect(
      (
        await h.core.service.submitCheckIn({
          memberId: 'hugo',
          metadata: edit.metadata,
          numbers: { calls: '50', meetings: '25' },
          platform: 'sandbox',
          idempotencyKey: 'a3',
        })
      ).ok,
    ).toBe(true);
  });
});
