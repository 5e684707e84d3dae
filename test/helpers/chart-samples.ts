// Fixed chart data for spec and golden-image tests: a quarter's burn-up, a month's attainment bars and a
// 12-week trend, written out by hand so the images never depend on the clock or a store.
import type { AttainmentData, BurnUpData, DayValue, TrendData } from '../../src/charts/chart-data.js';

function burnUpSeries(): DayValue[] {
  const out: DayValue[] = [];
  let value = 0;
  for (let d = 1; d <= 48; d++) {
    if (d % 3 === 0) value += 1;
    out.push({ date: new Date(Date.UTC(2026, 9, d)).toISOString().slice(0, 10), value });
  }
  return out;
}

const series = burnUpSeries();

export const SAMPLE_BURN_UP: BurnUpData = {
  objectiveId: 'abm-icp-opportunities',
  label: { en: '30 new ICP opportunities via ABM', fr: "30 nouvelles opportunités ICP grâce à l'ABM" },
  teamName: 'Ventes France',
  period: { kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
  asOfDate: '2026-11-17',
  unit: { type: 'count' },
  direction: 'higher',
  cumulative: true,
  actual: series,
  projection: { from: series.at(-1)!, to: { date: '2026-12-31', value: 27.4 } },
  target: 30,
  alert: 20,
  hasData: true,
};

export const SAMPLE_BURN_UP_EMPTY: BurnUpData = { ...SAMPLE_BURN_UP, actual: [], projection: null, hasData: false };

export const SAMPLE_ATTAINMENT: AttainmentData = {
  teamName: 'Ventes France',
  period: { kind: 'month', key: '2026-11', start: '2026-11-01', end: '2026-11-30' },
  asOfDate: '2026-11-30',
  bars: [
    { memberId: 'hugo', name: 'Hugo Bernard', attainment: 1.32, tone: 'good' },
    { memberId: 'lea', name: 'Léa Dubois', attainment: 0.97, tone: 'warning' },
    { memberId: 'alice', name: 'Alice Martin', attainment: 0.61, tone: 'bad' },
    { memberId: 'camille', name: 'Camille Roux', attainment: 0.05, tone: 'bad' },
    { memberId: 'thomas', name: 'Thomas Petit', attainment: null, tone: 'neutral' },
  ],
  hasData: true,
};

const WEEKLY = [7, 9, 8, 10, null, 6, 11, 12, 9, 8, 10, 4];

export const SAMPLE_TREND: TrendData = {
  memberId: 'hugo',
  memberName: 'Hugo Bernard',
  kpiId: 'qualified_meetings',
  label: { en: 'Qualified meetings', fr: 'Rendez-vous qualifiés' },
  unit: { type: 'count' },
  direction: 'higher',
  asOfDate: '2026-11-18',
  weeks: WEEKLY.map((actual, i) => {
    const start = new Date(Date.UTC(2026, 7, 31 + 7 * i));
    const end = new Date(start.getTime() + 6 * 86_400_000);
    return {
      key: `2026-W${36 + i}`,
      start: start.toISOString().slice(0, 10),
      end: end.toISOString().slice(0, 10),
      actual,
      target: i < 5 ? 8.1 : 9.3,
    };
  }),
  hasData: true,
};
