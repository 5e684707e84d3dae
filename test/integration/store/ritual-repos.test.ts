// The ritual engine's repositories on a real migrated store, SQLite and PostgreSQL alike: occurrence keys
// are unique, one open breach per objective and subject, reactions idempotent per post/emoji/user, engine
// state claims once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OccurrenceInput } from '../../../src/core/ports/index.js';
import type { Store } from '../../../src/store/connection.js';
import { seedRitualRows } from '../../helpers/ritual-seed.js';
import { POSTGRES_TARGET, STORE_BACKENDS } from '../../helpers/store-backends.js';

const at = '2026-03-06T15:00:00.000Z';
const later = '2026-03-06T16:00:00.000Z';

/** The message of an error and of its causes (drizzle wraps the driver's error). */
function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    parts.push(e.message);
    e = e.cause;
  }
  return parts.join(' | ');
}

const occurrence = (member: string, over: Partial<OccurrenceInput> = {}): OccurrenceInput => ({
  key: `sales:checkin:2026-W10:${member}`,
  teamId: 'sales',
  ritual: 'checkin',
  periodKey: '2026-W10',
  memberId: member,
  status: 'pending',
  dueAt: at,
  ...over,
});

process.stdout.write(`ritual repositories: PostgreSQL cases run on ${POSTGRES_TARGET}\n`);

describe.each(STORE_BACKENDS)('ritual repositories ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
    await seedRitualRows(store);
  });
  afterEach(() => store.close());

  it('writes an occurrence once per key and finds due ones', async () => {
    const input = occurrence('alice');
    const first = await store.occurrences.insert(input, { at });
    const again = await store.occurrences.insert({ ...input, status: 'skipped', reason: 'ooo' }, { at });
    expect(first.created).toBe(true);
    expect(first.occurrence).toMatchObject({ ...input, reason: null, sentAt: null, createdAt: at, updatedAt: at });
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
    expect(await store.occurrences.nextScheduled('2026-03-09T15:00:00.000Z')).toBeUndefined();
    await store.occurrences.setStatus(first.occurrence.id, 'enqueued', { at: later });
    expect(await store.occurrences.get(input.key)).toMatchObject({
      status: 'enqueued',
      sentAt: later,
      updatedAt: later,
      reason: null,
    });
    await store.occurrences.setStatus(first.occurrence.id, 'skipped', { at: later, reason: 'ooo' });
    await store.occurrences.setStatus(first.occurrence.id, 'missed', { at: later });
    expect(await store.occurrences.get(input.key)).toMatchObject({ status: 'missed', sentAt: later, reason: 'ooo' });
    expect(await store.occurrences.get('nope')).toBeUndefined();
    // A member unknown to the store is refused (the config must be synced first).
    const err = await store.occurrences.insert({ ...input, key: 'x', memberId: 'ghost' }, { at }).catch((e) => e);
    expect(errorText(err)).toMatch(/foreign key/i);
  });

  it('inserts a batch in input order: new rows created, existing ones and repeated keys found', async () => {
    const existing = await store.occurrences.insert(occurrence('bob', { status: 'skipped', reason: 'ooo' }), { at });
    const batch = [
      occurrence('carol'),
      occurrence('bob'),
      occurrence('alice', { key: 'sales:checkin.remind:2026-W10:alice', status: 'scheduled', dueAt: later }),
      occurrence('alice'),
      occurrence('carol', { status: 'skipped' }),
    ];
    const out = await store.occurrences.insertMany(batch, { at });
    expect(out.map((o) => [o.occurrence.key, o.created])).toEqual([
      ['sales:checkin:2026-W10:carol', true],
      ['sales:checkin:2026-W10:bob', false],
      ['sales:checkin.remind:2026-W10:alice', true],
      ['sales:checkin:2026-W10:alice', true],
      ['sales:checkin:2026-W10:carol', false],
    ]);
    expect(out[1]!.occurrence).toEqual(existing.occurrence);
    expect(out[4]!.occurrence).toEqual(out[0]!.occurrence);
    expect(out[0]!.occurrence.status).toBe('pending');
    expect(await store.occurrences.insertMany([], { at })).toEqual([]);
    // A batch with one bad row writes nothing.
    const err = await store.occurrences
      .insertMany([occurrence('dave', { teamId: 'support' }), occurrence('ghost')], { at })
      .catch((e) => e);
    expect(errorText(err)).toMatch(/foreign key/i);
    expect(await store.occurrences.get('sales:checkin:2026-W10:dave')).toBeUndefined();

    const all = await store.occurrences.list({ teamId: 'sales' });
    expect(all.map((o) => o.key)).toEqual([
      'sales:checkin:2026-W10:bob',
      'sales:checkin:2026-W10:carol',
      'sales:checkin:2026-W10:alice',
      'sales:checkin.remind:2026-W10:alice',
    ]);
    expect((await store.occurrences.list({ memberId: 'alice', statuses: ['scheduled'] })).map((o) => o.key)).toEqual([
      'sales:checkin.remind:2026-W10:alice',
    ]);
    expect(await store.occurrences.list({ ritual: 'checkin', periodKey: '2026-W11' })).toEqual([]);
  });

  it('changes many statuses at once, keeping the reason of a change that gives none', async () => {
    const rows = await store.occurrences.insertMany(
      [occurrence('alice', { reason: 'late' }), occurrence('bob'), occurrence('carol', { reason: 'holiday' })],
      { at },
    );
    const [a, b, c] = rows.map((r) => r.occurrence.id) as [number, number, number];
    await store.occurrences.setStatusMany(
      [
        { id: a, status: 'enqueued' },
        { id: b, status: 'skipped', reason: 'ooo' },
        { id: c, status: 'missed', reason: null },
      ],
      { at: later },
    );
    await store.occurrences.setStatusMany([], { at: later });
    const byMember = Object.fromEntries(
      (await store.occurrences.list({})).map((o) => [o.memberId, [o.status, o.reason, o.sentAt, o.updatedAt]]),
    );
    expect(byMember).toEqual({
      alice: ['enqueued', 'late', later, later],
      bob: ['skipped', 'ooo', null, later],
      carol: ['missed', null, null, later],
    });
    // A row changed twice in one batch: the changes apply in order.
    await store.occurrences.setStatusMany(
      [
        { id: b, status: 'skipped', reason: 'holiday' },
        { id: c, status: 'pending' },
        { id: b, status: 'missed' },
      ],
      { at },
    );
    expect(await store.occurrences.get('sales:checkin:2026-W10:bob')).toMatchObject({
      status: 'missed',
      reason: 'holiday',
      updatedAt: at,
    });
    expect((await store.occurrences.listDue(['pending'], later)).map((o) => o.memberId)).toEqual(['carol']);
    expect((await store.occurrences.listDue([], later)).length).toBe(0);
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
    expect(a.breach).toMatchObject({ subjectKey: '', state: 'open', enteredAt: at, lastValue: 12, leftAt: null });
    expect(b).toEqual({ created: false, breach: a.breach });
    const alice = await store.breaches.open({
      objectiveId: 'team:sales:pipeline',
      memberId: 'alice',
      periodKey: '2026-Q1',
      at: later,
      value: 1.5,
    });
    expect(alice.created).toBe(true);
    expect((await store.breaches.listOpen('team:sales:')).map((x) => x.id)).toEqual([a.breach.id, alice.breach.id]);
    expect(await store.breaches.listOpen('team:support:')).toEqual([]);
    expect((await store.breaches.listOpen()).length).toBe(2);
    expect(await store.breaches.findOpen('team:sales:pipeline', 'alice')).toEqual(alice.breach);
    await store.breaches.setValue(alice.breach.id, 0.25);
    await store.breaches.markEscalated(alice.breach.id, later);
    expect(await store.breaches.get(alice.breach.id)).toMatchObject({
      lastValue: 0.25,
      state: 'escalated',
      escalatedAt: later,
    });
    await store.breaches.snooze(a.breach.id, '2026-03-07T15:00:00.000Z', 'carol', at);
    expect(await store.breaches.get(a.breach.id)).toMatchObject({
      state: 'snoozed',
      snoozedUntil: '2026-03-07T15:00:00.000Z',
    });
    await store.breaches.markNudged(a.breach.id, at);
    expect(await store.breaches.get(a.breach.id)).toMatchObject({ state: 'open', snoozedUntil: null, nudgedAt: at });
    expect(await store.breaches.acknowledge(a.breach.id, 'carol', at)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'carol',
      acknowledgedAt: at,
    });
    expect(await store.breaches.acknowledge(999_999, 'carol', at)).toBeUndefined();
    expect(await store.breaches.snooze(999_999, at, 'carol', at)).toBeUndefined();
    await store.breaches.close(a.breach.id, later);
    await store.breaches.close(a.breach.id, '2026-03-08T00:00:00.000Z');
    expect(await store.breaches.get(a.breach.id)).toMatchObject({ state: 'closed', leftAt: later });
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
    expect(await store.reactions.set({ ...r, userId: 'U9', added: false })).toBe(false);
    expect(await store.reactions.tally('slack', 'C1|1.0')).toEqual([
      { emoji: 'fire', count: 1 },
      { emoji: 'tada', count: 1 },
    ]);
    // Added again after its removal: counted again.
    expect(await store.reactions.set({ ...r, at: later })).toBe(true);
    expect(await store.reactions.tally('slack', 'C1|1.0')).toEqual([
      { emoji: 'tada', count: 2 },
      { emoji: 'fire', count: 1 },
    ]);
    expect(await store.reactions.tally('teams', 'C1|1.0')).toEqual([]);
  });

  it('keeps engine state and claims keys once', async () => {
    expect(await store.engineState.get('tick:sales')).toBeUndefined();
    await store.engineState.set('tick:sales', at, at);
    await store.engineState.set('tick:sales', '2026-03-06T15:01:00.000Z', at);
    expect(await store.engineState.get('tick:sales')).toBe('2026-03-06T15:01:00.000Z');
    expect(await store.engineState.claim('decision:k1', at)).toBe(true);
    expect(await store.engineState.claim('decision:k1', later)).toBe(false);
    expect(await store.engineState.get('decision:k1')).toBe(at);
  });
});
