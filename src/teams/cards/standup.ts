// The manager's stand-up summary: completion, who is missing, totals vs targets, at-risk goals,
// breaches, blockers and wins; split over several cards beyond 28 KB.
import { t } from '../../core/i18n/index.js';
import type { StandupSummaryView } from '../../core/views.js';
import { bar, bullets, heading, kpiLine, subheading, subtle, text, type CardElement } from './common.js';
import { packCards, partLabel, type PackInput } from './fit.js';

/** Blockers and wins are read at a glance in a summary; the full text stays in the check-in. */
export const ITEM_MAX_CHARS = 280;

const clip = (s: string) => (s.length > ITEM_MAX_CHARS ? `${s.slice(0, ITEM_MAX_CHARS - 1)}…` : s);

/** The summary as head + groups, also embedded in a manager's "me" card. */
export function standupSections(v: StandupSummaryView, withHeading = true): PackInput {
  const L = v.locale;
  const groups: CardElement[][] = [];
  const section = (title: string, items: CardElement[]) => {
    if (items.length === 0) return;
    groups.push([subheading(title), items[0]!]);
    for (const el of items.slice(1)) groups.push([el]);
  };
  section(t(L, 'chat.standup.missing'), v.missing.length > 0 ? [text(v.missing.join(', '))] : []);
  section(t(L, 'chat.standup.totals'), v.totals.map((l) => kpiLine(l)));
  section(t(L, 'chat.standup.atRisk'), v.atRisk.length > 0 ? [bullets(v.atRisk)] : []);
  section(t(L, 'chat.standup.breaches'), v.breaches.length > 0 ? [bullets(v.breaches)] : []);
  section(t(L, 'chat.standup.blockers'), v.blockers.map((b) => text(`**${b.name}**: ${clip(b.text)}`)));
  section(t(L, 'chat.standup.wins'), v.wins.map((w) => text(`**${w.name}**: ${clip(w.text)}`)));
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
