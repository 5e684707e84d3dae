// Why a member is not prompted or reminded on a day: no check-in KPIs, not started yet (their `start`
// day is later), a team holiday, out of office, already answered, or no platform reaches them. A fire
// asks for a whole team at once: two queries (out of office, answers) for all its members.
import type { Member, Team, Workspace } from '../../domain/model.js';
import { teamCalendar } from '../../domain/working-days.js';
import type { CoreContext } from '../deps.js';
import { checkinKpisOf } from '../queries/team-lookup.js';

export type SkipReason = 'no_checkin' | 'not_started' | 'holiday' | 'ooo' | 'submitted' | 'unreachable';

/** One member's check-in on one day: the period it is for and that day in the member's zone. */
export interface CheckInAsk {
  readonly member: Member;
  readonly periodKey: string;
  readonly localDate: string;
}

/** Each ask's skip reason (undefined: prompt), in order. */
export async function checkInSkipReasons(
  ctx: CoreContext,
  ws: Workspace,
  team: Team,
  asks: readonly CheckInAsk[],
): Promise<(SkipReason | undefined)[]> {
  const calendar = teamCalendar(ws, team);
  const reasons: (SkipReason | undefined)[] = asks.map(({ member, localDate }) => {
    if (checkinKpisOf(ws, member).length === 0) return 'no_checkin';
    if (localDate < member.start) return 'not_started';
    if (calendar.isHoliday(localDate)) return 'holiday';
    return undefined;
  });
  const open = asks.filter((_, i) => reasons[i] === undefined);
  if (open.length === 0) return reasons;
  const ids = [...new Set(open.map((a) => a.member.id))];
  const days = open.map((a) => a.localDate).sort();
  const [ooo, answers] = await Promise.all([
    ctx.repos.ooo.listOverlapping(ids, days[0]!, days[days.length - 1]!),
    ctx.repos.checkIns.list({ memberIds: ids, periodKeys: [...new Set(open.map((a) => a.periodKey))] }),
  ]);
  const answered = new Set(answers.map((c) => `${c.memberId}|${c.periodKey}`));
  return asks.map((ask, i) => {
    if (reasons[i] !== undefined) return reasons[i];
    const { member, localDate, periodKey } = ask;
    if (ooo.some((o) => o.memberId === member.id && o.from <= localDate && localDate <= o.to)) return 'ooo';
    if (answered.has(`${member.id}|${periodKey}`)) return 'submitted';
    if (!ctx.platformFor({ kind: 'dm', memberId: member.id })) return 'unreachable';
    return undefined;
  });
}

export async function checkInSkipReason(
  ctx: CoreContext,
  ws: Workspace,
  team: Team,
  member: Member,
  periodKey: string,
  localDate: string,
): Promise<SkipReason | undefined> {
  const [reason] = await checkInSkipReasons(ctx, ws, team, [{ member, periodKey, localDate }]);
  return reason;
}
