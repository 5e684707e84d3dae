// When a member's weekly check-in opens, is prompted and closes. The period is the week (team week
// start) holding the prompt in the member's zone; answers are accepted until the deadline (prompt +
// `deadlineMinutes`, wall clock), and early for the current or the next week.

import { BoundedMemo } from '../../domain/bounded-memo.js';
import { addDays } from '../../domain/calendar-days.js';
import type { Member, RitualSchedule, Team, Workspace } from '../../domain/model.js';
import { nextPeriod, type Period, periodOfDate, previousPeriod } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { localDateOf, startOfDayInZone } from '../../domain/zoned-time.js';
import type { CronPort } from '../../ports/index.js';
import { checkinZone, scheduleOf, zoneOf } from '../queries/team-lookup.js';
import { addWallClockMinutes } from './wall-clock.js';

/** Without a deadline, answers are accepted for a week after the prompt. */
export const DEFAULT_DEADLINE_MINUTES = 7 * 24 * 60;

export type PeriodState = 'open' | 'closed' | 'not_open';

export interface CheckInWindow {
  readonly period: Period;
  readonly zone: string;
  /** The prompt's instant in this period, if the schedule fires in it. */
  readonly promptAt: Date | null;
  readonly deadline: Date;
}

export function memberCheckinZone(team: Team, member: Member): string {
  const schedule = scheduleOf(team, 'checkin');
  return schedule ? checkinZone(team, member, schedule) : zoneOf(member, team);
}

export function weekOf(ws: Workspace, instant: Date, zone: string): Period {
  return periodOfDate('week', localDateOf(instant.toISOString(), zone), periodSettingsOf(ws));
}

function promptIn(cron: CronPort, schedule: RitualSchedule | undefined, period: Period, zone: string): Date | null {
  if (!schedule) return null;
  const start = new Date(new Date(startOfDayInZone(period.start, zone)).getTime() - 1);
  const fire = cron.nextFire(schedule.cron, zone, start);
  if (!fire || localDateOf(fire.toISOString(), zone) > period.end) return null;
  return fire;
}

// A window depends only on the schedule, the zone and the period, yet its cron and zone arithmetic cost
// about half a millisecond: every form and answer needs one, so they are kept (per cron port, bounded).
const windowCache = new WeakMap<CronPort, BoundedMemo<{ promptAt: number | null; deadline: number }>>();

export function checkInWindow(cron: CronPort, team: Team, member: Member, period: Period): CheckInWindow {
  const schedule = scheduleOf(team, 'checkin');
  const zone = memberCheckinZone(team, member);
  const key = [
    schedule?.cron ?? '',
    schedule?.deadlineMinutes ?? '',
    zone,
    period.kind,
    period.key,
    period.start,
    period.end,
  ].join('|');
  let cache = windowCache.get(cron);
  if (!cache) {
    cache = new BoundedMemo(10_000);
    windowCache.set(cron, cache);
  }
  const hit = cache.get(key, () => {
    const promptAt = promptIn(cron, schedule, period, zone);
    const deadline = promptAt
      ? addWallClockMinutes(promptAt, zone, schedule?.deadlineMinutes ?? DEFAULT_DEADLINE_MINUTES)
      : new Date(startOfDayInZone(addDays(period.end, 8), zone));
    return { promptAt: promptAt?.getTime() ?? null, deadline: deadline.getTime() };
  });
  // Fresh Date objects each time: callers own what they get.
  return {
    period,
    zone,
    promptAt: hit.promptAt === null ? null : new Date(hit.promptAt),
    deadline: new Date(hit.deadline),
  };
}

/** Whether answers for the period are accepted at `now`. */
export function periodState(ws: Workspace, window: CheckInWindow, now: Date): PeriodState {
  if (now.getTime() >= window.deadline.getTime()) return 'closed';
  const nextWeek = periodOfDate('week', addDays(localDateOf(now.toISOString(), window.zone), 7), periodSettingsOf(ws));
  return window.period.start > nextWeek.start ? 'not_open' : 'open';
}

/**
 * The period a check-in form opens on by default: the latest period already prompted and still open
 * (the answer or its edit), else the current week (an early answer).
 */
export function defaultCheckInPeriod(ws: Workspace, cron: CronPort, team: Team, member: Member, now: Date): Period {
  const zone = memberCheckinZone(team, member);
  const current = weekOf(ws, now, zone);
  const previous = previousPeriod(current, periodSettingsOf(ws));
  for (const period of [current, previous]) {
    const w = checkInWindow(cron, team, member, period);
    if (w.promptAt && w.promptAt.getTime() <= now.getTime() && periodState(ws, w, now) === 'open') return period;
  }
  return current;
}

/**
 * `checkin next`: the coming check-in, the first week whose prompt has not fired yet. On a Monday that is
 * the current week (its prompt is on Friday), not the week after; once Friday's prompt is out, next week.
 */
export function upcomingCheckInPeriod(ws: Workspace, cron: CronPort, team: Team, member: Member, now: Date): Period {
  const current = weekOf(ws, now, memberCheckinZone(team, member));
  const w = checkInWindow(cron, team, member, current);
  return w.promptAt && w.promptAt.getTime() > now.getTime() ? current : nextPeriod(current, periodSettingsOf(ws));
}

/** The week a stand-up reports on: the current one once the team's prompt has fired, else the previous. */
export function standupPeriod(ws: Workspace, cron: CronPort, team: Team, now: Date): Period {
  const current = weekOf(ws, now, team.timezone);
  const prompt = promptIn(cron, scheduleOf(team, 'checkin'), current, team.timezone);
  return prompt && prompt.getTime() <= now.getTime() ? current : previousPeriod(current, periodSettingsOf(ws));
}
