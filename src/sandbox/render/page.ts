// The sandbox page shell, server-rendered in the chosen member's language: a skip link to the check-in,
// the language switch, the clock controls with the notice line under them (never over them), the
// "Start here" steps, the member picker, their threads and an empty chat pane that sandbox.js fills
// from /sandbox/api/state.
import type { Locale, RitualId, Workspace } from '../../core/domain/model.js';
import { type MessageKey, t } from '../../core/i18n/index.js';
import { type SandboxKey, st } from '../i18n.js';
import { html, raw, type SafeHtml } from './html.js';

export interface PageModel {
  readonly workspace: Workspace;
  readonly memberId: string;
  readonly locale: Locale;
  readonly threads: readonly {
    readonly id: string;
    readonly title: string;
    readonly kind: 'dm' | 'channel' | 'admin';
  }[];
  readonly nowText: string;
  /** Rituals enabled in at least one team (the "next:" choices). */
  readonly rituals: readonly RitualId[];
  readonly isManager: boolean;
  /** Members without a role (managers, observers) have no check-in. */
  readonly hasRole: boolean;
}

const CLIENT_STRINGS: readonly MessageKey[] = [
  'sandbox.error',
  'sandbox.resetConfirm',
  'sandbox.empty',
  'sandbox.moved',
  'sandbox.nothingDue',
  'sandbox.working',
];
const CLIENT_SANDBOX_STRINGS: readonly SandboxKey[] = [
  'travel.go',
  'travel.cancel',
  'start.done',
  'notice.close',
  'empty.dm',
];

export const ritualKey = (r: RitualId): MessageKey => `sandbox.ritual.${r}` as MessageKey;

/** JSON in a non-executed script element: `<` is escaped so the text can never close the element. */
function jsonData(id: string, data: unknown): SafeHtml {
  return raw(`<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
}

function memberPicker(m: PageModel): SafeHtml {
  return html`<select id="member-picker" name="member">${m.workspace.teams.map(
    (team) =>
      html`<optgroup label="${team.name}">${team.members.map((mem) => {
        const role = mem.role
          ? (m.workspace.roles[mem.role]?.label[m.locale] ?? mem.role)
          : team.managers.includes(mem.id)
            ? t(m.locale, 'sandbox.manager')
            : '';
        return html`<option value="${mem.id}"${mem.id === m.memberId ? html` selected` : ''}>${mem.name}${role ? ` — ${role}` : ''}</option>`;
      })}</optgroup>`,
  )}</select>`;
}

function quickActions(m: PageModel): SafeHtml {
  const L = (k: MessageKey) => t(m.locale, k);
  // `data-command` names the command; `data-text` is what the member "types", in their language.
  const cmd = (id: string, key: SandboxKey) => html`data-command="${id}" data-text="${st(m.locale, key)}"`;
  return html`<div class="quick">
${m.hasRole ? html`<button type="button" class="btn" id="quick-checkin" ${cmd('checkin', 'cmd.checkin')}>${L('sandbox.quick.checkin')}</button>` : ''}
<button type="button" class="btn" ${cmd('me', 'cmd.me')}>${L('sandbox.quick.goals')}</button>
${m.isManager ? html`<button type="button" class="btn" id="quick-standup" ${cmd('standup', 'cmd.standup')}>${L('sandbox.quick.standup')}</button>` : ''}
<button type="button" class="btn" data-open-ooo aria-controls="ooo-form" aria-expanded="false">${L('sandbox.quick.ooo')}</button>
<button type="button" class="btn" ${cmd('help', 'cmd.help')}>${L('sandbox.quick.help')}</button>
</div>
<form id="ooo-form" class="ooo" hidden data-ooo="${st(m.locale, 'cmd.ooo')}">
<label>${L('sandbox.ooo.from')} <input type="date" name="from" required></label>
<label>${L('sandbox.ooo.to')} <input type="date" name="to" required></label>
<button type="submit" class="btn btn-primary">${L('sandbox.ooo.submit')}</button>
<button type="button" class="btn" ${cmd('ooo off', 'cmd.oooOff')}>${L('sandbox.ooo.cancel')}</button>
</form>`;
}

/** The language switch: each language opens a rep of a team speaking it. */
function languageSwitch(m: PageModel): SafeHtml {
  return html`<nav class="lang" aria-label="${st(m.locale, 'lang.label')}">${(['en', 'fr'] as const).map((l) =>
    l === m.locale
      ? html`<a href="/?lang=${l}" lang="${l}" hreflang="${l}" aria-current="true">${st(l, `lang.${l}`)}</a>`
      : html`<a href="/?lang=${l}" lang="${l}" hreflang="${l}">${st(l, `lang.${l}`)}</a>`,
  )}</nav>`;
}

/** "Start here": three steps, each a button that does it (sandbox.js remembers them and the panel). */
function startPanel(m: PageModel): SafeHtml {
  const S = (k: SandboxKey, p?: Record<string, string>) => st(m.locale, k, p);
  const me = m.workspace.teams
    .flatMap((team) => team.members.map((mem) => ({ mem, team })))
    .find((x) => x.mem.id === m.memberId);
  const role = me?.mem.role ? (m.workspace.roles[me.mem.role]?.label[m.locale] ?? me.mem.role) : '';
  const intro = m.hasRole
    ? S('start.intro', { name: me?.mem.name ?? '', role, team: me?.team.name ?? '' })
    : S('start.introManager', { name: me?.mem.name ?? '', team: me?.team.name ?? '' });
  const channel = m.threads.find((th) => th.kind === 'channel')?.id ?? '';
  const first = m.hasRole
    ? html`<button type="button" class="btn btn-primary" data-step="checkin" data-text="${S('cmd.checkin')}">${S('start.step.checkin')}</button>`
    : html`<button type="button" class="btn btn-primary" data-step="standup" data-text="${S('cmd.standup')}">${S('start.step.standup')}</button>`;
  return html`<section class="start" id="start-panel" aria-labelledby="start-title" hidden>
  <div class="start-head"><h2 id="start-title">${S('start.title')}</h2><button type="button" class="btn btn-small" data-start-hide>${S('start.hide')}</button></div>
  <p class="start-intro">${intro}</p>
  <ol class="steps">
    <li>${first} <span class="step-done" data-done-for="${m.hasRole ? 'checkin' : 'standup'}" hidden>✓ ${S('start.done')}</span></li>
    <li><button type="button" class="btn" data-step="leaderboard" data-thread-after="${channel}">${S('start.step.leaderboard')}</button> <span class="step-done" data-done-for="leaderboard" hidden>✓ ${S('start.done')}</span></li>
    <li><button type="button" class="btn" data-step="review" data-thread-after="${channel}">${S('start.step.review')}</button> <span class="step-done" data-done-for="review" hidden>✓ ${S('start.done')}</span></li>
  </ol>
</section>`;
}

export function renderPage(m: PageModel): string {
  const L = (k: MessageKey) => t(m.locale, k);
  const S = (k: SandboxKey) => st(m.locale, k);
  const strings = {
    ...Object.fromEntries(CLIENT_STRINGS.map((k) => [k, L(k)])),
    ...Object.fromEntries(CLIENT_SANDBOX_STRINGS.map((k) => [k, S(k)])),
  };
  const icon = (kind: string) => (kind === 'dm' ? '@' : kind === 'channel' ? '#' : '⚙');
  return `<!doctype html>\n${
    html`<html lang="${m.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L('sandbox.title')} — ${m.workspace.name}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sandbox/static/sandbox.css">
<script src="/sandbox/static/sandbox.js" defer></script>
</head>
<body data-member="${m.memberId}" data-locale="${m.locale}">
${m.hasRole ? html`<a class="skip-link" href="#quick-checkin" data-skip="quick-checkin">${S('skip.checkin')}</a>` : html`<a class="skip-link" href="#command-input" data-skip="command-input">${S('skip.messages')}</a>`}
<header class="topbar">
  <div class="brand"><b>${L('sandbox.title')}</b> <span class="muted">${m.workspace.name}</span></div>
  ${languageSwitch(m)}
  <div class="clock" aria-live="polite"><span class="muted">${L('sandbox.clock')}</span> <time id="clock-now">${m.nowText}</time></div>
  <div class="clock-controls" role="group" aria-label="${S('clock.controls')}">
    <label class="muted" for="next-ritual">${L('sandbox.next')}</label>
    <select id="next-ritual"><option value="">${L('sandbox.anyRitual')}</option>${m.rituals.map((r) => html`<option value="${r}">${L(ritualKey(r))}</option>`)}</select>
    <button type="button" class="btn btn-primary" data-advance="next">${L('sandbox.advance.next')}</button>
    <button type="button" class="btn" data-advance="day">${L('sandbox.advance.day')}</button>
    <button type="button" class="btn" data-advance="week">${L('sandbox.advance.week')}</button>
    <button type="button" class="btn btn-danger" data-reset>${L('sandbox.reset')}</button>
  </div>
</header>
<div class="notice-bar" id="notice" role="status" aria-live="polite" hidden><p id="notice-text"></p><div class="notice-actions" id="notice-actions"></div><button type="button" class="btn btn-small" data-close-notice>${S('notice.close')}</button></div>
${startPanel(m)}
<div class="layout">
  <aside class="sidebar">
    <label class="picker-label" for="member-picker">${L('sandbox.member')}</label>
    ${memberPicker(m)}
    <nav class="threads" id="thread-list" aria-label="${S('nav.threads')}">${m.threads.map(
      (th, i) =>
        html`<a href="#${th.id}" class="thread${i === 0 ? ' active' : ''}" data-thread="${th.id}" data-title="${th.title}"${i === 0 ? html` aria-current="page"` : ''}><span class="thread-icon" aria-hidden="true">${icon(th.kind)}</span> ${th.title} <span class="unread" hidden></span></a>`,
    )}</nav>
    <p class="hint muted small">${L('sandbox.hint')}</p>
    <button type="button" class="btn btn-small" data-start-show hidden>${S('start.show')}</button>
  </aside>
  <main class="chat" id="chat">
    <h1 class="thread-head" id="thread-title">${m.threads[0]?.title ?? ''}</h1>
    <div class="messages" id="messages" aria-live="polite" tabindex="-1"></div>
    <div class="composer" id="composer">
      ${quickActions(m)}
      <form id="command-form" class="command"><input id="command-input" name="text" autocomplete="off" placeholder="${L('sandbox.placeholder')}" aria-label="${L('sandbox.placeholder')}"><button type="submit" class="btn btn-primary">${L('sandbox.send')}</button></form>
    </div>
    <p class="channel-note muted small" id="channel-note" data-channel="${L('sandbox.channelNote')}" data-admin="${S('admin.note')}" hidden>${L('sandbox.channelNote')}</p>
  </main>
</div>
<dialog id="dialog"><div id="dialog-body"></div></dialog>
${jsonData('sb-strings', strings)}
</body>
</html>`.value
  }\n`;
}
