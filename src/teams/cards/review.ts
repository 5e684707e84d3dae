// Monthly review and QBR: sections of KPI lines with notes, chart titles, proposed targets for next
// quarter, the decision log, and the buttons (record decision, accept / change targets).
import { t } from '../../core/i18n/index.js';
import type { ChartRef, MonthlyReviewView, QbrView, ReviewSection } from '../../core/views.js';
import { buttons, bullets, heading, kpiLine, subheading, subtle, text, type CardElement } from './common.js';
import { packCards, partLabel } from './fit.js';

function sectionGroups(s: ReviewSection): CardElement[][] {
  const groups: CardElement[][] = [];
  s.lines.forEach((l, i) => groups.push(i === 0 ? [subheading(s.heading), kpiLine(l)] : [kpiLine(l)]));
  if (s.lines.length === 0) groups.push([subheading(s.heading)]);
  if (s.notes.length > 0) groups.push([bullets(s.notes)]);
  return groups;
}

function chartGroups(charts: readonly ChartRef[], locale: MonthlyReviewView['locale']): CardElement[][] {
  if (charts.length === 0) return [];
  return [[subheading(t(locale, 'chat.charts')), bullets(charts.map((c) => `${c.title} — ${c.altText}`))]];
}

export function monthlyReviewCards(v: MonthlyReviewView) {
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups: [...v.sections.flatMap(sectionGroups), ...chartGroups(v.charts, v.locale)],
    actions: buttons(v.actions),
    fallbackText: v.text,
  });
}

export function qbrCards(v: QbrView) {
  const L = v.locale;
  const proposals: CardElement[][] = v.proposals.map((p, i) => [
    ...(i === 0 ? [subheading(t(L, 'chat.qbr.proposals'))] : []),
    {
      type: 'FactSet',
      facts: [
        { title: p.label, value: `${p.currentText} → **${p.proposedText}**` },
      ],
    },
    subtle(p.rationale),
  ]);
  const decisions: CardElement[][] = v.decisions.map((d, i) => [
    ...(i === 0 ? [subheading(t(L, 'chat.qbr.decisions'))] : []),
    text(`${d.text} — ${d.statusText} (${d.author})`),
  ]);
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups: [...v.sections.flatMap(sectionGroups), ...proposals, ...decisions, ...chartGroups(v.charts, L)],
    actions: buttons(v.actions),
    fallbackText: v.text,
  });
}
