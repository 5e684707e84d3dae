// The cadence each ritual runs on when neither the team nor the workspace config sets one, and the
// merge of built-in -> workspace -> team settings into the model's RitualSchedule.
//
// Crons are read by node-cron, whose day-of-month and day-of-week fields must BOTH match, and which
// supports `1W` ("the weekday nearest the 1st", i.e. the first Monday-to-Friday day of the month).
// Public holidays are not known to cron: a monthly review or QBR falling on one is for the scheduler
// to move or skip using the team's holiday calendars.
import type { RitualId, RitualSchedule } from '../core/domain/model.js';
import type { RawRituals } from './workspace-schema.js';

/** The settings of one ritual as written in YAML, durations already in minutes. */
export interface RitualSettings {
  readonly cron?: string;
  readonly timezone?: string;
  readonly enabled?: boolean;
  readonly local_time?: boolean;
  readonly reminders?: readonly number[];
  readonly deadline?: number;
  readonly top?: number;
  readonly dm_ranks?: boolean;
  readonly escalate_after?: number;
}

const HOUR = 60;
const DAY = 24 * HOUR;

/** Months a fiscal quarter starts in, e.g. fiscal year from April -> 1,4,7,10 sorted. */
export function quarterStartMonths(fiscalYearStart: number): number[] {
  return [0, 3, 6, 9].map((k) => ((fiscalYearStart - 1 + k) % 12) + 1).sort((a, b) => a - b);
}

/**
 * Built-in defaults (see PRODUCT.md, "Rituals"). The stand-up summary is on demand: it is scheduled
 * only when a team or the workspace configures it.
 */
export function builtinRituals(fiscalYearStart: number): Readonly<Partial<Record<RitualId, RitualSettings>>> {
  return {
    // Friday 16:00 in each member's own time zone; reminders Friday 17:00 and Monday 09:00; answers
    // can be edited until Monday 16:00.
    checkin: { cron: '0 16 * * 5', local_time: true, reminders: [1 * HOUR, 65 * HOUR], deadline: 3 * DAY },
    leaderboard: { cron: '0 9 * * 1', top: 5 },
    progress: { cron: '0 9 * * 1' },
    // Every working-week morning; a breach that lasts two days goes to the managers.
    breach_scan: { cron: '0 8 * * 1-5', escalate_after: 2 * DAY },
    monthly_review: { cron: '0 9 1W * *' },
    qbr: { cron: `0 10 1W ${quarterStartMonths(fiscalYearStart).join(',')} *` },
  };
}

function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Built-in, then workspace, then team settings, field by field; the team's zone when none is set. */
export function mergeRituals(
  fiscalYearStart: number,
  workspace: RawRituals | undefined,
  team: RawRituals | undefined,
  teamTimezone: string,
): Partial<Record<RitualId, RitualSchedule>> {
  const builtin = builtinRituals(fiscalYearStart);
  const out: Partial<Record<RitualId, RitualSchedule>> = {};
  const ids = new Set<RitualId>([
    ...(Object.keys(builtin) as RitualId[]),
    ...(Object.keys(workspace ?? {}) as RitualId[]),
    ...(Object.keys(team ?? {}) as RitualId[]),
  ]);
  for (const id of ids) {
    const s: RitualSettings = { ...defined(builtin[id]), ...defined(workspace?.[id]), ...defined(team?.[id]) };
    if (s.cron === undefined) continue;
    out[id] = {
      cron: s.cron,
      timezone: s.timezone ?? teamTimezone,
      localTime: s.local_time ?? false,
      enabled: s.enabled ?? true,
      remindersMinutes: [...(s.reminders ?? [])],
      ...(s.deadline !== undefined ? { deadlineMinutes: s.deadline } : {}),
      ...(s.top !== undefined ? { top: s.top } : {}),
      ...(s.dm_ranks !== undefined ? { dmRanks: s.dm_ranks } : {}),
      ...(s.escalate_after !== undefined ? { escalateAfterMinutes: s.escalate_after } : {}),
    };
  }
  return out;
}
