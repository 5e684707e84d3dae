// The ingest API token repository on both backends: a token shown once and stored as its hash, names
// unique even after a revocation, revocation once, verification of active tokens only with the last use
// recorded, creations and revocations audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiTokenError, createApiTokensRepo, hashToken } from '../../../src/store/api-tokens.repo.js';
import type { Store } from '../../../src/store/connection.js';
import * as pg from '../../../src/store/pg/schema.js';
import { rawDb, rawPgDb } from '../../../src/store/raw-access.js';
import * as lite from '../../../src/store/schema.js';
import { POSTGRES_TARGET, STORE_BACKENDS } from '../../helpers/store-backends.js';

const T1 = '2026-04-01T09:00:00.000Z';
const T2 = '2026-04-02T10:00:00.000Z';
const T3 = '2026-04-03T11:00:00.000Z';

/** What the table holds, read underneath the repository. */
async function stored(store: Store) {
  if (store.dialect === 'sqlite') {
    const db = rawDb(store);
    return {
      hashes: db.select({ name: lite.apiTokens.name, hash: lite.apiTokens.tokenHash }).from(lite.apiTokens).all(),
      audit: db
        .select({ action: lite.auditLog.action, actor: lite.auditLog.actor, entityId: lite.auditLog.entityId })
        .from(lite.auditLog)
        .all(),
    };
  }
  const db = rawPgDb(store);
  return {
    hashes: await db.select({ name: pg.apiTokens.name, hash: pg.apiTokens.tokenHash }).from(pg.apiTokens),
    audit: await db
      .select({ action: pg.auditLog.action, actor: pg.auditLog.actor, entityId: pg.auditLog.entityId })
      .from(pg.auditLog)
      .orderBy(pg.auditLog.id),
  };
}

process.stdout.write(`API tokens: PostgreSQL cases run on ${POSTGRES_TARGET}\n`);

describe.each(STORE_BACKENDS)('API tokens ($name)', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('creates a token shown once, keeps only its hash, and refuses a taken or bad name', async () => {
    const tokens = createApiTokensRepo(store);
    const { token, record } = await tokens.create('crm-sync', { by: 'ops', at: T1 });
    expect(token).toMatch(/^rit_[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({
      id: expect.any(Number),
      name: 'crm-sync',
      createdAt: T1,
      createdBy: 'ops',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect((await stored(store)).hashes).toEqual([{ name: 'crm-sync', hash: hashToken(token) }]);
    await expect(tokens.create('crm-sync', { by: 'ops', at: T2 })).rejects.toThrow(ApiTokenError);
    await expect(tokens.create('crm-sync', { by: 'ops', at: T2 })).rejects.toThrow(/already exists/);
    await expect(tokens.create('bad name', { by: 'ops', at: T2 })).rejects.toThrow(/bad token name/);
    await expect(tokens.create('', { by: 'ops', at: T2 })).rejects.toThrow(ApiTokenError);
    expect((await tokens.list()).map((t) => t.name)).toEqual(['crm-sync']);
    expect((await stored(store)).audit).toEqual([{ action: 'api_token.create', actor: 'ops', entityId: 'crm-sync' }]);
  });

  it('verifies active tokens only, recording their last use, and revokes once', async () => {
    const tokens = createApiTokensRepo(store);
    const { token } = await tokens.create('hubspot', { by: 'ops', at: T1 });
    const other = await tokens.create('Zapier', { by: 'ops', at: T1 });
    await tokens.create('a.b_c-d', { by: 'ops', at: T1 });
    expect(await tokens.verify(token, { at: T2 })).toMatchObject({ name: 'hubspot', lastUsedAt: T2, revokedAt: null });
    expect(await tokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, { at: T2 })).toBeUndefined();
    expect(await tokens.verify('rit_short', { at: T2 })).toBeUndefined();
    expect(await tokens.verify('', { at: T2 })).toBeUndefined();
    // Byte order: upper case before lower case, as SQLite sorts.
    expect((await tokens.list()).map((t) => [t.name, t.lastUsedAt])).toEqual([
      ['Zapier', null],
      ['a.b_c-d', null],
      ['hubspot', T2],
    ]);

    expect(await tokens.revoke('hubspot', { by: 'admin', at: T3 })).toBe(true);
    expect(await tokens.revoke('hubspot', { by: 'admin', at: T3 })).toBe(false);
    expect(await tokens.revoke('nobody', { by: 'admin', at: T3 })).toBe(false);
    expect(await tokens.verify(token, { at: T3 })).toBeUndefined();
    expect(await tokens.verify(other.token, { at: T3 })).toMatchObject({ name: 'Zapier', lastUsedAt: T3 });
    const hubspot = (await tokens.list()).find((t) => t.name === 'hubspot');
    expect(hubspot).toMatchObject({ revokedAt: T3, lastUsedAt: T2 });
    expect(hubspot).not.toHaveProperty('tokenHash');
    // A revoked name stays taken.
    await expect(tokens.create('hubspot', { by: 'ops', at: T3 })).rejects.toThrow(/already exists/);
    expect((await stored(store)).audit.filter((e) => e.action === 'api_token.revoke')).toEqual([
      { action: 'api_token.revoke', actor: 'admin', entityId: 'hubspot' },
    ]);
  });
});
