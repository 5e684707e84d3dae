// Scheduled follow-ups of a breach: the escalation to the team's managers when the breach is still open
// and unacknowledged after the configured delay, and the owner's nudge again when a snooze ends.
import type { Team } from '../../domain/model.js';
import type { Breach, Occurrence, OutboxItemInput } from '../../ports/index.js';
import { escalationView } from '../../view-builders/breach-views.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { type CollectiveFigureWithPeriod, collectiveFigures } from '../queries/collective-figures.js';
import { nameOf, readerOf } from '../queries/team-lookup.js';
import { nudgeOwner, objectiveIdOf } from '../use-cases/scan-breaches.js';
import { type Delivery, outboxItem } from './occurrence-runner.js';

/** `b12` or `b12@2026-03-10T08:00:00.000Z` -> 12. */
export function breachIdOf(periodKey: string): number {
  return Number(/^b(\d+)/.exec(periodKey)?.[1] ?? NaN);
}

async function figureOf(
  ctx: CoreContext,
  team: Team,
  breach: Breach,
  now: Date,
): Promise<CollectiveFigureWithPeriod | undefined> {
  const figures = await collectiveFigures(reportsOf(ctx), team, now);
  return figures.find((f) => objectiveIdOf(team.id, f.objective.id) === breach.objectiveId);
}

export async function deliverEscalation(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const breach = await ctx.repos.breaches.get(breachIdOf(occ.periodKey));
  if (!breach || breach.leftAt !== null) return { items: [], outcome: { status: 'skipped', reason: 'cleared' } };
  if (breach.state === 'acknowledged') return { items: [], outcome: { status: 'skipped', reason: 'acknowledged' } };
  if (breach.escalatedAt !== null) return { items: [], outcome: { status: 'skipped', reason: 'already_escalated' } };
  const figure = await figureOf(ctx, team, breach, now);
  if (!figure) return { items: [], outcome: { status: 'skipped', reason: 'objective_removed' } };
  const ws = ctx.workspace();
  const ownerName = nameOf(ws, figure.objective.owner);
  const managers = team.managers.filter((m) => m !== figure.objective.owner);
  if (managers.length === 0) return { items: [], outcome: { status: 'skipped', reason: 'no_manager' } };
  const items: OutboxItemInput[] = [];
  let unreachable = 0;
  for (const managerId of managers) {
    const { locale, zone } = readerOf(ws, managerId, team);
    const view = escalationView({ ws, team, figure, breach, locale, zone, ownerName });
    const item = outboxItem(ctx, { kind: 'dm', memberId: managerId }, view, `escalate:${breach.id}:${managerId}`);
    if (item) items.push(item);
    else unreachable++;
  }
  if (items.length === 0) return { items: [], unreachable, outcome: { status: 'skipped', reason: 'unreachable' } };
  ctx.metrics.inc('breach_escalations_total', { team: team.id });
  return { items, unreachable, after: () => ctx.repos.breaches.markEscalated(breach.id, now.toISOString()) };
}

export async function deliverRenudge(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const breach = await ctx.repos.breaches.get(breachIdOf(occ.periodKey));
  const until = occ.periodKey.split('@')[1];
  if (!breach || breach.leftAt !== null) return { items: [], outcome: { status: 'skipped', reason: 'cleared' } };
  if (breach.state !== 'snoozed' || breach.snoozedUntil !== until)
    return { items: [], outcome: { status: 'skipped', reason: 'not_snoozed' } };
  const figure = await figureOf(ctx, team, breach, now);
  if (!figure) return { items: [], outcome: { status: 'skipped', reason: 'objective_removed' } };
  const r = await nudgeOwner(ctx, team, figure, breach, now, `@${until}`);
  if (r === 'unreachable') return { items: [], outcome: { status: 'skipped', reason: 'unreachable' } };
  return r === 'sent'
    ? { items: [], sentElsewhere: 1 }
    : { items: [], outcome: { status: 'done', reason: 'duplicate' } };
}
