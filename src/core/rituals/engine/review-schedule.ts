// Planning of the monthly review and the QBR: they report on the previous month or quarter, and a fire
// on a public holiday or a non-working day (cron knows no holidays) moves to the next working day at
// the same local time.
import { addDays } from '../../domain/calendar-days.js';
import type { PeriodKind, Team } from '../../domain/model.js';
import { periodOfDate, previousPeriod } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { isWorkingDay, teamCalendar } from '../../domain/working-days.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { CoreContext } from '../deps.js';
import type { PlannedOccurrence } from './occurrence-runner.js';
import type { Fire } from './schedule-fires.js';
import { atLocalTime, localTimeOf } from './wall-clock.js';

export function planReview(
  ctx: CoreContext,
  team: Team,
  fire: Fire,
  ritual: 'monthly_review' | 'qbr',
  kind: PeriodKind,
): PlannedOccurrence[] {
  const ws = ctx.workspace();
  const day = localDateOf(fire.at.toISOString(), fire.zone);
  const period = previousPeriod(periodOfDate(kind, day, periodSettingsOf(ws)), periodSettingsOf(ws));
  const calendar = teamCalendar(ws, team);
  let due = day;
  for (let i = 0; i < 31 && !isWorkingDay(due, calendar); i++) due = addDays(due, 1);
  if (due === day) return [{ ritual, periodKey: period.key, memberId: null, dueAt: fire.at }];
  const dueAt = atLocalTime(due, localTimeOf(fire.at, fire.zone), fire.zone);
  return [{ ritual, periodKey: period.key, memberId: null, dueAt, status: 'scheduled', reason: 'moved_from_holiday' }];
}
