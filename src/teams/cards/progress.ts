// The collective-progress channel post: each collective KPI against its target and alert threshold,
// with projection and owner; split over several cards beyond 28 KB.
import type { CollectiveProgressView, CollectiveRowView } from '../../core/view-models.js';
import { type AdaptiveCard, type CardElement, heading, kpiLine, subtle } from './common.js';
import { packCards, partLabel } from './fit.js';

function rowElements(r: CollectiveRowView): CardElement[] {
  // The row label names the objective; the KPI line's own label names the KPI.
  const line = r.label && r.label !== r.line.label ? { ...r.line, label: `${r.label} — ${r.line.label}` } : r.line;
  return [kpiLine(line), subtle(`${r.alertText} · ${r.ownerName}`)];
}

export function collectiveProgressCards(v: CollectiveProgressView): AdaptiveCard[] {
  return packCards({
    head: (part, total) => [heading(partLabel(v.title, part, total)), subtle(v.periodLabel)],
    groups: v.rows.map(rowElements),
    fallbackText: v.text,
  });
}
