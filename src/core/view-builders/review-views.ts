// The monthly review and the QBR channel posts: results per team (collective objectives) and per member,
// a button to record decisions and, for the QBR, proposed targets to accept or change and the quarter's
// decision log. The charts are listed by the rituals (monthly-review.ts) from the ChartCatalog port.
import { isSumKpi } from '../domain/kpi-values.js';
import type { IndividualsInChannel, Locale, Team, Workspace } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import type { TeamReport } from '../domain/report.js';
import { formatPercent } from '../i18n/format.js';
import { t, tPlural } from '../i18n/index.js';
import type { ActionButton, MonthlyReviewView, QbrProposal, QbrView, ReviewSection } from '../view-models.js';
import { collectiveKpiLine, memberKpiLine, totalLine } from './kpi-line.js';
import { periodLabel } from './labels.js';
import { unrankedReasonText } from './leaderboard-view.js';
import { collectiveLabel } from './progress-view.js';

/**
 * Who a review is for: the team channel (what it shows of individuals follows `individuals_in_channel`),
 * one member (their own figures, by DM) or a manager (every member, by DM).
 */
export type ReviewAudience =
  | { readonly kind: 'channel'; readonly individuals: IndividualsInChannel; readonly top: number }
  | { readonly kind: 'member'; readonly memberId: string }
  | { readonly kind: 'manager' };

export const EVERYONE: ReviewAudience = { kind: 'manager' };

/** The setting in force for a team: its own, else the workspace's, else `top`. */
export function individualsInChannelOf(ws: Workspace, team: Team): IndividualsInChannel {
  return team.individualsInChannel ?? ws.defaults.individualsInChannel ?? 'top';
}

/** Team totals of the members' volume objectives (sums only: a sum of ratios means nothing). */
function totalsSection(ws: Workspace, team: Team, report: TeamReport, locale: Locale): ReviewSection | undefined {
  const sums = new Map<string, { actual: number | null; target: number | null }>();
  for (const m of report.members) {
    const counted = new Set<string>();
    for (const row of m.kpis) {
      const kpi = ws.kpis[row.kpi];
      // One row per KPI and member: a second objective on the same KPI (another period) is the same work.
      if (!kpi || !isSumKpi(kpi) || counted.has(row.kpi)) continue;
      counted.add(row.kpi);
      const key = row.kpi;
      const seen = sums.get(key) ?? { actual: null, target: null };
      sums.set(key, {
        actual: row.actual === null ? seen.actual : (seen.actual ?? 0) + row.actual,
        target: row.target === null ? seen.target : (seen.target ?? 0) + row.target,
      });
    }
  }
  const lines = [...sums.entries()].map(([id, s]) =>
    totalLine(ws.kpis[id]!, locale, s.actual, s.target, team.currency ? { currency: team.currency } : {}),
  );
  return lines.length ? { heading: t(locale, 'review.totals'), lines, notes: [] } : undefined;
}

export function reviewSections(
  ws: Workspace,
  team: Team,
  report: TeamReport,
  locale: Locale,
  audience: ReviewAudience = EVERYONE,
): ReviewSection[] {
  const sections: ReviewSection[] = [];
  const collective = team.collective.flatMap((c) => {
    const row = report.collective.find((r) => r.objective === c.id);
    const kpi = ws.kpis[c.kpi];
    return row && kpi ? [collectiveKpiLine(row, kpi, locale, report.period.end, collectiveLabel(ws, c, locale))] : [];
  });
  if (collective.length) sections.push({ heading: t(locale, 'review.collective'), lines: collective, notes: [] });
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  if (audience.kind === 'channel' && audience.individuals !== 'all') {
    // The channel sees the team's totals and, with `top`, the leaderboard's top N: no one's details.
    const totals = totalsSection(ws, team, report, locale);
    if (totals) sections.push(totals);
    if (audience.individuals === 'top') {
      const top = report.members.filter((m) => m.rank !== null && m.score !== null && m.rank <= audience.top);
      if (top.length > 0) {
        const notes = top.map((m) =>
          t(locale, 'review.topRow', {
            rank: m.rank!,
            name: names.get(m.id) ?? m.id,
            score: formatPercent(locale, m.score!, 0),
          }),
        );
        sections.push({ heading: t(locale, 'review.top', { n: audience.top }), lines: [], notes });
      }
    }
    return sections;
  }
  const shown = audience.kind === 'member' ? report.members.filter((m) => m.id === audience.memberId) : report.members;
  for (const m of shown) {
    const name = names.get(m.id) ?? m.id;
    const heading =
      m.rank !== null && m.score !== null
        ? t(locale, 'review.member', { name, rank: m.rank, score: formatPercent(locale, m.score, 0) })
        : t(locale, 'review.memberUnranked', { name, reason: unrankedReasonText(locale, m) });
    const lines = m.kpis.flatMap((row) => {
      const kpi = ws.kpis[row.kpi];
      return kpi ? [memberKpiLine(row, kpi, locale, report.period.end)] : [];
    });
    sections.push({ heading, lines, notes: m.outOfOffice ? [t(locale, 'review.ooo')] : [] });
  }
  return sections;
}

export function decisionButton(locale: Locale, teamId: string, periodKey: string): ActionButton {
  return {
    action: 'review.decision',
    label: t(locale, 'review.action.decision'),
    value: JSON.stringify({ team: teamId, period: periodKey }),
  };
}

export function monthlyReviewView(a: {
  ws: Workspace;
  team: Team;
  report: TeamReport;
  period: Period;
  locale: Locale;
  audience?: ReviewAudience;
}): MonthlyReviewView {
  const { locale } = a;
  const label = periodLabel(locale, a.period);
  const title = t(locale, a.audience?.kind === 'member' ? 'review.myTitle' : 'review.title', {
    team: a.team.name,
    period: label,
  });
  const sections = reviewSections(a.ws, a.team, a.report, locale, a.audience);
  return {
    type: 'monthly_review',
    locale,
    text: `${title} — ${t(locale, 'review.intro')}`,
    teamId: a.team.id,
    title,
    periodKey: a.period.key,
    periodLabel: label,
    sections,
    charts: [],
    // A rep's own review informs; decisions are recorded from the team's.
    actions: a.audience?.kind === 'member' ? [] : [decisionButton(locale, a.team.id, a.period.key)],
  };
}

export interface ProposalWithTarget extends QbrProposal {
  /** The day the accepted target applies from (the next quarter's first day). */
  readonly from: string;
}

export function qbrView(a: {
  ws: Workspace;
  team: Team;
  report: TeamReport;
  period: Period;
  locale: Locale;
  proposals: readonly ProposalWithTarget[];
  decisions: QbrView['decisions'];
  audience?: ReviewAudience;
}): QbrView {
  const { locale, team } = a;
  const label = periodLabel(locale, a.period);
  const forMember = a.audience?.kind === 'member';
  const title = t(locale, forMember ? 'qbr.myTitle' : 'qbr.title', { team: team.name, period: label });
  // A rep's own review shows their figures: the proposals, decisions and their buttons are the team's.
  const proposals = forMember ? [] : a.proposals;
  const actions: ActionButton[] = proposals.flatMap((p) => {
    const value = JSON.stringify({ team: team.id, objective: p.objectiveId, target: p.proposed, from: p.from });
    return [
      {
        action: 'qbr.accept' as const,
        label: t(locale, 'qbr.action.accept', { label: p.label }).slice(0, 75),
        value,
        style: 'primary' as const,
      },
      { action: 'qbr.change' as const, label: t(locale, 'qbr.action.change', { label: p.label }).slice(0, 75), value },
    ];
  });
  if (!forMember) actions.push(decisionButton(locale, team.id, a.period.key));
  return {
    type: 'qbr',
    locale,
    text: `${title} — ${tPlural(locale, 'qbr.intro', proposals.length)}`,
    teamId: team.id,
    title,
    periodKey: a.period.key,
    periodLabel: label,
    sections: reviewSections(a.ws, team, a.report, locale, a.audience),
    proposals: proposals.map(({ from: _from, ...p }) => p),
    decisions: forMember ? [] : a.decisions,
    charts: [],
    actions,
  };
}
