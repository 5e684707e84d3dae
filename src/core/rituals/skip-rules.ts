// Why a member is not prompted or reminded on a day: no check-in KPIs, a team holiday, out of office,
// already answered, or no platform reaches them.
import type { Member, Team, Workspace } from '../domain/model.js';
import { teamCalendar } from '../domain/working-days.js';
import type { CoreContext } from './deps.js';
import { checkinKpisOf } from './team-lookup.js';

export type SkipReason = 'no_checkin' | 'holiday' | 'ooo' | 'submitted' | 'unreachable';

export async function checkInSkipReason(
  ctx: CoreContext,
  ws: Workspace,
  team: Team,
  member: Member,
  periodKey: string,
  localDate: string,
): Promise<SkipReason | undefined> {
  if (checkinKpisOf(ws, member).length === 0) return 'no_checkin';
  if (teamCalendar(ws, team).isHoliday(localDate)) return 'holiday';
  const ooo = await ctx.repos.ooo.listOverlapping([member.id], localDate, localDate);
  if (ooo.length > 0) return 'ooo';
  if (await ctx.repos.checkIns.latestFor(member.id, periodKey)) return 'submitted';
  if (!ctx.platformFor({ kind: 'dm', memberId: member.id })) return 'unreachable';
  return undefined;
}
