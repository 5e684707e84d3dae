// Ritual options and calendar rules beyond the weekly check-in: private rank DMs after the leaderboard
// (opt-in), a monthly review or QBR falling on a public holiday moved to the next working day, and the
// views' content (leaderboard top N, progress rows, review sections).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type {
  CollectiveProgressView,
  LeaderboardView,
  MonthlyReviewView,
  MyRankView,
} from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { describeDelivery, type Harness, ritualsHarness, runUntil } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

// Intl puts narrow no-break spaces before % in French.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const NO_CHECKIN = '  checkin: { enabled: false }\n  breach_scan: { enabled: false }';

describe('ritual posts', () => {
  it('sends each ranked member their own rank when the leaderboard asks for it, and shows the public top N', async () => {
    h = await ritualsHarness(
      engineWorkspace({
        rituals: NO_CHECKIN,
        parisRituals:
          '    rituals:\n      leaderboard: { top: 1, dm_ranks: true }\n      progress: { enabled: false }\n      monthly_review: { enabled: false }',
      }),
      '2026-03-08T12:00:00Z',
    );
    // Week 10: Léa 6 meetings and 40 calls, Hugo 5 and 50 (imported from the CRM).
    const v = (memberId: string, kpiId: string, value: number) => ({
      memberId,
      teamId: 'paris',
      kpiId,
      date: '2026-03-05',
      value,
      source: 'import' as const,
      externalId: `${memberId}-${kpiId}`,
    });
    await h.store.metricValues.upsertMany(
      [v('lea', 'meetings', 6), v('lea', 'calls', 40), v('hugo', 'meetings', 5), v('hugo', 'calls', 50)],
      { at: '2026-03-08T12:00:00Z' },
    );
    await h.tick('2026-03-08T12:00:00Z');
    const sent = await runUntil(h, '2026-03-09T08:00:00Z');
    expect(sent.map(describeDelivery)).toEqual([
      '2026-03-09T08:00Z send channel:paris leaderboard 2026-W10',
      '2026-03-09T08:00Z send dm:hugo my_rank',
      '2026-03-09T08:00Z send dm:lea my_rank',
    ]);
    const board = sent[0]!.view as LeaderboardView;
    expect(board.rows.map((r) => [r.rank, r.name, plain(r.scoreText)])).toEqual([[1, 'Léa Martin', '117 %']]);
    expect(board).toMatchObject({ moreCount: 1, moreText: 'et 1 autre' });
    expect(board.footer).toContain('jamais le volume brut');
    // Week 9 had no data: nobody was ranked then, so there is no movement to show.
    expect(sent[1]!.view as MyRankView).toMatchObject({
      locale: 'en',
      title: 'Your rank — Week 10 (2 Mar – 8 Mar 2026)',
      rankText: 'Rank 2 of 2, score 110%',
    });
    expect(plain((sent[2]!.view as MyRankView).rankText)).toBe('Rang 1 sur 2, score 117 %');
    expect(await h.store.occurrences.get('paris:leaderboard:2026-W10:claire')).toBeUndefined();
  });

  it('moves a monthly review and a QBR falling on New Year’s Day to the next working day', async () => {
    h = await ritualsHarness(
      engineWorkspace({ rituals: `${NO_CHECKIN}\n  leaderboard: { enabled: false }\n  progress: { enabled: false }` }),
      '2026-12-31T12:00:00Z',
    );
    await h.tick('2026-12-31T12:00:00Z');
    // The fire on the holiday runs nothing and says where it went (the sandbox reports it as moved).
    const holiday = await h.tick('2027-01-01T08:00:00Z');
    expect(holiday.runs).toEqual([
      {
        team: 'paris',
        ritual: 'monthly_review',
        period: '2026-12',
        sent: 0,
        skipped: 0,
        missed: 0,
        failed: 0,
        movedTo: '2027-01-04T08:00:00.000Z',
      },
    ]);
    const sent = await runUntil(h, '2027-01-05T00:00:00Z');
    // 1 January 2027 is a Friday and a holiday in both countries: Monday 4 January, same local times.
    expect(sent.map(describeDelivery)).toEqual([
      '2027-01-04T08:00Z send channel:paris monthly_review 2026-12',
      '2027-01-04T09:00Z send channel:paris qbr 2026-Q4',
      '2027-01-04T14:00Z send channel:nyc monthly_review 2026-12',
      '2027-01-04T15:00Z send channel:nyc qbr 2026-Q4',
    ]);
    expect(await h.store.occurrences.get('paris:monthly_review:2026-12:*')).toMatchObject({
      dueAt: '2027-01-04T08:00:00.000Z',
      reason: 'moved_from_holiday',
      status: 'enqueued',
    });
    const review = sent[0]!.view as MonthlyReviewView;
    // No value in December: nobody is ranked at 0 %.
    expect(review.sections.map((s) => plain(s.heading))).toEqual([
      'Hugo Bernard — hors classement (pas encore de données)',
      'Léa Martin — hors classement (pas encore de données)',
    ]);
    expect(review.actions).toEqual([
      {
        action: 'review.decision',
        label: 'Consigner une décision',
        value: JSON.stringify({ team: 'paris', period: '2026-12' }),
      },
    ]);
  });

  it('posts collective progress with each objective against its target and alert', async () => {
    h = await ritualsHarness(
      engineWorkspace({
        rituals: `${NO_CHECKIN}\n  leaderboard: { enabled: false }\n  monthly_review: { enabled: false }`,
        parisCollective: `    collective:
      - { id: meetings, kpi: meetings, target: 40, alert: 20, per: month, owner: lea, contributors: [hugo, lea] }`,
      }),
      '2026-03-09T07:00:00Z',
    );
    await h.store.metricValues.upsertMany(
      [
        {
          memberId: 'hugo',
          teamId: 'paris',
          kpiId: 'meetings',
          date: '2026-03-05',
          value: 11,
          source: 'import',
          externalId: 'x',
        },
      ],
      { at: '2026-03-09T07:00:00Z' },
    );
    await h.tick('2026-03-09T07:00:00Z');
    const sent = await runUntil(h, '2026-03-09T09:00:00Z');
    expect(sent.map(describeDelivery)).toEqual(['2026-03-09T08:00Z send channel:paris collective_progress']);
    const view = sent[0]!.view as CollectiveProgressView;
    // 11 meetings in 6 of 22 working days projects 40.3 (a count, shown rounded): on target.
    expect(view.rows).toEqual([
      expect.objectContaining({
        objectiveId: 'meetings',
        label: 'Rendez-vous',
        ownerName: 'Léa Martin',
        alertText: 'Seuil d’alerte : 20',
        line: expect.objectContaining({
          actualText: '11',
          targetText: '40',
          status: 'ok',
          statusText: 'OK',
          tone: 'good',
          projectionText: 'Projection : 40 au 31 mars 2026',
        }),
      }),
    ]);
  });
});
