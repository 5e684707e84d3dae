// The leaderboard post from a hand-built report: unranked members listed with their reason, movement
// only against a ranked previous week, and the reaction tally labelled, in English and French.
import { describe, expect, it } from 'vitest';
import type { Team, Workspace } from '../../../src/core/domain/model.js';
import type { Period } from '../../../src/core/domain/periods.js';
import type { MemberReport, TeamReport } from '../../../src/core/domain/report.js';
import { leaderboardView } from '../../../src/core/view-builders/leaderboard-view.js';

const team = {
  id: 'paris',
  name: 'Paris',
  members: [
    { id: 'hugo', name: 'Hugo' },
    { id: 'lea', name: 'Léa' },
    { id: 'zoe', name: 'Zoé' },
    { id: 'tom', name: 'Tom' },
  ],
} as unknown as Team;
const period: Period = { kind: 'week', key: '2026-W10', start: '2026-03-02', end: '2026-03-08' };
const member = (
  id: string,
  rank: number | null,
  score: number | null,
  over: Partial<MemberReport> = {},
): MemberReport =>
  ({
    id,
    role: 'sdr',
    score,
    rank,
    unrankedReason: null,
    movement: null,
    outOfOffice: false,
    workingDays: 5,
    workingDaysElapsed: 5,
    kpis: [],
    ...over,
  }) as MemberReport;
const report = (members: MemberReport[]): TeamReport => ({
  team: 'paris',
  period: { ...period, asOf: '', workingDays: 5, workingDaysElapsed: 5 },
  members,
  collective: [],
});

const members = [
  member('hugo', 1, 0.9, { movement: 1 }),
  member('lea', 2, 0.5, { movement: -1 }),
  member('zoe', null, null, { unrankedReason: 'out_of_office', outOfOffice: true, workingDays: 0 }),
  member('tom', null, null, { unrankedReason: 'no_data' }),
];

describe('leaderboardView', () => {
  it('lists the unranked with their reason, never at a rank', () => {
    const v = leaderboardView({
      ws: {} as Workspace,
      team,
      report: report(members),
      period,
      locale: 'en',
      top: 5,
      reactions: [],
    });
    expect(v.rows.map((r) => [r.rank, r.memberId, r.scoreText, r.movementText])).toEqual([
      [1, 'hugo', '90%', '▲ 1'],
      [2, 'lea', '50%', '▼ 1'],
    ]);
    expect(v.unranked).toEqual([
      { memberId: 'zoe', name: 'Zoé', reasonText: 'out of office' },
      { memberId: 'tom', name: 'Tom', reasonText: 'no data yet' },
    ]);
    expect(v.unrankedText).toBe('Not ranked: Zoé (out of office) and Tom (no data yet).');
    const fr = leaderboardView({
      ws: {} as Workspace,
      team,
      report: report(members),
      period,
      locale: 'fr',
      top: 5,
      reactions: [],
    });
    expect(fr.unrankedText).toBe('Non classés : Zoé (absent) et Tom (pas encore de données).');
  });

  it('shows no movement against a week that had no leaderboard', () => {
    const v = leaderboardView({
      ws: {} as Workspace,
      team,
      report: report(members),
      period,
      locale: 'en',
      top: 5,
      reactions: [],
      previousRanked: false,
    });
    expect(v.rows.map((r) => [r.movement, r.movementText])).toEqual([
      [null, ''],
      [null, ''],
    ]);
  });

  it('labels the reaction tally', () => {
    const reactions = [{ emoji: 'tada', count: 2 }];
    const en = leaderboardView({
      ws: {} as Workspace,
      team,
      report: report(members),
      period,
      locale: 'en',
      top: 5,
      reactions,
    });
    expect([en.reactionsLabel, en.reactionsText]).toEqual([
      'Reactions to the previous leaderboard:',
      'Reactions to the previous leaderboard: :tada: 2',
    ]);
    const fr = leaderboardView({
      ws: {} as Workspace,
      team,
      report: report(members),
      period,
      locale: 'fr',
      top: 5,
      reactions,
    });
    expect(fr.reactionsLabel).toBe('Réactions au classement précédent :');
    expect(
      leaderboardView({
        ws: {} as Workspace,
        team,
        report: report(members),
        period,
        locale: 'en',
        top: 5,
        reactions: [],
      }).reactionsLabel,
    ).toBeUndefined();
  });
});
