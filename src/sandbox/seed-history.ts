// Seeded history: on the sandbox's first start, the past weeks of plausible check-ins (since the start of
// the quarter, or a few weeks) for every member with a role, so the first leaderboard and projections
// have something to show. Each answer goes through the real service (form, then submission) with the
// clock stopped at that week's prompt time plus a little, so the core dates and validates it as it would
// a live answer. Deterministic per seed; done once (a marker in the sandbox database).
import type { Workspace } from '../core/domain/model.js';
import { periodOfDate } from '../core/domain/periods.js';
import { periodSettingsOf } from '../core/domain/report-context.js';
import { localDateOf, startOfDayInZone } from '../core/domain/zoned-time.js';
import type { CoreLogger, EngineStateRepo } from '../core/ports/index.js';
import type { RitualsService } from '../core/service.js';
import type { SandboxClock } from './clock.js';
import { duePointsBetween, type NextFire } from './due-points.js';
import { hashSeed, mulberry32 } from './prng.js';
import { repLevel, simulatedAnswer } from './simulated-answers.js';

export const SEEDED_MARKER = 'sandbox:seeded';
const WEEK_MS = 7 * 86_400_000;

export interface SeedHistoryDeps {
  readonly service: RitualsService;
  readonly clock: SandboxClock;
  readonly workspace: Workspace;
  readonly marker: Pick<EngineStateRepo, 'get' | 'set'>;
  readonly nextFire: NextFire;
  readonly log: CoreLogger;
  /** Delivers what an answer queued (a breach nudge), dated at that answer's time like the answer. */
  readonly deliver?: () => Promise<unknown>;
}

export interface SeedOptions {
  /** At least this many past weeks. */
  readonly weeks: number;
  readonly seed: number;
  /** Also every week since the start of the current quarter, so quarterly objectives are on pace. */
  readonly fromQuarterStart?: boolean;
  /** The last week is not seeded but run live, from its first check-in prompt to now: prompts,
   * colleagues' answers, reminders, Monday's posts and the reviews are in the chat at first open. */
  readonly replayLastWeek?: boolean;
}

/** Where the live replay of the last week starts: just before the first check-in prompt of the last 7 days. */
export function replayStart(workspace: Workspace, now: Date, nextFire: NextFire): Date | undefined {
  const prompts = duePointsBetween(workspace, new Date(now.getTime() - WEEK_MS), now, nextFire).filter(
    (p) => p.ritual === 'checkin' && p.kind === 'fire',
  );
  return prompts[0] ? new Date(prompts[0].at.getTime() - 60_000) : undefined;
}

/** Where seeded history starts: `weeks` back, or the start of the quarter when that is earlier. */
export function seedStart(workspace: Workspace, opts: SeedOptions, now: Date): Date {
  const back = new Date(now.getTime() - opts.weeks * WEEK_MS);
  if (!opts.fromQuarterStart) return back;
  const zone = workspace.teams[0]?.timezone ?? 'UTC';
  const quarter = periodOfDate('quarter', localDateOf(now.toISOString(), zone), periodSettingsOf(workspace));
  const start = new Date(startOfDayInZone(quarter.start, zone));
  return start < back ? start : back;
}

interface Answer {
  readonly at: Date;
  readonly memberId: string;
  readonly roleId: string;
  readonly order: number;
}

/** The past prompt times of every member with a role, each answered a little later (some skipped). */
function plannedAnswers(deps: SeedHistoryDeps, opts: SeedOptions, now: Date): Answer[] {
  const rng = mulberry32(opts.seed);
  const out: Answer[] = [];
  const prompts = duePointsBetween(deps.workspace, seedStart(deps.workspace, opts, now), now, deps.nextFire).filter(
    (p) => p.ritual === 'checkin' && p.kind === 'fire',
  );
  for (const p of prompts) {
    const team = deps.workspace.teams.find((t) => t.id === p.teamId)!;
    // A prompt at each member's local time names its member; a team-time prompt goes to all of them.
    for (const member of team.members.filter(
      (m) => m.role !== undefined && (p.memberId === undefined || m.id === p.memberId),
    )) {
      const at = new Date(p.at.getTime() + rng.int(5, 180) * 60_000);
      const skip = rng.chance(0.12);
      if (skip || at.getTime() >= now.getTime() || member.start > at.toISOString().slice(0, 10)) continue;
      out.push({ at, memberId: member.id, roleId: member.role!, order: out.length });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
}

/** Seeds once, with answers up to `until` (default now; the sandbox replays the last week live after
 * it); returns how many check-ins were stored (0 when the database was already seeded). */
export async function seedHistory(deps: SeedHistoryDeps, opts: SeedOptions, until?: Date): Promise<number> {
  if ((await deps.marker.get(SEEDED_MARKER)) !== undefined) return 0;
  const now = until ?? deps.clock.now();
  let stored = 0;
  let refused = 0;
  for (const a of plannedAnswers(deps, opts, now)) {
    // Each rep has a steady level (the spread of the leaderboard) and a weekly ups and downs.
    const level = repLevel(opts.seed, a.memberId);
    const rng = mulberry32(hashSeed(`${opts.seed}:${a.memberId}:${a.at.toISOString()}`));
    const ok = await deps.clock.during(a.at, async () => {
      const form = await deps.service.checkInForm(a.memberId);
      const answer = simulatedAnswer(deps.workspace, a.roleId, form, level * rng.between(0.85, 1.15), rng);
      const result = await deps.service.submitCheckIn({
        memberId: a.memberId,
        metadata: form.metadata,
        ...answer,
        platform: 'sandbox',
        idempotencyKey: `sandbox-seed:${opts.seed}:${a.memberId}:${form.periodKey}`,
      });
      await deps.deliver?.();
      return result.ok;
    });
    if (ok) stored++;
    else refused++;
  }
  await deps.marker.set(
    SEEDED_MARKER,
    JSON.stringify({ weeks: opts.weeks, seed: opts.seed, stored }),
    now.toISOString(),
  );
  deps.log.info({ stored, refused, weeks: opts.weeks }, 'sandbox history seeded');
  return stored;
}
