// Cron arithmetic on node-cron's own matcher, so schedules fire exactly as node-cron reads them
// (6 fields, day-of-month AND day-of-week, `W`/`L`, wall clock in the zone). `after` is an argument,
// never the real clock, so the durable scheduler and the sandbox's fake clock can both use it.
import { createTask, type ScheduledTask } from 'node-cron';
import { BoundedMemo } from '../core/domain/bounded-memo.js';

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
// instant: the answers are kept (a search can step through a week of minutes). A cron answer depends
// only on (expression, zone, instant); kept as a number, so each caller gets a Date of its own.
const nextFires = new BoundedMemo<number | null>(4096);

/** The first fire strictly after `after`, or null within a two-year horizon. */
export function nextFire(expr: string, zone: string, after: Date): Date | null {
  const next = nextFires.get(
    `${zone}\u0000${expr}\u0000${after.getTime()}`,
    () => searchNextFire(expr, zone, after)?.getTime() ?? null,
  );
  return next === null ? null : new Date(next);
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
