// The sandbox's ChatGateway and its threads: views land in the right DM or channel thread, updates
// replace them in place, unknown targets fail permanently, and the conversation (with reactions) and
// the clock's offset survive a restart through their files next to the sandbox database.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { SandboxClock } from '../../../src/sandbox/clock.js';
import { createSandboxGateway } from '../../../src/sandbox/gateway.js';
import { sandboxFiles } from '../../../src/sandbox/json-file.js';
import { ThreadStore } from '../../../src/sandbox/threads.js';
import { notice } from '../../helpers/fake-rituals-service.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

let ws: Workspace;
let dir: TempDir;
beforeAll(async () => {
  ws = (await loadWorkspace(undefined)).workspace;
  dir = tempDir('rituals-sandbox-');
});
afterAll(() => dir.remove());

const fixedClock = (iso: string) => new SandboxClock({ realNow: () => new Date(iso) });

describe('sandbox gateway', () => {
  it('posts to DM and channel threads and updates in place', async () => {
    const threads = new ThreadStore();
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const deliveries: string[] = [];
    const gw = createSandboxGateway({
      threads,
      clock,
      workspace: () => ws,
      onDelivery: (d) => deliveries.push(`${d.kind}:${d.message.thread}`),
    });
    expect(gw.platform).toBe('sandbox');

    const dm = await gw.send({ kind: 'dm', memberId: 'alice' }, notice('hello alice'));
    const post = await gw.send({ kind: 'channel', teamId: 'sales-fr' }, notice('hello team'));
    expect(dm).toEqual({ status: 'sent', ref: { platform: 'sandbox', conversation: 'dm:alice', id: 'm1' } });
    expect(post).toEqual({ status: 'sent', ref: { platform: 'sandbox', conversation: 'channel:sales-fr', id: 'm2' } });
    expect(threads.list('dm:alice').map((m) => (m.view as { body: string }).body)).toEqual(['hello alice']);
    expect(threads.list('channel:sales-fr')[0]!.at).toBe('2026-11-27T15:00:00.000Z');

    const updated = await gw.update({ platform: 'sandbox', conversation: 'dm:alice', id: 'm1' }, notice('edited'));
    expect(updated.status).toBe('sent');
    expect(threads.get('m1')!.view).toMatchObject({ body: 'edited' });
    expect(threads.get('m1')!.editedAt).toBe('2026-11-27T15:00:00.000Z');
    expect(deliveries).toEqual(['send:dm:alice', 'send:channel:sales-fr', 'update:dm:alice']);
  });

  it('fails permanently for unknown members, teams, messages and non-views', async () => {
    const threads = new ThreadStore();
    const gw = createSandboxGateway({ threads, clock: fixedClock('2026-11-27T15:00:00Z'), workspace: () => ws });
    expect(await gw.send({ kind: 'dm', memberId: 'ghost' }, notice('x'))).toMatchObject({
      status: 'failed_permanent',
      code: 'unknown_member',
    });
    expect(await gw.send({ kind: 'channel', teamId: 'nope' }, notice('x'))).toMatchObject({
      status: 'failed_permanent',
      code: 'unknown_team',
    });
    expect(await gw.send({ kind: 'dm', memberId: 'alice' }, 'just text')).toMatchObject({
      status: 'failed_permanent',
      code: 'invalid_view',
    });
    expect(await gw.update({ platform: 'sandbox', conversation: 'dm:alice', id: 'm99' }, notice('x'))).toMatchObject({
      code: 'message_not_found',
    });
    const sent = await gw.send({ kind: 'dm', memberId: 'alice' }, notice('x'));
    // A ref from another thread (or platform) does not reach this message.
    const id = sent.status === 'sent' ? sent.ref.id : '';
    expect(await gw.update({ platform: 'sandbox', conversation: 'dm:hugo', id }, notice('y'))).toMatchObject({
      code: 'message_not_found',
    });
    expect(await gw.update({ platform: 'slack', conversation: 'dm:alice', id }, notice('y'))).toMatchObject({
      code: 'message_not_found',
    });
    expect(threads.all()).toHaveLength(1);
  });
});

describe('sandbox persistence', () => {
  it('keeps threads and reactions across a restart', async () => {
    const files = sandboxFiles(`file:${dir.file('restart.db')}`);
    const first = new ThreadStore(files.chat);
    const gw = createSandboxGateway({ threads: first, clock: fixedClock('2026-11-30T08:00:00Z'), workspace: () => ws });
    await gw.send({ kind: 'channel', teamId: 'sales-us' }, notice('leaderboard'));
    expect(first.react('m1', 'tada', 'emily', true)).toBe(true);
    expect(first.react('m1', 'tada', 'emily', true)).toBe(false);
    first.react('m1', 'fire', 'sarah', true);
    first.flush();
    expect(existsSync(files.chat!)).toBe(true);

    const second = new ThreadStore(files.chat);
    expect(second.list('channel:sales-us')).toHaveLength(1);
    expect(second.get('m1')!.reactions).toEqual({ tada: ['emily'], fire: ['sarah'] });
    // New messages continue the numbering instead of reusing ids.
    expect(second.post('dm:emily', '2026-11-30T09:00:00Z', { text: 'me', authorId: 'emily' }).id).toBe('m2');
    expect(second.version).not.toBe(first.version);

    second.clear();
    expect(existsSync(files.chat!)).toBe(false);
    expect(new ThreadStore(files.chat).all()).toEqual([]);
  });

  it('has no files for an in-memory database', () => {
    expect(sandboxFiles(':memory:')).toEqual({ clock: undefined, chat: undefined });
  });
});

describe('sandbox clock', () => {
  it('moves forward only, persists its offset, pins during seeding and resets', async () => {
    const file = dir.file('clock.json');
    let real = new Date('2026-11-23T10:00:00Z');
    const clock = new SandboxClock({ file, realNow: () => real });
    expect(clock.now().toISOString()).toBe('2026-11-23T10:00:00.000Z');

    clock.set(new Date('2026-11-27T15:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-27T15:00:00.000Z');
    // Backwards is refused: what was sent stays in the past.
    clock.set(new Date('2026-11-25T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-27T15:00:00.000Z');
    clock.advanceBy(60_000);
    expect(clock.now().toISOString()).toBe('2026-11-27T15:01:00.000Z');

    // Real time keeps flowing under the offset, and a restart keeps the offset.
    real = new Date('2026-11-23T10:30:00Z');
    const restarted = new SandboxClock({ file, realNow: () => real });
    expect(restarted.now().toISOString()).toBe('2026-11-27T15:31:00.000Z');

    const seen = await restarted.during(new Date('2026-11-01T12:00:00Z'), async () => restarted.now().toISOString());
    expect(seen).toBe('2026-11-01T12:00:00.000Z');
    expect(restarted.now().toISOString()).toBe('2026-11-27T15:31:00.000Z');

    restarted.reset();
    expect(restarted.now().toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(existsSync(file)).toBe(false);
  });
});
