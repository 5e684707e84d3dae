// Renders any neutral view (core/view-models.ts) as an HTML fragment for the sandbox page. Views are stored as
// JSON and come from outside the page, so an unknown or malformed one shows as its plain text.
import type { Locale } from '../../core/domain/model.js';
import { formatDate } from '../../core/i18n/format.js';
import type { NoticeView, View } from '../../core/view-models.js';
import type { CrmImportNote } from '../crm-import.js';
import { st } from '../i18n.js';
import { renderCheckInConfirmation, renderCheckInPrompt, renderReminder } from './check-in.js';
import { renderBreachNudge, renderEscalation, renderMonthlyReview, renderQbr } from './review.js';
import { renderCheckInForm, renderDecisionForm, renderTargetForm } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { renderLeaderboard, renderMyRank } from './leaderboard.js';
import { bulletList, card, paragraph } from './parts.js';
import { renderCollectiveProgress, renderMyGoals, renderStandup, type StandupLabels } from './standup.js';

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

export function isView(value: unknown): value is View {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function plain(value: unknown): SafeHtml {
  const text = typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string' ? (value as { text: string }).text : '';
  return card('plain', undefined, paragraph(text || '…'));
}

/** A notice's body; several lines (the help) become a list, each command in code. */
function noticeBody(v: NoticeView): SafeHtml {
  const lines = v.body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return paragraph(v.body);
  return html`<ul class="notice-list">${lines.map((l) => {
    const i = l.indexOf(' — ');
    return i > 0 ? html`<li><code>${l.slice(0, i)}</code> — ${l.slice(i + 3)}</li>` : html`<li>${l}</li>`;
  })}</ul>`;
}

function crmImport(n: CrmImportNote, locale: Locale): SafeHtml {
  const days = n.from === n.to ? formatDate(locale, n.from) : `${formatDate(locale, n.from)} – ${formatDate(locale, n.to)}`;
  const body = st(locale, 'crm.body', { team: n.teamName ?? n.teamId, days, total: n.total, inserted: n.inserted, updated: n.updated });
  return card('crm-import', st(locale, 'crm.title'), paragraph(body));
}

export function renderView(value: unknown, opts: RenderOptions): SafeHtml {
  if (!isView(value)) return plain(value);
  if ((value as { type: string }).type === 'crm_import') return crmImport(value as unknown as CrmImportNote, opts.locale ?? 'en');
  const v = value;
  try {
    switch (v.type) {
      case 'checkin_prompt':
        return renderCheckInPrompt(v);
      case 'checkin_form':
        return renderCheckInForm(v, opts.formId ?? '');
      case 'checkin_confirmation':
        return renderCheckInConfirmation(v);
      case 'checkin_reminder':
        return renderReminder(v);
      case 'leaderboard':
        return renderLeaderboard(v);
      case 'my_rank':
        return renderMyRank(v);
      case 'collective_progress':
        return renderCollectiveProgress(v);
      case 'breach_nudge':
        return renderBreachNudge(v);
      case 'escalation':
        return renderEscalation(v);
      case 'standup_summary':
        return renderStandup(v, opts.standupLabels);
      case 'monthly_review':
        return renderMonthlyReview(v, opts.chartUrl);
      case 'qbr':
        return renderQbr(v, opts.chartUrl);
      case 'my_goals':
        return renderMyGoals(v, opts.standupLabels);
      case 'decision_form':
        return renderDecisionForm(v, opts.formId ?? '');
      case 'target_form':
        return renderTargetForm(v, opts.formId ?? '');
      case 'notice':
        return card(
          `notice notice-${v.tone}`,
          v.title,
          v.items && v.items.length > 0 ? bulletList(v.items, 'notice-list') : noticeBody(v),
          v.tone === 'error' ? 'tone-bad' : v.tone === 'success' ? 'tone-good' : '',
        );
      default:
        return plain(v);
    }
  } catch {
    // A view missing a field must not break the whole thread: show its text.
    return plain(v);
  }
}

