// `npm run bench -- fanout --db postgres://… --replicas 2 [--kill-one]`: the fan-out benchmark with the
// sending done by N replica processes (bench/fanout-child.ts) on one shared database, as behind a load
// balancer. Every replica enqueues the same fan-out on start (stored once: the dedupe keys, as each
// replica's engine tick would) and runs its outbox sender. The clock starts
// when the first replica is ready to send. With --kill-one, the first replica is started alone, the others
// once it is sending, and it is killed (SIGKILL) a third of the way through: the others must finish its work.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/connection.js';
import { createOutboxRepo } from '../src/store/outbox.repo.js';
import { prepareBenchDatabase } from './bench-db.js';
import { startFakeChatApi } from './fake-chat-api.js';
import type { FanoutResult } from './fanout.js';
import { channelOf } from './http-chat-gateway.js';

export interface ReplicaFanoutOptions {
  readonly members: number;
  readonly rate: number;
  readonly concurrency: number;
  readonly db: string;
  readonly replicas: number;
  readonly killOne: boolean;
}

export interface ReplicaFanoutResult extends FanoutResult {
  readonly replicas: number;
  readonly killed: number;
}

const CHILD = fileURLToPath(new URL('./fanout-child.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Replica {
  readonly child: ChildProcess;
  ready: boolean;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function startReplica(args: readonly string[]): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const replica: Replica = {
    child,
    ready: false,
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout!.on('data', (d: Buffer) => {
    if (d.toString().includes('"event":"enqueued"')) replica.ready = true;
  });
  child.stderr!.on('data', (d: Buffer) => (replica.stderr += d.toString()));
  return replica;
}

export async function runReplicaFanout(
  opts: ReplicaFanoutOptions,
): Promise<{ result: ReplicaFanoutResult; details: Record<string, unknown> }> {
  await prepareBenchDatabase(opts.db);
  const store = await openStore(opts.db, { poolSize: 2 });
  const outbox = createOutboxRepo(store);
  const fake = await startFakeChatApi({ rate: opts.rate, latencyMs: opts.killOne ? 10 : 0 });
  const args = [
    '--db',
    opts.db,
    '--api',
    fake.url,
    '--members',
    String(opts.members),
    '--concurrency',
    String(opts.concurrency),
    '--rate',
    String(opts.rate),
  ];
  const replicas: Replica[] = [];
  const boundSeconds = opts.members / opts.rate;
  let killed = 0;
  let atKill: number | undefined;
  let started = 0;
  try {
    replicas.push(startReplica(args));
    if (opts.killOne) {
      while (fake.stats.delivered < Math.min(50, opts.members / 10)) await sleep(5);
    }
    while (replicas.length < opts.replicas) replicas.push(startReplica(args));
    while (!replicas.some((r) => r.ready)) {
      if (replicas.every((r) => r.child.exitCode !== null)) throw new Error(`replicas failed: ${replicas[0]!.stderr}`);
      await sleep(5);
    }
    started = performance.now();
    const deadline = started + (boundSeconds * 3 + 60) * 1000;
    if (opts.killOne) {
      while (fake.stats.delivered < opts.members / 3 && performance.now() < deadline) await sleep(5);
      replicas[0]!.child.kill('SIGKILL');
      await replicas[0]!.exited;
      killed = 1;
      atKill = fake.deliveries.size;
    }
    while (fake.deliveries.size < opts.members && performance.now() < deadline) await sleep(5);
    const seconds = (performance.now() - started) / 1000;
    const codes = await Promise.race([
      Promise.all(replicas.map((r) => r.exited)),
      sleep(30_000).then(() => 'timeout' as const),
    ]);
    const channels = Array.from({ length: opts.members }, (_, i) => channelOf({ kind: 'dm', memberId: `m${i + 1}` }));
    const result: ReplicaFanoutResult = {
      members: opts.members,
      rate: opts.rate,
      seconds: round(seconds),
      boundSeconds: round(boundSeconds),
      ratio: round(seconds / boundSeconds, 3),
      lost: fake.lost(channels).length,
      duplicates: fake.duplicates(),
      peakRssMb: round(process.memoryUsage().rss / 1024 / 1024, 1),
      replicas: opts.replicas,
      killed,
    };
    const details = {
      db: store.url,
      concurrency: opts.concurrency,
      deliveredAtKill: atKill ?? '-',
      replicaExitCodes: Array.isArray(codes) ? codes.join(' ') : codes,
      replicaErrors:
        replicas
          .map((r) => r.stderr.trim())
          .filter(Boolean)
          .join(' | ') || '-',
      http429: fake.stats.throttled,
      requests: fake.stats.requests,
      outbox: await outbox.counts(),
    };
    return { result, details };
  } finally {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await fake.close();
    await store.close();
  }
}
