// The leaderboard channel post (public top N with rank movement and last post's reactions) and the
// private "your rank" DM, from a team report.
import type { Locale, Team, Workspace } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import type { TeamReport } from '../domain/report.js';
import { formatPercent } from '../i18n/format.js';
import { t, tPlural } from '../i18n/index.js';
import type { LeaderboardRow, LeaderboardView, MyRankView } from '../view-models.js';
import { memberKpiLine } from './kpi-line.js';
import { joinList, movementText, periodLabel } from './labels.js';

export const DEFAULT_TOP = 5;

type MemberRow = TeamReport['members'][number];

const UNRANKED_KEYS = {
  out_of_office: 'leaderboard.unranked.out_of_office',
  no_data: 'leaderboard.unranked.no_data',
  awaiting_data: 'leaderboard.unranked.awaiting_data',
  no_target: 'leaderboard.unranked.no_target',
  no_scored_objective: 'leaderboard.unranked.no_scored_objective',
} as const;

/** Why a member has no rank, in words: the report's reason when it gives one, else out of office or no data. */
export function unrankedReasonText(locale: Locale, m: MemberRow): string {
  // A report built elsewhere (a test, an older stored view) may lack the reason: out of office or no data.
  const reason = m.unrankedReason ?? (m.outOfOffice ? 'out_of_office' : 'no_data');
  const key = UNRANKED_KEYS[reason];
  return key ? t(locale, key) : t(locale, 'leaderboard.unranked.other');
}

export function leaderboardView(a: {
  ws: Workspace;
  team: Team;
  report: TeamReport;
  period: Period;
  locale: Locale;
  top: number;
  reactions: readonly { emoji: string; count: number }[];
  /** False when the previous week had no ranking of its own: no movement is shown against it. */
  previousRanked?: boolean;
}): LeaderboardView {
  const { locale, team } = a;
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  const ranked = a.report.members.filter((m) => m.rank !== null && m.score !== null);
  const withMovement = a.previousRanked !== false;
  const rows: LeaderboardRow[] = ranked
    .filter((m) => m.rank! <= a.top)
    .map((m) => ({
      rank: m.rank!,
      memberId: m.id,
      name: names.get(m.id) ?? m.id,
      score: m.score!,
      scoreText: formatPercent(locale, m.score!, 0),
      movement: withMovement ? m.movement : null,
      movementText: withMovement ? movementText(locale, m.movement) : '',
    }));
  const unranked = a.report.members
    .filter((m) => m.rank === null || m.score === null)
    .map((m) => ({ memberId: m.id, name: names.get(m.id) ?? m.id, reasonText: unrankedReasonText(locale, m) }));
  const unrankedText = unranked.length
    ? t(locale, 'leaderboard.unranked', {
        list: joinList(
          locale,
          unranked.map((u) => t(locale, 'leaderboard.unrankedItem', { name: u.name, reason: u.reasonText })),
        ),
      })
    : undefined;
  const moreCount = ranked.length - rows.length;
  const label = periodLabel(locale, a.period);
  const title = t(locale, 'leaderboard.title', { team: team.name, period: label });
  const reactionsLabel = t(locale, 'leaderboard.reactionsLabel');
  const reactionsText = a.reactions.length
    ? t(locale, 'leaderboard.reactions', { list: a.reactions.map((r) => `:${r.emoji}: ${r.count}`).join('  ') })
    : undefined;
  const lines = rows.map((r) => `${r.rank}. ${r.name} ${r.scoreText}`);
  return {
    type: 'leaderboard',
    locale,
    text: rows.length ? `${title} — ${lines.join(', ')}` : `${title} — ${t(locale, 'leaderboard.empty')}`,
    teamId: team.id,
    title,
    periodKey: a.period.key,
    periodLabel: label,
    rows,
    moreCount,
    ...(moreCount > 0 ? { moreText: tPlural(locale, 'leaderboard.more', moreCount) } : {}),
    reactions: [...a.reactions],
    ...(reactionsText ? { reactionsText, reactionsLabel } : {}),
    ...(unrankedText ? { unranked, unrankedText } : {}),
    footer: t(locale, 'leaderboard.footer'),
  };
}

export function myRankView(a: {
  ws: Workspace;
  report: TeamReport;
  period: Period;
  memberId: string;
  locale: Locale;
  previousRanked?: boolean;
}): MyRankView | undefined {
  const { locale } = a;
  const me = a.report.members.find((m) => m.id === a.memberId);
  if (!me || me.rank === null || me.score === null) return undefined;
  const total = a.report.members.filter((m) => m.rank !== null).length;
  const title = t(locale, 'myRank.title', { period: periodLabel(locale, a.period) });
  const values = { rank: me.rank, total, score: formatPercent(locale, me.score, 0) };
  // No movement against a week that had no leaderboard, as on the public board.
  const rankText =
    a.previousRanked === false
      ? t(locale, 'myRank.rankOnly', values)
      : t(locale, 'myRank.rank', { ...values, movement: movementText(locale, me.movement) });
  const lines = me.kpis.flatMap((row) => {
    const kpi = a.ws.kpis[row.kpi];
    return kpi ? [memberKpiLine(row, kpi, locale, a.report.period.end)] : [];
  });
  return { type: 'my_rank', locale, text: `${title} — ${rankText}`, title, rankText, lines };
}
