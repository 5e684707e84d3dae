// What monthly reviews and QBRs post about individuals: with `top` (the default) the channel shows the
// team totals and the leaderboard's top N, each rep gets their own review by DM and each manager the full
// table; with `none` the channel shows totals only; with `all` the channel shows everything, no DM.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MonthlyReviewView, QbrView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { describeDelivery, type Harness, ritualsHarness, runUntil } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const QUIET =
  '  checkin: { enabled: false }\n  breach_scan: { enabled: false }\n  leaderboard: { enabled: false, top: 1 }\n  progress: { enabled: false }';
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

async function marchReviews(individuals: 'none' | 'top' | 'all', qbr = false) {
  h = await ritualsHarness(
    engineWorkspace({ rituals: qbr ? QUIET : `${QUIET}\n  qbr: { enabled: false }`, individuals }),
    '2026-03-31T12:00:00Z',
  );
  // March: Léa 30 meetings and 150 calls, Hugo 10 and 250 (targets 20 meetings, 200 calls a month).
  const v = (memberId: string, kpiId: string, value: number) => ({
    memberId,
    teamId: 'paris',
    kpiId,
    date: '2026-03-20',
    value,
    source: 'import' as const,
    externalId: `${memberId}-${kpiId}`,
  });
  await h.store.metricValues.upsertMany(
    [v('lea', 'meetings', 30), v('lea', 'calls', 150), v('hugo', 'meetings', 10), v('hugo', 'calls', 250)],
    { at: '2026-03-31T12:00:00Z' },
  );
  await h.tick('2026-03-31T12:00:00Z');
  return (await runUntil(h, '2026-04-01T09:30:00Z')).filter(
    (d) => d.to.endsWith('paris') || ['dm:claire', 'dm:hugo', 'dm:lea'].includes(d.to),
  );
}

const headings = (v: MonthlyReviewView | QbrView) => v.sections.map((s) => plain(s.heading));

describe('individuals in the channel', () => {
  it('top (the default): totals and the top N in the channel; own review to each rep, the full table to the manager', async () => {
    const sent = await marchReviews('top');
    expect(sent.map(describeDelivery)).toEqual([
      '2026-04-01T07:00Z send channel:paris monthly_review 2026-03',
      '2026-04-01T07:00Z send dm:claire monthly_review 2026-03',
      '2026-04-01T07:00Z send dm:lea monthly_review 2026-03',
      '2026-04-01T07:00Z send dm:hugo monthly_review 2026-03',
    ]);
    const [channel, manager, lea, hugo] = sent.map((d) => d.view as MonthlyReviewView);
    // Scores by hand (meetings weight 2, calls 1): Léa (2 × 1.5 + 0.75) / 3 = 125 %; Hugo (2 × 0.5 + 1.25) / 3 = 75 %.
    expect(headings(channel!)).toEqual(['Totaux de l’équipe', 'Top 1 du classement']);
    const totals = channel!.sections[0]!.lines.map((l) => [l.kpi, l.actualText, l.targetText]);
    expect(totals).toEqual([
      ['meetings', '40', '40'],
      ['calls', '400', '400'],
    ]);
    expect(channel!.sections[1]!.notes.map(plain)).toEqual(['1. Léa Martin — 125 %']);
    expect(JSON.stringify(channel)).not.toContain('Hugo');
    expect(headings(manager!)).toEqual(['Léa Martin — rang 1, score 125 %', 'Hugo Bernard — rang 2, score 75 %']);
    expect(lea!).toMatchObject({ title: 'Votre bilan mensuel — mars 2026', actions: [] });
    expect(headings(lea!)).toEqual(['Léa Martin — rang 1, score 125 %']);
    // Hugo reads English: his own review only.
    expect(hugo!.title).toBe('Your monthly review — March 2026');
    expect(headings(hugo!)).toEqual(['Hugo Bernard — rank 2, score 75%']);
  });

  it('none: only the team totals in the channel', async () => {
    const sent = await marchReviews('none');
    const channel = sent.find((d) => d.to === 'channel:paris')!.view as MonthlyReviewView;
    expect(headings(channel)).toEqual(['Totaux de l’équipe']);
    expect(sent.filter((d) => d.to.startsWith('dm:')).map((d) => d.to)).toEqual(['dm:claire', 'dm:lea', 'dm:hugo']);
  });

  it('all: every member in the channel, and no DM', async () => {
    const sent = await marchReviews('all');
    expect(sent.map(describeDelivery)).toEqual(['2026-04-01T07:00Z send channel:paris monthly_review 2026-03']);
    expect(headings(sent[0]!.view as MonthlyReviewView)).toEqual([
      'Léa Martin — rang 1, score 125 %',
      'Hugo Bernard — rang 2, score 75 %',
    ]);
  });

  it('the QBR follows the same rule; proposals and decisions stay in the team’s post', async () => {
    const sent = await marchReviews('top', true);
    const qbrs = sent.filter((d) => d.view.type === 'qbr');
    expect(qbrs.map((d) => d.to)).toEqual(['channel:paris', 'dm:claire', 'dm:lea', 'dm:hugo']);
    const [channel, , lea] = qbrs.map((d) => d.view as QbrView);
    expect(headings(channel!)).toEqual(['Totaux de l’équipe', 'Top 1 du classement']);
    expect(lea!).toMatchObject({
      title: 'Votre revue trimestrielle — T1 2026',
      proposals: [],
      decisions: [],
      actions: [],
    });
  });
});
