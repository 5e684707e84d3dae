// What is due when: per-member local time, DST weeks, the grace window after downtime, and the skips
// (early answer, out of office, public holiday), on a real store with the real outbox and sender.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { describeDelivery, type Harness, ritualsHarness, runUntil } from '../../helpers/rituals-harness.js';

// Only the check-in runs here: the other rituals are covered elsewhere.
const CHECKIN_ONLY = `  leaderboard: { enabled: false }
  progress: { enabled: false }
  breach_scan: { enabled: false }
  monthly_review: { enabled: false }
  qbr: { enabled: false }`;
const ws = () =>
  engineWorkspace({
    rituals: CHECKIN_ONLY,
    // A Paris team member who lives in New York: prompted at 16:00 New York time.
    parisMembers: ['{ id: nina, name: Nina Roy, role: sdr, start: 2025-01-06, timezone: America/New_York }'],
  });

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const lines = (ds: Awaited<ReturnType<typeof runUntil>>) => ds.map(describeDelivery);

async function statusOf(harness: Harness, key: string) {
  const o = await harness.store.occurrences.get(key);
  return o ? `${o.status}${o.reason ? `:${o.reason}` : ''}` : undefined;
}

describe('due occurrences', () => {
  it('prompts Paris and New York members at their own 16:00, and reminds them at their own 17:00', async () => {
    h = await ritualsHarness(ws(), '2026-03-06T00:00:00Z');
    await h.tick('2026-03-06T00:00:00Z');
    const sent = await runUntil(h, '2026-03-07T00:00:00Z');
    expect(lines(sent)).toEqual([
      '2026-03-06T15:00Z send dm:hugo checkin_prompt 2026-W10',
      '2026-03-06T15:00Z send dm:lea checkin_prompt 2026-W10',
      '2026-03-06T16:00Z send dm:hugo checkin_reminder',
      '2026-03-06T16:00Z send dm:lea checkin_reminder',
      '2026-03-06T21:00Z send dm:nina checkin_prompt 2026-W10',
      '2026-03-06T21:00Z send dm:emma checkin_prompt 2026-W10',
      '2026-03-06T22:00Z send dm:nina checkin_reminder',
      '2026-03-06T22:00Z send dm:emma checkin_reminder',
    ]);
    // Managers have no check-in KPIs: recorded as skipped, never messaged.
    expect(await statusOf(h, 'paris:checkin:2026-W10:claire')).toBe('skipped:no_checkin');
    expect(await statusOf(h, 'nyc:checkin:2026-W10:mark')).toBe('skipped:no_checkin');
  });

  it('follows each zone across the DST changes (New York 8 March, Paris 29 March) and skips a holiday', async () => {
    h = await ritualsHarness(ws(), '2026-03-01T00:00:00Z');
    await h.tick('2026-03-01T00:00:00Z');
    const sent = await runUntil(h, '2026-04-07T00:00:00Z');
    const prompts = (who: string) =>
      sent.filter((d) => d.to === `dm:${who}` && d.view.type === 'checkin_prompt').map((d) => d.at.slice(0, 16));
    expect(prompts('hugo')).toEqual([
      '2026-03-06T15:00',
      '2026-03-13T15:00',
      '2026-03-20T15:00',
      '2026-03-27T15:00',
      '2026-04-03T14:00',
    ]);
    // New York: EST until 8 March, EDT after; Good Friday 3 April is a company holiday there.
    expect(prompts('emma')).toEqual(['2026-03-06T21:00', '2026-03-13T20:00', '2026-03-20T20:00', '2026-03-27T20:00']);
    expect(prompts('nina')).toEqual([
      '2026-03-06T21:00',
      '2026-03-13T20:00',
      '2026-03-20T20:00',
      '2026-03-27T20:00',
      '2026-04-03T20:00',
    ]);
    expect(await statusOf(h, 'nyc:checkin:2026-W14:emma')).toBe('skipped:holiday');
    // The Monday reminder (65 h after Friday 16:00) stays at 09:00 local across Paris's change...
    const mondayReminders = (who: string) =>
      sent
        .filter((d) => d.to === `dm:${who}` && d.view.type === 'checkin_reminder' && new Date(d.at).getUTCDay() === 1)
        .map((d) => d.at.slice(0, 16));
    expect(mondayReminders('hugo')).toEqual([
      '2026-03-09T08:00',
      '2026-03-16T08:00',
      '2026-03-23T08:00',
      '2026-03-30T07:00',
    ]);
    // ... and Easter Monday (6 April) is a French public holiday: no reminder that day.
    expect(await statusOf(h, 'paris:checkin.reminder.2:2026-W14:hugo')).toBe('skipped:holiday');
    expect(mondayReminders('emma')).toEqual([
      '2026-03-09T13:00',
      '2026-03-16T13:00',
      '2026-03-23T13:00',
      '2026-03-30T13:00',
    ]);
    // Nobody answered: each check-in closed as missed at its deadline.
    expect(await statusOf(h, 'paris:checkin.close:2026-W13:hugo')).toBe('missed:no_answer');
  });

  it('follows New York back to standard time on 1 November', async () => {
    h = await ritualsHarness(ws(), '2026-10-26T00:00:00Z');
    await h.tick('2026-10-26T00:00:00Z');
    const sent = await runUntil(h, '2026-11-08T00:00:00Z');
    const prompts = sent.filter((d) => d.view.type === 'checkin_prompt').map((d) => `${d.to} ${d.at.slice(0, 16)}`);
    expect(prompts).toEqual([
      'dm:hugo 2026-10-30T15:00',
      'dm:lea 2026-10-30T15:00',
      'dm:nina 2026-10-30T20:00',
      'dm:emma 2026-10-30T20:00',
      'dm:hugo 2026-11-06T15:00',
      'dm:lea 2026-11-06T15:00',
      'dm:nina 2026-11-06T21:00',
      'dm:emma 2026-11-06T21:00',
    ]);
    // Paris: the reminder of Friday 30 October at 16:00 CET + 65 h = Monday 2 November 09:00 CET.
    expect(
      sent.filter((d) => d.to === 'dm:hugo' && d.view.type === 'checkin_reminder').map((d) => d.at.slice(0, 16)),
    ).toContain('2026-11-02T08:00');
  });

  it('after downtime, runs fires within the grace window once and marks older ones missed', async () => {
    h = await ritualsHarness(ws(), '2026-03-06T10:00:00Z');
    await h.tick('2026-03-06T10:00:00Z');
    // Down from 10:00 to 16:30 UTC: the Paris prompts (15:00) are 90 minutes old.
    const first = await h.tick('2026-03-06T16:30:00Z');
    // Two prompts sent; the two 17:00 reminders they schedule are already past: recorded as missed.
    expect(first.runs.map((r) => [r.team, r.ritual, r.sent, r.missed])).toEqual([['paris', 'checkin', 2, 2]]);
    expect(lines(await h.drain())).toEqual([
      '2026-03-06T16:30Z send dm:hugo checkin_prompt 2026-W10',
      '2026-03-06T16:30Z send dm:lea checkin_prompt 2026-W10',
    ]);
    // The reminder due at 16:00 came due before the late prompt was even sent: never sent after it.
    expect(await statusOf(h, 'paris:checkin.reminder.1:2026-W10:hugo')).toBe('missed:superseded');
    // Down again until 23:30: the New York prompts of 21:00 are 150 minutes old, beyond the window.
    await h.tick('2026-03-06T23:30:00Z');
    expect(await h.drain()).toEqual([]);
    expect(await statusOf(h, 'nyc:checkin:2026-W10:emma')).toBe('missed:late');
    expect(await statusOf(h, 'paris:checkin:2026-W10:nina')).toBe('missed:late');
    // Nothing is sent late in bulk afterwards either.
    expect(lines(await runUntil(h, '2026-03-09T07:59:00Z'))).toEqual([]);
    expect(lines(await runUntil(h, '2026-03-09T08:00:00Z'))).toEqual([
      '2026-03-09T08:00Z send dm:hugo checkin_reminder',
      '2026-03-09T08:00Z send dm:lea checkin_reminder',
    ]);
  });

  it('skips the prompt of a member who answered early, and of one out of office that day', async () => {
    h = await ritualsHarness(ws(), '2026-03-05T09:00:00Z');
    await h.tick('2026-03-05T09:00:00Z');
    const { service } = h.core;
    // Thursday: Hugo answers this week's check-in before it is sent (the form opens on this week).
    const form = await service.checkInForm('hugo');
    expect(form.periodKey).toBe('2026-W10');
    const r = await service.submitCheckIn({
      memberId: 'hugo',
      metadata: form.metadata,
      numbers: { calls: '40', meetings: '4' },
      platform: 'sandbox',
      idempotencyKey: 'k1',
    });
    expect(r.ok).toBe(true);
    // Léa is away on Friday (French dates, French command).
    const ooo = await service.command('lea', 'absent 06/03/2026 06/03/2026');
    expect(ooo.view).toMatchObject({ type: 'notice', tone: 'success' });
    const sent = await runUntil(h, '2026-03-06T20:00:00Z');
    expect(lines(sent)).toEqual([]);
    expect(await statusOf(h, 'paris:checkin:2026-W10:hugo')).toBe('skipped:submitted');
    expect(await statusOf(h, 'paris:checkin:2026-W10:lea')).toBe('skipped:ooo');
  });

  it('skips members no platform reaches, and counts them', async () => {
    h = await ritualsHarness(ws(), '2026-03-06T14:00:00Z');
    h.unreachable.add('lea');
    await h.tick('2026-03-06T14:00:00Z');
    const run = await h.tick('2026-03-06T15:00:00Z');
    expect(run.runs[0]).toMatchObject({ team: 'paris', ritual: 'checkin', period: '2026-W10', sent: 1, skipped: 2 });
    expect(await statusOf(h, 'paris:checkin:2026-W10:lea')).toBe('skipped:unreachable');
    expect(h.core.engine.metrics()).toEqual(
      expect.arrayContaining([
        {
          name: 'ritual_occurrences_total',
          labels: { reason: 'unreachable', ritual: 'checkin', status: 'skipped', team: 'paris' },
          value: 1,
        },
      ]),
    );
  });
});
