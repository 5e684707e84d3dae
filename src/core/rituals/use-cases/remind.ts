// Use case: remind a member who has not answered the check-in yet (skipped when they answered, are out
// of office or on holiday that day, or the period closed). The last reminder says so.
import type { Team } from '../../domain/model.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { Occurrence } from '../../ports/index.js';
import { reminderView } from '../../view-builders/checkin-views.js';
import type { CoreContext } from '../deps.js';
import { checkInWindow } from '../engine/checkin-window.js';
import { type Delivery, occurrenceKey, outboxItem } from '../engine/occurrence-runner.js';
import { checkInSkipReason } from '../engine/skip-rules.js';
import { localeOf, memberOf, scheduleOf } from '../queries/team-lookup.js';
import { resolvePeriod } from './team-report.js';

export async function deliverReminder(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const ws = ctx.workspace();
  const member = occ.memberId ? memberOf(team, occ.memberId) : undefined;
  const schedule = scheduleOf(team, 'checkin');
  if (!member || !schedule)
    return { items: [], outcome: { status: 'skipped', reason: member ? 'disabled' : 'left_team' } };
  const prompt = await ctx.repos.occurrences.get(occurrenceKey(team.id, 'checkin', occ.periodKey, member.id));
  if (prompt?.status !== 'enqueued') return { items: [], outcome: { status: 'skipped', reason: 'not_prompted' } };
  const period = resolvePeriod(ws, occ.periodKey);
  const window = checkInWindow(ctx.cron, team, member, period);
  if (now.getTime() >= window.deadline.getTime())
    return { items: [], outcome: { status: 'skipped', reason: 'closed' } };
  const reason = await checkInSkipReason(
    ctx,
    ws,
    team,
    member,
    period.key,
    localDateOf(now.toISOString(), window.zone),
  );
  if (reason) return { items: [], outcome: { status: 'skipped', reason } };
  const n = Number(occ.ritual.split('.').pop());
  const locale = localeOf(member, team);
  const view = reminderView({
    locale,
    name: member.name,
    period,
    deadline: window.deadline,
    zone: window.zone,
    last: n >= schedule.remindersMinutes.length,
  });
  const item = outboxItem(ctx, { kind: 'dm', memberId: member.id }, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'unreachable' } };
  ctx.metrics.inc('checkin_reminders_total', { team: team.id });
  return { items: [item] };
}
