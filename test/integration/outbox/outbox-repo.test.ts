// The outbox table as the sender uses it: deduplicated enqueue, atomic claims under a lease, fenced
// reschedule/park, lease expiry, parked rows and counts. Real SQLite with the real migrations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItemInput } from '../../../src/core/ports/index.js';
import type { Store } from '../../../src/store/connection.js';
import { createOutboxRepo, type OutboxRepo } from '../../../src/store/outbox.repo.js';
import { memoryStore } from '../../helpers/store.js';

const T0 = '2026-11-20T15:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const dm = (i: number, extra: Partial<OutboxItemInput> = {}): OutboxItemInput => ({
  dedupeKey: `occ:t1:checkin:2026-W47:m${i}`,
  platform: 'slack',
  destination: { kind: 'dm', memberId: `m${i}` },
  view: { type: 'checkin_prompt', text: `prompt ${i}` },
  ...extra,
});

let store: Store;
let repo: OutboxRepo;
beforeEach(async () => {
  store = await memoryStore();
  repo = createOutboxRepo(store);
});
afterEach(() => store.close());

describe('outbox repository', () => {
  it('stores each dedupe key once, in chunks, and keeps destination, update target and view', async () => {
    const items = Array.from({ length: 1200 }, (_, i) => dm(i));
    expect(await repo.enqueue(items, { at: T0 })).toMatchObject({ enqueued: 1200, duplicates: 0 });
    expect(await repo.enqueue([dm(5), dm(1200), dm(1200)], { at: T0 })).toEqual({
      enqueued: 1,
      duplicates: 2,
      inserted: [false, true, false],
    });
    expect((await repo.counts()).pending).toBe(1201);

    const ref = { platform: 'slack' as const, conversation: 'C1', id: '171.01' };
    await repo.enqueue(
      [
        {
          dedupeKey: 'upd:1',
          platform: 'slack',
          destination: { kind: 'channel', teamId: 't1' },
          view: { text: 'v2' },
          updateOf: ref,
        },
      ],
      { at: T0 },
    );
    const [claimed] = await repo
      .claim({ at: T0, limit: 2000, leaseMs: 1000 })
      .then((rows) => rows.filter((r) => r.dedupeKey === 'upd:1'));
    expect(claimed).toMatchObject({
      destination: { kind: 'channel', teamId: 't1' },
      updateOf: ref,
      view: { text: 'v2' },
      status: 'sending',
    });
  });

  it('claims due rows oldest first, at most `limit`, and never the same row twice while leased', async () => {
    await repo.enqueue([dm(1), dm(2, { notBefore: plus(60_000) }), dm(3)], { at: T0 });
    const first = await repo.claim({ at: T0, limit: 1, leaseMs: 30_000 });
    expect(first.map((r) => r.dedupeKey)).toEqual([dm(1).dedupeKey]);
    expect(first[0]!.leaseUntil).toBe(plus(30_000));
    const second = await repo.claim({ at: T0, limit: 10, leaseMs: 30_000 });
    expect(second.map((r) => r.dedupeKey)).toEqual([dm(3).dedupeKey]); // m2 is not due yet
    expect(await repo.claim({ at: plus(10_000), limit: 10, leaseMs: 30_000 })).toEqual([]);
    expect(await repo.nextDueAt()).toBe(plus(30_000)); // the first lease to end
  });

  it('claims a row again once its lease expired without a confirmation (crash)', async () => {
    await repo.enqueue([dm(1)], { at: T0 });
    const [held] = await repo.claim({ at: T0, limit: 1, leaseMs: 5_000 });
    expect(await repo.claim({ at: plus(4_999), limit: 1, leaseMs: 5_000 })).toEqual([]);
    const [again] = await repo.claim({ at: plus(5_001), limit: 1, leaseMs: 5_000 });
    expect(again!.id).toBe(held!.id);
    // The old holder's lease is gone: it may no longer reschedule or park the row...
    expect(await repo.reschedule(held!, { at: plus(5_002), nextAttemptAt: plus(9_000), countAttempt: true })).toBe(
      false,
    );
    expect(await repo.park(held!, { at: plus(5_002), error: 'x', countAttempt: true })).toBe(false);
    // ...but a delivery it did make is a fact, recorded once.
    expect(await repo.markSent(held!, { platform: 'slack', conversation: 'D1', id: '1' }, { at: plus(5_003) })).toBe(
      true,
    );
    expect(await repo.markSent(again!, { platform: 'slack', conversation: 'D1', id: '2' }, { at: plus(5_004) })).toBe(
      false,
    );
    expect(await repo.deliveredRef(dm(1).dedupeKey)).toEqual({ platform: 'slack', conversation: 'D1', id: '1' });
  });

  it('reschedules with or without counting an attempt, and parks and requeues', async () => {
    await repo.enqueue([dm(1), dm(2)], { at: T0 });
    const [a, b] = await repo.claim({ at: T0, limit: 2, leaseMs: 1000 });
    expect(
      await repo.reschedule(a!, { at: T0, nextAttemptAt: plus(2000), countAttempt: false, error: 'RATE_LIMITED' }),
    ).toBe(true);
    expect(await repo.get(a!.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: plus(2000),
      leaseUntil: null,
    });
    expect(
      await repo.reschedule(b!, { at: T0, nextAttemptAt: plus(1000), countAttempt: true, error: 'HTTP_500: boom' }),
    ).toBe(true);
    expect(await repo.get(b!.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP_500: boom' });

    const [b2] = await repo.claim({ at: plus(1000), limit: 5, leaseMs: 1000 });
    expect(b2!.id).toBe(b!.id);
    expect(
      await repo.park(b2!, { at: plus(1000), error: 'CHANNEL_NOT_FOUND: channel_not_found', countAttempt: true }),
    ).toBe(true);
    expect(await repo.listParked()).toMatchObject([
      { id: b!.id, status: 'dead', attempts: 2, lastError: 'CHANNEL_NOT_FOUND: channel_not_found' },
    ]);
    expect(await repo.counts()).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0, dead: 1 });
    expect(await repo.requeue([b!.id], { at: plus(3000) })).toBe(1);
    expect(await repo.get(b!.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('leaves out the platforms it is told to skip', async () => {
    await repo.enqueue([dm(1), dm(2, { platform: 'teams' })], { at: T0 });
    const rows = await repo.claim({ at: T0, limit: 5, leaseMs: 1000, excludePlatforms: ['slack'] });
    expect(rows.map((r) => r.platform)).toEqual(['teams']);
  });
});
