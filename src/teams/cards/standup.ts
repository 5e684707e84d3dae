// The manager's stand-up summary, on one screen for a team of ten: completion, who is missing, one row
// per team total (KPIs without any figure yet collapsed into one line), what is at risk or in breach;
// the figures in detail, the blockers and the wins open below it on demand (Action.ShowCard). Split over
// several cards beyond 28 KB.
import { t } from '../../core/i18n/index.js';
import type { KpiLine, StandupSummaryView } from '../../core/view-models.js';
import {
  bar,
  bullets,
  type CardElement,
  cardBytes,
  heading,
  kpiLine,
  subheading,
  subtle,
  text,
  toneColor,
} from './common.js';
import { CARD_BUDGET_BYTES, type PackInput, packCards, partLabel } from './fit.js';

/** Blockers and wins are read at a glance in a summary; the full text stays in the check-in. */
export const ITEM_MAX_CHARS = 280;
/** At-risk goals and breaches shown before "more"; the full lists are in the details. */
export const VISIBLE_ITEMS = 5;

const clip = (s: string) => (s.length > ITEM_MAX_CHARS ? `${s.slice(0, ITEM_MAX_CHARS - 1)}…` : s);

/** One line per KPI: label, actual / target, attainment in its tone. */
function kpiRow(line: KpiLine): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'stretch', items: [text(line.label)] },
      { type: 'Column', width: 'auto', items: [text(`${line.actualText} / ${line.targetText}`)] },
      {
        type: 'Column',
        width: 'auto',
        items: [text(line.attainmentText, { weight: 'Bolder', color: toneColor(line.tone) })],
      },
    ],
  };
}

/** A button that opens `body` below the card. */
function showCard(title: string, body: CardElement[]): CardElement {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body } };
}

/** The summary as head + groups, also embedded in a manager's "me" card. */
export function standupSections(v: StandupSummaryView, withHeading = true): PackInput {
  const L = v.locale;
  const none = t(L, 'value.none');
  const groups: CardElement[][] = [];
  const capped = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    const shown = items.slice(0, VISIBLE_ITEMS);
    const more = items.length - shown.length;
    groups.push([
      subheading(title),
      bullets(shown),
      ...(more > 0 ? [subtle(t(L, 'chat.standup.more', { n: more }))] : []),
    ]);
  };
  if (v.missing.length > 0) groups.push([subheading(t(L, 'chat.standup.missing')), text(v.missing.join(', '))]);
  // A KPI nobody reported yet says nothing row by row: one line names them all.
  const withData = v.totals.filter((l) => l.actualText !== none);
  const withoutData = v.totals.filter((l) => l.actualText === none);
  if (v.totals.length > 0) {
    groups.push([subheading(t(L, 'chat.standup.totals')), ...withData.map(kpiRow)]);
    if (withoutData.length > 0)
      groups.push([subtle(t(L, 'chat.standup.noData', { kpis: withoutData.map((l) => l.label).join(', ') }))]);
  }
  capped(t(L, 'chat.standup.atRisk'), v.atRisk);
  capped(t(L, 'chat.standup.breaches'), v.breaches);

  const details: CardElement[] = [];
  if (withData.length > 0) details.push(...withData.map((l) => kpiLine(l)));
  if (v.atRisk.length > VISIBLE_ITEMS) details.push(subheading(t(L, 'chat.standup.atRisk')), bullets(v.atRisk));
  if (v.breaches.length > VISIBLE_ITEMS) details.push(subheading(t(L, 'chat.standup.breaches')), bullets(v.breaches));
  const people = (list: StandupSummaryView['blockers']) => list.map((b) => text(`**${b.name}**: ${clip(b.text)}`));
  const panels = [
    ...(details.length > 0 ? [showCard(t(L, 'chat.standup.details'), details)] : []),
    ...(v.blockers.length > 0
      ? [showCard(`${t(L, 'chat.standup.blockers')} (${v.blockers.length})`, people(v.blockers))]
      : []),
    ...(v.wins.length > 0 ? [showCard(`${t(L, 'chat.standup.wins')} (${v.wins.length})`, people(v.wins))] : []),
  ];
  // One row of buttons; a big team's panels each get their own row, so the packer can split them.
  const row = (actions: CardElement[]): CardElement => ({ type: 'ActionSet', spacing: 'Medium', actions });
  if (panels.length > 0) {
    const together = row(panels);
    if (cardBytes({ type: 'AdaptiveCard', $schema: '', version: '1.5', body: [together] }) <= CARD_BUDGET_BYTES / 2)
      groups.push([together]);
    else for (const p of panels) groups.push([row([p])]);
  }
  return {
    head: (part, total) => [
      ...(withHeading ? [heading(partLabel(v.title, part, total))] : [subheading(partLabel(v.title, part, total))]),
      subtle(v.periodLabel),
      text(`${bar(v.completion)} ${v.completionText}`),
    ],
    groups,
    fallbackText: v.text,
  };
}

export function standupCards(v: StandupSummaryView) {
  return packCards(standupSections(v));
}
