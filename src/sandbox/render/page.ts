// The sandbox page shell, server-rendered in the chosen member's language: the member picker, their
// threads, the clock controls and an empty chat pane that sandbox.js fills from /sandbox/api/state.
import type { Locale, RitualId, Workspace } from '../../core/domain/model.js';
import { t, type MessageKey } from '../../core/i18n/index.js';
import { html, raw, type SafeHtml } from './html.js';

export interface PageModel {
  readonly workspace: Workspace;
  readonly memberId: string;
  readonly locale: Locale;
  readonly threads: readonly { readonly id: string; readonly title: string; readonly kind: 'dm' | 'channel' }[];
  readonly nowText: string;
  /** Rituals enabled in at least one team (the "next:" choices). */
  readonly rituals: readonly RitualId[];
  readonly isManager: boolean;
  /** Members without a role (managers, observers) have no check-in. */
  readonly hasRole: boolean;
}

const CLIENT_STRINGS: readonly MessageKey[] = ['sandbox.error', 'sandbox.resetConfirm', 'sandbox.empty', 'sandbox.moved', 'sandbox.nothingDue', 'sandbox.working'];

export const ritualKey = (r: RitualId): MessageKey => `sandbox.ritual.${r}` as MessageKey;

/** JSON in a non-executed script element: `<` is escaped so the text can never close the element. */
function jsonData(id: string, data: unknown): SafeHtml {
  return raw(`<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
}

function memberPicker(m: PageModel): SafeHtml {
  return html`<select id="member-picker" name="member">${m.workspace.teams.map(
    (team) => html`<optgroup label="${team.name}">${team.members.map((mem) => {
      const role = mem.role ? (m.workspace.roles[mem.role]?.label[m.locale] ?? mem.role) : team.managers.includes(mem.id) ? t(m.locale, 'sandbox.manager') : '';
      return html`<option value="${mem.id}"${mem.id === m.memberId ? html` selected` : ''}>${mem.name}${role ? ` — ${role}` : ''}</option>`;
    })}</optgroup>`,
  )}</select>`;
}

function quickActions(m: PageModel): SafeHtml {
  const L = (k: MessageKey) => t(m.locale, k);
  return html`<div class="quick">
${m.hasRole ? html`<button type="button" class="btn" data-command="checkin">${L('sandbox.quick.checkin')}</button>` : ''}
<button type="button" class="btn" data-command="me">${L('sandbox.quick.goals')}</button>
${m.isManager ? html`<button type="button" class="btn" data-command="standup">${L('sandbox.quick.standup')}</button>` : ''}
<button type="button" class="btn" data-open-ooo>${L('sandbox.quick.ooo')}</button>
<button type="button" class="btn" data-command="help">${L('sandbox.quick.help')}</button>
</div>
<form id="ooo-form" class="ooo" hidden>
<label>${L('sandbox.ooo.from')} <input type="date" name="from" required></label>
<label>${L('sandbox.ooo.to')} <input type="date" name="to" required></label>
<button type="submit" class="btn btn-primary">${L('sandbox.ooo.submit')}</button>
<button type="button" class="btn" data-command="ooo off">${L('sandbox.ooo.cancel')}</button>
</form>`;
}

export function renderPage(m: PageModel): string {
  const L = (k: MessageKey) => t(m.locale, k);
  const strings = Object.fromEntries(CLIENT_STRINGS.map((k) => [k, L(k)]));
  return `<!doctype html>\n${html`<html lang="${m.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L('sandbox.title')} — ${m.workspace.name}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sandbox/static/sandbox.css">
<script src="/sandbox/static/sandbox.js" defer></script>
</head>
<body data-member="${m.memberId}">
<header class="topbar">
  <div class="brand"><b>${L('sandbox.title')}</b> <span class="muted">${m.workspace.name}</span></div>
  <div class="clock" aria-live="polite"><span class="muted">${L('sandbox.clock')}</span> <time id="clock-now">${m.nowText}</time></div>
  <div class="clock-controls">
    <label class="muted" for="next-ritual">${L('sandbox.next')}</label>
    <select id="next-ritual"><option value="">${L('sandbox.anyRitual')}</option>${m.rituals.map((r) => html`<option value="${r}">${L(ritualKey(r))}</option>`)}</select>
    <button type="button" class="btn btn-primary" data-advance="next">${L('sandbox.advance.next')}</button>
    <button type="button" class="btn" data-advance="day">${L('sandbox.advance.day')}</button>
    <button type="button" class="btn" data-advance="week">${L('sandbox.advance.week')}</button>
    <button type="button" class="btn btn-danger" data-reset>${L('sandbox.reset')}</button>
  </div>
</header>
<div class="layout">
  <aside class="sidebar">
    <label class="picker-label" for="member-picker">${L('sandbox.member')}</label>
    ${memberPicker(m)}
    <nav class="threads" id="thread-list">${m.threads.map(
      (th, i) => html`<a href="#${th.id}" class="thread${i === 0 ? ' active' : ''}" data-thread="${th.id}" data-title="${th.title}"><span class="thread-icon">${th.kind === 'dm' ? '@' : '#'}</span> ${th.title} <span class="unread" hidden></span></a>`,
    )}</nav>
    <p class="hint muted small">${L('sandbox.hint')}</p>
  </aside>
  <main class="chat">
    <div class="thread-head" id="thread-title">${m.threads[0]?.title ?? ''}</div>
    <div class="messages" id="messages" aria-live="polite"></div>
    <div class="composer" id="composer">
      ${quickActions(m)}
      <form id="command-form" class="command"><input id="command-input" name="text" autocomplete="off" placeholder="${L('sandbox.placeholder')}" aria-label="${L('sandbox.placeholder')}"><button type="submit" class="btn btn-primary">${L('sandbox.send')}</button></form>
    </div>
    <p class="channel-note muted small" id="channel-note" hidden>${L('sandbox.channelNote')}</p>
  </main>
</div>
<dialog id="dialog"><div id="dialog-body"></div></dialog>
<div id="toast" role="status" hidden></div>
${jsonData('sb-strings', strings)}
</body>
</html>`.value}\n`;
}

