// Block Kit for the monthly review and the QBR: sections of KPI lines and notes, proposed targets,
// the decision log, chart references, and the decision buttons.

import type { Locale } from '../../core/domain/model.js';
import { t } from '../../core/i18n/index.js';
import type { ChartRef, MonthlyReviewView, QbrView, ReviewSection } from '../../core/view-models.js';
import { buttons, context, divider, esc, fitBlocks, header, kpiLineText, listBlocks, section } from './common.js';
import { type Block, LIMITS } from './limits.js';

function sectionBlocks(s: ReviewSection, locale: Locale): Block[] {
  const items = [...s.lines.map(kpiLineText), ...s.notes.map((n) => `_${esc(n)}_`)];
  return [divider(), section(`*${esc(s.heading)}*`), ...listBlocks(items, 12, locale)];
}

function chartBlocks(charts: readonly ChartRef[], locale: Locale): Block[] {
  if (charts.length === 0) return [];
  // Charts are also described in text (title and alt text): the PNGs follow in the message's thread
  // (see chart-uploads.ts), and the text stays for notifications, screen readers and failed uploads.
  const items = charts.map((c) => `:bar_chart: *${esc(c.title)}* — ${esc(c.altText)}`);
  return [divider(), section(`*${esc(t(locale, 'chat.charts'))}*`), ...listBlocks(items, 3, locale)];
}

export function monthlyReviewBlocks(v: MonthlyReviewView): Block[] {
  return fitBlocks(
    [
      header(v.title),
      context(esc(v.periodLabel)),
      ...v.sections.flatMap((s) => sectionBlocks(s, v.locale)),
      ...chartBlocks(v.charts, v.locale),
      buttons(v.actions),
    ],
    LIMITS.blocks.message,
    v.locale,
  );
}

export function qbrBlocks(v: QbrView): Block[] {
  const L = v.locale;
  const proposals = v.proposals.map(
    (p) => `*${esc(p.label)}*: ${esc(p.currentText)} → *${esc(p.proposedText)}*\n_${esc(p.rationale)}_`,
  );
  const decisions = v.decisions.map((d) => `• ${esc(d.text)} — _${esc(d.statusText)}_ (${esc(d.author)})`);
  return fitBlocks(
    [
      header(v.title),
      context(esc(v.periodLabel)),
      ...v.sections.flatMap((s) => sectionBlocks(s, L)),
      ...(proposals.length > 0
        ? [divider(), section(`*${esc(t(L, 'chat.qbr.proposals'))}*`), ...listBlocks(proposals, 8, L)]
        : []),
      ...(decisions.length > 0
        ? [divider(), section(`*${esc(t(L, 'chat.qbr.decisions'))}*`), ...listBlocks(decisions, 4, L)]
        : []),
      ...chartBlocks(v.charts, L),
      buttons(v.actions),
    ],
    LIMITS.blocks.message,
    L,
  );
}
