// Several bot processes sharing one database: every prompt is enqueued by both (deduplicated) and
// delivered exactly once, whichever process claims it. First two senders on two connections in this
// process, then two real processes.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeChatApi } from '../../../bench/fake-chat-api.js';
import { createHttpChatGateway } from '../../../bench/http-chat-gateway.js';
import type { OutboxItemInput } from '../../../src/core/ports/index.js';
import { OutboxSender } from '../../../src/scheduling/outbox-sender.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
import { captureLog } from '../../helpers/capture-log.js';
import { runScript } from '../../helpers/child-script.js';
import { tempDir } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const prompt = (i: number): OutboxItemInput => ({
  dedupeKey: `occ:t1:checkin:2026-W47:m${i}`,
  platform: 'slack',
  destination: { kind: 'dm', memberId: `m${i}` },
  view: { type: 'checkin_prompt', text: 'Week 47 check-in' },
});
const expected = (n: number) => Array.from({ length: n }, (_, i) => `D-m${i + 1}`);

describe('two senders, one database', () => {
  it('two connections in one process deliver each row once', async () => {
    const tmp = tempDir('rituals-two-senders-');
    cleanups.push(() => tmp.remove());
    const fake = await startFakeChatApi({ latencyMs: 3, perChannelRate: 1 });
    cleanups.push(() => fake.close());
    const stores: Store[] = [await openStore(tmp.file('bot.db')), await openStore(tmp.file('bot.db'))];
    cleanups.push(async () => void (await Promise.all(stores.map((s) => s.close()))));
    const senders = stores.map(
      (store) =>
        new OutboxSender({
          repo: createOutboxRepo(store),
          gateways: { slack: createHttpChatGateway({ baseUrl: fake.url }) },
          clock: { now: () => new Date() },
          log: captureLog(),
          concurrency: 4,
          limits: { slack: { global: [] } },
        }),
    );
    cleanups.push(async () => void (await Promise.all(senders.map((s) => s.stop()))));

    const items = Array.from({ length: 600 }, (_, i) => prompt(i + 1));
    const repos = stores.map((s) => createOutboxRepo(s));
    const at = new Date().toISOString();
    // Both processes' ticks enqueue the same prompts: one row each.
    const [a, b] = await Promise.all(repos.map((r) => r.enqueue(items, { at })));
    expect(a!.enqueued + b!.enqueued).toBe(600);
    for (const s of senders) s.start();
    await waitFor(
      () => repos[0]!.counts(),
      (c) => c.sent === 600,
      30_000,
    );

    expect(fake.lost(expected(600))).toEqual([]);
    expect(fake.duplicates()).toBe(0);
    expect(senders[0]!.stats.sent + senders[1]!.stats.sent).toBe(600);
    expect(senders[0]!.stats.sent).toBeGreaterThan(0);
    expect(senders[1]!.stats.sent).toBeGreaterThan(0);
  });

  it('two bot processes on one database send each prompt once', async () => {
    const tmp = tempDir('rituals-two-procs-');
    cleanups.push(() => tmp.remove());
    const db = tmp.file('bot.db');
    await (await openStore(db)).close(); // migrated once, before both start
    const fake = await startFakeChatApi({ latencyMs: 5 });
    cleanups.push(() => fake.close());

    const args = ['--db', db, '--api', fake.url, '--members', '500', '--concurrency', '4'];
    const procs = [runScript('bench/fanout-child.ts', args), runScript('bench/fanout-child.ts', args)];
    cleanups.push(() => {
      for (const p of procs) p.child.kill('SIGKILL');
    });
    const codes = await Promise.all(procs.map((p) => p.exited));
    expect(codes).toEqual([0, 0]);

    const enqueued = procs.map((p) => p.events.find((e) => e.event === 'enqueued') as { enqueued: number });
    expect(enqueued[0]!.enqueued + enqueued[1]!.enqueued).toBe(500);
    const sent = procs.map((p) => (p.events.find((e) => e.event === 'done') as { stats: { sent: number } }).stats.sent);
    expect(sent[0]! + sent[1]!).toBe(500);
    expect(fake.lost(expected(500))).toEqual([]);
    expect(fake.duplicates()).toBe(0);
    process.stdout.write(`two processes: sent ${sent[0]} + ${sent[1]}, duplicates ${fake.duplicates()}\n`);
  }, 60_000);
});
