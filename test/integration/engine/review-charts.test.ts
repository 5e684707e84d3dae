// The monthly review and the QBR list their charts: with the real chart service on the harness's store,
// each review names a burn-up per collective objective and the team's attainment bars, titled and
// described in the team's language, with ids that fix the as-of instant and draw a PNG. A failing chart
// catalog never holds a review back.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseChartId } from '../../../src/charts/chart-request.js';
import { type ChartService, createChartService } from '../../../src/charts/chart-service.js';
import type { MonthlyReviewView, QbrView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { describeDelivery, type Harness, ritualsHarness, runUntil } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const ws = () =>
  engineWorkspace({
    rituals:
      '  checkin: { enabled: false }\n  breach_scan: { enabled: false }\n  leaderboard: { enabled: false }\n  progress: { enabled: false }',
    parisCollective: `    collective:
      - { id: team-meetings, kpi: meetings, target: 40, alert: 20, per: month, owner: claire, contributors: [hugo, lea] }`,
  });

async function seed(harness: Harness): Promise<void> {
  const v = (memberId: string, teamId: string, value: number, date: string) => ({
    memberId,
    teamId,
    kpiId: 'meetings',
    date,
    value,
    source: 'import' as const,
    externalId: `${memberId}-${date}`,
  });
  await harness.store.metricValues.upsertMany(
    [v('hugo', 'paris', 12, '2026-12-10'), v('lea', 'paris', 20, '2026-12-11'), v('emma', 'nyc', 5, '2026-12-09')],
    { at: '2026-12-31T12:00:00Z' },
  );
}

describe('review charts in the core', () => {
  it("lists each review's charts in the team's language, as of the delivery", async () => {
    let service: ChartService | undefined;
    h = await ritualsHarness(ws(), '2026-12-31T12:00:00Z', {
      charts: (store, workspace) =>
        (service = createChartService({ workspace, metricValues: store.metricValues, ooo: store.ooo })),
    });
    await seed(h);
    await h.tick('2026-12-31T12:00:00Z');
    const sent = await runUntil(h, '2027-01-05T00:00:00Z');
    expect(sent.map(describeDelivery)).toEqual([
      '2027-01-04T08:00Z send channel:paris monthly_review 2026-12',
      '2027-01-04T09:00Z send channel:paris qbr 2026-Q4',
      '2027-01-04T14:00Z send channel:nyc monthly_review 2026-12',
      '2027-01-04T15:00Z send channel:nyc qbr 2026-Q4',
    ]);
    const [parisReview, parisQbr, nycReview, nycQbr] = sent.map((d) => d.view as MonthlyReviewView | QbrView);

    // Paris (French): the burn-up of its collective objective, then the attainment bars.
    expect(parisReview!.charts.map((c) => parseChartId(c.id))).toEqual([
      {
        kind: 'burnup',
        teamId: 'paris',
        periodKey: '2026-12',
        objectiveId: 'team-meetings',
        asOf: '2027-01-04T08:00:00.000Z',
      },
      { kind: 'attainment', teamId: 'paris', periodKey: '2026-12', asOf: '2027-01-04T08:00:00.000Z' },
    ]);
    expect(parisReview!.charts.map((c) => c.title)).toEqual([
      'Rendez-vous — décembre 2026',
      'Atteinte des objectifs — décembre 2026',
    ]);
    expect(plain(parisReview!.charts[0]!.altText)).toBe(
      'Rendez-vous, décembre 2026 : 32 à ce jour ; objectif 40, seuil d’alerte 20 ; projection de 32 en fin de période.',
    );
    expect(plain(parisReview!.charts[1]!.altText)).toMatch(/^Atteinte des objectifs par personne, décembre 2026 : /);
    expect(parisQbr!.charts.map((c) => [parseChartId(c.id)?.periodKey, parseChartId(c.id)?.asOf, c.title])).toEqual([
      ['2026-Q4', '2027-01-04T09:00:00.000Z', 'Rendez-vous — T4 2026'],
      ['2026-Q4', '2027-01-04T09:00:00.000Z', 'Atteinte des objectifs — T4 2026'],
    ]);

    // New York (English), no collective objective: the attainment bars only.
    expect(nycReview!.charts.map((c) => c.title)).toEqual(['Attainment — December 2026']);
    expect(nycReview!.charts[0]!.altText).toMatch(/^Attainment by member, December 2026: Emma Stone /);
    expect(nycQbr!.charts.map((c) => c.title)).toEqual(['Attainment — Q4 2026']);

    // Every id draws: what the Slack and Teams adapters and the sandbox do with it.
    for (const c of [parisReview!, parisQbr!, nycReview!, nycQbr!].flatMap((v) => v.charts)) {
      const png = await service!.png(c.id, 'fr');
      expect([...png!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
  }, 30_000);

  it('sends the review without charts when the catalog fails, and says so in the log', async () => {
    h = await ritualsHarness(ws(), '2026-12-31T12:00:00Z', {
      charts: () => ({
        reviewCharts: async () => {
          throw new Error('store unavailable');
        },
      }),
    });
    await h.tick('2026-12-31T12:00:00Z');
    const sent = await runUntil(h, '2027-01-04T08:30:00Z');
    expect(sent.map(describeDelivery)).toEqual(['2027-01-04T08:00Z send channel:paris monthly_review 2026-12']);
    const review = sent[0]!.view as MonthlyReviewView;
    expect(review.charts).toEqual([]);
    expect(review.sections.length).toBeGreaterThan(0);
    expect(
      h.log.lines.filter((l) => l.msg === 'review charts unavailable: sent without them').map((l) => l.obj),
    ).toEqual([{ team: 'paris', period: '2026-12', code: 'Error' }]);
  });

  it('lists no charts without a catalog', async () => {
    h = await ritualsHarness(ws(), '2026-12-31T12:00:00Z');
    await h.tick('2026-12-31T12:00:00Z');
    const sent = await runUntil(h, '2027-01-04T09:30:00Z');
    expect(sent.map((d) => (d.view as MonthlyReviewView | QbrView).charts)).toEqual([[], []]);
  });
});
