// The sandbox's data reads like a real team's: seeded check-ins follow a funnel (meetings below calls,
// proposals below opportunities, win rates of 15–40 %), the last week is run live on first start (so
// the chat is not empty at first open), and a nightly CRM import fills every KPI that
// only an import feeds, through the CSV import path (audited as such), with a "CRM import" note in the
// admin thread — so nothing shows in breach or at 0 only because no import ever ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { crmCsv, crmPlan, crmRows } from '../../../src/sandbox/crm-figures.js';
import { NightlyCrmImport } from '../../../src/sandbox/crm-import.js';
import { ADMIN_THREAD } from '../../../src/sandbox/threads.js';
import { nextFire } from '../../../src/scheduling/cron.js';
import { parseMetricsCsv } from '../../../src/store/import-csv.js';
import { type RunningSandbox, startSandboxApp } from '../../helpers/sandbox-app.js';

// Thursday 3 December 2026, 11:00 in Paris: two thirds into Q4.
const realNow = () => new Date('2026-12-03T10:00:00Z');
let s: RunningSandbox;
let ws: Workspace;

beforeAll(async () => {
  ws = (await loadWorkspace(undefined)).workspace;
  s = await startSandboxApp({ realNow });
}, 120_000);
afterAll(async () => {
  await s?.stop();
});

const sum = (rows: readonly { values: Readonly<Record<string, number>> }[], kpi: string) =>
  rows.reduce((n, r) => n + (r.values[kpi] ?? 0), 0);

describe('plausible sandbox data', () => {
  it('seeds check-ins since the start of the quarter that follow a sales funnel', async () => {
    const checkIns = await s.store.checkIns.list({});
    expect(Math.min(...checkIns.map((c) => Number(c.periodKey.slice(-2))))).toBe(40); // the week of 1 October
    for (const memberId of ['hugo', 'alice', 'emily', 'jordan']) {
      const mine = checkIns.filter((c) => c.memberId === memberId);
      expect(mine.length).toBeGreaterThan(5);
      expect(sum(mine, 'meetings_booked')).toBeLessThan(sum(mine, 'calls') / 3);
      expect(sum(mine, 'qualified_meetings')).toBeLessThanOrEqual(sum(mine, 'meetings_booked'));
      expect(sum(mine, 'no_shows')).toBeLessThan(sum(mine, 'meetings_booked') * 0.2);
    }
    for (const memberId of ['lea', 'thomas', 'sarah', 'david']) {
      const mine = checkIns.filter((c) => c.memberId === memberId);
      expect(sum(mine, 'proposals_sent')).toBeLessThan(sum(mine, 'opportunities'));
      const won = sum(mine, 'deals_won');
      const rate = won / (won + sum(mine, 'deals_lost'));
      expect({ memberId, rate: rate >= 0.15 && rate <= 0.4 }).toEqual({ memberId, rate: true });
    }
  });

  it('opens on last week run live: prompts and answers in the DMs, Monday posts and the review in the channel', async () => {
    const dm = s.app.sandbox.threads.list('dm:hugo').map((m) => (m.view as { type: string }).type);
    // The prompt, answered in place: it became the confirmation.
    expect(dm).toContain('checkin_confirmation');
    const channel = s.app.sandbox.threads
      .list('channel:sales-fr')
      .map((m) => [(m.view as { type: string }).type, m.at.slice(0, 10)]);
    expect(channel).toEqual(
      expect.arrayContaining([
        ['leaderboard', '2026-11-30'],
        ['collective_progress', '2026-11-30'],
        ['monthly_review', '2026-12-01'],
      ]),
    );
    // Last week's answers came from the colleagues, live, on Friday or later; the US team had no
    // check-in that week (27 November is its company holiday).
    const w48 = (await s.store.checkIns.list({})).filter((c) => c.periodKey === '2026-W48');
    expect(w48.length).toBeGreaterThan(4);
    expect(w48.every((c) => ['hugo', 'alice', 'lea', 'thomas', 'ines', 'julien', 'camille'].includes(c.memberId))).toBe(
      true,
    );
    expect(w48.every((c) => c.submittedAt >= '2026-11-27')).toBe(true);
    expect(s.app.clock.now().toISOString()).toBe('2026-12-03T10:00:00.000Z');
  });

  it('fills every imported-only KPI from the start of the quarter through the import path', async () => {
    const imported = await s.store.metricValues.list({ from: '2026-10-01', to: '2026-12-02' });
    const has = (memberId: string | null, teamId: string, kpi: string) =>
      imported.some(
        (v) =>
          v.kpiId === kpi &&
          v.source === 'import' &&
          v.memberId === memberId &&
          (memberId !== null || v.teamId === teamId),
      );
    for (const team of ws.teams) {
      const plan = crmPlan(ws, team);
      for (const [memberId, kpis] of plan.members) {
        for (const kpi of kpis) {
          // Rare events (a customer lost) may not have happened to everyone; levels and averages have.
          if (ws.kpis[kpi]!.aggregation === 'sum') continue;
          expect({ memberId, kpi, has: has(memberId, team.id, kpi) }).toEqual({ memberId, kpi, has: true });
        }
      }
      for (const kpi of plan.team)
        expect({ team: team.id, kpi, has: has(null, team.id, kpi) }).toEqual({ team: team.id, kpi, has: true });
      // Every imported KPI has values for someone in the team.
      for (const kpi of new Set([...plan.members.values()].flat())) {
        expect({
          team: team.id,
          kpi,
          has: [...plan.members].some(([m, ks]) => ks.includes(kpi) && has(m, team.id, kpi)),
        }).toEqual({ team: team.id, kpi, has: true });
      }
    }
    // What the bundled example needs: revenue, MRR, churn, CSAT and pipeline all come from the CRM.
    const us = crmPlan(ws, ws.teams.find((t) => t.id === 'sales-us')!);
    expect(us.members.get('sarah')).toContain('new_revenue');
    expect(us.members.get('priya')).toEqual(expect.arrayContaining(['starting_mrr', 'expansion_mrr', 'churned_mrr']));
    expect(us.members.get('nathan')).toEqual(
      expect.arrayContaining(['csat', 'first_response_hours', 'first_contact_resolutions']),
    );
    expect(us.members.get('olivia')).toEqual(
      expect.arrayContaining(['marketing_pipeline', 'total_pipeline', 'marketing_spend']),
    );
    expect(us.team).toEqual(expect.arrayContaining(['logo_churn', 'nps', 'sqo']));
    // Recorded like `rituals import` does, by the CRM import.
    const audit = await s.store.audit.list({});
    expect(audit.some((a) => a.action === 'metrics.import' && a.actor === 'crm-import')).toBe(true);
  });

  it('shows each import in the admin thread and imports again each night, idempotently', async () => {
    const notes = () =>
      s.app.sandbox.threads
        .list(ADMIN_THREAD)
        .map((m) => m.view as { type: string; teamId: string; from: string; to: string });
    // The quarter's history up to the last week, then each night of the last week (run live on first
    // start) up to yesterday.
    const start = notes();
    expect(start.slice(0, 2).map((n) => [n.type, n.teamId, n.from])).toEqual([
      ['crm_import', 'sales-fr', '2026-10-01'],
      ['crm_import', 'sales-us', '2026-10-01'],
    ]);
    expect(start.slice(-2).map((n) => [n.teamId, n.to])).toEqual([
      ['sales-fr', '2026-12-02'],
      ['sales-us', '2026-12-02'],
    ]);
    expect(start.length).toBeGreaterThan(6);
    const html = (await (await fetch(`${s.base}/sandbox/api/state?member=carla&thread=${ADMIN_THREAD}`)).json()) as {
      thread: { html: string };
    };
    expect(html.thread.html).toContain('Import CRM');
    const before = (await s.store.metricValues.list({})).length;
    await s.app.sandbox.timeTravel.advance({ to: 'day' });
    const after = notes();
    expect(after.slice(start.length).map((n) => [n.teamId, n.to])).toEqual([
      ['sales-fr', '2026-12-03'],
      ['sales-us', '2026-12-03'],
    ]);
    expect((await s.store.metricValues.list({})).length).toBeGreaterThan(before);
    // The same day's export again changes nothing.
    const fr = ws.teams.find((t) => t.id === 'sales-fr')!;
    expect(crmRows(ws, fr, '2026-12-03', '2026-12-03', 1)).toEqual(crmRows(ws, fr, '2026-12-03', '2026-12-03', 1));
    expect(await s.store.breaches.listOpen()).toEqual([]);
  }, 60_000);

  it('writes a CSV that `rituals import` accepts, and a refused import is reported, never fatal', async () => {
    const us = ws.teams.find((t) => t.id === 'sales-us')!;
    const rows = crmRows(ws, us, '2026-11-02', '2026-11-06', 1);
    expect(parseMetricsCsv(crmCsv(rows), ws, 'crm.csv')).toHaveLength(rows.length);
    // Levels are a weekly snapshot (Monday 2 November); sums only when something happened.
    expect(new Set(rows.filter((r) => r.kpi === 'starting_mrr').map((r) => r.date))).toEqual(new Set(['2026-11-02']));
    expect(rows.filter((r) => ws.kpis[r.kpi]!.aggregation === 'sum').every((r) => r.value !== 0)).toBe(true);

    const state = new Map<string, string>([['sandbox:crm:sales-us', '2026-11-01']]);
    const refused: string[] = [];
    const nightly = new NightlyCrmImport({
      workspace: () => ({ ...ws, teams: [us] }),
      state: { get: async (k) => state.get(k), set: async (k, v) => void state.set(k, v) },
      nextFire,
      seed: 1,
      importCsv: async () => {
        throw new Error('nothing imported');
      },
      post: () => {
        throw new Error('no note for a refused import');
      },
      onError: (teamId) => refused.push(teamId),
    });
    expect(await nightly.runDue(new Date('2026-11-04T10:00:00Z'))).toBe(0);
    expect(refused).toEqual(['sales-us']);
  });
});
