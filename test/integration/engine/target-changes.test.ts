// A target accepted at the QBR or changed in chat reaches every ritual of the running core from its
// day: the progress post, "where do I stand?", the stand-up totals and the leaderboard, without a
// restart (the core's effective workspace follows the store's objectives version).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type {
  CollectiveProgressView,
  LeaderboardView,
  MyGoalsView,
  NoticeView,
  StandupSummaryView,
} from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Harness, ritualsHarness } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const COLLECTIVE = `    collective:
      - { id: meetings, kpi: meetings, target: 40, alert: 30, per: quarter, owner: lea, contributors: [hugo, lea], approver: claire }`;
const QUIET = '  checkin: { enabled: false }\n  breach_scan: { enabled: false }';

async function progressTarget(h: Harness): Promise<string> {
  return ((await h.core.service.progress('claire')) as CollectiveProgressView).rows[0]!.line.targetText;
}

describe('targets changed in chat, in the running core', () => {
  it('shows a QBR target accepted in chat in the progress post from the next quarter', async () => {
    h = await ritualsHarness(engineWorkspace({ rituals: QUIET, parisCollective: COLLECTIVE }), '2026-03-31T12:00:00Z');
    expect(await progressTarget(h)).toBe('40');
    const value = JSON.stringify({ team: 'paris', objective: 'meetings', target: 45, from: '2026-04-01' });
    expect(((await h.core.service.action('claire', 'qbr.accept', value)).view as NoticeView).tone).toBe('success');
    // Still the first quarter: its target stays.
    expect(await progressTarget(h)).toBe('40');
    h.clock.set('2026-04-15T10:00:00Z');
    expect(await progressTarget(h)).toBe('45');
  });

  it('shows the target in force (changed at the previous QBR) as the current one in the change form', async () => {
    h = await ritualsHarness(engineWorkspace({ rituals: QUIET, parisCollective: COLLECTIVE }), '2026-03-31T12:00:00Z');
    await h.store.objectives.changeTarget({
      objectiveId: 'team:paris:meetings',
      target: { value: 42 },
      effectiveFrom: '2026-01-01',
      by: 'claire',
      reason: 'QBR',
      at: '2025-12-31T12:00:00Z',
    });
    const value = JSON.stringify({ team: 'paris', objective: 'meetings', target: 45, from: '2026-04-01' });
    const form = await h.core.service.action('claire', 'qbr.change', value);
    expect(form.kind).toBe('form');
    expect((form.view as { context: string }).context).toBe(
      'Rendez-vous : cible actuelle 42, nouvelle cible à partir du 1 avr. 2026.',
    );
    expect(await progressTarget(h)).toBe('42');
  });

  it('shows a role target changed in the store in "my goals", the stand-up totals and the leaderboard scores', async () => {
    h = await ritualsHarness(engineWorkspace({ rituals: QUIET }), '2026-04-15T10:00:00Z');
    await h.store.metricValues.upsertMany(
      // Last week's value: the leaderboard command shows the last completed week.
      [
        {
          memberId: 'hugo',
          teamId: 'paris',
          kpiId: 'meetings',
          date: '2026-04-08',
          value: 1,
          source: 'checkin',
          externalId: 'h1',
        },
      ],
      { at: '2026-04-08T18:00:00Z' },
    );
    const meetings = async () =>
      ((await h!.core.service.myGoals('hugo')) as MyGoalsView).lines.find((l) => l.kpi === 'meetings')!.targetText;
    const totals = async () =>
      ((await h!.core.service.standup('claire')) as StandupSummaryView).totals.find((l) => l.kpi === 'meetings')!
        .targetText;
    const score = async () =>
      ((await h!.core.service.leaderboard('claire')) as LeaderboardView).rows.find((r) => r.memberId === 'hugo')!.score;
    const before = { goals: await meetings(), totals: await totals(), score: await score() };
    expect(before.goals).toBe('20');

    await h.store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 10 },
      effectiveFrom: '2026-04-01',
      by: 'claire',
      reason: 'new hires',
      at: '2026-04-15T10:00:00Z',
    });
    expect(await meetings()).toBe('10');
    // The stand-up's weekly totals and the weekly leaderboard prorate the monthly target: halved too.
    expect(Number((await totals()).replace(',', '.'))).toBeCloseTo(Number(before.totals.replace(',', '.')) / 2, 1);
    expect(await score()).toBeGreaterThan(before.score);
  });
});
