// Exclusive sending: senders of several processes on one database, built as on PostgreSQL (the sender
// lease on), send one at a time, so one in-process rate limiter holds the platforms' whole budget. The
// other stands by and takes over when the holder stops (at once) or dies (once its lease has lapsed).
// Two SQLite connections on one file stand for the two replicas.
import { afterEach, describe, expect, it } from 'vitest';
import { buildDelivery, type Delivery } from '../../../src/compose/build-core.js';
import type { ChatGateway, OutboxItemInput } from '../../../src/core/ports/index.js';
import { SENDER_LEASE_KEY } from '../../../src/scheduling/outbox-sender.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createLeasesRepo } from '../../../src/store/leases.repo.js';
import { captureLog } from '../../helpers/capture-log.js';
import { tempDir } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const clock = { now: () => new Date() };
const prompt = (i: number): OutboxItemInput => ({
  dedupeKey: `occ:t1:checkin:2026-W47:m${i}`,
  platform: 'slack',
  destination: { kind: 'dm', memberId: `m${i}` },
  view: { type: 'checkin_prompt', text: `prompt ${i}` },
});
const prompts = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => prompt(from + i));

/** Sends that take a few milliseconds, recording who sent what and how many sends overlapped across senders. */
function platform() {
  const sent: { by: string; member: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const gateway = (by: string): ChatGateway => ({
    platform: 'slack',
    async send(destination) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      const member = destination.kind === 'dm' ? destination.memberId : '?';
      sent.push({ by, member });
      return { status: 'sent', ref: { platform: 'slack', conversation: `D-${member}`, id: String(sent.length) } };
    },
    update: async (ref) => ({ status: 'sent', ref }),
  });
  return { sent, gateway, maxInFlight: () => maxInFlight, by: (who: string) => sent.filter((s) => s.by === who) };
}

async function replicas(file: string, fake: ReturnType<typeof platform>, names: readonly string[]) {
  const stores: Store[] = [];
  const deliveries: Delivery[] = [];
  const logs: ReturnType<typeof captureLog>[] = [];
  for (const name of names) {
    const store = await openStore(file);
    stores.push(store);
    const log = captureLog();
    logs.push(log);
    deliveries.push(
      buildDelivery({
        store,
        log,
        clock,
        gateways: { slack: fake.gateway(name) },
        sender: {
          // One send at a time per sender: any overlap of two sends would mean two senders at once.
          concurrency: 1,
          pollMs: 20,
          limits: { slack: { global: [] } },
          exclusive: { owner: name, ttlMs: 1_000, renewMs: 100, retryMs: 50 },
        },
      }),
    );
  }
  cleanups.push(async () => {
    await Promise.all(deliveries.map((d) => d.sender.stop()));
    await Promise.all(stores.map((s) => s.close()));
  });
  return { stores, deliveries, logs };
}

describe('outbox senders sharing the sender lease', () => {
  it('only one sends at a time; when it stops, the other takes over and sends the rest', async () => {
    const tmp = tempDir('rituals-sender-lease-');
    cleanups.push(() => tmp.remove());
    const fake = platform();
    const { stores, deliveries } = await replicas(tmp.file('bot.db'), fake, ['a', 'b']);
    const [da, db] = deliveries as [Delivery, Delivery];
    const at = clock.now().toISOString();
    await Promise.all([da.queue.enqueue(prompts(1, 40), { at }), db.queue.enqueue(prompts(1, 40), { at })]);
    da.sender.start();
    db.sender.start();
    await waitFor(
      () => da.outbox.counts(),
      (c) => c.sent === 40,
    );

    // Both were running all along, yet one sender did every send, never two sends at once.
    const holder = fake.by('a').length > 0 ? 'a' : 'b';
    const [first, second] = holder === 'a' ? [da, db] : [db, da];
    expect(fake.by(holder)).toHaveLength(40);
    expect(fake.maxInFlight()).toBe(1);
    expect(first.sender.sending).toBe(true);
    expect(second.sender.sending).toBe(false);
    expect(await createLeasesRepo(stores[0]!).get(SENDER_LEASE_KEY)).toMatchObject({ owner: holder });

    // The holder stops (a deploy): it releases the lease after its last send, and the other one takes over.
    await first.sender.stop();
    expect(await createLeasesRepo(stores[0]!).get(SENDER_LEASE_KEY)).toBeUndefined();
    await second.queue.enqueue(prompts(41, 60), { at: clock.now().toISOString() });
    await waitFor(
      () => second.outbox.counts(),
      (c) => c.sent === 60,
    );
    const other = holder === 'a' ? 'b' : 'a';
    const rest = Array.from({ length: 20 }, (_, i) => `m${41 + i}`);
    expect(
      fake
        .by(other)
        .map((s) => s.member)
        .sort(),
    ).toEqual(rest.sort());
    expect(fake.by(holder)).toHaveLength(40);
    expect(fake.maxInFlight()).toBe(1);
    expect(await createLeasesRepo(stores[0]!).get(SENDER_LEASE_KEY)).toMatchObject({ owner: other });
  });

  it('stands by while a dead process still holds the lease, and sends once it has lapsed without renewal', async () => {
    const tmp = tempDir('rituals-sender-lease-');
    cleanups.push(() => tmp.remove());
    const fake = platform();
    const { stores, deliveries } = await replicas(tmp.file('bot.db'), fake, ['b']);
    const [db] = deliveries as [Delivery];
    // A replica took the lease for 1.5 s, then was killed: nobody renews it.
    const leases = createLeasesRepo(stores[0]!);
    const takenAt = Date.now();
    expect(
      await leases.acquire(SENDER_LEASE_KEY, 'killed', { at: new Date(takenAt).toISOString(), ttlMs: 1_500 }),
    ).toBe(true);
    await db.queue.enqueue(prompts(1, 10), { at: clock.now().toISOString() });
    db.sender.start();

    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.sent).toEqual([]);
    expect(db.sender.sending).toBe(false);
    expect(await db.outbox.counts()).toMatchObject({ pending: 10, sending: 0 });

    await waitFor(
      () => db.outbox.counts(),
      (c) => c.sent === 10,
    );
    // Not one send before the dead holder's lease had run out.
    expect(Date.now() - takenAt).toBeGreaterThanOrEqual(1_500);
    expect(fake.by('b')).toHaveLength(10);
    expect(await leases.get(SENDER_LEASE_KEY)).toMatchObject({ owner: 'b' });
  });

  it('a holder whose lease was taken from it stops claiming at its next renewal', async () => {
    const tmp = tempDir('rituals-sender-lease-');
    cleanups.push(() => tmp.remove());
    const fake = platform();
    const { stores, deliveries, logs } = await replicas(tmp.file('bot.db'), fake, ['a']);
    const [da] = deliveries as [Delivery];
    da.sender.start();
    await da.queue.enqueue(prompts(1, 5), { at: clock.now().toISOString() });
    await waitFor(
      () => da.outbox.counts(),
      (c) => c.sent === 5,
    );
    // Another process holds the lease now (a's lapsed during a long pause and was taken over).
    const leases = createLeasesRepo(stores[0]!);
    expect(await leases.release(SENDER_LEASE_KEY, 'a')).toBe(true);
    expect(await leases.acquire(SENDER_LEASE_KEY, 'other', { at: clock.now().toISOString(), ttlMs: 60_000 })).toBe(
      true,
    );
    await waitFor(
      () => da.sender.sending,
      (sending) => !sending,
    );
    await da.queue.enqueue(prompts(6, 10), { at: clock.now().toISOString() });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sent).toHaveLength(5);
    expect(await da.outbox.counts()).toMatchObject({ sent: 5, pending: 5 });
    expect(logs[0]!.messages('warn')).toContain('outbox sending lease lost: standing by');
  });

  it('on SQLite, without the option, every sender sends (the default is unchanged)', async () => {
    const tmp = tempDir('rituals-sender-lease-');
    cleanups.push(() => tmp.remove());
    const fake = platform();
    const stores = [await openStore(tmp.file('bot.db')), await openStore(tmp.file('bot.db'))];
    const deliveries = stores.map((store, i) =>
      buildDelivery({
        store,
        log: captureLog(),
        clock,
        gateways: { slack: fake.gateway(String(i)) },
        sender: { concurrency: 1, pollMs: 20, limits: { slack: { global: [] } } },
      }),
    );
    cleanups.push(async () => {
      await Promise.all(deliveries.map((d) => d.sender.stop()));
      await Promise.all(stores.map((s) => s.close()));
    });
    await deliveries[0]!.queue.enqueue(prompts(1, 60), { at: clock.now().toISOString() });
    for (const d of deliveries) d.sender.start();
    await waitFor(
      () => deliveries[0]!.outbox.counts(),
      (c) => c.sent === 60,
    );
    expect(fake.by('0').length).toBeGreaterThan(0);
    expect(fake.by('1').length).toBeGreaterThan(0);
    expect(await createLeasesRepo(stores[0]!).get(SENDER_LEASE_KEY)).toBeUndefined();
  });
});
