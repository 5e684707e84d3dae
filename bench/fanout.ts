// `npm run bench -- fanout --members 5000 --rate 200`: enqueues one check-in prompt per member into a
// real SQLite outbox (temp file) and lets the OutboxSender (compose/build-core.ts's delivery) deliver them through an HTTP gateway to the
// local fake chat API, which enforces the rate with 429 + Retry-After. Prints one JSON line
// { members, rate, seconds, boundSeconds, ratio, lost, duplicates, peakRssMb } and a readable table.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildDelivery } from '../src/compose/build-core.js';
import type { OutboxItemInput } from '../src/core/ports/index.js';
import { createLogger } from '../src/logging/logger.js';
import { bucket, DEFAULT_LIMITS } from '../src/scheduling/rate-limit.js';
import { openStore } from '../src/store/connection.js';
import { startFakeChatApi } from './fake-chat-api.js';
import { channelOf, createHttpChatGateway } from './http-chat-gateway.js';
import { tempDbDir } from './temp-db.js';

export interface FanoutOptions {
  readonly members: number;
  readonly rate: number;
  readonly concurrency: number;
}

export interface FanoutResult {
  readonly members: number;
  readonly rate: number;
  readonly seconds: number;
  readonly boundSeconds: number;
  readonly ratio: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly peakRssMb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function runFanout(
  opts: FanoutOptions,
): Promise<{ result: FanoutResult; details: Record<string, unknown> }> {
  const tmp = tempDbDir('rituals-bench-fanout-');
  const store = await openStore(tmp.file('bench.db'));
  const fake = await startFakeChatApi({ rate: opts.rate });
  const log = createLogger('warn', process.stderr);
  // The sender paces at the API's rate with a burst of 1/10 s (enough to catch up after a GC pause).
  const { outbox: repo, sender } = buildDelivery({
    store,
    log,
    gateways: { slack: createHttpChatGateway({ baseUrl: fake.url }) },
    sender: {
      concurrency: opts.concurrency,
      limits: {
        slack: {
          conversation: DEFAULT_LIMITS.slack.conversation,
          global: [bucket(opts.rate, Math.max(1, Math.ceil(opts.rate / 10)))],
        },
      },
    },
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  const channels: string[] = [];
  const items: OutboxItemInput[] = [];
  for (let i = 1; i <= opts.members; i++) {
    const memberId = `m${i}`;
    channels.push(channelOf({ kind: 'dm', memberId }));
    items.push({
      dedupeKey: `occ:bench:checkin:2026-W47:${memberId}`,
      platform: 'slack',
      destination: { kind: 'dm', memberId },
      view: { type: 'checkin_prompt', locale: 'en', text: `Week 47 check-in for ${memberId}`, periodKey: '2026-W47' },
    });
  }

  const started = performance.now();
  const at = new Date().toISOString();
  const enq = await repo.enqueue(items, { at });
  sender.start();
  sender.kick();
  const boundSeconds = opts.members / opts.rate;
  const deadline = started + (boundSeconds * 3 + 30) * 1000;
  // The clock stops when the last member got their prompt (the fake's count, checked in memory).
  while (fake.deliveries.size < opts.members && performance.now() < deadline) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  for (;;) {
    const c = await repo.counts();
    if (c.pending + c.failed + c.sending === 0 || performance.now() > deadline) break;
    await sleep(50);
  }
  await sender.stop();
  clearInterval(sampler);
  loopDelay.disable();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const counts = await repo.counts();
  const result: FanoutResult = {
    members: opts.members,
    rate: opts.rate,
    seconds: round(seconds),
    boundSeconds: round(boundSeconds),
    ratio: round(seconds / boundSeconds, 3),
    lost: fake.lost(channels).length,
    duplicates: fake.duplicates(),
    peakRssMb: round(peakRss / 1024 / 1024, 1),
  };
  const details = {
    enqueued: enq.enqueued,
    concurrency: opts.concurrency,
    http429: fake.stats.throttled,
    requests: fake.stats.requests,
    outbox: counts,
    sender: sender.stats,
    eventLoopDelayMaxMs: round(loopDelay.max / 1e6, 1),
    eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 1),
  };
  await fake.close();
  await store.close();
  tmp.remove();
  return { result, details };
}
