// Cron arithmetic on node-cron's own matcher, so schedules fire exactly as node-cron reads them
// (6 fields, day-of-month AND day-of-week, `W`/`L`, wall clock in the zone). `after` is an argument,
// never the real clock, so the durable scheduler and the sandbox's fake clock can both use it.
import { createTask, type ScheduledTask } from 'node-cron';

interface TimeMatcher {
  getNextMatch(from: Date): Date;
  match(date: Date): boolean;
}

const cache = new Map<string, ScheduledTask>();

function taskFor(expr: string, zone: string): ScheduledTask {
  const key = `${zone}\u0000${expr}`;
  let task = cache.get(key);
  if (!task) {
    // Never started: only its matcher is used.
    task = createTask(expr, () => undefined, { timezone: zone, name: `matcher:${key}` });
    cache.set(key, task);
  }
  return task;
}

function matcherOf(task: ScheduledTask): TimeMatcher | undefined {
  const m = (task as unknown as { timeMatcher?: TimeMatcher }).timeMatcher;
  return m && typeof m.getNextMatch === 'function' ? m : undefined;
}

// Teams usually share their schedules, and a tick asks each team for its fires since the same
// instant: the answers are kept (a search can step through a week of minutes), bounded, starting over
// when full. A cron answer depends only on (expression, zone, instant).
const NEXT_FIRES_KEPT = 4096;
const nextFires = new Map<string, number | null>();

/** The first fire strictly after `after`, or null within a two-year horizon. */
export function nextFire(expr: string, zone: string, after: Date): Date | null {
  const key = `${zone}\u0000${expr}\u0000${after.getTime()}`;
  const known = nextFires.get(key);
  if (known !== undefined) return known === null ? null : new Date(known);
  const next = searchNextFire(expr, zone, after);
  if (nextFires.size >= NEXT_FIRES_KEPT) nextFires.clear();
  nextFires.set(key, next ? next.getTime() : null);
  return next;
}

function searchNextFire(expr: string, zone: string, after: Date): Date | null {
  const task = taskFor(expr, zone);
  const matcher = matcherOf(task);
  if (matcher) {
    const next = matcher.getNextMatch(after);
    return next.getTime() > after.getTime() ? next : null;
  }
  // Fallback if node-cron's internals change: step minute by minute with the public match().
  const start = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  for (let t = start; t < after.getTime() + 2 * 366 * 86_400_000; t += 60_000) {
    if (task.match(new Date(t))) return new Date(t);
  }
  return null;
}

/** Every fire in (from, to], oldest first, at most `limit`. */
export function firesBetween(expr: string, zone: string, from: Date, to: Date, limit = 1000): Date[] {
  const out: Date[] = [];
  let cursor = from;
  while (out.length < limit) {
    const next = nextFire(expr, zone, cursor);
    if (!next || next.getTime() > to.getTime()) break;
    out.push(next);
    cursor = next;
  }
  return out;
}

/** Frees the cached matchers (tests, shutdown). */
export async function clearCronCache(): Promise<void> {
  const tasks = [...cache.values()];
  cache.clear();
  nextFires.clear();
  await Promise.all(tasks.map((t) => t.destroy()));
}
