// Use case: scan a team's collective objectives against their alert thresholds (daily, and after each
// check-in). Entering a breach opens one breach row and nudges the objective's owner once; leaving it
// closes the row (a later breach is a new one, with a new nudge) and updates its nudges in place to say
// it recovered, buttons removed; a breach still open after `escalateAfterMinutes` goes to the managers
// (scheduled as an occurrence, see breach-follow-ups.ts). A figure without data or status never breaches.
import { nextBreachState } from '../../domain/collective.js';
import type { Team } from '../../domain/model.js';
import { type Period, previousPeriod } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import type { Breach, OutboxItemInput } from '../../ports/index.js';
import { breachNudgeView } from '../../view-builders/breach-views.js';
import { periodLabel } from '../../view-builders/labels.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { occurrenceKey, outboxItem } from '../engine/occurrence-runner.js';
import { addWallClockMinutes } from '../engine/wall-clock.js';
import { type CollectiveFigureWithPeriod, collectiveFigures } from '../queries/collective-figures.js';
import { findMember, localeOf, readerOf, scheduleOf, zoneOf } from '../queries/team-lookup.js';
import { resolvePeriod } from './team-report.js';

export interface ScanResult {
  sent: number;
  entered: number;
  left: number;
  unreachable: number;
}

export const objectiveIdOf = (teamId: string, collectiveId: string): string => `team:${teamId}:${collectiveId}`;

/** Queues the owner's nudge for a breach (once per breach, or per snooze end with `suffix`). */
export async function nudgeOwner(
  ctx: CoreContext,
  team: Team,
  figure: CollectiveFigureWithPeriod,
  breach: Breach,
  now: Date,
  suffix = '',
): Promise<'sent' | 'duplicate' | 'unreachable'> {
  const ws = ctx.workspace();
  const owner = findMember(ws, figure.objective.owner);
  const locale = localeOf(owner?.member, owner?.team ?? team);
  const zone = zoneOf(owner?.member, owner?.team ?? team);
  const view = breachNudgeView({ ws, team, figure, breach: { ...breach, state: 'open' }, locale, zone });
  const item = outboxItem(ctx, { kind: 'dm', memberId: figure.objective.owner }, view, `nudge:${breach.id}${suffix}`);
  if (!item) return 'unreachable';
  const { enqueued } = await ctx.outbox.enqueue([item], { at: now.toISOString() });
  await ctx.repos.breaches.markNudged(breach.id, now.toISOString());
  if (enqueued > 0) ctx.metrics.inc('breach_nudges_total', { team: team.id });
  return enqueued > 0 ? 'sent' : 'duplicate';
}

/**
 * Once a breach is over, its nudges (the first one, the one after a snooze) and escalations are updated
 * in place to say so, without their buttons: an alert that no longer holds must not ask for action.
 */
export async function updateEndedNudges(
  ctx: CoreContext,
  team: Team,
  figure: CollectiveFigureWithPeriod,
  breach: Breach,
  now: Date,
  ended: { kind: 'recovered' } | { kind: 'period_ended'; period: Period },
): Promise<number> {
  const ws = ctx.workspace();
  const at = now.toISOString();
  const recipients: { key: string; memberId: string }[] = [
    { key: `nudge:${breach.id}`, memberId: figure.objective.owner },
  ];
  if (breach.snoozedUntil)
    recipients.push({ key: `nudge:${breach.id}@${breach.snoozedUntil}`, memberId: figure.objective.owner });
  for (const managerId of team.managers)
    recipients.push({ key: `escalate:${breach.id}:${managerId}`, memberId: managerId });
  const items: OutboxItemInput[] = [];
  for (const { key, memberId } of recipients) {
    const ref = await ctx.outbox.deliveredRef(key);
    if (!ref) continue;
    const { locale, zone } = readerOf(ws, memberId, team);
    const view = breachNudgeView({
      ws,
      team,
      figure,
      breach,
      locale,
      zone,
      ended:
        ended.kind === 'recovered'
          ? { kind: 'recovered', at }
          : { kind: 'period_ended', periodLabel: periodLabel(locale, ended.period) },
    });
    const item = outboxItem(ctx, { kind: 'dm', memberId }, view, `ended:${key}`, { updateOf: ref });
    if (item) items.push(item);
  }
  if (items.length === 0) return 0;
  return (await ctx.outbox.enqueue(items, { at })).enqueued;
}

/** An objective's figure can open a breach only when it rests on data and has a status (see CollectiveRow.status). */
function evidenced(figure: CollectiveFigureWithPeriod): boolean {
  return figure.row.status !== null && figure.row.dataState === 'ok' && figure.row.actual !== null;
}

export async function runBreachScan(ctx: CoreContext, team: Team, now: Date): Promise<ScanResult> {
  const result: ScanResult = { sent: 0, entered: 0, left: 0, unreachable: 0 };
  const schedule = scheduleOf(team, 'breach_scan');
  if (!schedule) return result;
  const at = now.toISOString();
  const figures = await collectiveFigures(reportsOf(ctx), team, now);
  for (const figure of figures) {
    const objectiveId = objectiveIdOf(team.id, figure.objective.id);
    let open = await ctx.repos.breaches.findOpen(objectiveId, '');
    if (open && open.periodKey !== figure.period.key) {
      // A new period starts from a clean slate: the old breach ends with its period.
      await ctx.repos.breaches.close(open.id, at);
      const ws = ctx.workspace();
      const ended = open.periodKey
        ? resolvePeriod(ws, open.periodKey)
        : previousPeriod(figure.period, periodSettingsOf(ws));
      await updateEndedNudges(ctx, team, figure, open, now, { kind: 'period_ended', period: ended });
      open = undefined;
    }
    // No data (an import not in yet, a period barely started): never a breach, and an open one stays as is.
    const { event } = nextBreachState(open ? 'breached' : 'clear', evidenced(figure) ? figure.row.status : null);
    const value = figure.row.projectionMethod === 'pace' ? figure.row.projected : figure.row.actual;
    if (event === 'entered') {
      const opened = await ctx.repos.breaches.open({
        objectiveId,
        memberId: null,
        periodKey: figure.period.key,
        at,
        value,
      });
      open = opened.breach;
      if (opened.created) {
        result.entered++;
        ctx.metrics.inc('breaches_entered_total', { team: team.id });
        if (schedule.escalateAfterMinutes !== undefined && team.managers.length > 0) {
          await ctx.repos.occurrences.insert(
            {
              key: occurrenceKey(team.id, 'breach.escalate', `b${open.id}`, null),
              teamId: team.id,
              ritual: 'breach.escalate',
              periodKey: `b${open.id}`,
              memberId: null,
              status: 'scheduled',
              dueAt: addWallClockMinutes(now, team.timezone, schedule.escalateAfterMinutes).toISOString(),
            },
            { at },
          );
        }
      }
    } else if (event === 'left' && open) {
      await ctx.repos.breaches.close(open.id, at);
      await updateEndedNudges(ctx, team, figure, open, now, { kind: 'recovered' });
      result.left++;
      ctx.metrics.inc('breaches_left_total', { team: team.id });
      continue;
    } else if (open) {
      await ctx.repos.breaches.setValue(open.id, value);
    }
    // Also repairs a breach opened by a scan that stopped before its nudge was queued.
    if (open && open.nudgedAt === null) {
      const r = await nudgeOwner(ctx, team, figure, open, now);
      if (r === 'sent') result.sent++;
      if (r === 'unreachable') result.unreachable++;
    }
  }
  return result;
}
