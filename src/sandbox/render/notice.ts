// A notice as HTML: confirmations, help and errors, toned; several lines (the help) become a list.
import type { NoticeView } from '../../core/view-models.js';
import { html, type SafeHtml } from './html.js';
import { bulletList, card, paragraph } from './parts.js';

/** A notice's body; several lines (the help) become a list, each command in code. */
function noticeBody(v: NoticeView): SafeHtml {
  const lines = v.body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return paragraph(v.body);
  return html`<ul class="notice-list">${lines.map((l) => {
    const i = l.indexOf(' — ');
    return i > 0 ? html`<li><code>${l.slice(0, i)}</code> — ${l.slice(i + 3)}</li>` : html`<li>${l}</li>`;
  })}</ul>`;
}

export function renderNotice(v: NoticeView): SafeHtml {
  return card(
    `notice notice-${v.tone}`,
    v.title,
    v.items && v.items.length > 0 ? bulletList(v.items, 'notice-list') : noticeBody(v),
    v.tone === 'error' ? 'tone-bad' : v.tone === 'success' ? 'tone-good' : '',
  );
}
