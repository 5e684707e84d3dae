// The contract every renderer (Slack Block Kit, Teams Adaptive Cards, the sandbox's HTML) signs: one
// function per view type, in a table keyed by every ViewType. A view added to view-models.ts is then a
// compile error in each renderer until it draws it.
import type { View, ViewType } from './view-models.js';

/** The view of one type, e.g. `ViewOf<'notice'>` is `NoticeView`. */
export type ViewOf<T extends ViewType> = Extract<View, { readonly type: T }>;

/** One render function per view type; `Opts` is what the platform passes along (chart images, form ids...). */
export type ViewRenderers<Out, Opts = undefined> = { readonly [T in ViewType]: (view: ViewOf<T>, opts: Opts) => Out };

/** Renders a view with the table's function for its type. */
export function renderWith<Out, Opts>(renderers: ViewRenderers<Out, Opts>, view: View, opts: Opts): Out {
  // The table is keyed by type, so its function for `view.type` takes exactly this view.
  const render = renderers[view.type] as (view: View, opts: Opts) => Out;
  return render(view, opts);
}
