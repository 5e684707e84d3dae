// The sandbox page's script: polls /sandbox/api/state, sends what the member does to the JSON API, and
// shows forms in a dialog. Every fragment it inserts was rendered and escaped by the server.
'use strict';

(() => {
  const body = document.body;
  const member = body.dataset.member;
  const strings = JSON.parse(document.getElementById('sb-strings').textContent || '{}');
  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const dialog = $('dialog');
  const dialogBody = $('dialog-body');
  const toast = $('toast');
  const seenKey = `sandbox-seen:${member}`;
  const seen = JSON.parse(localStorage.getItem(seenKey) || '{}');
  const threadLinks = () => [...document.querySelectorAll('[data-thread]')];
  let active = decodeURIComponent(location.hash.slice(1)) || (threadLinks()[0] && threadLinks()[0].dataset.thread);
  let version = null;
  let polling = false;
  let toastTimer;

  function showToast(text, isError) {
    toast.textContent = text;
    toast.hidden = false;
    toast.className = isError ? 'error' : '';
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), isError ? 8000 : 6000);
  }

  async function api(path, payload) {
    const res = await fetch(`/sandbox/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ member, ...payload }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }

  function markActive() {
    for (const a of threadLinks()) a.classList.toggle('active', a.dataset.thread === active);
    const isDm = active && active.startsWith('dm:');
    $('composer').hidden = !isDm;
    $('channel-note').hidden = isDm;
    const link = threadLinks().find((a) => a.dataset.thread === active);
    if (link) $('thread-title').textContent = link.dataset.title;
  }

  function render(state) {
    $('clock-now').textContent = state.nowText;
    if (state.unchanged) return;
    version = state.version;
    for (const th of state.threads) {
      const link = threadLinks().find((a) => a.dataset.thread === th.id);
      if (!link) continue;
      if (th.id === active) seen[th.id] = th.count;
      const badge = link.querySelector('.unread');
      const fresh = th.count - (seen[th.id] || 0);
      badge.hidden = fresh <= 0;
      badge.textContent = fresh > 0 ? String(fresh) : '';
    }
    localStorage.setItem(seenKey, JSON.stringify(seen));
    if (!state.thread) return;
    // A thread this member cannot see (an old link): the server answered with their first one.
    if (state.thread.id !== active) {
      active = state.thread.id;
      markActive();
    }
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
    const switched = messages.dataset.thread !== state.thread.id;
    messages.dataset.thread = state.thread.id;
    if (state.thread.empty) {
      messages.innerHTML = '';
      const p = document.createElement('p');
      p.className = 'empty muted';
      p.textContent = strings['sandbox.empty'];
      messages.appendChild(p);
    } else {
      messages.innerHTML = state.thread.html;
    }
    if (atBottom || switched) messages.scrollTop = messages.scrollHeight;
  }

  async function poll(force) {
    if (polling) return;
    polling = true;
    try {
      const v = force || version === null ? '' : `&v=${version}`;
      const res = await fetch(`/sandbox/api/state?member=${encodeURIComponent(member)}&thread=${encodeURIComponent(active)}${v}`);
      if (res.ok) render(await res.json());
    } catch {
      // The server may be restarting: the next poll tries again.
    } finally {
      polling = false;
    }
  }

  function refresh() {
    version = null;
    return poll(true);
  }

  function openDialog(html) {
    dialogBody.innerHTML = html;
    if (!dialog.open) dialog.showModal();
    const first = dialogBody.querySelector('[aria-invalid="true"]') || dialogBody.querySelector('input:not([type=hidden]), textarea');
    if (first) first.focus();
  }

  async function handle(outcome) {
    if (outcome.dialog) openDialog(outcome.dialog.html);
    else if (dialog.open) dialog.close();
    await refresh();
  }

  async function run(fn) {
    try {
      await fn();
    } catch {
      showToast(strings['sandbox.error'], true);
    }
  }

  const sendCommand = (text) => run(async () => handle(await api('command', { text })));

  function formPayload(form) {
    const data = new FormData(form);
    const payload = { formId: form.dataset.formId, metadata: String(data.get('metadata') || '') };
    if (form.dataset.form === 'checkin') {
      payload.numbers = {};
      for (const [name, value] of data.entries()) {
        if (name.startsWith('number:')) payload.numbers[name.slice(7)] = String(value);
        if (name === 'text:wins' && value !== '') payload.wins = String(value);
        if (name === 'text:blockers' && value !== '') payload.blockers = String(value);
      }
    } else if (form.dataset.form === 'target') {
      payload.target = String(data.get('target') || '');
      if (data.get('reason')) payload.reason = String(data.get('reason'));
    } else {
      payload.kind = String(data.get('kind') || '');
      payload.text = String(data.get('text') || '');
    }
    return payload;
  }

  dialog.addEventListener('submit', (e) => {
    const form = e.target.closest('form[data-form]');
    if (!form) return;
    e.preventDefault();
    const path = { checkin: 'checkin', decision: 'decision', target: 'target' }[form.dataset.form];
    run(async () => handle(await api(path, formPayload(form))));
  });

  document.addEventListener('click', (e) => {
    const el = e.target.closest('button, a');
    if (!el) return;
    if (el.matches('[data-close-dialog]')) return dialog.close();
    if (el.matches('[data-thread]')) {
      e.preventDefault();
      active = el.dataset.thread;
      history.replaceState(null, '', `#${encodeURIComponent(active)}`);
      markActive();
      return void refresh();
    }
    if (el.matches('[data-command]')) return void sendCommand(el.dataset.command);
    if (el.matches('[data-open-ooo]')) {
      $('ooo-form').hidden = !$('ooo-form').hidden;
      return;
    }
    const msg = el.closest('[data-message]');
    if (el.matches('[data-action]')) {
      return void run(async () =>
        handle(await api('action', { action: el.dataset.action, value: el.dataset.value || '', message: msg ? msg.dataset.message : undefined })),
      );
    }
    if (el.matches('[data-react]') && msg) {
      const details = el.closest('details');
      if (details) details.open = false;
      return void run(async () => {
        await api('reaction', { message: msg.dataset.message, emoji: el.dataset.react, added: el.dataset.added === 'true' });
        await refresh();
      });
    }
    if (el.matches('[data-advance]')) {
      const buttons = document.querySelectorAll('[data-advance], [data-reset]');
      buttons.forEach((b) => (b.disabled = true));
      showToast(strings['sandbox.working']);
      return void run(async () => {
        try {
          const out = await api('clock', { advance: el.dataset.advance, ritual: $('next-ritual').value || undefined });
          showToast(out.message);
          $('clock-now').textContent = out.nowText;
          await refresh();
        } finally {
          buttons.forEach((b) => (b.disabled = false));
        }
      });
    }
    if (el.matches('[data-reset]')) {
      if (!confirm(strings['sandbox.resetConfirm'])) return;
      return void run(async () => {
        const out = await api('reset', {});
        localStorage.removeItem(seenKey);
        for (const k of Object.keys(seen)) delete seen[k];
        showToast(out.message);
        await refresh();
      });
    }
  });

  $('command-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('command-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    sendCommand(text);
  });

  $('ooo-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    e.target.hidden = true;
    sendCommand(`ooo ${data.get('from')} ${data.get('to')}`);
  });

  $('member-picker').addEventListener('change', (e) => {
    location.href = `/?member=${encodeURIComponent(e.target.value)}`;
  });

  markActive();
  refresh();
  setInterval(() => {
    if (!document.hidden) poll(false);
  }, 1500);
})();
