// Who the rituals count: a member is not prompted, ranked or counted missing before their start day; a
// member removed from the config (inactive in the store) is never prompted again, even by a reminder
// already scheduled; a stand-up where nobody was expected (holidays, out of office) says so plainly.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { LeaderboardView, MyGoalsView, StandupSummaryView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Delivered, type Harness, ritualsHarness, runUntil, seedActivity } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const ZOE = '{ id: zoe, name: Zoé Petit, role: sdr, start: 2026-03-16, slack: U0ZOE }';
const prompts = (d: readonly Delivered[]) =>
  d
    .filter((x) => x.view.type === 'checkin_prompt' || x.view.type === 'checkin_reminder')
    .map((x) => `${x.at.slice(5, 10)} ${x.to} ${x.view.type}`);
const board = (d: readonly Delivered[], week: string) =>
  (
    d.find(
      (x) =>
        x.view.type === 'leaderboard' && x.to === 'channel:paris' && (x.view as LeaderboardView).periodKey === week,
    )!.view as LeaderboardView
  ).rows.map((r) => r.memberId);

function without(ws: Workspace, memberId: string): Workspace {
  return { ...ws, teams: ws.teams.map((t) => ({ ...t, members: t.members.filter((m) => m.id !== memberId) })) };
}

describe('start dates', () => {
  it('prompts, ranks and counts a new member only from their start day', async () => {
    h = await ritualsHarness(engineWorkspace({ parisMembers: [ZOE] }), '2026-03-02T06:00:00Z');
    // Everyone's activity from their first week on: each week has a leaderboard.
    await seedActivity(h, [
      ...['2026-03-04', '2026-03-11', '2026-03-18'].flatMap((date) => [
        { member: 'hugo', team: 'paris', date },
        { member: 'lea', team: 'paris', date },
      ]),
      { member: 'zoe', team: 'paris', date: '2026-03-18' },
    ]);
    const early = await runUntil(h, '2026-03-10T00:00:00Z');
    expect(prompts(early).filter((p) => p.includes('dm:zoe'))).toEqual([]);
    expect(board(early, '2026-W10')).toEqual(['hugo', 'lea']);
    const skipped = await h.store.occurrences.list({ memberId: 'zoe', ritual: 'checkin' });
    expect(skipped.map((o) => [o.periodKey, o.status, o.reason])).toEqual([['2026-W10', 'skipped', 'not_started']]);

    // The stand-up of week 10: Zoé is not missing; her goals are empty before she starts.
    const standup = (await h.core.service.standup('claire')) as StandupSummaryView;
    expect(standup.missing).toEqual(['Hugo Bernard', 'Léa Martin']);
    expect(standup.completionText).toMatch(/^0 sur 2 ont répondu/);
    expect(((await h.core.service.myGoals('zoe')) as MyGoalsView).lines).toEqual([]);

    const later = await runUntil(h, '2026-03-24T00:00:00Z');
    expect(prompts(later).filter((p) => p.includes('dm:zoe'))).toEqual([
      '03-20 dm:zoe checkin_prompt',
      '03-20 dm:zoe checkin_reminder',
      '03-23 dm:zoe checkin_reminder',
    ]);
    expect(board(later, '2026-W11')).toEqual(['hugo', 'lea']);
    expect(board(later, '2026-W12')).toContain('zoe');
    expect(
      (await h.store.occurrences.list({ memberId: 'zoe', ritual: 'checkin' })).map((o) => [o.periodKey, o.reason]),
    ).toEqual([
      ['2026-W10', 'not_started'],
      ['2026-W11', 'not_started'],
      ['2026-W12', null],
    ]);
  });

  it('never prompts a member removed from the config, nor sends them a reminder scheduled before', async () => {
    const ws = engineWorkspace();
    h = await ritualsHarness(ws, '2026-03-06T14:00:00Z');
    const first = await runUntil(h, '2026-03-06T15:30:00Z');
    expect(prompts(first)).toEqual(['03-06 dm:hugo checkin_prompt', '03-06 dm:lea checkin_prompt']);
    await h.reload(without(ws, 'lea'));
    expect((await h.store.workspace.listMembers({ includeInactive: true })).find((m) => m.id === 'lea')?.active).toBe(
      false,
    );
    const rest = await runUntil(h, '2026-03-21T00:00:00Z');
    expect(prompts(rest).filter((p) => p.includes('dm:lea'))).toEqual([]);
    expect(prompts(rest)).toContain('03-20 dm:hugo checkin_prompt');
    const reminder = await h.store.occurrences.get('paris:checkin.reminder.1:2026-W10:lea');
    expect([reminder?.status, reminder?.reason]).toEqual(['skipped', 'left_team']);
    expect(await h.store.occurrences.get('paris:checkin:2026-W11:lea')).toBeUndefined();
  });
});

describe('a stand-up with nobody expected', () => {
  it('says so plainly, in French and in English, instead of "0 of 0"', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-02T06:00:00Z');
    for (const memberId of ['hugo', 'lea', 'emma']) {
      await h.store.ooo.add({
        memberId,
        from: '2026-03-02',
        to: '2026-03-13',
        by: memberId,
        at: '2026-03-01T10:00:00Z',
      });
    }
    const delivered = await runUntil(h, '2026-03-10T00:00:00Z');
    expect(prompts(delivered)).toEqual([]);
    const fr = (await h.core.service.standup('claire')) as StandupSummaryView;
    expect(fr.completionText).toBe(
      'Personne n’était attendu au point cette semaine : tout le monde était en congé, absent ou pas encore arrivé',
    );
    expect(fr.missing).toEqual([]);
    const en = (await h.core.service.standup('mark')) as StandupSummaryView;
    expect(en.completionText).toBe(
      'Nobody was expected to check in this week: everyone was on holiday, out of office or not started yet',
    );
  });
});
