// The ritual engine's repositories on a real migrated store: occurrence keys are unique, one open breach
// per objective and subject, reactions idempotent per post/emoji/user, engine state claims once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { memoryStore } from '../../helpers/store.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
  await store.workspace.sync(fixtureWorkspace(), { actor: 'test', at: '2026-03-01T00:00:00.000Z' });
});
afterEach(() => store.close());

const at = '2026-03-06T15:00:00.000Z';

describe('ritual repositories', () => {
  it('writes an occurrence once per key and finds due ones', async () => {
    const input = {
      key: 'sales:checkin:2026-W10:alice',
      teamId: 'sales',
      ritual: 'checkin',
      periodKey: '2026-W10',
      memberId: 'alice',
      status: 'pending' as const,
      dueAt: at,
    };
    const first = await store.occurrences.insert(input, { at });
    const again = await store.occurrences.insert({ ...input, status: 'skipped', reason: 'ooo' }, { at });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, occurrence: first.occurrence });
    await store.occurrences.insert(
      {
        ...input,
        key: 'sales:checkin.close:2026-W10:alice',
        ritual: 'checkin.close',
        status: 'scheduled',
        dueAt: '2026-03-09T15:00:00.000Z',
      },
      { at },
    );
    expect((await store.occurrences.listDue(['pending', 'scheduled'], at)).map((o) => o.key)).toEqual([
      'sales:checkin:2026-W10:alice',
    ]);
    expect((await store.occurrences.nextScheduled(at))?.dueAt).toBe('2026-03-09T15:00:00.000Z');
    await store.occurrences.setStatus(first.occurrence.id, 'enqueued', { at });
    expect(await store.occurrences.get(input.key)).toMatchObject({ status: 'enqueued', sentAt: at, reason: null });
    // A member unknown to the store is refused (the config must be synced first).
    await expect(store.occurrences.insert({ ...input, key: 'x', memberId: 'ghost' }, { at })).rejects.toThrow(
      /FOREIGN KEY/,
    );
  });

  it('keeps one open breach per objective and subject; a closed one makes room for the next', async () => {
    const a = await store.breaches.open({
      objectiveId: 'team:sales:pipeline',
      memberId: null,
      periodKey: '2026-Q1',
      at,
      value: 12,
    });
    const b = await store.breaches.open({
      objectiveId: 'team:sales:pipeline',
      memberId: null,
      periodKey: '2026-Q1',
      at,
      value: 11,
    });
    expect(a.created).toBe(true);
    expect(b).toEqual({ created: false, breach: a.breach });
    expect((await store.breaches.listOpen('team:sales:')).map((x) => x.id)).toEqual([a.breach.id]);
    await store.breaches.snooze(a.breach.id, '2026-03-07T15:00:00.000Z', 'carol', at);
    await store.breaches.markNudged(a.breach.id, at);
    expect(await store.breaches.get(a.breach.id)).toMatchObject({ state: 'open', snoozedUntil: null, nudgedAt: at });
    expect(await store.breaches.acknowledge(a.breach.id, 'carol', at)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'carol',
    });
    await store.breaches.close(a.breach.id, at);
    expect(await store.breaches.findOpen('team:sales:pipeline', '')).toBeUndefined();
    const c = await store.breaches.open({
      objectiveId: 'team:sales:pipeline',
      memberId: null,
      periodKey: '2026-Q1',
      at,
      value: 9,
    });
    expect(c.created).toBe(true);
    expect(c.breach.id).not.toBe(a.breach.id);
  });

  it('counts each user’s emoji once per post, removal included', async () => {
    const r = {
      platform: 'slack' as const,
      postRef: 'C1|1.0',
      emoji: 'tada',
      userId: 'U1',
      memberId: 'alice',
      added: true,
      at,
    };
    expect(await store.reactions.set(r)).toBe(true);
    expect(await store.reactions.set(r)).toBe(false);
    await store.reactions.set({ ...r, userId: 'U2', memberId: null });
    await store.reactions.set({ ...r, emoji: 'fire' });
    expect(await store.reactions.tally('slack', 'C1|1.0')).toEqual([
      { emoji: 'tada', count: 2 },
      { emoji: 'fire', count: 1 },
    ]);
    expect(await store.reactions.set({ ...r, added: false })).toBe(true);
    expect(await store.reactions.set({ ...r, added: false })).toBe(false);
    expect(await store.reactions.tally('slack', 'C1|1.0')).toEqual([
      { emoji: 'fire', count: 1 },
      { emoji: 'tada', count: 1 },
    ]);
    expect(await store.reactions.tally('teams', 'C1|1.0')).toEqual([]);
  });

  it('keeps engine state and claims keys once', async () => {
    expect(await store.engineState.get('tick:sales')).toBeUndefined();
    await store.engineState.set('tick:sales', at, at);
    await store.engineState.set('tick:sales', '2026-03-06T15:01:00.000Z', at);
    expect(await store.engineState.get('tick:sales')).toBe('2026-03-06T15:01:00.000Z');
    expect(await store.engineState.claim('decision:k1', at)).toBe(true);
    expect(await store.engineState.claim('decision:k1', at)).toBe(false);
  });
});
