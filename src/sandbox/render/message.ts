// One chat message of the sandbox page: who posted it and when (in the viewer's zone and language), the
// rendered view or the typed text, and — on channel posts — the reactions with a picker to add one.
import type { Locale } from '../../core/domain/model.js';
import { formatDateTime } from '../../core/i18n/format.js';
import { t } from '../../core/i18n/index.js';
import type { SandboxMessage } from '../threads.js';
import { emojiGlyph, REACTION_CHOICES } from './emoji.js';
import { html, type SafeHtml } from './html.js';
import { type RenderOptions, renderView } from './render.js';

export interface Viewer {
  readonly memberId: string;
  readonly locale: Locale;
  readonly timezone: string;
  /** Member id -> display name, for the authors of typed messages and reaction tooltips. */
  readonly names: ReadonlyMap<string, string>;
}

function reactions(m: SandboxMessage, viewer: Viewer): SafeHtml {
  const chips = Object.entries(m.reactions).map(([emoji, who]) => {
    const mine = who.includes(viewer.memberId);
    const names = who.map((id) => viewer.names.get(id) ?? id).join(', ');
    return html`<button type="button" class="reaction${mine ? ' mine' : ''}" data-react="${emoji}" data-added="${mine ? 'false' : 'true'}" aria-pressed="${mine ? 'true' : 'false'}" title="${names}"><span class="glyph">${emojiGlyph(emoji)}</span> <span class="count">${who.length}</span></button>`;
  });
  const picker = REACTION_CHOICES.map(
    (e) =>
      html`<button type="button" class="pick" data-react="${e}" data-added="true" title=":${e}:">${emojiGlyph(e)}</button>`,
  );
  return html`<div class="reactions">${chips}<details class="add-reaction"><summary title="${t(viewer.locale, 'sandbox.react')}" aria-label="${t(viewer.locale, 'sandbox.react')}">☺+</summary><div class="picker">${picker}</div></details></div>`;
}

export function renderMessage(m: SandboxMessage, viewer: Viewer, opts: RenderOptions): SafeHtml {
  const bot = m.authorId === null;
  const author = bot
    ? t(viewer.locale, 'sandbox.bot')
    : m.authorId === viewer.memberId
      ? t(viewer.locale, 'sandbox.you')
      : (viewer.names.get(m.authorId) ?? m.authorId);
  const when = formatDateTime(viewer.locale, m.at, viewer.timezone);
  const body = bot ? renderView(m.view, opts) : html`<div class="typed">${m.text ?? ''}</div>`;
  const type =
    bot && typeof m.view === 'object' && m.view !== null ? String((m.view as { type?: unknown }).type) : undefined;
  const caption = type ? opts.captionFor?.(type) : undefined;
  return html`<div class="msg ${bot ? 'msg-bot' : 'msg-user'}" id="msg-${m.id}" data-message="${m.id}"${bot && typeof m.view === 'object' && m.view !== null ? html` data-view="${String((m.view as { type?: unknown }).type)}"` : ''}>
<div class="msg-meta"><span class="author">${author}</span> <time datetime="${m.at}">${when}</time>${m.editedAt ? html` <span class="edited">${t(viewer.locale, 'sandbox.edited')}</span>` : ''}</div>
<div class="msg-body">${body}</div>
${caption ? html`<p class="caption">${caption}</p>` : ''}
${bot && m.thread.startsWith('channel:') ? reactions(m, viewer) : ''}
</div>`;
}
