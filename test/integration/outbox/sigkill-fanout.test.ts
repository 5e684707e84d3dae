// Crash safety: a bot process is killed with SIGKILL in the middle of a 1,000-member fan-out, then
// restarted. Every member must get their prompt; the only duplicates allowed are the sends that were in
// flight at the kill (at most the send concurrency); the database must pass an integrity check.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeChatApi, startFakeChatApi } from '../../../bench/fake-chat-api.js';
import { runScript } from '../../helpers/child-script.js';
import { type TempDir, tempDir } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const MEMBERS = 1000;
const CONCURRENCY = 8;
const RATE = 120;

let fake: FakeChatApi;
let tmp: TempDir;
beforeAll(async () => {
  // Some latency, so sends are in flight when the kill lands.
  fake = await startFakeChatApi({ rate: RATE, latencyMs: 15 });
  tmp = tempDir('rituals-sigkill-');
});
afterAll(async () => {
  await fake.close();
  tmp.remove();
});

describe('SIGKILL during a fan-out', () => {
  it('delivers every prompt after a restart, with duplicates bounded by the send concurrency', async () => {
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
      '2000',
      '--rate',
      String(RATE),
    ];

    const first = runScript('bench/fanout-child.ts', args);
    await waitFor(
      () => fake.stats.delivered,
      (n) => n >= 300,
      30_000,
    );
    first.child.kill('SIGKILL');
    const firstExit = await first.exited;
    const atKill = fake.deliveries.size;
    expect(firstExit).toBeNull(); // killed by the signal, not finished
    expect(first.events.some((e) => e.event === 'done')).toBe(false);
    expect(atKill).toBeLessThan(MEMBERS);

    const second = runScript('bench/fanout-child.ts', args);
    const code = await Promise.race([
      second.exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 45_000)),
    ]);
    if (code !== 0) second.child.kill('SIGKILL');
    expect({ code, stderr: second.stderr() }).toEqual({ code: 0, stderr: '' });
    // The restart found the rows already there: enqueueing again stored nothing new.
    expect(second.events.find((e) => e.event === 'enqueued')).toMatchObject({ enqueued: 0, duplicates: MEMBERS });

    const expected = Array.from({ length: MEMBERS }, (_, i) => `D-m${i + 1}`);
    const duplicates = fake.duplicates();
    process.stdout.write(
      `sigkill fan-out: ${atKill} delivered before the kill, ${duplicates} duplicate(s) after the restart (bound ${CONCURRENCY})\n`,
    );
    expect(fake.lost(expected)).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);

    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare(`select status, count(*) as n from outbox group by status`).all()).toEqual([
        { status: 'sent', n: MEMBERS },
      ]);
    } finally {
      sqlite.close();
    }
  }, 60_000);
});
