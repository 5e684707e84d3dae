// Use case: scan a team's collective objectives against their alert thresholds (daily, and after each
// check-in). Entering a breach opens one breach row and nudges the objective's owner once; leaving it
// closes the row (a later breach is a new one, with a new nudge); a breach still open after
// `escalateAfterMinutes` goes to the managers (scheduled as an occurrence, see breach-follow-ups.ts).
import { nextBreachState } from '../domain/collective.js';
import type { Team } from '../domain/model.js';
import type { Breach } from '../ports.js';
import { breachNudgeView } from '../views/breach-views.js';
import { collectiveFigures, type CollectiveFigureWithPeriod } from './collective-figures.js';
import type { CoreContext } from './deps.js';
import { occurrenceKey, outboxItem } from './occurrence-runner.js';
import { findMember, localeOf, scheduleOf, zoneOf } from './team-lookup.js';
import { addWallClockMinutes } from './wall-clock.js';
import { reportsOf } from './call-scope.js';

export interface ScanResult {
  sent: number;
  entered: number;
  left: number;
  unreachable: number;
}

export const objectiveIdOf = (teamId: string, collectiveId: string): string => `team:${teamId}:${collectiveId}`;

/** Queues the owner's nudge for a breach (once per breach, or per snooze end with `suffix`). */
export async function nudgeOwner(ctx: CoreContext, team: Team, figure: CollectiveFigureWithPeriod, breach: Breach, now: Date, suffix = ''): Promise<'sent' | 'duplicate' | 'unreachable'> {
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
      open = undefined;
    }
    const { event } = nextBreachState(open ? 'breached' : 'clear', figure.row.status);
    const value = figure.row.projectionMethod === 'pace' ? figure.row.projected : figure.row.actual;
    if (event === 'entered') {
      const opened = await ctx.repos.breaches.open({ objectiveId, memberId: null, periodKey: figure.period.key, at, value });
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
