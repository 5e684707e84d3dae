// The leaderboard channel post (public top N with rank movement and last post's reactions) and the
// private "your rank" DM, from a team report.
import type { Locale, Team, Workspace } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import type { TeamReport } from '../domain/report.js';
import { t, tPlural } from '../i18n/index.js';
import { formatPercent } from '../i18n/format.js';
import type { LeaderboardRow, LeaderboardView, MyRankView } from '../views.js';
import { memberKpiLine } from './kpi-line.js';
import { movementText, periodLabel } from './labels.js';

export const DEFAULT_TOP = 5;

export function leaderboardView(a: {
  ws: Workspace;
  team: Team;
  report: TeamReport;
  period: Period;
  locale: Locale;
  top: number;
  reactions: readonly { emoji: string; count: number }[];
}): LeaderboardView {
  const { locale, team } = a;
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  const ranked = a.report.members.filter((m) => m.rank !== null && m.score !== null);
  const rows: LeaderboardRow[] = ranked
    .filter((m) => m.rank! <= a.top)
    .map((m) => ({
      rank: m.rank!,
      memberId: m.id,
      name: names.get(m.id) ?? m.id,
      score: m.score!,
      scoreText: formatPercent(locale, m.score!, 0),
      movement: m.movement,
      movementText: movementText(locale, m.movement),
    }));
  const moreCount = ranked.length - rows.length;
  const label = periodLabel(locale, a.period);
  const title = t(locale, 'leaderboard.title', { team: team.name, period: label });
  const reactionsText = a.reactions.length ? t(locale, 'leaderboard.reactions', { list: a.reactions.map((r) => `:${r.emoji}: ${r.count}`).join('  ') }) : undefined;
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
    ...(reactionsText ? { reactionsText } : {}),
    footer: t(locale, 'leaderboard.footer'),
  };
}

export function myRankView(a: { ws: Workspace; report: TeamReport; period: Period; memberId: string; locale: Locale }): MyRankView | undefined {
  const { locale } = a;
  const me = a.report.members.find((m) => m.id === a.memberId);
  if (!me || me.rank === null || me.score === null) return undefined;
  const total = a.report.members.filter((m) => m.rank !== null).length;
  const title = t(locale, 'myRank.title', { period: periodLabel(locale, a.period) });
  const rankText = t(locale, 'myRank.rank', { rank: me.rank, total, score: formatPercent(locale, me.score, 0), movement: movementText(locale, me.movement) });
  const lines = me.kpis.flatMap((row) => {
    const kpi = a.ws.kpis[row.kpi];
    return kpi ? [memberKpiLine(row, kpi, locale, a.report.period.end)] : [];
  });
  return { type: 'my_rank', locale, text: `${title} — ${rankText}`, title, rankText, lines };
}
