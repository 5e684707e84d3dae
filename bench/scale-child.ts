// One phase of the scale benchmark in its own process, so each size's peak RSS is its own:
// `generate DIR N` writes DIR/scale.yaml and DIR/scale.db (config synced, two years of history);
// `measure DIR N [postgres://…]` opens them (or that PostgreSQL copy of them) as the bot would and times the figures; each prints one JSON line.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCore } from '../src/compose/build-core.js';
import { parseWorkspace } from '../src/config/workspace-load.js';
import type { CoreLogger } from '../src/core/ports/index.js';
import { teamReport } from '../src/core/rituals/use-cases/team-report.js';
import { openStore } from '../src/store/connection.js';
import { rawNumber, rawSqlite } from '../src/store/raw-access.js';
import { syncWorkspace } from '../src/store/sync-workspace.js';
import { fillHistory, SCALE_NOW, scaleTeams, scaleWorkspaceYaml } from './scale-data.js';

const silent: CoreLogger = { debug() {}, info() {}, warn() {}, error() {} };
const round = (n: number) => Math.round(n * 10) / 10;
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024);

function loadWorkspace(dir: string) {
  const parsed = parseWorkspace(readFileSync(join(dir, 'scale.yaml'), 'utf8'), 'scale.yaml');
  if (!parsed.ok)
    throw new Error(
      `generated workspace is invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return parsed.workspace;
}

async function generate(dir: string, members: number): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const teams = scaleTeams(members);
  writeFileSync(join(dir, 'scale.yaml'), scaleWorkspaceYaml(teams));
  const ws = loadWorkspace(dir);
  const store = await openStore(join(dir, 'scale.db'));
  try {
    await syncWorkspace(store, ws, { actor: 'config', at: '2024-11-01T00:00:00.000Z' });
    const counts = fillHistory(rawSqlite(store), teams);
    rawSqlite(store).pragma('wal_checkpoint(TRUNCATE)');
    rawSqlite(store).exec('analyze');
    return { members, teams: teams.length, ...counts, generateSeconds: round((performance.now() - t0) / 1000) };
  } finally {
    await store.close();
  }
}

/** Median of `runs` timed calls after one warm-up call. */
async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return round(ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!);
}

async function measure(dir: string, members: number, db?: string): Promise<Record<string, unknown>> {
  const file = join(dir, 'scale.db');
  const ws = loadWorkspace(dir);
  const store = await openStore(db ?? file);
  try {
    const { core } = buildCore({
      store,
      workspace: () => ws,
      log: silent,
      clock: { now: () => SCALE_NOW },
      platformFor: () => 'slack',
    });
    const team = ws.teams[0]!;
    const rep = team.members.find((m) => m.role !== undefined)!;
    const reportDeps = {
      workspace: ws,
      metricValues: store.metricValues,
      ooo: store.ooo,
      objectives: store.objectives,
    };
    const teamReportMs = await timed(5, () =>
      teamReport(reportDeps, { teamId: team.id, periodKey: '2026-11', asOf: SCALE_NOW.toISOString() }),
    );
    const leaderboardsMs = await timed(1, async () => {
      for (const t of ws.teams) await core.service.leaderboard(t.managers[0]!, t.id);
    });
    const appHomeMs = await timed(5, () => core.service.myGoals(rep.id));
    const standupMs = await timed(3, () => core.service.standup(team.managers[0]!, team.id));
    const t0 = performance.now();
    const tick = await core.engine.tick(SCALE_NOW);
    const tickMs = round(performance.now() - t0);
    const t1 = performance.now();
    await core.engine.tick(new Date(SCALE_NOW.getTime() + 60_000));
    const quietTickMs = round(performance.now() - t1);
    const wal = `${file}-wal`;
    const dbBytes = db
      ? await rawNumber(store, 'select pg_database_size(current_database()) as n')
      : statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0);
    return {
      members,
      db: store.dialect,
      teams: ws.teams.length,
      teamReportMs,
      leaderboardsMs,
      appHomeMs,
      standupMs,
      tickMs,
      tickSent: tick.sent,
      quietTickMs,
      dbMb: round(dbBytes / 1024 / 1024),
      peakRssMb: peakRssMb(),
    };
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [phase, dir, n, db] = argv;
  const members = Number(n);
  if ((phase !== 'generate' && phase !== 'measure') || !dir || !(members > 0))
    throw new Error('usage: scale-child generate|measure DIR MEMBERS');
  const result = phase === 'generate' ? await generate(dir, members) : await measure(dir, members, db);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
