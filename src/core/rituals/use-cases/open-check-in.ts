// Use case: open the weekly check-in. A fire prompts each member (in their own zone with local time)
// for the week holding the prompt, unless they are skipped; the prompt carries the member's form (so no
// gateway asks the core for it while sending) and schedules its reminders and the deadline as
// follow-up occurrences.
import type { Team } from '../../domain/model.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { Occurrence } from '../../ports/index.js';
import { checkInPromptView } from '../../view-builders/checkin-views.js';
import type { CheckInFormView } from '../../view-models.js';
import { actorOf } from '../actor.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { checkInWindow, DEFAULT_DEADLINE_MINUTES, memberCheckinZone, weekOf } from '../engine/checkin-window.js';
import { basePeriodKey, type Delivery, outboxItem, type PlannedOccurrence } from '../engine/occurrence-runner.js';
import type { Fire } from '../engine/schedule-fires.js';
import { checkInSkipReasons } from '../engine/skip-rules.js';
import { addWallClockMinutes } from '../engine/wall-clock.js';
import { memberStanding } from '../queries/member-objectives.js';
import { localeOf, memberOf, scheduleOf } from '../queries/team-lookup.js';
import { buildCheckInForm } from './check-in-form.js';
import { resolvePeriod } from './team-report.js';

export async function planCheckIn(ctx: CoreContext, team: Team, fire: Fire): Promise<PlannedOccurrence[]> {
  const ws = ctx.workspace();
  const members = fire.memberIds ? team.members.filter((m) => fire.memberIds!.includes(m.id)) : team.members;
  // A run on demand fires once for everyone: each member's week and day are still read in their zone.
  const byZone = new Map<string, { period: string; day: string }>();
  const asks = members.map((member) => {
    const zone = memberCheckinZone(team, member);
    let at = byZone.get(zone);
    if (!at) {
      at = { period: weekOf(ws, fire.at, zone).key, day: localDateOf(fire.at.toISOString(), zone) };
      byZone.set(zone, at);
    }
    return { member, periodKey: at.period, localDate: at.day };
  });
  const reasons = await checkInSkipReasons(ctx, ws, team, asks);
  return asks.map(({ member, periodKey }, i) => {
    const reason = reasons[i];
    return {
      ritual: 'checkin',
      periodKey,
      memberId: member.id,
      dueAt: fire.at,
      ...(reason ? { status: 'skipped' as const, reason } : {}),
    };
  });
}

/**
 * The form that travels with the prompt, as the member would open it now (their home team's KPIs,
 * prefilled from an earlier answer). A prompt without it still works (the button opens the form), so a
 * form that cannot be built (the period not open yet, no KPIs) leaves it out rather than fail the prompt.
 */
async function promptForm(ctx: CoreContext, memberId: string, periodKey: string): Promise<CheckInFormView | undefined> {
  const actor = actorOf(ctx.workspace(), memberId);
  if (!actor) return undefined;
  try {
    return await buildCheckInForm(ctx, actor, periodKey);
  } catch (err) {
    ctx.log.warn({ member: memberId, err: (err as Error).message }, 'check-in prompt sent without its inline form');
    return undefined;
  }
}

export async function deliverCheckInPrompt(
  ctx: CoreContext,
  occ: Occurrence,
  team: Team,
  now: Date,
): Promise<Delivery> {
  const ws = ctx.workspace();
  const member = occ.memberId ? memberOf(team, occ.memberId) : undefined;
  const schedule = scheduleOf(team, 'checkin');
  if (!member || !schedule)
    return { items: [], outcome: { status: 'skipped', reason: member ? 'disabled' : 'left_team' } };
  // Unreachable (no platform id): skipped before the member's standing and form are built for nothing.
  const destination = { kind: 'dm', memberId: member.id } as const;
  if (!ctx.platformFor(destination)) return { items: [], outcome: { status: 'skipped', reason: 'unreachable' } };
  const period = resolvePeriod(ws, basePeriodKey(occ.periodKey));
  const promptAt = new Date(occ.dueAt);
  // The members of a zone share the window, deadline and reminders of a prompt: computed once per run.
  const zone = memberCheckinZone(team, member);
  const { window, deadline, reminders } = reportsOf(ctx).cached(
    `checkin-times|${team.id}|${zone}|${period.key}|${occ.dueAt}`,
    () => {
      const window = checkInWindow(ctx.cron, team, member, period);
      // A prompt sent on demand keeps the period's own deadline when that is still ahead.
      const deadline =
        window.deadline.getTime() > promptAt.getTime()
          ? window.deadline
          : addWallClockMinutes(promptAt, window.zone, schedule.deadlineMinutes ?? DEFAULT_DEADLINE_MINUTES);
      const reminders = schedule.remindersMinutes
        .map((minutes) => addWallClockMinutes(promptAt, window.zone, minutes))
        .filter((at) => at.getTime() < deadline.getTime());
      return { window, deadline, reminders };
    },
  );
  const locale = localeOf(member, team);
  const standing = await memberStanding(reportsOf(ctx), team, member, now, locale, { teamWide: true });
  const form = await promptForm(ctx, member.id, period.key);
  const view = checkInPromptView({
    locale,
    name: member.name,
    period,
    deadline,
    zone: window.zone,
    lines: standing.lines,
    ...(form ? { form } : {}),
  });
  const item = outboxItem(ctx, destination, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'unreachable' } };
  const followUps: PlannedOccurrence[] = [
    ...reminders.map((dueAt, i) => ({
      ritual: `checkin.reminder.${i + 1}`,
      periodKey: period.key,
      memberId: member.id,
      dueAt,
      status: 'scheduled' as const,
    })),
    { ritual: 'checkin.close', periodKey: period.key, memberId: member.id, dueAt: deadline, status: 'scheduled' },
  ];
  ctx.metrics.inc('checkin_prompts_total', { team: team.id });
  return { items: [item], followUps };
}
