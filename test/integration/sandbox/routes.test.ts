// The sandbox page's HTTP API over real HTTP on 127.0.0.1, with a scripted RitualsService standing in
// for the core: commands, forms with inline errors, confirmations replacing the prompt, reactions
// reported like platform events, the clock, reset safety, and refusal of cross-site or non-JSON posts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Destination, MessageRef } from '../../../src/core/ports/index.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { SandboxClock } from '../../../src/sandbox/clock.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/create-sandbox.js';
import { nextFire } from '../../../src/scheduling/cron.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { fakeRitualsService, line, notice } from '../../helpers/fake-rituals-service.js';

let http: HttpServer;
let store: Store;
let sandbox: Sandbox;
let base: string;
let service: ReturnType<typeof fakeRitualsService>;
let ticks: string[];
let prompt: MessageRef | undefined;

beforeEach(async () => {
  const log = createLogger('silent');
  const ws = (await loadWorkspace(undefined)).workspace;
  store = await openStore(':memory:');
  await syncWorkspace(store, ws, { actor: 'config' });
  http = new HttpServer(log);
  const clock = new SandboxClock({ realNow: () => new Date('2026-11-27T14:30:00Z') });
  const outbox: { to?: Destination; update?: MessageRef; view: unknown }[] = [];
  ticks = [];
  prompt = undefined;
  service = fakeRitualsService({
    promptRef: () => prompt,
    queueUpdate: (ref, view) => outbox.push({ update: ref, view }),
  });
  sandbox = createSandbox({
    service,
    // Stands in for the engine + outbox: the Friday tick prompts alice, the Monday one posts a leaderboard.
    engine: {
      tick: async (now) => {
        ticks.push(now.toISOString());
        if (now.toISOString() === '2026-11-27T15:00:00.000Z')
          outbox.push({ to: { kind: 'dm', memberId: 'alice' }, view: notice('Time for your check-in') });
        if (now.toISOString() === '2026-11-30T08:00:00.000Z')
          outbox.push({
            to: { kind: 'channel', teamId: 'sales-fr' },
            view: {
              type: 'my_rank',
              locale: 'fr',
              text: 'Classement',
              title: 'Classement',
              rankText: '#1',
              lines: [line()],
            },
          });
        // As the engine answers for a review whose day is a holiday: nothing ran, it moved.
        if (now.toISOString() === '2026-12-01T08:00:00.000Z')
          return {
            runs: [
              {
                team: 'sales-fr',
                ritual: 'monthly_review',
                period: '2026-11',
                sent: 0,
                movedTo: '2026-12-02T08:00:00.000Z',
              },
            ],
          };
        return { runs: [] };
      },
    },
    drain: async () => {
      for (const item of outbox.splice(0)) {
        if (item.update) {
          await sandbox.gateway.update(item.update, item.view);
          continue;
        }
        const sent = await sandbox.gateway.send(item.to!, item.view);
        if (sent.status === 'sent' && item.to!.kind === 'dm') prompt = sent.ref;
      }
    },
    clock,
    workspace: () => ws,
    store,
    databaseUrl: ':memory:',
    protectedDatabaseUrls: ['file:./data/rituals.db'],
    resync: () => syncWorkspace(store, ws, { actor: 'config' }),
    http,
    log,
    nextFire,
    seed: false,
    autoTickMs: 0,
  });
  await sandbox.start();
  const { port } = await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  await sandbox.stop();
  await http.close();
  await store.close();
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}/sandbox/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const state = async (member: string, thread: string) =>
  (await (await fetch(`${base}/sandbox/api/state?member=${member}&thread=${thread}`)).json()) as Record<string, any>;

describe('sandbox page and API', () => {
  it('serves the page and its static files with a strict content security policy', async () => {
    const page = await fetch(`${base}/?member=alice`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<html lang="fr">');
    const js = await fetch(`${base}/sandbox/static/sandbox.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('/sandbox/api/state');
    expect((await fetch(`${base}/sandbox/static/../../package.json`)).status).toBe(404);
    // An unknown member gets the default member's page, never an error page.
    expect((await fetch(`${base}/?member=%3Cscript%3E`)).status).toBe(200);
    // Without a member: a rep of the browser's language (the switch's `lang` first), else the workspace's.
    const opened = async (path: string, lang: string) =>
      /data-member="([^"]+)" data-locale="(\w+)"/
        .exec(await (await fetch(`${base}${path}`, { headers: { 'accept-language': lang } })).text())!
        .slice(1);
    expect(await opened('/', 'fr-FR,fr;q=0.9')).toEqual(['hugo', 'fr']);
    expect(await opened('/', 'en-US,en;q=0.9')).toEqual(['emily', 'en']);
    expect(await opened('/?lang=fr', 'en-US')).toEqual(['hugo', 'fr']);
    expect(await opened('/', 'de-DE')).toEqual(['emily', 'en']);
  });

  it('runs a typed command and shows it with the answer in the DM thread', async () => {
    const out = await post('command', { member: 'hugo', text: 'me <b>' });
    expect(out).toEqual({ status: 200, body: { ok: true } });
    const s = await state('hugo', 'dm:hugo');
    expect(s.thread.html).toContain('me &lt;b&gt;');
    expect(s.thread.html).toContain('You said: me &lt;b&gt;');
    expect(s.threads.map((t: { id: string; count: number }) => `${t.id}:${t.count}`)).toEqual([
      'dm:hugo:2',
      'channel:sales-fr:0',
    ]);
    const again = await (await fetch(`${base}/sandbox/api/state?member=hugo&thread=dm:hugo&v=${s.version}`)).json();
    expect(again).toMatchObject({ unchanged: true });
  });

  it('opens the check-in form, shows the inline error, then the prompt becomes the confirmation', async () => {
    await post('clock', { member: 'alice', advance: 'next', ritual: 'checkin' });
    expect(ticks.at(-1)).toBe('2026-11-27T15:00:00.000Z');
    expect(prompt?.conversation).toBe('dm:alice');

    const opened = await post('action', { member: 'alice', action: 'checkin.open', value: '{}', message: prompt!.id });
    expect(opened.body.dialog.html).toContain('data-form="checkin"');
    const formId = /data-form-id="([^"]+)"/.exec(opened.body.dialog.html)![1]!;

    const bad = await post('checkin', { member: 'alice', formId, metadata: '{}', numbers: { calls: 'douze' } });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.dialog.html).toContain('&quot;douze&quot; is not a whole number.');
    const good = await post('checkin', {
      member: 'alice',
      formId,
      metadata: '{}',
      numbers: { calls: '12' },
      wins: 'A demo',
    });
    expect(good.body).toEqual({ ok: true });
    // A double click replays the same submission key: the core sees it twice and stores it once.
    await post('checkin', { member: 'alice', formId, metadata: '{}', numbers: { calls: '12' }, wins: 'A demo' });
    const keys = service.log.submissions.map((s) => s.idempotencyKey);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe(keys[1]);
    expect(service.log.submissions[1]).toMatchObject({
      memberId: 'alice',
      platform: 'sandbox',
      numbers: { calls: '12' },
      wins: 'A demo',
    });

    const s = await state('alice', 'dm:alice');
    expect(s.thread.html).toContain('Check-in received');
    expect(s.thread.html).not.toContain('Time for your check-in');
    expect(s.thread.html).toContain('(modifié)');
    expect(s.threads[0].count).toBe(1);

    // Without a prompt to update (a form opened by typing "checkin"), the confirmation is a new DM.
    prompt = undefined;
    const typed = await post('command', { member: 'alice', text: 'checkin' });
    const typedId = /data-form-id="([^"]+)"/.exec(typed.body.dialog.html)![1]!;
    expect(
      (await post('checkin', { member: 'alice', formId: typedId, metadata: '{}', numbers: { calls: '3' } })).body,
    ).toEqual({ ok: true });
    expect((await state('alice', 'dm:alice')).threads[0].count).toBe(3);
  });

  it('reports a review moved off a holiday as moved, not as run', async () => {
    const moved = await post('clock', { member: 'hugo', advance: 'next', ritual: 'monthly_review' });
    expect(moved.body.now).toBe('2026-12-01T08:00:00.000Z');
    const message = (moved.body.message as string).replace(/[\u202f\u00a0]/g, ' ');
    expect(message).toContain('Revue mensuelle de Ventes France déplacé du 1 déc. 2026 (jour férié) au 2 déc. 2026.');
    expect(message).not.toMatch(/Exécuté : [^.]*Revue mensuelle/);
  });

  it('tallies reactions on channel posts and reports them like platform events', async () => {
    const moved = await post('clock', { member: 'carla', advance: 'next', ritual: 'leaderboard' });
    expect(moved.body.now).toBe('2026-11-30T08:00:00.000Z');
    expect(moved.body.message).toContain('Classement');
    const s = await state('carla', 'channel:sales-fr');
    const id = /data-message="(m\d+)"/.exec(s.thread.html)![1]!;
    expect((await post('reaction', { member: 'carla', message: id, emoji: 'tada', added: true })).body).toEqual({
      ok: true,
      changed: true,
    });
    expect((await post('reaction', { member: 'hugo', message: id, emoji: 'tada', added: true })).body.changed).toBe(
      true,
    );
    expect((await post('reaction', { member: 'hugo', message: id, emoji: 'tada', added: true })).body.changed).toBe(
      false,
    );
    expect(service.log.reactions.map((r) => [r.ref, r.emoji, r.userId, r.added])).toEqual([
      [{ platform: 'sandbox', conversation: 'channel:sales-fr', id }, 'tada', 'carla', true],
      [{ platform: 'sandbox', conversation: 'channel:sales-fr', id }, 'tada', 'hugo', true],
    ]);
    const after = await state('hugo', 'channel:sales-fr');
    expect(after.thread.html).toMatch(/class="reaction mine"[^>]*>.*🎉.*<span class="count">2<\/span>/s);
    // Someone from another team cannot see or react to this channel.
    expect((await post('reaction', { member: 'emily', message: id, emoji: 'tada', added: true })).status).toBe(404);
    expect((await post('reaction', { member: 'carla', message: id, emoji: 'skull', added: true })).status).toBe(400);
  });

  it('refuses cross-site, non-JSON and malformed posts', async () => {
    expect((await post('command', { member: 'hugo', text: 'x' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('command', { member: 'hugo', text: 'x' }, { origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(`${base}/sandbox/api/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect((await post('command', { member: 'hugo' })).status).toBe(400);
    expect((await post('command', { member: 'nobody', text: 'x' })).status).toBe(404);
    expect(service.log.commands).toEqual([]);
  });

  it('resets the sandbox: messages, clock and database emptied, the workspace synced again', async () => {
    await post('command', { member: 'hugo', text: 'hello' });
    await post('clock', { member: 'hugo', advance: 'week' });
    expect(sandbox.threads.all().length).toBeGreaterThan(0);
    const out = await post('reset', { member: 'hugo' });
    expect(out.body).toEqual({ ok: true, message: 'Le bac à sable repart d’aujourd’hui.' });
    expect(sandbox.threads.all()).toEqual([]);
    expect(ticks.at(-1)).toBe('2026-11-27T14:30:00.000Z');
    expect((await store.workspace.listMembers()).length).toBeGreaterThan(0);
  });
});
