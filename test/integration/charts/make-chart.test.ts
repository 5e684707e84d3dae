// Charts from a real store: buildChart reads the values through the repositories and gives the spec,
// a title and an alt text in the viewer's language; chart ids round-trip; expected failures are
// DomainErrors with stable codes, told in both languages; `rituals chart` writes the image and says
// when a period has no data.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChartRequest, chartId, parseChartId, reviewChartRequests } from '../../../src/charts/chart-request.js';
import { buildChart, type ChartDeps, chartPng } from '../../../src/charts/make-chart.js';
import { DomainError } from '../../../src/core/errors.js';
import { describeError } from '../../../src/core/view-builders/notice.js';
import type { Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { decodePng } from '../../helpers/png.js';
import { memoryStore, type TempDir, tempDir } from '../../helpers/store.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const ws = fixtureWorkspace();
let store: Store;
let deps: ChartDeps;
const AS_OF = '2026-02-15T12:00:00+01:00';
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

beforeAll(async () => {
  store = await memoryStore();
  await syncWorkspace(store, ws, { actor: 'config', at: '2026-01-01T00:00:00.000Z' });
  await store.metricValues.upsertMany(
    [
      { teamId: 'sales', kpiId: 'opportunities', date: '2026-01-05', value: 5, source: 'import', externalId: 'o1' },
      {
        memberId: 'alice',
        teamId: 'sales',
        kpiId: 'opportunities',
        date: '2026-01-20',
        value: 3,
        source: 'import',
        externalId: 'o2',
      },
      {
        memberId: 'bob',
        teamId: 'sales',
        kpiId: 'opportunities',
        date: '2026-02-10',
        value: 4,
        source: 'import',
        externalId: 'o3',
      },
      {
        memberId: 'alice',
        teamId: 'sales',
        kpiId: 'meetings',
        date: '2026-02-03',
        value: 10,
        source: 'checkin',
        externalId: 'm1',
      },
      {
        memberId: 'bob',
        teamId: 'sales',
        kpiId: 'revenue',
        date: '2026-02-04',
        value: 30000,
        source: 'api',
        externalId: 'r1',
      },
    ],
    { at: '2026-02-15T10:00:00.000Z' },
  );
  deps = { workspace: ws, metricValues: store.metricValues, ooo: store.ooo };
});
afterAll(() => store.close());

describe('buildChart', () => {
  it('draws the burn-up of the first collective objective by default, with an alt text', async () => {
    const chart = await buildChart(
      deps,
      { kind: 'burnup', teamId: 'sales', periodKey: '2026-Q1' },
      { asOf: AS_OF, locale: 'en' },
    );
    expect(chart.title).toBe('opportunities — Q1 2026');
    expect(chart.hasData).toBe(true);
    expect(chart.altText).toBe(
      'opportunities, Q1 2026: 12 so far; target 30, alert threshold 20; projected 24 at the end of the period.',
    );
    expect(parseChartId(chart.id)).toEqual({ kind: 'burnup', teamId: 'sales', periodKey: '2026-Q1' });
    const fr = await buildChart(
      deps,
      { kind: 'burnup', teamId: 'sales', periodKey: '2026-Q1', objectiveId: 'pipeline' },
      { asOf: AS_OF, locale: 'fr' },
    );
    expect(fr.altText).toBe(
      'opportunities, T1 2026 : 12 à ce jour ; objectif 30, seuil d’alerte 20 ; projection de 24 en fin de période.',
    );
  });

  it('draws the attainment bars from the team report', async () => {
    const chart = await buildChart(
      deps,
      { kind: 'attainment', teamId: 'sales', periodKey: '2026-02' },
      { asOf: AS_OF, locale: 'fr' },
    );
    expect(chart.title).toBe('Atteinte des objectifs — février 2026');
    // Alice: 10 meetings of 35 in February (29 %). Bob: 30,000 of a 90,000 quarter prorated to
    // February's 20 of Q1's 64 working days (28,125: 106.7 %, weight 2); his win rate (weight 1) is won
    // out of 4 opportunities, but no "won" figure has been imported yet: awaiting data, left out of the
    // score rather than counted as 0 %: 2 × 1.0667 / 2 = 107 %.
    expect(plain(chart.altText)).toBe(
      'Atteinte des objectifs par personne, février 2026 : Bob Durand 107 % et Alice Martin 29 %.',
    );
  });

  it('draws a member trend and says when there is nothing to draw', async () => {
    const trend = await buildChart(
      deps,
      { kind: 'trend', teamId: 'sales', periodKey: '2026-02', memberId: 'alice', kpiId: 'meetings' },
      { asOf: AS_OF, locale: 'en' },
    );
    expect(trend.title).toBe('meetings — Alice Martin');
    expect(trend.altText).toMatch(
      /^meetings of Alice Martin over the last 12 weeks: 24 Nov 0, .*2 Feb 10 and 9 Feb 0\.$/,
    );
    const empty = await buildChart(
      deps,
      { kind: 'burnup', teamId: 'sales', periodKey: '2025-Q3' },
      { asOf: AS_OF, locale: 'en' },
    );
    expect(empty).toMatchObject({ hasData: false, altText: 'opportunities — Q3 2025: no data for this period yet.' });
  });

  it.each([
    [{ kind: 'burnup', teamId: 'nope', periodKey: '2026-Q1' }, 'REPORT.UNKNOWN_TEAM'],
    [{ kind: 'burnup', teamId: 'sales', periodKey: '2026-Q9' }, 'PERIOD.OUT_OF_RANGE'],
    [{ kind: 'burnup', teamId: 'sales', periodKey: '2026-Q1', objectiveId: 'nope' }, 'CHART.UNKNOWN_OBJECTIVE'],
    [{ kind: 'burnup', teamId: 'support', periodKey: '2026-Q1' }, 'CHART.NO_OBJECTIVE'],
    [{ kind: 'attainment', teamId: 'sales', periodKey: '2026-02', kpiId: 'nope' }, 'CHART.UNKNOWN_KPI'],
    [{ kind: 'trend', teamId: 'sales', periodKey: '2026-02', kpiId: 'meetings' }, 'CHART.TREND_NEEDS_MEMBER'],
    [
      { kind: 'trend', teamId: 'sales', periodKey: '2026-02', memberId: 'dave', kpiId: 'meetings' },
      'CHART.UNKNOWN_MEMBER',
    ],
  ] as [ChartRequest, string][])('%j fails with %s', async (req, code) => {
    const err = await buildChart(deps, req, { asOf: AS_OF, locale: 'en' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(code);
    // Told in both languages, every placeholder filled by the error's parameters.
    for (const locale of ['en', 'fr'] as const) {
      const body = describeError(locale, err).body;
      expect(body).not.toBe(describeError(locale, new Error('x')).body);
      expect(body).not.toMatch(/\{\w+\}/);
    }
  });

  it('renders the PNG in a few KB', async () => {
    const { png } = await chartPng(
      deps,
      { kind: 'attainment', teamId: 'sales', periodKey: '2026-02' },
      { asOf: AS_OF, locale: 'en', theme: 'dark' },
    );
    expect(decodePng(png).width).toBe(640);
    expect(png.length).toBeLessThan(30 * 1024);
  });

  it('lists the charts of a review, with the as-of fixed in their ids', async () => {
    const reqs = reviewChartRequests(ws.teams[0]!, '2026-Q1', '2026-04-01T09:00:00+02:00');
    expect(reqs).toEqual([
      {
        kind: 'burnup',
        teamId: 'sales',
        periodKey: '2026-Q1',
        objectiveId: 'pipeline',
        asOf: '2026-04-01T09:00:00+02:00',
      },
      { kind: 'attainment', teamId: 'sales', periodKey: '2026-Q1', asOf: '2026-04-01T09:00:00+02:00' },
    ]);
    // Rendered much later, the burn-up still shows the quarter as it was when the review was posted.
    const later = await buildChart(deps, parseChartId(chartId(reqs[0]!))!, {
      asOf: '2027-01-01T00:00:00Z',
      locale: 'en',
    });
    expect(later.altText).toBe(
      'opportunities, Q1 2026: 12 so far; target 30, alert threshold 20; projected 12 at the end of the period.',
    );
  });

  it('round-trips chart ids', () => {
    const req: ChartRequest = {
      kind: 'trend',
      teamId: 'sales fr',
      periodKey: '2026-W07',
      memberId: 'a&b',
      kpiId: 'k=1',
      asOf: '2026-02-15T12:00:00+01:00',
    };
    expect(parseChartId(chartId(req))).toEqual(req);
    expect(parseChartId('kind=pie&team=x&period=2026')).toBeUndefined();
    expect(parseChartId('nonsense')).toBeUndefined();
  });
});

describe('rituals chart', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  beforeAll(() => {
    tmp = tempDir('rituals-chart-');
  });
  afterAll(() => tmp.remove());

  const rituals = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: `file:${tmp.file('rituals.db')}`,
      LOG_LEVEL: 'silent',
    };
    delete env.RITUALS_CONFIG;
    return new Promise((resolve) => {
      execFile(
        'node',
        [join(import.meta.dirname, '../../../bin/rituals.js'), ...args],
        { cwd: tmp.dir, env, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  };

  it('writes a PNG; a period without data still renders and says so', async () => {
    const out = tmp.file('burnup.png');
    const r = await rituals([
      'chart',
      '--team',
      'sales-fr',
      '--period',
      '2026-Q4',
      '--out',
      out,
      '--at',
      '2026-11-18T12:00',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      new RegExp(
        `^burnup chart "Réduire de 15 % le cycle de vente ICP — T4 2026" written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\.\\d KiB\\) — no data for this period yet\\n$`,
      ),
    );
    const png = decodePng(readFileSync(out));
    expect([png.width, png.colourType]).toEqual([640, 3]);
  });

  it('writes the attainment bars in English on a dark card, and SVG when asked', async () => {
    const out = tmp.file('bars.svg');
    const r = await rituals([
      'chart',
      '-t',
      'sales-us',
      '-p',
      '2026-11',
      '--kind',
      'attainment',
      '--locale',
      'en',
      '--theme',
      'dark',
      '-o',
      out,
      '--at',
      '2026-11-18T12:00',
    ]);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('Attainment — November 2026');
    expect(svg).toContain('#1a1d21');
  });

  it('fails in one line with a non-zero exit', async () => {
    const out = tmp.file('x.png');
    expect(await rituals(['chart', '--team', 'nope', '--period', '2026-Q4', '--out', out])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'rituals: unknown team "nope"\n',
    });
    expect(
      await rituals(['chart', '--team', 'sales-fr', '--period', '2026-Q4', '--kind', 'trend', '--out', out]),
    ).toMatchObject({
      code: 1,
      stderr: 'rituals: a trend chart needs --member ID and --kpi KPI\n',
    });
    const bad = await rituals(['chart', '--team', 'sales-fr', '--period', 'Q4', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^rituals: malformed period "Q4": .*\n$/);
  });
});
