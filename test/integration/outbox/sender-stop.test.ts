// OutboxSender.stop() against a platform that never answers: after `stopGraceMs` the sends in flight
// have their rows released (pending, due now, attempt not counted), so stopping never waits for a hung
// platform, and the next sender delivers those rows at once, each exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatGateway, OutboxItemInput } from '../../../src/core/ports/index.js';
import { OutboxSender } from '../../../src/scheduling/outbox-sender.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
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

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('OutboxSender stop with a platform that does not answer', () => {
  it('releases the rows still in flight after the grace period, and the next sender delivers each once', async () => {
    const store = await memoryStore();
    cleanups.push(() => store.close());
    const repo = createOutboxRepo(store);
    let calls = 0;
    const hung: ChatGateway = {
      platform: 'slack',
      send: () => (calls++, new Promise(() => {})),
      update: () => new Promise(() => {}),
    };
    const log = captureLog();
    const sender = new OutboxSender({
      repo,
      gateways: { slack: hung },
      clock,
      log,
      concurrency: 2,
      stopGraceMs: 50,
      limits: { slack: { global: [] } },
    });
    await repo.enqueue([1, 2, 3].map(prompt), { at: clock.now().toISOString() });
    sender.start();
    await waitFor(
      () => calls,
      (n) => n === 2,
    );
    expect((await repo.counts()).sending).toBe(2);

    await sender.stop();
    expect(await repo.counts()).toMatchObject({ sending: 0, pending: 3, sent: 0 });
    const released = rawSqlite(store).prepare(`select attempts, lease_until as lease from outbox`).all() as {
      attempts: number;
      lease: string | null;
    }[];
    expect(released.every((r) => r.attempts === 0)).toBe(true);
    expect(log.entries.find((e) => e.level === 'warn')).toMatchObject({
      msg: 'outbox sends still unanswered at stop: their rows were released',
      obj: { released: 2 },
    });

    // The next sender finds them due now, without waiting for the 60 s lease.
    const sent: string[] = [];
    const working: ChatGateway = {
      platform: 'slack',
      async send(destination) {
        const member = destination.kind === 'dm' ? destination.memberId : '?';
        sent.push(member);
        return { status: 'sent', ref: { platform: 'slack', conversation: `D-${member}`, id: String(sent.length) } };
      },
      update: async (ref) => ({ status: 'sent', ref }),
    };
    const next = new OutboxSender({
      repo,
      gateways: { slack: working },
      clock,
      log: captureLog(),
      limits: { slack: { global: [] } },
    });
    expect(await next.drainOnce()).toMatchObject({ sent: 3 });
    expect(sent.sort()).toEqual(['m1', 'm2', 'm3']);
  });

  it('waits for sends that answer within the grace period, releasing nothing', async () => {
    const store = await memoryStore();
    cleanups.push(() => store.close());
    const repo = createOutboxRepo(store);
    let answer!: () => void;
    const answered = new Promise<void>((r) => (answer = r));
    let calls = 0;
    const slow: ChatGateway = {
      platform: 'slack',
      async send() {
        calls++;
        await answered;
        return { status: 'sent', ref: { platform: 'slack', conversation: 'D', id: String(calls) } };
      },
      update: async (ref) => ({ status: 'sent', ref }),
    };
    const log = captureLog();
    const sender = new OutboxSender({
      repo,
      gateways: { slack: slow },
      clock,
      log,
      concurrency: 1,
      stopGraceMs: 60_000,
      limits: { slack: { global: [] } },
    });
    await repo.enqueue([prompt(1)], { at: clock.now().toISOString() });
    sender.start();
    await waitFor(
      () => calls,
      (n) => n === 1,
    );
    const stopped = sender.stop();
    answer();
    await stopped;
    expect(await repo.counts()).toMatchObject({ sending: 0, sent: 1 });
    expect(log.messages('warn')).toEqual([]);
  });
});
