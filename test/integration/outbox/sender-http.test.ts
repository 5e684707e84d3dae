// The OutboxSender against the fake chat API over real HTTP: a 429 storm loses and duplicates nothing,
// transient 5xx are retried, permanent failures are parked (and reported), a crashed holder's lease
// expires and the row is delivered, and stop() leaves no row behind a lease.
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeChatApi, type FakeChatApiOptions, startFakeChatApi } from '../../../bench/fake-chat-api.js';
import { createHttpChatGateway } from '../../../bench/http-chat-gateway.js';
import type { ChatGateway, OutboxItemInput } from '../../../src/core/ports/index.js';
import {
  notifyingOutbox,
  OutboxSender,
  type OutboxSenderOptions,
  type ParkedItem,
} from '../../../src/scheduling/outbox-sender.js';
import type { Store } from '../../../src/store/connection.js';
import { createOutboxRepo, type OutboxRepo } from '../../../src/store/outbox.repo.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { captureLog } from '../../helpers/capture-log.js';
import { memoryStore } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const clock = { now: () => new Date() };
const prompt = (i: number): OutboxItemInput => ({
  dedupeKey: `occ:t1:checkin:2026-W47:m${i}`,
  platform: 'slack',
  destination: { kind: 'dm', memberId: `m${i}` },
  view: { type: 'checkin_prompt', text: `prompt ${i}` },
});
const members = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(fakeOpts: FakeChatApiOptions, senderOpts: Partial<OutboxSenderOptions> = {}) {
  const store: Store = await memoryStore();
  const fake: FakeChatApi = await startFakeChatApi(fakeOpts);
  const inner: OutboxRepo = createOutboxRepo(store);
  // The claim sizes the sender asked for, to check it never takes more than it can send.
  const claims: number[] = [];
  const repo: OutboxRepo = {
    ...inner,
    claim: (o) => {
      claims.push(o.limit);
      return inner.claim(o);
    },
  };
  const log = captureLog();
  const sender = new OutboxSender({
    repo,
    gateways: { slack: createHttpChatGateway({ baseUrl: fake.url }) },
    clock,
    log,
    concurrency: 8,
    limits: { slack: { global: [] } },
    ...senderOpts,
  });
  cleanups.push(async () => {
    await sender.stop();
    await fake.close();
    await store.close();
  });
  const settled = () =>
    waitFor(
      () => repo.counts(),
      (c) => c.pending + c.failed + c.sending === 0,
      40_000,
    );
  return { store, fake, repo, log, sender, settled, claims };
}

const attemptsOf = (store: Store) =>
  (
    rawSqlite(store)
      .prepare(`select attempts, count(*) as n from outbox where status = 'sent' group by attempts`)
      .all() as { attempts: number; n: number }[]
  ).map((r) => [r.attempts, r.n]);

describe('OutboxSender over HTTP', () => {
  it('a 429 storm (every third call refused with Retry-After) loses nothing and duplicates nothing', async () => {
    const { fake, repo, sender, settled, store, claims } = await setup({
      fault: (c) => (c.n % 3 === 0 ? { kind: 'rate_limited', retryAfterSeconds: 1 } : undefined),
    });
    const ids = members(300);
    await repo.enqueue(ids.map(prompt), { at: clock.now().toISOString() });
    sender.start();
    await settled();

    expect(fake.stats.faults).toBeGreaterThanOrEqual(100);
    expect(fake.lost(ids.map((i) => `D-m${i}`))).toEqual([]);
    expect(fake.duplicates()).toBe(0);
    expect(await repo.counts()).toMatchObject({ sent: 300, dead: 0 });
    expect(sender.stats.rateLimited).toBe(fake.stats.faults);
    // A 429 is not an attempt: every row went out on its one counted attempt.
    expect(attemptsOf(store)).toEqual([[1, 300]]);
    // Never more rows held than free send slots: claimed rows go out soon, under short leases.
    expect(Math.max(...claims)).toBeLessThanOrEqual(8);
    expect(claims.length).toBeGreaterThan(300 / 8);
  });

  it('retries transient 5xx with backoff until delivered', async () => {
    const { fake, repo, sender, settled, store } = await setup(
      {
        fault: (c) =>
          c.channelCall <= 2 ? { kind: 'server_error', status: c.channelCall === 1 ? 500 : 503 } : undefined,
      },
      { backoff: { baseMs: 20, capMs: 200 } },
    );
    const ids = members(40);
    await repo.enqueue(ids.map(prompt), { at: clock.now().toISOString() });
    sender.start();
    await settled();
    expect(fake.lost(ids.map((i) => `D-m${i}`))).toEqual([]);
    expect(fake.duplicates()).toBe(0);
    expect(sender.stats).toMatchObject({ sent: 40, failed: 80, parked: 0 });
    expect(attemptsOf(store)).toEqual([[3, 40]]);
  });

  it('parks permanent failures, exhausted retries and platforms without a gateway, and reports each once', async () => {
    const parked: ParkedItem[] = [];
    const { fake, repo, sender, settled } = await setup(
      {
        fault: (c) =>
          c.channel === 'D-m7'
            ? { kind: 'client_error', status: 404, error: 'channel_not_found' }
            : c.channel === 'D-m8'
              ? { kind: 'server_error' }
              : undefined,
      },
      { maxAttempts: 3, backoff: { baseMs: 10, capMs: 50 }, onParked: (item) => void parked.push(item) },
    );
    await repo.enqueue([...members(10).map(prompt), { ...prompt(11), platform: 'teams' }], {
      at: clock.now().toISOString(),
    });
    sender.start();
    await settled();

    expect(fake.deliveries.size).toBe(8);
    expect(parked.map((p) => [p.destination, p.code, p.attempts]).sort()).toEqual(
      [
        [{ kind: 'dm', memberId: 'm7' }, 'CHANNEL_NOT_FOUND', 1],
        [{ kind: 'dm', memberId: 'm8' }, 'HTTP_500', 3],
        [{ kind: 'dm', memberId: 'm11' }, 'NO_GATEWAY', 0],
      ].sort(),
    );
    const dead = await repo.listParked();
    expect(dead.map((d) => d.lastError).sort()).toEqual([
      'CHANNEL_NOT_FOUND: channel_not_found',
      'HTTP_500: internal_error (after 3 attempts)',
      'NO_GATEWAY: no chat gateway is configured for platform teams',
    ]);
    expect(fake.stats.requests).toBe(8 + 1 + 3);
  });

  it('delivers a row claimed by a holder that died, once its lease has expired', async () => {
    const { fake, repo, sender } = await setup({});
    await repo.enqueue(members(3).map(prompt), { at: clock.now().toISOString() });
    // A crashed process claimed m1 and never confirmed it.
    const claimedAt = Date.now();
    const [orphan] = await repo.claim({ at: new Date(claimedAt).toISOString(), limit: 1, leaseMs: 1_500 });
    sender.start();
    await waitFor(
      () => fake.deliveries.size,
      (n) => n === 2,
      5_000,
    );
    expect(fake.deliveries.has('D-m1')).toBe(false);
    await waitFor(
      () => fake.deliveries.get('D-m1') ?? 0,
      (n) => n === 1,
      10_000,
    );
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(1_500);
    // The platform answered; the row is marked sent right after (under load, a moment later).
    await waitFor(
      async () => (await repo.get(orphan!.id))?.status,
      (status) => status === 'sent',
      5_000,
    );
    expect(fake.duplicates()).toBe(0);
  });

  it('updates an earlier message in place', async () => {
    const { fake, repo, sender, settled } = await setup({});
    const ref = { platform: 'slack' as const, conversation: 'C-t1', id: '1700000000.000001' };
    await repo.enqueue(
      [
        {
          dedupeKey: 'upd:lb:1',
          platform: 'slack',
          destination: { kind: 'channel', teamId: 't1' },
          view: { text: 'v2' },
          updateOf: ref,
        },
      ],
      {
        at: clock.now().toISOString(),
      },
    );
    sender.start();
    await settled();
    expect(fake.stats.updates).toBe(1);
    expect(fake.stats.delivered).toBe(0);
    expect(await repo.deliveredRef('upd:lb:1')).toEqual(ref);
  });

  it('stop() lets sends in flight finish and leaves no row behind a lease', async () => {
    const { fake, repo, sender } = await setup({ latencyMs: 150 }, { concurrency: 4 });
    await repo.enqueue(members(40).map(prompt), { at: clock.now().toISOString() });
    sender.start();
    await waitFor(
      () => fake.stats.requests,
      (n) => n >= 4,
      5_000,
    );
    await sender.stop();
    const counts = await repo.counts();
    expect(counts.sending).toBe(0);
    expect(counts.sent).toBe(fake.stats.delivered);
    expect(counts.sent + counts.pending).toBe(40);
  });
});

describe('OutboxSender wake-ups', () => {
  it('drainOnce() delivers what is ready and says what happened', async () => {
    const { repo, sender } = await setup({
      fault: (c) => (c.channel === 'D-m2' ? { kind: 'client_error', error: 'user_not_found' } : undefined),
    });
    await repo.enqueue(members(5).map(prompt), { at: clock.now().toISOString() });
    expect(await sender.drainOnce()).toEqual({ sent: 4, rateLimited: 0, deferred: 0, failed: 0, parked: 1 });
    expect(await sender.drainOnce()).toEqual({ sent: 0, rateLimited: 0, deferred: 0, failed: 0, parked: 0 });
  });

  it('an enqueue through the notifying outbox wakes an idle sender at once', async () => {
    const { fake, repo, sender } = await setup({}, { pollMs: 30_000 });
    sender.start();
    await new Promise((r) => setTimeout(r, 100)); // asleep until the next poll, 30 s away
    const outbox = notifyingOutbox(repo, sender);
    const started = Date.now();
    await outbox.enqueue([prompt(1)], { at: clock.now().toISOString() });
    await waitFor(
      () => fake.deliveries.size,
      (n) => n === 1,
      5_000,
      5,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('OutboxSender rate limits', () => {
  it('a Retry-After that the platform scopes to the whole app pauses every conversation', async () => {
    const store = await memoryStore();
    cleanups.push(() => store.close());
    const repo = createOutboxRepo(store);
    const sends: number[] = [];
    let first = true;
    const gateway: ChatGateway = {
      platform: 'slack',
      async send(destination) {
        sends.push(Date.now());
        if (first) {
          first = false;
          return { status: 'rate_limited', retryAfterMs: 400, scope: 'global' };
        }
        return {
          status: 'sent',
          ref: { platform: 'slack', conversation: String(destination.kind), id: String(sends.length) },
        };
      },
      update: async (ref) => ({ status: 'sent', ref }),
    };
    const sender = new OutboxSender({
      repo,
      gateways: { slack: gateway },
      clock,
      log: captureLog(),
      concurrency: 1,
      limits: { slack: { global: [] } },
    });
    cleanups.push(() => sender.stop());
    await repo.enqueue(members(5).map(prompt), { at: clock.now().toISOString() });
    sender.start();
    await waitFor(
      () => repo.counts(),
      (c) => c.sent === 5,
      5_000,
    );
    expect(sends).toHaveLength(6);
    for (const t of sends.slice(1)) expect(t - sends[0]!).toBeGreaterThanOrEqual(390);
  });

  it('paces sends to the configured global rate', async () => {
    const { fake, repo, sender, settled } = await setup(
      { rate: 50, burst: 50 },
      { limits: { slack: { global: [{ kind: 'bucket', perSecond: 50, burst: 5 }] } } },
    );
    await repo.enqueue(members(100).map(prompt), { at: clock.now().toISOString() });
    const started = Date.now();
    sender.start();
    await settled();
    const seconds = (Date.now() - started) / 1000;
    expect(fake.stats.throttled).toBe(0);
    expect(fake.deliveries.size).toBe(100);
    // (100 - burst 5) / 50 per second = 1.9 s at best.
    expect(seconds).toBeGreaterThanOrEqual(1.85);
    expect(seconds).toBeLessThan(3.5);
  });
});
