// The monthly review and the QBR channel posts: results per team (collective objectives) and per member,
// a button to record decisions and, for the QBR, proposed targets to accept or change and the quarter's
// decision log. The charts are listed by the rituals (monthly-review.ts) from the ChartCatalog port.
import type { Locale, Team, Workspace } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import type { TeamReport } from '../domain/report.js';
import { t, tPlural } from '../i18n/index.js';
import { formatPercent } from '../i18n/format.js';
import type { ActionButton, MonthlyReviewView, QbrProposal, QbrView, ReviewSection } from '../views.js';
import { collectiveKpiLine, memberKpiLine } from './kpi-line.js';
import { periodLabel } from './labels.js';
import { collectiveLabel } from './progress-view.js';

export function reviewSections(ws: Workspace, team: Team, report: TeamReport, locale: Locale): ReviewSection[] {
  const sections: ReviewSection[] = [];
  const collective = team.collective.flatMap((c) => {
    const row = report.collective.find((r) => r.objective === c.id);
    const kpi = ws.kpis[c.kpi];
    return row && kpi ? [collectiveKpiLine(row, kpi, locale, report.period.end, collectiveLabel(ws, c, locale))] : [];
  });
  if (collective.length) sections.push({ heading: t(locale, 'review.collective'), lines: collective, notes: [] });
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  for (const m of report.members) {
    const name = names.get(m.id) ?? m.id;
    const heading =
      m.rank !== null && m.score !== null
        ? t(locale, 'review.member', { name, rank: m.rank, score: formatPercent(locale, m.score, 0) })
        : t(locale, 'review.memberUnranked', { name });
    const lines = m.kpis.flatMap((row) => {
      const kpi = ws.kpis[row.kpi];
      return kpi ? [memberKpiLine(row, kpi, locale, report.period.end)] : [];
    });
    sections.push({ heading, lines, notes: m.outOfOffice ? [t(locale, 'review.ooo')] : [] });
  }
  return sections;
}

export function decisionButton(locale: Locale, teamId: string, periodKey: string): ActionButton {
  return { action: 'review.decision', label: t(locale, 'review.action.decision'), value: JSON.stringify({ team: teamId, period: periodKey }) };
}

export function monthlyReviewView(a: { ws: Workspace; team: Team; report: TeamReport; period: Period; locale: Locale }): MonthlyReviewView {
  const { locale } = a;
  const label = periodLabel(locale, a.period);
  const title = t(locale, 'review.title', { team: a.team.name, period: label });
  const sections = reviewSections(a.ws, a.team, a.report, locale);
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
    actions: [decisionButton(locale, a.team.id, a.period.key)],
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
}): QbrView {
  const { locale, team } = a;
  const label = periodLabel(locale, a.period);
  const title = t(locale, 'qbr.title', { team: team.name, period: label });
  const actions: ActionButton[] = a.proposals.flatMap((p) => {
    const value = JSON.stringify({ team: team.id, objective: p.objectiveId, target: p.proposed, from: p.from });
    return [
      { action: 'qbr.accept' as const, label: t(locale, 'qbr.action.accept', { label: p.label }).slice(0, 75), value, style: 'primary' as const },
      { action: 'qbr.change' as const, label: t(locale, 'qbr.action.change', { label: p.label }).slice(0, 75), value },
    ];
  });
  actions.push(decisionButton(locale, team.id, a.period.key));
  return {
    type: 'qbr',
    locale,
    text: `${title} — ${tPlural(locale, 'qbr.intro', a.proposals.length)}`,
    teamId: team.id,
    title,
    periodKey: a.period.key,
    periodLabel: label,
    sections: reviewSections(a.ws, team, a.report, locale),
    proposals: a.proposals.map(({ from: _from, ...p }) => p),
    decisions: a.decisions,
    charts: [],
    actions,
  };
}
