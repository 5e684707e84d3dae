// The sandbox page's script: polls /sandbox/api/state, sends what the member does to the JSON API, and
// shows forms in a dialog; runs the "Start here" steps (remembered in localStorage) and shows notices in
// a line under the clock, never over the page. Every fragment it inserts was rendered and escaped by
// the server.

(() => {
  const body = document.body;
  const member = body.dataset.member;
  const strings = JSON.parse(document.getElementById('sb-strings').textContent || '{}');
  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const dialog = $('dialog');
  const dialogBody = $('dialog-body');
  const notice = $('notice');
  const startKey = 'sandbox-start';
  const start = JSON.parse(localStorage.getItem(startKey) || '{"hidden":false,"done":{}}');
  const seenKey = `sandbox-seen:${member}`;
  const seen = JSON.parse(localStorage.getItem(seenKey) || '{}');
  const threadLinks = () => [...document.querySelectorAll('[data-thread]')];
  let active = decodeURIComponent(location.hash.slice(1)) || threadLinks()[0]?.dataset.thread;
  let version = null;
  let polling = false;

  // In the page's flow under the clock controls: it pushes content down and never covers a button.
  function showNotice(text, isError, actions) {
    $('notice-text').textContent = text;
    const box = $('notice-actions');
    box.innerHTML = '';
    for (const a of actions || []) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = a.primary ? 'btn btn-primary btn-small' : 'btn btn-small';
      b.textContent = a.label;
      b.addEventListener('click', a.run);
      box.appendChild(b);
    }
    notice.classList.toggle('error', Boolean(isError));
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
  }

  function saveStart() {
    localStorage.setItem(startKey, JSON.stringify(start));
  }

  function drawStart() {
    $('start-panel').hidden = start.hidden;
    document.querySelector('[data-start-show]').hidden = !start.hidden;
    for (const el of document.querySelectorAll('[data-done-for]')) el.hidden = !start.done[el.dataset.doneFor];
  }

  function stepDone(step) {
    start.done[step] = true;
    saveStart();
    drawStart();
  }

  function openThread(id) {
    if (!id || !threadLinks().some((a) => a.dataset.thread === id)) return;
    active = id;
    history.replaceState(null, '', `#${encodeURIComponent(active)}`);
    markActive();
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
    for (const a of threadLinks()) {
      a.classList.toggle('active', a.dataset.thread === active);
      if (a.dataset.thread === active) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const isDm = active?.startsWith('dm:');
    $('composer').hidden = !isDm;
    $('channel-note').hidden = isDm;
    const note = $('channel-note');
    note.textContent = active?.startsWith('admin:') ? note.dataset.admin : note.dataset.channel;
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
      // An empty DM points at the guided start while it is shown.
      p.textContent =
        state.thread.id.startsWith('dm:') && !start.hidden ? strings['empty.dm'] : strings['sandbox.empty'];
      messages.appendChild(p);
    } else {
      messages.innerHTML = state.thread.html;
    }
    if (atBottom || switched) messages.scrollTop = messages.scrollHeight;
  }

  let again = false;

  async function poll(force) {
    // One poll at a time; a refresh asked meanwhile (another thread opened) runs right after.
    if (polling) {
      if (force) again = true;
      return;
    }
    polling = true;
    try {
      const asked = active;
      const v = force || version === null ? '' : `&v=${version}`;
      const res = await fetch(
        `/sandbox/api/state?member=${encodeURIComponent(member)}&thread=${encodeURIComponent(asked)}${v}`,
      );
      // An answer for a thread the member has left meanwhile is not drawn.
      if (res.ok && asked === active) render(await res.json());
      else if (asked !== active) again = true;
    } catch {
      // The server may be restarting: the next poll tries again.
    } finally {
      polling = false;
    }
    if (again) {
      again = false;
      version = null;
      await poll(true);
    }
  }

  function refresh() {
    version = null;
    return poll(true);
  }

  function openDialog(html) {
    dialogBody.innerHTML = html;
    if (!dialog.open) dialog.showModal();
    const first =
      dialogBody.querySelector('[aria-invalid="true"]') ||
      dialogBody.querySelector('input:not([type=hidden]), textarea');
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
      showNotice(strings['sandbox.error'], true);
    }
  }

  const sendCommand = (text) => run(async () => handle(await api('command', { text })));

  const clockButtons = () => document.querySelectorAll('[data-advance], [data-reset], [data-step]');

  // Moves the clock; a jump of more than a week asks first. Resolves true once the clock moved.
  async function advance(payload) {
    for (const b of clockButtons()) b.disabled = true;
    showNotice(strings['sandbox.working']);
    try {
      const out = await api('clock', payload);
      $('clock-now').textContent = out.nowText;
      if (out.confirm) {
        return await new Promise((resolve) => {
          showNotice(out.confirm.question, false, [
            { label: strings['travel.go'], primary: true, run: () => resolve(advance({ ...payload, confirm: true })) },
            {
              label: strings['travel.cancel'],
              run: () => {
                hideNotice();
                resolve(false);
              },
            },
          ]);
          for (const b of clockButtons()) b.disabled = false;
        });
      }
      showNotice(out.ran ? `${out.message} ${out.ran}` : out.message);
      if (out.thread) openThread(out.thread);
      await refresh();
      return true;
    } finally {
      for (const b of clockButtons()) b.disabled = false;
    }
  }

  async function runStep(el) {
    const step = el.dataset.step;
    if (step === 'checkin' || step === 'standup') {
      openThread(`dm:${member}`);
      await handle(await api('command', { text: el.dataset.text }));
    } else if (step === 'leaderboard') {
      if (!(await advance({ advance: 'next', ritual: 'leaderboard' }))) return;
      openThread(el.dataset.threadAfter);
      await refresh();
    } else if (step === 'review') {
      const out = await api('run', { ritual: 'monthly_review' });
      openThread(out.thread || el.dataset.threadAfter);
      await refresh();
    }
    stepDone(step);
  }

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
    if (el.matches('[data-close-notice]')) return hideNotice();
    if (el.matches('[data-skip]')) {
      // A skip link to a button: move the focus there, not only the scroll position.
      e.preventDefault();
      const target = $(el.dataset.skip);
      if (target) target.focus();
      return;
    }
    if (el.matches('[data-start-hide]')) {
      start.hidden = true;
      saveStart();
      drawStart();
      return document.querySelector('[data-start-show]').focus();
    }
    if (el.matches('[data-start-show]')) {
      start.hidden = false;
      saveStart();
      drawStart();
      return $('start-title').scrollIntoView({ block: 'nearest' });
    }
    if (el.matches('[data-step]')) return void run(() => runStep(el));
    if (el.matches('[data-thread]')) {
      e.preventDefault();
      openThread(el.dataset.thread);
      return void refresh();
    }
    if (el.matches('[data-command]')) return void sendCommand(el.dataset.text || el.dataset.command);
    if (el.matches('[data-open-ooo]')) {
      $('ooo-form').hidden = !$('ooo-form').hidden;
      el.setAttribute('aria-expanded', String(!$('ooo-form').hidden));
      return;
    }
    const msg = el.closest('[data-message]');
    if (el.matches('[data-action]')) {
      return void run(async () =>
        handle(
          await api('action', {
            action: el.dataset.action,
            value: el.dataset.value || '',
            message: msg ? msg.dataset.message : undefined,
          }),
        ),
      );
    }
    if (el.matches('[data-react]') && msg) {
      const details = el.closest('details');
      if (details) details.open = false;
      return void run(async () => {
        await api('reaction', {
          message: msg.dataset.message,
          emoji: el.dataset.react,
          added: el.dataset.added === 'true',
        });
        await refresh();
      });
    }
    if (el.matches('[data-advance]')) {
      return void run(() => advance({ advance: el.dataset.advance, ritual: $('next-ritual').value || undefined }));
    }
    if (el.matches('[data-reset]')) {
      if (!confirm(strings['sandbox.resetConfirm'])) return;
      return void run(async () => {
        const out = await api('reset', {});
        localStorage.removeItem(seenKey);
        start.done = {};
        saveStart();
        drawStart();
        for (const k of Object.keys(seen)) delete seen[k];
        showNotice(out.message);
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
    sendCommand(`${e.target.dataset.ooo} ${data.get('from')} ${data.get('to')}`);
  });

  $('member-picker').addEventListener('change', (e) => {
    location.href = `/?member=${encodeURIComponent(e.target.value)}`;
  });

  drawStart();
  markActive();
  refresh();
  setInterval(() => {
    if (!document.hidden) poll(false);
  }, 1500);
})();
