// The lease contract on both backends, in real time (a PostgreSQL lease runs on the database's clock, which
// a fake clock cannot move): one holder per key until its TTL lapses, renew, extend, release, prune. Then
// whose clock counts: the caller's `at` on SQLite, the server's on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { createLeasesRepo, type LeasesRepo } from '../../../src/store/leases.repo.js';
import { POSTGRES_TARGET, STORE_BACKENDS } from '../../helpers/store-backends.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const nowIso = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const YEAR_MS = 365 * 24 * 3_600_000;

process.stdout.write(`leases: PostgreSQL cases run on ${POSTGRES_TARGET}\n`);

describe.each(STORE_BACKENDS)('leases ($name)', (backend) => {
  let store: Store;
  let leases: LeasesRepo;
  beforeEach(async () => {
    store = await backend.open();
    leases = createLeasesRepo(store);
  });
  afterEach(() => store.close());

  it('gives a key to one owner until its TTL lapses; the owner may take it again', async () => {
    const before = Date.now();
    expect(await leases.acquire('fire:1', 'a', { at: nowIso(), ttlMs: 30_000 })).toBe(true);
    expect(await leases.acquire('fire:1', 'b', { at: nowIso(), ttlMs: 30_000 })).toBe(false);
    const lease = await leases.get('fire:1');
    expect(lease).toMatchObject({ key: 'fire:1', owner: 'a' });
    expect(lease!.until).toMatch(ISO_MS);
    const until = Date.parse(lease!.until);
    expect(until).toBeGreaterThanOrEqual(before + 30_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 30_000 + 1000);
    // Taken again by its owner: renewed from now.
    expect(await leases.acquire('fire:1', 'a', { at: nowIso(), ttlMs: 120_000 })).toBe(true);
    expect(Date.parse((await leases.get('fire:1'))!.until)).toBeGreaterThan(until + 60_000);
    expect(await leases.get('fire:none')).toBeUndefined();
  });

  it('lets another owner take a lease once it has ended', async () => {
    expect(await leases.acquire('fire:2', 'a', { at: nowIso(), ttlMs: 1000 })).toBe(true);
    expect(await leases.acquire('fire:2', 'b', { at: nowIso(), ttlMs: 1000 })).toBe(false);
    await sleep(1200);
    expect(await leases.acquire('fire:2', 'b', { at: nowIso(), ttlMs: 30_000 })).toBe(true);
    expect(await leases.get('fire:2')).toMatchObject({ owner: 'b' });
    expect(await leases.acquire('fire:2', 'a', { at: nowIso(), ttlMs: 300 })).toBe(false);
  });

  it('extends and releases only its own lease', async () => {
    await leases.acquire('fire:3', 'a', { at: nowIso(), ttlMs: 300 });
    const keep = new Date(Date.now() + 3_600_000).toISOString();
    expect(await leases.extend('fire:3', 'b', keep)).toBe(false);
    expect(await leases.extend('fire:3', 'a', keep)).toBe(true);
    expect(await leases.extend('fire:none', 'a', keep)).toBe(false);
    expect(await leases.get('fire:3')).toEqual({ key: 'fire:3', owner: 'a', until: keep });
    // Kept past its TTL: still taken.
    await sleep(450);
    expect(await leases.acquire('fire:3', 'b', { at: nowIso(), ttlMs: 300 })).toBe(false);
    expect(await leases.release('fire:3', 'b')).toBe(false);
    expect(await leases.release('fire:3', 'a')).toBe(true);
    expect(await leases.release('fire:3', 'a')).toBe(false);
    expect(await leases.get('fire:3')).toBeUndefined();
    expect(await leases.acquire('fire:3', 'b', { at: nowIso(), ttlMs: 300 })).toBe(true);
  });

  it('prunes the leases that ended', async () => {
    await leases.acquire('x:1', 'p', { at: nowIso(), ttlMs: 200 });
    await leases.acquire('x:2', 'p', { at: nowIso(), ttlMs: 60_000 });
    await sleep(350);
    expect(await leases.prune(nowIso())).toBe(1);
    expect(await leases.get('x:1')).toBeUndefined();
    expect(await leases.get('x:2')).toMatchObject({ owner: 'p' });
    expect(await leases.prune(nowIso())).toBe(0);
  });

  if (backend.name === 'sqlite') {
    it('measures leases in the caller’s clock (`at`)', async () => {
      const at = '2026-11-20T15:00:00.000Z';
      await leases.acquire('c:1', 'a', { at, ttlMs: 30_000 });
      expect(await leases.get('c:1')).toMatchObject({ until: '2026-11-20T15:00:30.000Z' });
      expect(await leases.acquire('c:1', 'b', { at: '2026-11-20T15:00:29.999Z', ttlMs: 30_000 })).toBe(false);
      expect(await leases.acquire('c:1', 'b', { at: '2026-11-20T15:00:30.000Z', ttlMs: 30_000 })).toBe(true);
      expect(await leases.prune('2026-11-20T15:01:00.001Z')).toBe(1);
    });
  } else {
    it('measures leases in the database server’s clock, whatever `at` the caller gives', async () => {
      // A replica whose clock is a year behind still gets a lease that runs from the server's now.
      const before = Date.now();
      expect(await leases.acquire('c:1', 'a', { at: new Date(before - YEAR_MS).toISOString(), ttlMs: 30_000 })).toBe(
        true,
      );
      const until = Date.parse((await leases.get('c:1'))!.until);
      expect(until).toBeGreaterThanOrEqual(before + 30_000 - 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + 30_000 + 1000);
      // A replica whose clock is a year ahead neither takes it over nor prunes it.
      const ahead = new Date(Date.now() + YEAR_MS).toISOString();
      expect(await leases.acquire('c:1', 'b', { at: ahead, ttlMs: 30_000 })).toBe(false);
      expect(await leases.prune(ahead)).toBe(0);
      expect(await leases.get('c:1')).toMatchObject({ owner: 'a' });
      // An ended lease is pruned only before the `before` the caller gives.
      await leases.acquire('c:2', 'a', { at: nowIso(), ttlMs: 100 });
      await sleep(250);
      expect(await leases.prune(new Date(before - YEAR_MS).toISOString())).toBe(0);
      expect(await leases.prune(ahead)).toBe(1);
      expect(await leases.get('c:2')).toBeUndefined();
    });
  }
});
