// Use case: post the team's collective progress to its channel: each collective objective against its
// target and alert threshold, with projection and owner. One post per week of the fire.
import type { Locale, Team } from '../../domain/model.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { Occurrence } from '../../ports/index.js';
import { progressView } from '../../view-builders/progress-view.js';
import type { CollectiveProgressView } from '../../view-models.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { weekOf } from '../engine/checkin-window.js';
import { type Delivery, outboxItem, type PlannedOccurrence } from '../engine/occurrence-runner.js';
import type { Fire } from '../engine/schedule-fires.js';
import { collectiveFigures } from '../queries/collective-figures.js';

export function planProgress(ctx: CoreContext, _team: Team, fire: Fire): PlannedOccurrence[] {
  return [
    { ritual: 'progress', periodKey: weekOf(ctx.workspace(), fire.at, fire.zone).key, memberId: null, dueAt: fire.at },
  ];
}

export async function buildProgress(
  ctx: CoreContext,
  team: Team,
  now: Date,
  locale: Locale,
): Promise<CollectiveProgressView> {
  const ws = ctx.workspace();
  const figures = await collectiveFigures(reportsOf(ctx), team, now);
  return progressView({ ws, team, figures, locale, asOfDate: localDateOf(now.toISOString(), team.timezone) });
}

export async function deliverProgress(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  if (team.collective.length === 0) return { items: [], outcome: { status: 'skipped', reason: 'no_objectives' } };
  const view = await buildProgress(ctx, team, now, team.locale);
  const item = outboxItem(ctx, { kind: 'channel', teamId: team.id }, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'no_channel' } };
  return { items: [item] };
}
