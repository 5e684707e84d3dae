// Block Kit for the collective-progress post: each team KPI against its target and alert threshold,
// with its projection and owner.
import type { CollectiveProgressView, CollectiveRowView } from '../../core/view-models.js';
import { context, divider, esc, header, kpiLineText, listBlocks } from './common.js';
import { type Block, LIMITS } from './limits.js';

function rowText(r: CollectiveRowView): string {
  return `${kpiLineText(r.line)}\n${esc(r.alertText)} · ${esc(r.ownerName)}`;
}

export function collectiveProgressBlocks(v: CollectiveProgressView): Block[] {
  return [
    header(v.title),
    context(esc(v.periodLabel)),
    divider(),
    // One section per objective reads better than packed lines; listBlocks still packs when there are many.
    ...listBlocks(v.rows.map(rowText), LIMITS.blocks.message - 3, v.locale),
  ].filter((b): b is Block => b !== undefined);
}
