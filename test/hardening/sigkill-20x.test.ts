// Crash safety under repeated SIGKILL: a bot process (bench/fanout-child.ts) fans a check-in
// prompt out to 3,000 members through the OutboxSender while storing check-ins all along, and is killed
// with SIGKILL 20 times at seeded random points (some during start-up, most in the middle of sending),
// restarted after each kill, then left to finish. Every member must be prompted; after each kill, the
// prompts that process sent without recording them (the only possible duplicates) are at most the send
// concurrency; every check-in reported committed before a kill is still there; the database passes
// PRAGMA integrity_check after every kill and at the end.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeChatApi, startFakeChatApi } from '../../bench/fake-chat-api.js';
import { mulberry32 } from '../../src/sandbox/prng.js';
import { type ChildScript, runScript } from '../helpers/child-script.js';
import { type TempDir, tempDir } from '../helpers/store.js';
import { waitFor } from '../helpers/wait-for.js';

const MEMBERS = 3000;
const CONCURRENCY = 8;
const RATE = 150;
const KILLS = 20;
const LEASE_MS = 1500;

let fake: FakeChatApi;
let tmp: TempDir;
beforeAll(async () => {
  // Some latency, so sends are in flight when a kill lands.
  fake = await startFakeChatApi({ rate: RATE, latencyMs: 15 });
  tmp = tempDir('rituals-sigkill20-');
});
afterAll(async () => {
  await fake.close();
  tmp.remove();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const memberOfChannel = (channel: string) => channel.replace(/^D-/, '');

interface KillRecord {
  readonly at: string;
  readonly deliveredTotal: number;
  /** Rows this process claimed, whose prompt the platform received, still not marked sent. */
  readonly sentUnrecorded: number;
}

function inspect(
  db: string,
  spawnedAtMs: number,
  before: ReadonlyMap<string, number>,
): { integrity: unknown; sentUnrecorded: number } {
  // Killed before it even created the database: nothing to check yet.
  if (!existsSync(db)) return { integrity: 'ok', sentUnrecorded: 0 };
  const sqlite = new Database(db, { readonly: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (!sqlite.prepare(`select 1 from sqlite_master where name = 'outbox'`).get())
      return { integrity, sentUnrecorded: 0 };
    const sending = sqlite
      .prepare(`select target, lease_until as lease from outbox where status = 'sending'`)
      .all() as { target: string; lease: string }[];
    let sentUnrecorded = 0;
    for (const row of sending) {
      // Claimed by the process just killed: its lease was taken after it started (older leases end earlier).
      if (Date.parse(row.lease) < spawnedAtMs + LEASE_MS) continue;
      const member = (JSON.parse(row.target) as { destination: { memberId: string } }).destination.memberId;
      const channel = `D-${member}`;
      if ((fake.deliveries.get(channel) ?? 0) > (before.get(channel) ?? 0)) sentUnrecorded++;
    }
    return { integrity, sentUnrecorded };
  } finally {
    sqlite.close();
  }
}

describe('SIGKILL 20 times during a fan-out', () => {
  it('prompts everyone, bounds duplicates per kill, loses no committed check-in, keeps the store intact', async () => {
    const db = tmp.file('bot.db');
    const args = [
      '--db',
      db,
      '--api',
      fake.url,
      '--members',
      String(MEMBERS),
      '--concurrency',
      String(CONCURRENCY),
      '--lease-ms',
      String(LEASE_MS),
      '--rate',
      String(RATE),
      '--checkins',
    ];
    const rnd = mulberry32(0x5eed_0009);
    const committed = new Set<string>();
    const kills: KillRecord[] = [];

    for (let k = 1; k <= KILLS; k++) {
      const before = new Map(fake.deliveries);
      const deliveredAtSpawn = fake.stats.delivered;
      const spawnedAtMs = Date.now();
      const worker: ChildScript = runScript('bench/fanout-child.ts', args);
      // Odd kills: after a random time (start-up, enqueue, sync or sending); even ones: after a random
      // number of new deliveries, i.e. surely in the middle of sending.
      const point = k % 2 === 1 ? rnd.int(300, 2500) : rnd.int(20, 120);
      if (k % 2 === 1) await sleep(point);
      else
        await waitFor(
          () => fake.stats.delivered - deliveredAtSpawn,
          (n) => n >= point,
          30_000,
          5,
        );
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toBeNull();
      for (const e of worker.events) if (e.event === 'checkin') committed.add(String(e.key));
      // Requests already on the wire reach the fake a little after the kill.
      await sleep(100);
      const { integrity, sentUnrecorded } = inspect(db, spawnedAtMs, before);
      expect(integrity, `integrity after kill ${k}`).toBe('ok');
      kills.push({ at: k % 2 === 1 ? 'time' : 'deliveries', deliveredTotal: fake.deliveries.size, sentUnrecorded });
      expect(sentUnrecorded, `prompts sent but not recorded at kill ${k}`).toBeLessThanOrEqual(CONCURRENCY);
    }
    expect(fake.deliveries.size, 'the fan-out was still running at the last kill').toBeLessThan(MEMBERS);

    const last = runScript('bench/fanout-child.ts', args);
    const code = await Promise.race([last.exited, sleep(90_000).then(() => 'timeout' as const)]);
    if (code !== 0) last.child.kill('SIGKILL');
    expect({ code, stderr: last.stderr() }).toEqual({ code: 0, stderr: '' });
    for (const e of last.events) if (e.event === 'checkin') committed.add(String(e.key));

    const expected = Array.from({ length: MEMBERS }, (_, i) => `D-m${i + 1}`);
    expect(fake.lost(expected)).toEqual([]);
    const unrecorded = kills.reduce((n, r) => n + r.sentUnrecorded, 0);
    process.stdout.write(
      `sigkill x${KILLS}: duplicates ${fake.duplicates()} (sent-but-unrecorded at the kills: ${kills.map((r) => r.sentUnrecorded).join(',')}), ` +
        `${committed.size} check-ins committed, delivered at each kill: ${kills.map((r) => r.deliveredTotal).join(',')}\n`,
    );
    expect(fake.duplicates()).toBeLessThanOrEqual(unrecorded);
    expect(fake.duplicates()).toBeLessThanOrEqual(CONCURRENCY * KILLS);
    for (const channel of fake.deliveries.keys()) expect(memberOfChannel(channel)).toMatch(/^m\d+$/);

    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare(`select status, count(*) as n from outbox group by status`).all()).toEqual([
        { status: 'sent', n: MEMBERS },
      ]);
      const stored = new Set(
        (sqlite.prepare(`select idempotency_key as k from check_ins`).all() as { k: string }[]).map((r) => r.k),
      );
      const missing = [...committed].filter((key) => !stored.has(key));
      expect(committed.size).toBeGreaterThan(200);
      expect(missing).toEqual([]);
    } finally {
      sqlite.close();
    }
  }, 240_000);
});
