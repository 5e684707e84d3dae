// Use case: the check-in form of a member for a period (the default one when not given): one number
// field per check-in KPI of their role, in order, prefilled from their latest answer when editing.
import { addDays } from '../../domain/calendar-days.js';
import type { Kpi, Member, Team } from '../../domain/model.js';
import type { Period } from '../../domain/periods.js';
import { DomainError } from '../../errors.js';
import { checkInFormView, type FormPrefill } from '../../view-builders/checkin-views.js';
import { periodLabel } from '../../view-builders/labels.js';
import type { CheckInFormView } from '../../view-models.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../deps.js';
import {
  type CheckInWindow,
  checkInWindow,
  defaultCheckInPeriod,
  periodState,
  upcomingCheckInPeriod,
} from '../engine/checkin-window.js';
import { occurrenceKey } from '../engine/occurrence-runner.js';
import { checkinKpisOf } from '../queries/team-lookup.js';
import { resolvePeriod } from './team-report.js';

export function checkInKpis(ctx: CoreContext, member: Member): Kpi[] {
  const ws = ctx.workspace();
  return checkinKpisOf(ws, member).map((id) => ws.kpis[id]!);
}

/** The period asked for ('next', a key, or the default one), checked open at `now`. */
export function openPeriod(
  ctx: CoreContext,
  team: Team,
  member: Member,
  periodKey: string | undefined,
  now: Date,
  locale: Actor['locale'],
): { period: Period; window: CheckInWindow } {
  const ws = ctx.workspace();
  let period: Period;
  if (periodKey === 'next') period = upcomingCheckInPeriod(ws, ctx.cron, team, member, now);
  else if (periodKey !== undefined) period = resolvePeriod(ws, periodKey);
  else period = defaultCheckInPeriod(ws, ctx.cron, team, member, now);
  if (period.kind !== 'week')
    throw new DomainError('PERIOD.MALFORMED', `not a week: ${period.key}`, { period: period.key });
  const window = checkInWindow(ctx.cron, team, member, period);
  const state = periodState(ws, window, now);
  if (state === 'closed')
    throw new DomainError('CHECKIN.PERIOD_CLOSED', `check-in ${period.key} is closed`, {
      period: periodLabel(locale, period),
    });
  if (state === 'not_open')
    throw new DomainError('CHECKIN.PERIOD_NOT_OPEN', `check-in ${period.key} is not open yet`, {
      period: periodLabel(locale, period),
    });
  return { period, window };
}

export async function buildCheckInForm(
  ctx: CoreContext,
  actor: Actor,
  periodKey: string | undefined,
  extra: {
    prefill?: FormPrefill;
    errors?: Record<string, string>;
    period?: Period;
    confirm?: Record<string, number>;
  } = {},
): Promise<CheckInFormView> {
  const { member, team, locale } = actor;
  const kpis = checkInKpis(ctx, member);
  if (kpis.length === 0) throw new DomainError('CHECKIN.NO_KPIS', `${member.id} has no check-in KPIs`);
  const period = extra.period ?? openPeriod(ctx, team, member, periodKey, ctx.clock.now(), locale).period;
  let prefill = extra.prefill;
  if (!prefill) {
    const latest = await ctx.repos.checkIns.latestFor(member.id, period.key);
    prefill = latest ? { values: latest.values, wins: latest.wins, blockers: latest.blockers } : {};
  }
  return checkInFormView({
    locale,
    memberId: member.id,
    period,
    kpis,
    prefill,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.confirm ? { confirm: extra.confirm } : {}),
    occurrenceKey: occurrenceKey(team.id, 'checkin', period.key, member.id),
  });
}

/** The day a check-in's values are dated: today, within the period, at most its last working day. */
export function checkInValueDate(lastWorkingDay: string, period: Period, today: string): string {
  if (today < period.start) return period.start;
  return today < lastWorkingDay ? today : lastWorkingDay;
}

export function lastWorkingDayOf(period: Period, isWorking: (date: string) => boolean): string {
  for (let d = period.end; d >= period.start; d = addDays(d, -1)) if (isWorking(d)) return d;
  return period.end;
}
