// Monthly review and QBR: sections of KPI lines with notes, the charts (an Image each when the gateway
// resolved one, its title drawn in the image itself; else their title and alt text), proposed targets
// for next quarter, the decision log, and the buttons (accept / change targets). "Record a decision"
// opens its form below the review (Action.ShowCard), so the review and its charts stay in view; the
// answer comes as a reply.
import { t } from '../../core/i18n/index.js';
import { decisionFormView } from '../../core/view-builders/form-views.js';
import type { ActionButton, ChartRef, MonthlyReviewView, QbrView, ReviewSection } from '../../core/view-models.js';
import {
  bullets,
  buttons,
  type CardAction,
  type CardElement,
  execute,
  heading,
  kpiLine,
  SUBMIT_REVIEW_DECISION,
  subheading,
  subtle,
  text,
} from './common.js';
import { decisionInputs } from './decision.js';
import { packCards, partLabel } from './fit.js';

function sectionGroups(s: ReviewSection): CardElement[][] {
  const groups: CardElement[][] = [];
  for (const [i, l] of s.lines.entries()) groups.push(i === 0 ? [subheading(s.heading), kpiLine(l)] : [kpiLine(l)]);
  if (s.lines.length === 0) groups.push([subheading(s.heading)]);
  if (s.notes.length > 0) groups.push([bullets(s.notes)]);
  return groups;
}

/** Chart id -> image URL (a data: URI or an https link), resolved by the gateway before rendering. */
export type ChartImages = ReadonlyMap<string, string>;

function chartGroups(
  charts: readonly ChartRef[],
  locale: MonthlyReviewView['locale'],
  images?: ChartImages,
): CardElement[][] {
  if (charts.length === 0) return [];
  const head = subheading(t(locale, 'chat.charts'));
  if (!charts.some((c) => images?.has(c.id))) return [[head, bullets(charts.map((c) => `${c.title} — ${c.altText}`))]];
  // One group per chart: an image is the bulk of a card, so the packer may put charts on several cards.
  return charts.map((c, i) => {
    const url = images?.get(c.id);
    // The image carries its title: a TextBlock above it would say it twice.
    const body: CardElement[] = url
      ? [{ type: 'Image', url, altText: c.altText }]
      : [bullets([`${c.title} — ${c.altText}`])];
    return i === 0 ? [head, ...body] : body;
  });
}

/** The review's buttons: "Record a decision" opens the decision form below the card, the others act at once. */
export function reviewButtons(list: readonly ActionButton[], locale: MonthlyReviewView['locale']): CardAction[] {
  return list.map((b) => {
    if (b.action !== 'review.decision') return execute(b.label, b.action, b.value, b.style);
    // The button's value names the team and period, the metadata the decision is recorded with.
    let metadata: Record<string, unknown> = {};
    try {
      metadata = JSON.parse(b.value) as Record<string, unknown>;
    } catch {
      // An unreadable value: the core refuses it on submit, in the member's language.
    }
    const form = decisionFormView({ locale, context: '', metadata });
    return {
      type: 'Action.ShowCard',
      title: b.label,
      card: {
        type: 'AdaptiveCard',
        body: decisionInputs(form),
        actions: [execute(form.submitLabel, SUBMIT_REVIEW_DECISION, b.value, 'primary')],
      },
    };
  });
}

export function monthlyReviewCards(v: MonthlyReviewView, images?: ChartImages) {
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups: [...v.sections.flatMap(sectionGroups), ...chartGroups(v.charts, v.locale, images)],
    actions: reviewButtons(v.actions, v.locale),
    fallbackText: v.text,
  });
}

/** The objective a QBR button is about, from its payload (accept / change carry one; others none). */
function objectiveOf(value: string): string | undefined {
  try {
    const parsed = JSON.parse(value) as { objective?: unknown };
    return typeof parsed.objective === 'string' ? parsed.objective : undefined;
  } catch {
    return undefined;
  }
}

export function qbrCards(v: QbrView, images?: ChartImages) {
  const L = v.locale;
  // Accept / Change buttons sit under their own proposal: a card-level action bar would exceed the
  // number of actions Teams shows (and the host config allows) as soon as there are three proposals.
  const perProposal = (objectiveId: string) => v.actions.filter((a) => objectiveOf(a.value) === objectiveId);
  const cardActions = v.actions.filter((a) => !v.proposals.some((p) => p.objectiveId === objectiveOf(a.value)));
  const proposals: CardElement[][] = v.proposals.map((p, i) => [
    ...(i === 0 ? [subheading(t(L, 'chat.qbr.proposals'))] : []),
    {
      type: 'FactSet',
      facts: [{ title: p.label, value: `${p.currentText} → **${p.proposedText}**` }],
    },
    subtle(p.rationale),
    ...(perProposal(p.objectiveId).length > 0
      ? [{ type: 'ActionSet', actions: buttons(perProposal(p.objectiveId)) }]
      : []),
  ]);
  const decisions: CardElement[][] = v.decisions.map((d, i) => [
    ...(i === 0 ? [subheading(t(L, 'chat.qbr.decisions'))] : []),
    text(`${d.text} — ${d.statusText} (${d.author})`),
  ]);
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups: [...v.sections.flatMap(sectionGroups), ...proposals, ...decisions, ...chartGroups(v.charts, L, images)],
    actions: reviewButtons(cardActions, L),
    fallbackText: v.text,
  });
}
