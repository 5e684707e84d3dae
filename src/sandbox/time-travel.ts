// The sandbox's clock buttons: jump to the next due ritual (any, or a given one), or by a day or a week.
// Every due point on the way is visited in order — clock set there, engine ticked, outbox drained — so
// prompts, reminders and posts appear with their own times, as they would have in real time. With the
// member at the page named, "next" follows them: it stops when their DMs or their team's channel get
// something, and a jump of more than a week waits for a confirmation. What was delivered on the way is
// returned, for the page to say what happened meanwhile.
import type { RitualId, Team, Workspace } from '../core/domain/model.js';
import type { SandboxClock } from './clock.js';
import { type DuePoint, type NextFire, nextDuePoints } from './due-points.js';

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

export type AdvanceRequest = (
  | { readonly to: 'next'; readonly ritual?: RitualId }
  | { readonly to: 'day' }
  | { readonly to: 'week' }
  | { readonly to: 'until'; readonly at: Date }
) & {
  /** The member at the page: their own prompts are left for them to answer, and "next" follows them. */
  readonly viewer?: string;
  /** A jump of more than a week runs only when confirmed. */
  readonly confirmed?: boolean;
};

/** A message delivered during a jump: where, and which view. */
export interface Delivered {
  readonly thread: string;
  readonly type: string;
}

export interface AdvanceResult {
  /** The sandbox time after the jump (ISO). */
  readonly now: string;
  /** The due points visited, oldest first. */
  readonly visited: readonly DuePoint[];
  /** False when nothing is scheduled any more, or the jump waits for a confirmation (the clock stayed). */
  readonly moved: boolean;
  /** Set when the jump would go further than a week: where it would go; nothing ran. */
  readonly confirm?: { readonly to: string; readonly days: number };
  /** Rituals due on the way that moved off a holiday instead of running. */
  readonly postponed?: readonly Postponed[];
  /** What was delivered on the way, in order. */
  readonly delivered: readonly Delivered[];
  /** Check-ins colleagues answered on the way. */
  readonly answers: number;
}

/** The threads a member sees: their DMs and their teams' channels. */
export function memberThreads(ws: Workspace, memberId: string): Set<string> {
  const teams = ws.teams.filter((t) => t.members.some((m) => m.id === memberId));
  return new Set([`dm:${memberId}`, ...teams.map((t) => `channel:${t.id}`)]);
}

const CHANNEL_RITUALS: ReadonlySet<RitualId> = new Set(['leaderboard', 'progress', 'monthly_review', 'qbr']);

/** Whether a due point is expected to reach the member: their own prompt or reminder, a post in their
 * team's channel, their team's check-in when they have a role, or a manager's stand-up. */
export function reaches(ws: Workspace, p: DuePoint, memberId: string): boolean {
  if (p.memberId !== undefined) return p.memberId === memberId;
  const team: Team | undefined = ws.teams.find((t) => t.id === p.teamId);
  const member = team?.members.find((m) => m.id === memberId);
  if (!team || !member) return false;
  if (CHANNEL_RITUALS.has(p.ritual)) return p.kind === 'fire';
  if (p.ritual === 'checkin') return member.role !== undefined;
  if (p.ritual === 'standup') return team.managers.includes(memberId);
  return false;
}

const DAY_MS = 86_400_000;
/** Safety stop for one jump (a week of a large workspace is a few hundred instants). */
const MAX_STEPS = 5000;
/** Beyond this, a jump asks first. */
const CONFIRM_AFTER_MS = 7 * DAY_MS;
/** How far "next" looks for something that reaches the member (a quarterly review is at most ~3 months away). */
const HORIZON_MS = 100 * DAY_MS;

/** A ritual whose fire fell on a holiday and moved to the next working day (the engine says so). */
export interface Postponed {
  readonly teamId: string;
  readonly ritual: RitualId;
  /** When it runs instead (ISO). */
  readonly to: string;
}

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
    typeof r.movedTo === 'string' && typeof r.team === 'string' && typeof r.ritual === 'string'
      ? [{ teamId: r.team, ritual: r.ritual as RitualId, to: r.movedTo }]
      : [],
  );
}

export class TimeTravel {
  // One jump at a time: a double click must not interleave two walks through the calendar.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly agents: TimeAgent[];
  // What the current jump delivered and how many answers colleagues gave (reset at each jump).
  private delivered: Delivered[] = [];
  private postponed: Postponed[] = [];
  private answers = 0;
  // Only a jump's own deliveries are kept (not the periodic tick's, nor a click's).
  private walking = false;

  constructor(private readonly deps: TimeTravelDeps) {
    this.agents = [...(deps.agents ?? [])];
  }

  /** Someone else acting at their own instants (`simulate`'s teammates). */
  addAgent(agent: TimeAgent): void {
    this.agents.push(agent);
  }

  /** Told of each delivered message (the sandbox gateway's and the admin thread's). */
  observe(d: Delivered): void {
    if (this.walking) this.delivered.push(d);
  }

  /** Told of each check-in a colleague answered. */
  observeAnswer(): void {
    if (this.walking) this.answers++;
  }

  advance(req: AdvanceRequest): Promise<AdvanceResult> {
    return this.exclusive(() => this.recorded(req));
  }

  private async recorded(req: AdvanceRequest): Promise<AdvanceResult> {
    this.walking = true;
    try {
      return await this.walk(req);
    } finally {
      this.walking = false;
    }
  }

  /** Walks to `at` through every instant on the way, for everyone (the first start's replay of the last
   * week). Not queued: the caller holds `exclusive`. */
  catchUp(at: Date): Promise<AdvanceResult> {
    return this.recorded({ to: 'until', at, confirmed: true });
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
  private async runThere(at: Date, viewer: string | undefined): Promise<void> {
    this.deps.clock.set(at);
    this.postponed.push(...(await runAt(this.deps.runner, at)));
    await this.runAgents(at, viewer);
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

  /** The next due point of `ritual` (any when undefined) that reaches `viewer`, within the horizon. */
  private nextFor(viewer: string, after: Date, ritual?: RitualId): Date | undefined {
    const ws = this.deps.workspace();
    const limit = after.getTime() + HORIZON_MS;
    let cursor = after;
    for (let step = 0; step < MAX_STEPS && cursor.getTime() < limit; step++) {
      const points = nextDuePoints(ws, cursor, this.deps.nextFire, ritual);
      if (points.length === 0) return undefined;
      if (points.some((p) => reaches(ws, p, viewer))) return points[0]!.at;
      cursor = points[0]!.at;
    }
    return undefined;
  }

  private async target(req: AdvanceRequest, now: Date): Promise<Date | undefined> {
    if (req.to === 'until') return req.at.getTime() > now.getTime() ? req.at : undefined;
    if (req.to === 'day') return new Date(now.getTime() + DAY_MS);
    if (req.to === 'week') return new Date(now.getTime() + 7 * DAY_MS);
    // A ritual that never reaches this member (a rep asking for the managers' stand-up): its next run anywhere.
    const anywhere = () =>
      req.ritual ? nextDuePoints(this.deps.workspace(), now, this.deps.nextFire, req.ritual)[0]?.at : undefined;
    if (req.viewer !== undefined) return this.nextFor(req.viewer, now, req.ritual) ?? anywhere();
    if (req.ritual) return anywhere();
    // "Next ritual" stops at what the bot does, not at a colleague's answer on the way.
    return (await this.nextInstant(now, false))?.at;
  }

  private async walk(req: AdvanceRequest): Promise<AdvanceResult> {
    const start = this.deps.clock.now();
    this.delivered = [];
    this.postponed = [];
    this.answers = 0;
    // Answers that fell due while real time flowed on are given first.
    await this.runAgents(start, req.viewer);
    let target = await this.target(req, start);
    const result = (
      now: Date,
      visited: DuePoint[],
      moved: boolean,
      confirm?: AdvanceResult['confirm'],
    ): AdvanceResult => ({
      now: now.toISOString(),
      visited,
      moved,
      ...(confirm ? { confirm } : {}),
      delivered: this.delivered,
      ...(this.postponed.length > 0 ? { postponed: this.postponed } : {}),
      answers: this.answers,
    });
    if (!target) return result(start, [], false);
    if (target.getTime() - start.getTime() > CONFIRM_AFTER_MS && !req.confirmed) {
      return result(start, [], false, {
        to: target.toISOString(),
        days: Math.round((target.getTime() - start.getTime()) / DAY_MS),
      });
    }
    // Following the member without a given ritual: anything that reaches them on the way (a nudge, a
    // moved review) is where the jump stops; a planned point that brought them nothing (a reminder
    // after they answered) moves the target on, within the week.
    const follow = req.to === 'next' && req.viewer !== undefined && !req.ritual;
    const theirs = follow ? memberThreads(this.deps.workspace(), req.viewer!) : undefined;
    const reached = () => theirs !== undefined && this.delivered.some((d) => theirs.has(d.thread));
    const visited: DuePoint[] = [];
    let cursor = start;
    for (let step = 0; step < MAX_STEPS; step++) {
      const next = await this.nextInstant(cursor);
      if (!next || next.at.getTime() > target.getTime()) {
        if (!follow || reached() || cursor.getTime() >= target.getTime()) break;
        await this.runThere(target, req.viewer);
        cursor = target;
      } else {
        visited.push(...next.points);
        await this.runThere(next.at, req.viewer);
        cursor = next.at;
      }
      if (follow && reached()) {
        target = cursor;
        break;
      }
      if (follow && cursor.getTime() >= target.getTime()) {
        const later = this.nextFor(req.viewer!, cursor);
        if (!later || later.getTime() - start.getTime() > CONFIRM_AFTER_MS) break;
        target = later;
      }
    }
    if (cursor.getTime() !== target.getTime()) await this.runThere(target, req.viewer);
    return result(target, visited, true);
  }
}
