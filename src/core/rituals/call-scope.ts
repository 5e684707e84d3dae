// One report memo per use-case call or engine operation: `scoped` gives a call its own, and every use
// case reaches the reports through `reportsOf`, so what one call computes is shared within it only.
import type { CoreContext } from './deps.js';
import { ReportMemo } from './queries/report-memo.js';

/** The call's report memo (a fresh one, shared by nobody, when the context has none). */
export function reportsOf(ctx: CoreContext): ReportMemo {
  return ctx.memo ?? new ReportMemo(ctx);
}

/** The context of one call or operation, with its own report memo. */
export function scoped(ctx: CoreContext): CoreContext {
  return { ...ctx, memo: new ReportMemo(ctx) };
}
