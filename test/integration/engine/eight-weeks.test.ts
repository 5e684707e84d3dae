// Eight weeks of a two-team workspace (Paris and New York), 2 March to 26 April 2026, with a fake clock
// ticking the engine at each next due instant and the real outbox sender delivering to a recording
// gateway. On the way: New York's DST change (8 March) and Paris's (29 March), Léa out of office for a
// week, a company holiday in New York (Good Friday) and Easter Monday in Paris, an early answer, the
// monthly reviews and the QBR. Asserts the exact sequence of messages.
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import type { LeaderboardView, QbrView, StandupSummaryView, View } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Delivered, type Harness, ritualsHarness } from '../../helpers/rituals-harness.js';

afterAll(() => clearCronCache());

// Times are UTC. Paris is UTC+1 until 29 March, then UTC+2; New York UTC-5 until 8 March, then UTC-4.
// `>` a new message, `~` a message updated in place (the prompt replaced by the confirmation).
const EXPECTED = `
03-02 08:00 > channel:paris collective_progress
03-02 08:00 > channel:paris monthly_review 2026-02
03-02 14:00 > channel:nyc monthly_review 2026-02
03-02 16:00 > dm:mark standup_summary Week 9 0 of 1 checked in
03-06 15:00 > dm:hugo checkin_prompt 2026-W10
03-06 15:00 > dm:lea checkin_prompt 2026-W10
03-06 15:30 ~ dm:hugo checkin_confirmation 2026-W10
03-06 16:00 > dm:lea checkin_reminder
03-06 16:30 ~ dm:lea checkin_confirmation 2026-W10
03-06 21:00 > dm:emma checkin_prompt 2026-W10
03-06 22:00 > dm:emma checkin_reminder
03-09 08:00 > channel:paris leaderboard 2026-W10 1.lea() 2.hugo()
03-09 08:00 > channel:paris collective_progress
03-09 13:00 > dm:emma checkin_reminder
03-09 14:00 ~ dm:emma checkin_confirmation 2026-W10
03-09 15:00 > dm:mark standup_summary Week 10 1 of 1 checked in
03-13 15:00 > dm:hugo checkin_prompt 2026-W11
03-13 15:00 > dm:lea checkin_prompt 2026-W11
03-13 15:30 ~ dm:hugo checkin_confirmation 2026-W11
03-13 16:00 > dm:lea checkin_reminder
03-13 16:30 ~ dm:lea checkin_confirmation 2026-W11
03-13 20:00 > dm:emma checkin_prompt 2026-W11
03-13 21:00 > dm:emma checkin_reminder
03-16 08:00 > channel:paris leaderboard 2026-W11 1.lea(=) 2.hugo(=)
03-16 08:00 > channel:paris collective_progress
03-16 13:00 > dm:emma checkin_reminder
03-16 14:00 ~ dm:emma checkin_confirmation 2026-W11
03-16 15:00 > dm:mark standup_summary Week 11 1 of 1 checked in
03-20 15:00 > dm:hugo checkin_prompt 2026-W12
03-20 15:30 ~ dm:hugo checkin_confirmation 2026-W12
03-20 20:00 > dm:emma checkin_prompt 2026-W12
03-20 21:00 > dm:emma checkin_reminder
03-23 08:00 > channel:paris leaderboard 2026-W12 1.hugo(▲ 1)
03-23 08:00 > channel:paris collective_progress
03-23 13:00 > dm:emma checkin_reminder
03-23 14:00 ~ dm:emma checkin_confirmation 2026-W12
03-23 15:00 > dm:mark standup_summary Week 12 1 of 1 checked in
03-27 15:00 > dm:hugo checkin_prompt 2026-W13
03-27 15:00 > dm:lea checkin_prompt 2026-W13
03-27 15:30 ~ dm:hugo checkin_confirmation 2026-W13
03-27 16:00 > dm:lea checkin_reminder
03-27 16:30 ~ dm:lea checkin_confirmation 2026-W13
03-27 20:00 > dm:emma checkin_prompt 2026-W13
03-27 21:00 > dm:emma checkin_reminder
03-30 07:00 > channel:paris leaderboard 2026-W13 1.lea(nouveau) 2.hugo(▼ 1)
03-30 07:00 > channel:paris collective_progress
03-30 13:00 > dm:emma checkin_reminder
03-30 14:00 ~ dm:emma checkin_confirmation 2026-W13
03-30 15:00 > dm:mark standup_summary Week 13 1 of 1 checked in
04-01 07:00 > channel:paris monthly_review 2026-03
04-01 08:00 > channel:paris qbr 2026-Q1 proposals:meetings=38
04-01 13:00 > channel:nyc monthly_review 2026-03
04-01 14:00 > channel:nyc qbr 2026-Q1 proposals:
04-03 14:00 > dm:hugo checkin_prompt 2026-W14
04-03 14:00 > dm:lea checkin_prompt 2026-W14
04-03 14:30 ~ dm:hugo checkin_confirmation 2026-W14
04-03 15:00 > dm:lea checkin_reminder
04-03 15:30 ~ dm:lea checkin_confirmation 2026-W14
04-06 07:00 > channel:paris leaderboard 2026-W14 1.lea(=) 2.hugo(=)
04-06 07:00 > channel:paris collective_progress
04-06 15:00 > dm:mark standup_summary Week 14 Nobody was expected to check in this week: everyone was on holiday, out of office or not started yet
04-10 14:00 > dm:hugo checkin_prompt 2026-W15
04-10 14:00 > dm:lea checkin_prompt 2026-W15
04-10 14:30 ~ dm:hugo checkin_confirmation 2026-W15
04-10 15:00 > dm:lea checkin_reminder
04-10 15:30 ~ dm:lea checkin_confirmation 2026-W15
04-10 20:00 > dm:emma checkin_prompt 2026-W15
04-10 21:00 > dm:emma checkin_reminder
04-13 07:00 > channel:paris leaderboard 2026-W15 1.lea(=) 2.hugo(=)
04-13 07:00 > channel:paris collective_progress
04-13 13:00 > dm:emma checkin_reminder
04-13 14:00 ~ dm:emma checkin_confirmation 2026-W15
04-13 15:00 > dm:mark standup_summary Week 15 1 of 1 checked in
04-17 14:00 > dm:hugo checkin_prompt 2026-W16
04-17 14:00 > dm:lea checkin_prompt 2026-W16
04-17 14:30 ~ dm:hugo checkin_confirmation 2026-W16
04-17 15:00 > dm:lea checkin_reminder
04-17 15:30 ~ dm:lea checkin_confirmation 2026-W16
04-20 07:00 > channel:paris leaderboard 2026-W16 1.lea(=) 2.hugo(=)
04-20 07:00 > channel:paris collective_progress
04-20 13:00 > channel:nyc leaderboard 2026-W16 1.emma(=)
04-20 15:00 > dm:mark standup_summary Week 16 1 of 1 checked in
04-24 14:00 > dm:hugo checkin_prompt 2026-W17
04-24 14:00 > dm:lea checkin_prompt 2026-W17
04-24 14:30 ~ dm:hugo checkin_confirmation 2026-W17
04-24 15:00 > dm:lea checkin_reminder
04-24 15:30 ~ dm:lea checkin_confirmation 2026-W17
04-24 20:00 > dm:emma checkin_prompt 2026-W17
04-24 21:00 > dm:emma checkin_reminder
`
  .trim()
  .split('\n');

const ws = () =>
  engineWorkspace({
    parisCollective: `    collective:
      - { id: meetings, kpi: meetings, target: 40, alert: 20, per: month, owner: claire, contributors: [hugo, lea], approver: claire }`,
    nycRituals: `    rituals:
      standup: { cron: "0 11 * * 1" }`,
  });

const local = (date: string, time: string, zone: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO()!;
const PARIS = 'Europe/Paris';
const NY = 'America/New_York';

interface Action {
  readonly at: string;
  run(h: Harness): Promise<unknown>;
}

async function answer(h: Harness, memberId: string, period: string, numbers: Record<string, string>): Promise<void> {
  const form = await h.core.service.checkInForm(memberId, period);
  const r = await h.core.service.submitCheckIn({
    memberId,
    metadata: form.metadata,
    numbers,
    platform: 'sandbox',
    idempotencyKey: `${memberId}:${period}`,
  });
  if (!r.ok) throw new Error(`${memberId} ${period}: ${JSON.stringify(r.form.errors)}`);
}

function script(): Action[] {
  const actions: Action[] = [
    // Léa marks herself away for week 12, in French.
    {
      at: local('2026-03-10', '09:00', PARIS),
      run: (h) => h.core.service.command('lea', 'absent 16/03/2026 20/03/2026'),
    },
    // Emma answers week 16 early, on Thursday.
    { at: local('2026-04-16', '10:00', NY), run: (h) => answer(h, 'emma', '2026-W16', { calls: '60', meetings: '4' }) },
  ];
  const fridays = [
    '2026-03-06',
    '2026-03-13',
    '2026-03-20',
    '2026-03-27',
    '2026-04-03',
    '2026-04-10',
    '2026-04-17',
    '2026-04-24',
  ];
  fridays.forEach((friday, i) => {
    const week = `2026-W${10 + i}`;
    // Hugo answers within half an hour; Léa after the 17:00 reminder (not in the week she is away).
    actions.push({
      at: local(friday, '16:30', PARIS),
      run: (h) => answer(h, 'hugo', week, { calls: '50', meetings: '5' }),
    });
    if (week !== '2026-W12')
      actions.push({
        at: local(friday, '17:30', PARIS),
        run: (h) => answer(h, 'lea', week, { calls: '40', meetings: '6' }),
      });
    // Emma answers on Monday morning, after the second reminder (not the holiday week, nor the early one).
    const monday = DateTime.fromISO(friday).plus({ days: 3 }).toISODate()!;
    if (week !== '2026-W14' && week !== '2026-W16')
      actions.push({
        at: local(monday, '10:00', NY),
        run: (h) => answer(h, 'emma', week, { calls: '60', meetings: '4' }),
      });
  });
  return actions.sort((a, b) => a.at.localeCompare(b.at));
}

/** One compact line per message: time, operation, recipient, view type and its key fields. */
function line(d: Delivered): string {
  const v = d.view as View & { periodKey?: string };
  let extra = v.periodKey ? ` ${v.periodKey}` : '';
  if (v.type === 'leaderboard')
    extra += ` ${(v as LeaderboardView).rows.map((r) => `${r.rank}.${r.memberId}(${r.movementText})`).join(' ')}`;
  if (v.type === 'standup_summary')
    extra += ` ${(v as StandupSummaryView).periodLabel.replace(/ \(.*/, '')} ${(v as StandupSummaryView).completionText.replace(/ \(.*/, '')}`;
  if (v.type === 'qbr')
    extra += ` proposals:${(v as QbrView).proposals.map((p) => `${p.objectiveId}=${p.proposed}`).join(',')}`;
  return `${d.at.slice(5, 16).replace('T', ' ')} ${d.op === 'update' ? '~' : '>'} ${d.to} ${v.type}${extra}`;
}

describe('eight weeks of rituals', () => {
  it('sends exactly the expected messages, in order', async () => {
    const start = '2026-03-01T23:00:00Z';
    const end = '2026-04-26T21:59:00Z';
    const h = await ritualsHarness(ws(), start);
    await h.tick(start);
    const out: string[] = [];
    const actions = script();
    for (;;) {
      const next = await h.core.engine.nextDue(h.clock.now());
      const action = actions[0];
      if (action && (!next || action.at <= next.toISOString())) {
        actions.shift();
        h.clock.set(action.at);
        await action.run(h);
        out.push(...(await h.drain()).map(line));
        continue;
      }
      if (!next || next.toISOString() > end) break;
      const summary = await h.tick(next);
      expect(summary.failed).toBe(0);
      out.push(...(await h.drain()).map(line));
    }
    expect(out).toEqual(EXPECTED);

    // Why some expected messages are absent: recorded, never sent.
    const status = async (key: string) => {
      const o = await h.store.occurrences.get(key);
      return o && `${o.status}:${o.reason}`;
    };
    expect(await status('paris:checkin:2026-W12:lea')).toBe('skipped:ooo');
    expect(await status('nyc:checkin:2026-W14:emma')).toBe('skipped:holiday');
    expect(await status('nyc:checkin:2026-W16:emma')).toBe('skipped:submitted');
    expect(await status('paris:checkin.reminder.2:2026-W10:lea')).toBe('skipped:submitted');
    expect(await status('nyc:checkin.close:2026-W17:emma')).toBe('scheduled:null');
    expect(await status('paris:progress:2026-W10:*')).toBe('enqueued:null');
    // No leaderboard for a week with nothing behind it: before any data, nobody able to check in (Good
    // Friday was the prompt's day), or nobody checked in yet when it is due (Emma answers on Mondays).
    expect(await status('paris:leaderboard:2026-W09:*')).toBe('skipped:no_data');
    expect(await status('nyc:leaderboard:2026-W14:*')).toBe('skipped:nobody_expected');
    expect(await status('nyc:leaderboard:2026-W10:*')).toBe('skipped:no_data');

    // Each message in its recipient's language: Hugo reads English in the French team.
    const first = (to: string, type: string) =>
      h.gateway.delivered.find((d) => d.to === to && d.view.type === type)!.view;
    expect(first('dm:hugo', 'checkin_prompt')).toMatchObject({
      locale: 'en',
      title: 'Weekly check-in — Week 10 (2 Mar – 8 Mar 2026)',
    });
    expect(first('dm:lea', 'checkin_prompt')).toMatchObject({
      locale: 'fr',
      title: 'Point hebdo — Semaine 10 (du 2 mars au 8 mars 2026)',
    });
    expect(first('channel:paris', 'leaderboard')).toMatchObject({
      locale: 'fr',
      title: 'Classement Paris — Semaine 10 (du 2 mars au 8 mars 2026)',
    });
    expect(first('dm:emma', 'checkin_reminder')).toMatchObject({
      locale: 'en',
      deadlineText: 'Answers accepted until 9 Mar 2026, 16:00.',
    });

    // One structured log line per ritual run, with its counts.
    const runs = h.log.lines.filter((l) => l.msg === 'ritual run' && l.level === 'info').map((l) => l.obj);
    expect(runs).toContainEqual({
      team: 'paris',
      ritual: 'checkin',
      period: '2026-W12',
      sent: 1,
      skipped: 2,
      missed: 0,
      failed: 0,
    });
    expect(runs).toContainEqual({
      team: 'nyc',
      ritual: 'checkin',
      period: '2026-W14',
      sent: 0,
      skipped: 2,
      missed: 0,
      failed: 0,
    });
    const counter = (name: string, labels: Record<string, string>) =>
      h.core.engine.metrics().find((c) => c.name === name && JSON.stringify(c.labels) === JSON.stringify(labels))
        ?.value;
    expect(counter('checkin_prompts_total', { team: 'paris' })).toBe(15);
    expect(counter('checkins_submitted_total', { team: 'nyc' })).toBe(6);
    expect(
      counter('ritual_occurrences_total', { reason: 'holiday', ritual: 'checkin', status: 'skipped', team: 'nyc' }),
    ).toBe(1);
    await h.close();
  }, 120_000);
});
