// The sandbox's clock buttons: jump to the next due ritual (any, or a given one), or by a day or a week.
// Every due point on the way is visited in order — clock set there, engine ticked, outbox drained — so
// prompts, reminders and posts appear with their own times, as they would have in real time.
import type { RitualId, Workspace } from '../core/domain/model.js';
import type { SandboxClock } from './clock.js';
import { nextDuePoints, type DuePoint, type NextFire } from './due-points.js';

export interface RitualRunner {
  /** Enqueues what is due at `now` (the core's engine). */
  tick(now: Date): Promise<unknown>;
  /** Delivers the outbox now. */
  drain(): Promise<unknown>;
  /** The engine's own next due instant (also reminders, deadlines, escalations it has scheduled). */
  nextDue?(after: Date): Promise<Date | null>;
}

/** Someone acting at instants of their own (simulated colleagues answering their check-ins). */
export interface TimeAgent {
  nextAt(after: Date): Date | undefined;
  /** Acts on everything due up to `at`, except for `viewer` (the member at the page). */
  runDue(at: Date, viewer?: string): Promise<unknown>;
}

export interface TimeTravelDeps {
  readonly clock: SandboxClock;
  readonly workspace: () => Workspace;
  readonly nextFire: NextFire;
  readonly runner: RitualRunner;
  readonly agents?: readonly TimeAgent[];
}

export type AdvanceRequest = ({ readonly to: 'next'; readonly ritual?: RitualId } | { readonly to: 'day' } | { readonly to: 'week' }) & {
  /** The member at the page: their own prompts are left for them to answer. */
  readonly viewer?: string;
};

/** A ritual whose fire fell on a holiday and moved to the next working day (see the core's review schedule). */
export interface Postponed {
  readonly teamId: string;
  readonly ritual: string;
  /** When it runs instead (ISO). */
  readonly to: string;
}

export interface AdvanceResult {
  /** The sandbox time after the jump (ISO). */
  readonly now: string;
  /** The due points visited, oldest first. */
  readonly visited: readonly DuePoint[];
  /** Rituals due on the way that moved off a holiday instead of running. */
  readonly postponed?: readonly Postponed[];
  /** False when nothing is scheduled any more (the clock stayed). */
  readonly moved: boolean;
}

const DAY_MS = 86_400_000;
/** Safety stop for one jump (a week of a large workspace is a few hundred instants). */
const MAX_STEPS = 5000;

/** Runs the engine at `at` and delivers what it queued; returns the rituals that moved off a holiday instead. */
export async function runAt(runner: RitualRunner, at: Date): Promise<Postponed[]> {
  const summary = await runner.tick(at);
  await runner.drain();
  return postponedOf(summary);
}

/** The moved runs of an engine tick's summary (`runs[].movedTo`), read defensively: the runner is any engine. */
export function postponedOf(summary: unknown): Postponed[] {
  const runs = (summary as { runs?: unknown } | null | undefined)?.runs;
  if (!Array.isArray(runs)) return [];
  return runs.flatMap((r: { team?: unknown; ritual?: unknown; movedTo?: unknown }) =>
    typeof r.movedTo === 'string' && typeof r.team === 'string' && typeof r.ritual === 'string' ? [{ teamId: r.team, ritual: r.ritual, to: r.movedTo }] : [],
  );
}

export class TimeTravel {
  // One jump at a time: a double click must not interleave two walks through the calendar.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly agents: TimeAgent[];

  constructor(private readonly deps: TimeTravelDeps) {
    this.agents = [...(deps.agents ?? [])];
  }

  /** Someone else acting at their own instants (`simulate`'s teammates). */
  addAgent(agent: TimeAgent): void {
    this.agents.push(agent);
  }

  advance(req: AdvanceRequest): Promise<AdvanceResult> {
    return this.exclusive(() => this.walk(req));
  }

  /** Ticks and drains at the current sandbox time (start-up, and the periodic tick). */
  tickNow(): Promise<void> {
    return this.exclusive(async () => {
      await runAt(this.deps.runner, this.deps.clock.now());
    });
  }

  /** Runs `fn` when no jump or tick is under way, and holds the next ones until it is done (reset). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once what is queued has finished (shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }

  // The engine gets the exact instant: the running clock has moved on by a few milliseconds meanwhile.
  private async runThere(at: Date, viewer: string | undefined): Promise<Postponed[]> {
    this.deps.clock.set(at);
    const postponed = await runAt(this.deps.runner, at);
    await this.runAgents(at, viewer);
    return postponed;
  }

  private async runAgents(at: Date, viewer: string | undefined): Promise<void> {
    if (this.agents.length === 0) return;
    for (const agent of this.agents) await agent.runDue(at, viewer);
    await this.deps.runner.drain();
  }

  /** The next instant something happens: a ritual, an engine follow-up, or (`withAgents`) a colleague's answer. */
  private async nextInstant(after: Date, withAgents = true): Promise<{ at: Date; points: DuePoint[] } | undefined> {
    const points = nextDuePoints(this.deps.workspace(), after, this.deps.nextFire);
    const candidates = [
      points[0]?.at,
      (await this.deps.runner.nextDue?.(after)) ?? undefined,
      ...(withAgents ? this.agents : []).map((a) => a.nextAt(after)),
    ].filter((d): d is Date => d !== undefined && d.getTime() > after.getTime());
    if (candidates.length === 0) return undefined;
    const at = new Date(Math.min(...candidates.map((d) => d.getTime())));
    return { at, points: points.filter((p) => p.at.getTime() === at.getTime()) };
  }

  private async target(req: AdvanceRequest, now: Date): Promise<Date | undefined> {
    if (req.to === 'day') return new Date(now.getTime() + DAY_MS);
    if (req.to === 'week') return new Date(now.getTime() + 7 * DAY_MS);
    if (req.ritual) return nextDuePoints(this.deps.workspace(), now, this.deps.nextFire, req.ritual)[0]?.at;
    // "Next ritual" stops at what the bot does, not at a colleague's answer on the way.
    return (await this.nextInstant(now, false))?.at;
  }

  private async walk(req: AdvanceRequest): Promise<AdvanceResult> {
    const start = this.deps.clock.now();
    // Answers that fell due while real time flowed on are given first.
    await this.runAgents(start, req.viewer);
    const target = await this.target(req, start);
    if (!target) return { now: start.toISOString(), visited: [], moved: false };
    const visited: DuePoint[] = [];
    const postponed: Postponed[] = [];
    let cursor = start;
    for (let step = 0; step < MAX_STEPS; step++) {
      const next = await this.nextInstant(cursor);
      if (!next || next.at.getTime() > target.getTime()) break;
      visited.push(...next.points);
      postponed.push(...(await this.runThere(next.at, req.viewer)));
      cursor = next.at;
    }
    if (cursor.getTime() !== target.getTime()) postponed.push(...(await this.runThere(target, req.viewer)));
    return { now: target.toISOString(), visited, moved: true, ...(postponed.length > 0 ? { postponed } : {}) };
  }
}
