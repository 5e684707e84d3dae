// How the numbers read in every view (Slack, Teams and the sandbox all render these KpiLine fields):
// missing data named as such, the cap as "≥ 200 %", counts rounded, the allowance of a lower-is-better
// KPI, the period of two objectives on one KPI, the team's currency, and final results.
import { describe, expect, it } from 'vitest';
import type { MemberKpiRow } from '../../../src/core/domain/member-report.js';
import type { Kpi } from '../../../src/core/domain/model.js';
import { memberKpiLine, totalLine } from '../../../src/core/view-builders/kpi-line.js';

const plain = (s: string | undefined) => s?.replace(/[\u202f\u00a0]/g, ' ');

const kpi = (id: string, extra: Partial<Kpi> = {}): Kpi => ({
  id,
  label: { en: id, fr: id },
  unit: { type: 'count' },
  kind: 'activity',
  direction: 'higher',
  aggregation: 'sum',
  sources: ['checkin'],
  ...extra,
});
const MEETINGS = kpi('meetings', { label: { en: 'Qualified meetings', fr: 'Rendez-vous qualifiés' } });
const NO_SHOWS = kpi('no_shows', { label: { en: 'No-shows', fr: 'Absences' }, direction: 'lower' });
const NO_SHOW_RATE = kpi('no_show_rate', {
  label: { en: 'No-show rate', fr: 'Taux de no-show' },
  unit: { type: 'percent' },
  direction: 'lower',
  formula: 'no_shows / meetings_booked',
  sources: [],
});
const REVENUE = kpi('new_revenue', {
  label: { en: 'New contracts signed', fr: 'Nouveaux contrats signés' },
  unit: { type: 'currency', currency: 'EUR' },
  sources: ['import'],
});

const row = (r: Partial<MemberKpiRow>): MemberKpiRow => ({
  id: 'role:sdr:meetings:month',
  kpi: 'meetings',
  per: 'month',
  sharedKpi: false,
  direction: 'higher',
  comparator: '>=',
  weight: 1,
  dataState: 'ok',
  actual: 5,
  target: 7.5,
  noTarget: false,
  attainment: 5 / 7.5,
  capped: false,
  projected: 14.2857,
  projectionMethod: 'pace',
  projectedAttainment: 1.9,
  neededPerDay: 0.25,
  status: 'on_track',
  met: false,
  ...r,
});

describe('KpiLine wording', () => {
  it('rounds counts: a target of 7.5 reads 7.5, a projection of 14.29 reads 14 (JSON keeps full precision)', () => {
    const l = memberKpiLine(row({}), MEETINGS, 'en', '2026-11-30');
    expect([l.actualText, l.targetText, l.projectionText, l.neededText, l.attainmentText]).toEqual([
      '5',
      '7.5',
      'Projected 14 by 30 Nov 2026',
      '0.3 needed per working day',
      '67%',
    ]);
  });

  it.each([
    ['en', '≥ 200%'],
    ['fr', '≥ 200 %'],
  ] as const)('shows the cap (%s)', (locale, text) => {
    expect(
      plain(memberKpiLine(row({ attainment: 2, capped: true }), MEETINGS, locale, '2026-11-30').attainmentText),
    ).toBe(text);
  });

  it.each([
    [
      'awaiting an import',
      { dataState: 'awaiting_data', actual: null, attainment: null, projected: null, neededPerDay: null, status: null },
      REVENUE,
      ['—', 'Awaiting data', 'Données attendues'],
    ],
    [
      'no data',
      { dataState: 'no_data', actual: null, attainment: null, projected: null, neededPerDay: null, status: null },
      NO_SHOW_RATE,
      ['—', 'No data yet', 'Pas encore de données'],
    ],
    [
      'a zero denominator',
      {
        dataState: 'not_computable',
        zeroInputs: ['meetings_booked'],
        zeroInputLabels: [{ en: 'Meetings booked', fr: 'Rendez-vous pris' }],
        actual: null,
        attainment: null,
        projected: null,
        neededPerDay: null,
        status: null,
      },
      NO_SHOW_RATE,
      ['—', 'Not computable: no meetings booked', 'Non calculable : Rendez-vous pris à 0'],
    ],
    [
      'too early to project',
      { projected: null, projectedAttainment: null, status: null },
      MEETINGS,
      ['5', 'Too early to tell', 'Trop tôt pour le dire'],
    ],
    ['a closed period met', { projected: null, status: 'met', met: true }, MEETINGS, ['5', 'Met', 'Atteint']],
    [
      'a closed period missed',
      { projected: null, status: 'missed', met: false },
      MEETINGS,
      ['5', 'Missed', 'Non atteint'],
    ],
  ] as const)('names %s', (_label, r, k, [actual, en, fr]) => {
    const line = memberKpiLine(row(r as Partial<MemberKpiRow>), k, 'en', '2026-11-30');
    expect([line.actualText, line.statusText]).toEqual([actual, en]);
    expect(memberKpiLine(row(r as Partial<MemberKpiRow>), k, 'fr', '2026-11-30').statusText).toBe(fr);
  });

  it('reads a clamped computed target as no target', () => {
    const l = memberKpiLine(
      row({
        target: 0,
        noTarget: true,
        attainment: null,
        status: null,
        met: null,
        projected: null,
        neededPerDay: null,
      }),
      MEETINGS,
      'en',
      '2026-11-30',
    );
    expect([l.targetText, l.statusText, l.attainmentText]).toEqual(['No target', 'No target', '—']);
  });

  it.each([
    ['en', 0.6, 'Allowance: 0.6 per remaining working day'],
    ['fr', 0.6, 'Marge : 0,6 par jour ouvré restant'],
    ['en', 0, 'No allowance left'],
  ] as const)('words the per-day figure of a lower-is-better KPI as an allowance (%s, %f)', (locale, needed, text) => {
    const l = memberKpiLine(
      row({ kpi: 'no_shows', direction: 'lower', comparator: '<=', actual: 2, target: 8, neededPerDay: needed }),
      NO_SHOWS,
      locale,
      '2026-11-30',
    );
    expect(plain(l.neededText)).toBe(text);
  });

  it('names the period of two objectives on the same KPI, in the team currency', () => {
    const quota = memberKpiLine(
      row({
        kpi: 'new_revenue',
        per: 'quarter',
        sharedKpi: true,
        currency: 'USD',
        actual: 30_000,
        target: 120_000,
        projected: null,
      }),
      REVENUE,
      'en',
      '2026-12-31',
    );
    const guide = memberKpiLine(
      row({
        kpi: 'new_revenue',
        per: 'month',
        sharedKpi: true,
        currency: 'USD',
        actual: 30_000,
        target: 22_000,
        projected: null,
      }),
      REVENUE,
      'fr',
      '2026-11-30',
    );
    expect([quota.label, quota.actualText, quota.targetText]).toEqual([
      'New contracts signed — quarter',
      'US$30,000',
      'US$120,000',
    ]);
    expect(plain(guide.label)).toBe('Nouveaux contrats signés — mois');
    expect(plain(guide.targetText)).toBe('22 000 $US');
    expect(memberKpiLine(row({ kpi: 'new_revenue', per: 'month' }), REVENUE, 'en', '2026-11-30').label).toBe(
      'New contracts signed',
    );
  });

  it('gives a stand-up total "No data yet" only without data', () => {
    expect(totalLine(MEETINGS, 'en', null, 30).statusText).toBe('No data yet');
    const some = totalLine(MEETINGS, 'en', 12, 30);
    expect([some.statusText, some.attainmentText]).toEqual(['So far', '40%']);
    // An explicit 0 of a lower-is-better total is the cap, as everywhere.
    expect(totalLine(NO_SHOWS, 'en', 0, 4).attainmentText).toBe('≥ 200%');
  });
});
