// The durable ritual engine. A tick finds, for each team, the fires of its enabled rituals since the
// team's watermark (kept in the store, so downtime is caught up: fires within the grace window run once,
// older ones are recorded as missed), plans their occurrences, and delivers the scheduled follow-ups now
// due. Everything runs through OccurrenceRunner, so ticking twice, in two processes or after a config
// reload never sends twice. One log line per ritual run; counters in `metrics()`.
import type { RitualId } from '../../domain/model.js';
import { DomainError } from '../../errors.js';
import { scoped } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import type { CounterSample } from '../metrics.js';
import { findTeam, scheduleOf } from '../queries/team-lookup.js';
import { runBreachScan, type ScanResult } from '../use-cases/scan-breaches.js';
import { addCounts, errorInfo, OccurrenceRunner, type RunCounts, zeroCounts } from './occurrence-runner.js';
import { delivererFor, PLANNERS } from './ritual-registry.js';
import { firesBetween, nextFireOf } from './schedule-fires.js';

export interface RunSummary extends RunCounts {
  readonly team: string;
  readonly ritual: string;
  readonly period: string;
  /** A review whose fire fell on a holiday: when it will run instead (ISO); nothing ran now. */
  readonly movedTo?: string;
}

/** A run on demand: also how many occurrences it planned (none created means it already ran). */
export interface OnDemandRun extends RunSummary {
  readonly planned: number;
}

export interface TickSummary extends RunCounts {
  readonly at: string;
  readonly runs: readonly RunSummary[];
  /** Teams whose tick failed (retried at the next tick). */
  readonly teamErrors: number;
}

export interface RitualEngine {
  /** Runs everything due at `now` (fires since each team's last tick, follow-ups now due). */
  tick(now: Date): Promise<TickSummary>;
  /** The next instant something is due after `after`: the next tick worth running. */
  nextDue(after: Date): Promise<Date | null>;
  /** Runs a ritual of a team now (a manager's "run", the sandbox's button); rejects with DomainError RUN.UNKNOWN_TEAM for a team not in the config. */
  runNow(teamId: string, ritual: RitualId, now: Date): Promise<OnDemandRun>;
  /** The breach scan of a team, run after a data change. */
  scanBreaches(teamId: string, now: Date): Promise<ScanResult>;
  metrics(): CounterSample[];
}

const watermarkKey = (teamId: string) => `tick:${teamId}`;

export function createEngine(ctx: CoreContext): RitualEngine {
  // Each operation (a team's part of a tick, a run, a scan) reads the store once per team report it
  // needs: its own report memo.
  const operation = (): { op: CoreContext; runner: OccurrenceRunner } => {
    const op = scoped(ctx);
    return { op, runner: new OccurrenceRunner(op, delivererFor(op)) };
  };
  // One operation at a time in this process: ticks, runs and scans never interleave their writes. This
  // chain is per process; with several processes on one database (replicas) nothing here serialises them,
  // and nothing needs to: a cron fire is run by one process (the store-backed RunCoordinator's lease), and
  // what a manager's run, a scan or an overlapping tick on another process may repeat is idempotent in
  // the store: occurrence rows have unique keys (a second plan creates none), outbox items have dedupe
  // keys (`occ:…`, `nudge:…`: queued once), opening a breach returns the one already open, and a
  // watermark written back by a slower tick only makes the next tick re-plan fires that then plan nothing.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  const logRun = (run: RunSummary) => {
    const quiet = run.sent + run.skipped + run.missed + run.failed === 0;
    ctx.metrics.inc('ritual_runs_total', { team: run.team, ritual: run.ritual });
    const fields = {
      team: run.team,
      ritual: run.ritual,
      period: run.period,
      sent: run.sent,
      skipped: run.skipped,
      missed: run.missed,
      failed: run.failed,
    };
    if (quiet) ctx.log.debug(fields, 'ritual run');
    else ctx.log.info(fields, 'ritual run');
  };

  async function tickTeams(now: Date, runs: RunSummary[]): Promise<number> {
    let teamErrors = 0;
    const at = now.toISOString();
    for (const team of ctx.workspace().teams) {
      // One memo per team: a tick never holds more than one team's values in memory.
      const { op, runner } = operation();
      try {
        const last = await ctx.repos.engineState.get(watermarkKey(team.id));
        const floor = now.getTime() - (last ? ctx.maxLookbackMinutes : ctx.graceMinutes) * 60_000;
        const from = new Date(Math.max(last ? new Date(last).getTime() : floor, floor));
        if (from.getTime() >= now.getTime()) continue;
        for (const fire of firesBetween(ctx.cron, team, from, now)) {
          const planned = await PLANNERS[fire.ritual](op, team, fire);
          const counts = await runner.placeAll(team, planned, now);
          const moved = planned.find((p) => p.status === 'scheduled' && p.reason === 'moved_from_holiday');
          const run = {
            team: team.id,
            ritual: fire.ritual,
            period: planned[0]?.periodKey ?? '',
            ...counts,
            ...(moved ? { movedTo: moved.dueAt.toISOString() } : {}),
          };
          runs.push(run);
          logRun(run);
        }
        await ctx.repos.engineState.set(watermarkKey(team.id), at, at);
      } catch (err) {
        teamErrors++;
        ctx.metrics.inc('engine_team_errors_total', { team: team.id });
        ctx.log.error(
          { team: team.id, err: errorInfo(err) },
          'ritual tick failed for a team; retried at the next tick',
        );
      }
    }
    return teamErrors;
  }

  return {
    tick(now) {
      return serial(async () => {
        ctx.metrics.inc('engine_ticks_total');
        const runs: RunSummary[] = [];
        const teamErrors = await tickTeams(now, runs);
        await operation().runner.runDue(now, (occ, counts) => {
          const run = { team: occ.teamId, ritual: occ.ritual, period: occ.periodKey, ...counts };
          runs.push(run);
          logRun(run);
        });
        const total = runs.reduce<RunCounts>((acc, r) => addCounts(acc, r), zeroCounts());
        return { at: now.toISOString(), runs, teamErrors, ...total };
      });
    },

    async nextDue(after) {
      let best: Date | null = null;
      for (const team of ctx.workspace().teams) {
        const next = nextFireOf(ctx.cron, team, after);
        if (next && (!best || next < best)) best = next;
      }
      const scheduled = await ctx.repos.occurrences.nextScheduled(after.toISOString());
      if (scheduled) {
        const due = new Date(scheduled.dueAt);
        if (!best || due < best) best = due;
      }
      return best;
    },

    runNow(teamId, ritual, now) {
      return serial(async () => {
        const team = findTeam(ctx.workspace(), teamId);
        if (!team) throw new DomainError('RUN.UNKNOWN_TEAM', `unknown team "${teamId}"`, { team: teamId });
        const zone = scheduleOf(team, ritual)?.timezone ?? team.timezone;
        const { op, runner } = operation();
        const planned = await PLANNERS[ritual](op, team, { ritual, at: now, zone });
        // A check-in run on demand is this week's prompt (the scheduled one then finds it sent); other
        // rituals post again, once per minute at most.
        const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
        const onDemand = planned.map((p) =>
          ritual === 'checkin'
            ? p
            : {
                ...p,
                periodKey: `${p.periodKey}~${stamp}`,
                dueAt: now,
                status: p.status === 'skipped' ? ('skipped' as const) : ('pending' as const),
              },
        );
        const counts = await runner.placeAll(team, onDemand, now);
        const run = { team: team.id, ritual, period: planned[0]?.periodKey ?? '', ...counts };
        logRun(run);
        ctx.metrics.inc('ritual_runs_on_demand_total', { team: team.id, ritual });
        return { ...run, planned: planned.length };
      });
    },

    scanBreaches(teamId, now) {
      return serial(async () => {
        const team = findTeam(ctx.workspace(), teamId);
        if (!team) return { sent: 0, entered: 0, left: 0, unreachable: 0 };
        return runBreachScan(scoped(ctx), team, now);
      });
    },

    metrics: () => ctx.metrics.snapshot(),
  };
}
