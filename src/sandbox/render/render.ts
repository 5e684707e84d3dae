// Renders any neutral view (core/view-models.ts) as an HTML fragment for the sandbox page, through one
// function per view type (SANDBOX_RENDERERS, the core's renderer contract). Views are stored as JSON and
// come from outside the page, so an unknown or malformed one shows as its plain text.
import type { Locale } from '../../core/domain/model.js';
import { formatDate } from '../../core/i18n/format.js';
import { isView } from '../../core/view-models.js';
import { renderWith, type ViewRenderers } from '../../core/view-renderers.js';
import { type CrmImportNote, isCrmImportNote } from '../crm-import.js';
import { st } from '../i18n.js';
import { renderBreachNudge, renderEscalation } from './breach.js';
import { renderCheckInConfirmation, renderCheckInForm, renderCheckInPrompt, renderReminder } from './check-in.js';
import { renderDecisionForm } from './decision.js';
import { renderMyGoals } from './goals.js';
import type { SafeHtml } from './html.js';
import { renderLeaderboard, renderMyRank } from './leaderboard.js';
import { renderNotice } from './notice.js';
import { card, paragraph } from './parts.js';
import { renderCollectiveProgress } from './progress.js';
import { renderMonthlyReview, renderQbr } from './review.js';
import { renderStandup, type StandupLabels } from './standup.js';
import { renderTargetForm } from './target.js';

export interface RenderOptions {
  readonly standupLabels: StandupLabels;
  readonly chartUrl?: (id: string) => string | undefined;
  /** A form's instance id (idempotency of its submission). */
  readonly formId?: string;
  /** The viewer's language, for the sandbox's own notes (a CRM import). */
  readonly locale?: Locale;
  /** The one-line caption under a bot message of this view type (what ritual, when for real). */
  readonly captionFor?: (viewType: string) => string | undefined;
}

function plain(value: unknown): SafeHtml {
  const text =
    typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
      ? (value as { text: string }).text
      : '';
  return card('plain', undefined, paragraph(text || '…'));
}

function crmImport(n: CrmImportNote, locale: Locale): SafeHtml {
  const days =
    n.from === n.to ? formatDate(locale, n.from) : `${formatDate(locale, n.from)} – ${formatDate(locale, n.to)}`;
  const body = st(locale, 'crm.body', {
    team: n.teamName ?? n.teamId,
    days,
    total: n.total,
    inserted: n.inserted,
    updated: n.updated,
  });
  return card('crm-import', st(locale, 'crm.title'), paragraph(body));
}

/** The HTML of each view type. */
export const SANDBOX_RENDERERS: ViewRenderers<SafeHtml, RenderOptions> = {
  checkin_prompt: (v) => renderCheckInPrompt(v),
  checkin_form: (v, opts) => renderCheckInForm(v, opts.formId ?? ''),
  checkin_confirmation: (v) => renderCheckInConfirmation(v),
  checkin_reminder: (v) => renderReminder(v),
  leaderboard: (v) => renderLeaderboard(v),
  my_rank: (v) => renderMyRank(v),
  collective_progress: (v) => renderCollectiveProgress(v),
  breach_nudge: (v) => renderBreachNudge(v),
  escalation: (v) => renderEscalation(v),
  standup_summary: (v, opts) => renderStandup(v, opts.standupLabels),
  monthly_review: (v, opts) => renderMonthlyReview(v, opts.chartUrl),
  qbr: (v, opts) => renderQbr(v, opts.chartUrl),
  my_goals: (v, opts) => renderMyGoals(v, opts.standupLabels),
  decision_form: (v, opts) => renderDecisionForm(v, opts.formId ?? ''),
  target_form: (v, opts) => renderTargetForm(v, opts.formId ?? ''),
  notice: (v) => renderNotice(v),
};

export function renderView(value: unknown, opts: RenderOptions): SafeHtml {
  // The sandbox's own admin notes (a CRM import) sit in the threads beside the bot's views.
  if (isCrmImportNote(value)) return crmImport(value, opts.locale ?? 'en');
  if (!isView(value)) return plain(value);
  try {
    return renderWith(SANDBOX_RENDERERS, value, opts);
  } catch {
    // A view missing a field must not break the whole thread: show its text.
    return plain(value);
  }
}
