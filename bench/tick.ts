// `npm run bench -- tick --members 5000 [--teams 50]`: at a Friday 16:00 check-in fire, for a workspace
// of N members in T teams (generated YAML, validated by the real loader, synced into a real SQLite store
// in a temp file), times (1) computing the tick's due occurrences: every team's fires since the last
// tick and the occurrences their planners make of them, and (2) the whole engine.tick(now): that, plus
// writing the occurrences and queuing one prompt per member in the outbox. Repeated on fresh stores;
// prints the medians and a no-op re-tick.
import { buildCore } from '../src/compose/build-core.js';
import { parseWorkspace } from '../src/config/workspace-load.js';
import type { Workspace } from '../src/core/domain/model.js';
import type { CoreLogger } from '../src/core/ports/index.js';
import { type CoreContext, DEFAULT_GRACE_MINUTES, DEFAULT_MAX_LOOKBACK_MINUTES } from '../src/core/rituals/deps.js';
import { PLANNERS } from '../src/core/rituals/engine/ritual-registry.js';
import { firesBetween } from '../src/core/rituals/engine/schedule-fires.js';
import { RitualMetrics } from '../src/core/rituals/metrics.js';
import { nextFire } from '../src/scheduling/cron.js';
import { openStore } from '../src/store/connection.js';
import { syncWorkspace } from '../src/store/sync-workspace.js';
import { tempDbDir } from './temp-db.js';

export interface TickBenchOptions {
  readonly members: number;
  readonly teams: number;
  readonly runs?: number;
}

/** Friday 20 November 2026, 16:00 in Paris, a few seconds after the fire. */
const FIRE = new Date('2026-11-20T15:00:05.000Z');

export function workspaceYaml(members: number, teams: number): string {
  const lines = [
    'workspace: { name: Bench Corp, locale: en, timezone: Europe/Paris }',
    'kpis:',
    '  calls: { label: { en: Calls, fr: Appels }, unit: count }',
    '  qualified_meetings: { label: { en: Qualified meetings, fr: Rendez-vous qualifiés }, unit: count }',
    'roles:',
    '  sdr:',
    '    label: { en: SDR, fr: SDR }',
    '    checkin: [calls, qualified_meetings]',
    '    objectives:',
    '      - { kpi: qualified_meetings, target: 35, per: month }',
    'teams:',
  ];
  const perTeam = Math.ceil(members / teams);
  for (let t = 0; t < teams; t++) {
    const ids = Array.from({ length: perTeam }, (_, k) => t * perTeam + k + 1).filter((i) => i <= members);
    if (ids.length === 0) break;
    lines.push(`  - id: team${t + 1}`, `    name: Team ${t + 1}`, `    managers: [m${ids[0]}]`, '    members:');
    for (const i of ids)
      lines.push(
        `      - { id: m${i}, name: Member ${i}, role: sdr, start: 2025-01-06, slack: U${String(i).padStart(7, '0')} }`,
      );
  }
  return `${lines.join('\n')}\n`;
}

const silent: CoreLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** The due-occurrence computation of a first tick: fires in the grace window, planned per member. */
async function planDue(ctx: CoreContext, ws: Workspace, now: Date): Promise<number> {
  let planned = 0;
  const from = new Date(now.getTime() - ctx.graceMinutes * 60_000);
  for (const team of ws.teams) {
    for (const fire of firesBetween(ctx.cron, team, from, now))
      planned += (await PLANNERS[fire.ritual](ctx, team, fire)).length;
  }
  return planned;
}

interface RunFigures {
  planMs: number;
  planned: number;
  ms: number;
  noopMs: number;
  sent: number;
  enqueued: number;
}

async function oneRun(ws: Workspace): Promise<RunFigures> {
  const tmp = tempDbDir('rituals-bench-tick-');
  const store = await openStore(tmp.file('bench.db'));
  try {
    await syncWorkspace(store, ws, { actor: 'bench', at: '2026-11-01T00:00:00.000Z' });
    const { core, outbox, clock } = buildCore({
      store,
      workspace: () => ws,
      log: silent,
      clock: { now: () => FIRE },
      platformFor: () => 'slack',
    });
    // The same context createRitualsCore builds, to reach the planners alone.
    const ctx: CoreContext = {
      workspace: () => ws,
      repos: store,
      outbox,
      clock,
      log: silent,
      cron: { nextFire },
      platformFor: () => 'slack',
      metrics: new RitualMetrics(),
      graceMinutes: DEFAULT_GRACE_MINUTES,
      maxLookbackMinutes: DEFAULT_MAX_LOOKBACK_MINUTES,
    };
    const p0 = performance.now();
    const planned = await planDue(ctx, ws, FIRE);
    const planMs = performance.now() - p0;

    const { engine } = core;
    const t0 = performance.now();
    const summary = await engine.tick(FIRE);
    const ms = performance.now() - t0;
    const t1 = performance.now();
    await engine.tick(new Date(FIRE.getTime() + 60_000));
    const noopMs = performance.now() - t1;
    const counts = await outbox.counts();
    return { planMs, planned, ms, noopMs, sent: summary.sent, enqueued: counts.pending };
  } finally {
    await store.close();
    tmp.remove();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function runTickBench(
  opts: TickBenchOptions,
): Promise<{ result: Record<string, unknown>; details: Record<string, unknown> }> {
  const parsed = parseWorkspace(workspaceYaml(opts.members, opts.teams), 'bench.yaml');
  if (!parsed.ok)
    throw new Error(
      `generated workspace is invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < (opts.runs ?? 3); i++) runs.push(await oneRun(parsed.workspace));
  const median = (pick: (r: RunFigures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return round(sorted[Math.floor(sorted.length / 2)]!);
  };
  return {
    result: {
      members: opts.members,
      teams: opts.teams,
      dueMs: median((r) => r.planMs),
      dueOccurrences: runs[0]!.planned,
      tickMs: median((r) => r.ms),
      enqueued: runs[0]!.enqueued,
    },
    details: {
      fire: FIRE.toISOString(),
      dueRunsMs: runs.map((r) => round(r.planMs)),
      tickRunsMs: runs.map((r) => round(r.ms)),
      sent: runs[0]!.sent,
      noopRetickMs: median((r) => r.noopMs),
      summary: parsed.summary,
    },
  };
}
