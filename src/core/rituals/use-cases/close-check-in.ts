// Use case: close a member's check-in at its deadline. No message: the row records whether the member
// answered ('done') or not ('missed'), which the stand-up and the metrics read.
import type { Team } from '../../domain/model.js';
import type { Occurrence } from '../../ports/index.js';
import type { CoreContext } from '../deps.js';
import type { Delivery } from '../engine/occurrence-runner.js';

export async function deliverClose(ctx: CoreContext, occ: Occurrence, team: Team): Promise<Delivery> {
  if (!occ.memberId) return { items: [], outcome: { status: 'done', reason: 'no_member' } };
  const answered = await ctx.repos.checkIns.latestFor(occ.memberId, occ.periodKey);
  if (answered) return { items: [], outcome: { status: 'done', reason: 'submitted' } };
  const prompted = await ctx.repos.occurrences.get(`${team.id}:checkin:${occ.periodKey}:${occ.memberId}`);
  ctx.metrics.inc('checkins_missed_total', { team: team.id });
  return {
    items: [],
    outcome: { status: 'missed', reason: prompted?.status === 'enqueued' ? 'no_answer' : 'not_prompted' },
  };
}
