// A bot process reduced to its delivery path, for the crash, multi-process and replica tests and the fan-out
// benchmark's replicas:
//   node --import tsx bench/fanout-child.ts --db FILE|postgres://… --api URL --members N [--concurrency 8] [--lease-ms 2000] [--rate R] [--checkins]
// It enqueues one prompt per member (idempotently: dedupe keys, as the engine's tick does), delivers
// through the OutboxSender (built by compose/build-core.ts's buildDelivery) to the fake chat API, and exits 0 once nothing is pending, sending or failed.
// Prints JSON lines on stdout: {"event":"enqueued",...} then {"event":"done",...}. With --checkins it also
// syncs a small workspace and, all along the fan-out, stores check-ins through the real repository, one
// transaction each, printing {"event":"checkin","key":...} once each is committed.
import { parseArgs } from 'node:util';
import { buildDelivery } from '../src/compose/build-core.js';
import type { OutboxItemInput } from '../src/core/ports/index.js';
import { bucket } from '../src/scheduling/rate-limit.js';
import { openStore } from '../src/store/connection.js';
import { createHttpChatGateway } from './http-chat-gateway.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    api: { type: 'string' },
    members: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    'lease-ms': { type: 'string', default: '2000' },
    rate: { type: 'string' },
    checkins: { type: 'boolean', default: false },
  },
});
if (!values.db || !values.api) throw new Error('--db and --api are required');

const emit = (event: string, data: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ event, pid: process.pid, ...data })}\n`);
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error: (o: Record<string, unknown>, m: string) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`),
};

const CHECKIN_MEMBERS = 50;
const store = await openStore(values.db);
const rate = values.rate ? Number(values.rate) : undefined;
const { outbox: repo, sender } = buildDelivery({
  store,
  log: quiet,
  gateways: { slack: createHttpChatGateway({ baseUrl: values.api }) },
  sender: {
    concurrency: Number(values.concurrency),
    leaseMs: Number(values['lease-ms']),
    maxHoldMs: 500,
    pollMs: 200,
    limits: { slack: { global: rate ? [bucket(rate, Math.max(1, Math.ceil(rate / 20)))] : [] } },
  },
});

const members = Number(values.members);
const items: OutboxItemInput[] = Array.from({ length: members }, (_, i) => ({
  dedupeKey: `occ:t1:checkin:2026-W47:m${i + 1}`,
  platform: 'slack',
  destination: { kind: 'dm', memberId: `m${i + 1}` },
  view: { type: 'checkin_prompt', text: `Week 47 check-in` },
}));
const enq = await repo.enqueue(items, { at: new Date().toISOString() });
emit('enqueued', enq);

// Check-ins written while the fan-out runs: each one printed only after its transaction committed.
let writing = values.checkins;
const checkins = (async () => {
  if (!writing) return;
  const { parseWorkspace } = await import('../src/config/workspace-load.js');
  const { syncWorkspace } = await import('../src/store/sync-workspace.js');
  const { workspaceYaml } = await import('./tick.js');
  const parsed = parseWorkspace(workspaceYaml(CHECKIN_MEMBERS, 1), 'generated.yaml');
  if (!parsed.ok) throw new Error('generated workspace is invalid');
  await syncWorkspace(store, parsed.workspace, { actor: 'worker' });
  for (let seq = 1; writing; seq++) {
    const key = `ck:${process.pid}:${seq}`;
    await store.checkIns.submit({
      memberId: `m${1 + (seq % CHECKIN_MEMBERS)}`,
      teamId: 'team1',
      periodKey: '2026-W47',
      values: { calls: seq % 50, qualified_meetings: seq % 7 },
      idempotencyKey: key,
      submittedAt: new Date().toISOString(),
      platform: 'slack',
    });
    emit('checkin', { key });
    await new Promise((r) => setTimeout(r, 2));
  }
})();

sender.start();
for (;;) {
  const c = await repo.counts();
  if (c.pending + c.failed + c.sending === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
await sender.stop();
writing = false;
await checkins;
emit('done', { stats: sender.stats, counts: await repo.counts() });
await store.close();
process.exit(0);
