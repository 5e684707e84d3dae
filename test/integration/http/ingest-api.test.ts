// POST /api/v1/metrics over real HTTP on 127.0.0.1 with a real migrated store: tokens (missing, garbage,
// unknown, revoked), content type, size limits, all-or-nothing validation with per-item errors,
// idempotency by source_id, corrections kept in history, the onChange hook and the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestChange, registerIngestApi } from '../../../src/http/ingest-api.js';
import { createMetrics, type Metrics } from '../../../src/http/metrics.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createApiTokensRepo } from '../../../src/store/api-tokens.repo.js';
import type { Store } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { memoryStore } from '../../helpers/store.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const T0 = '2026-04-01T08:00:00.000Z';
let store: Store;
let http: HttpServer;
let base: string;
let token: string;
let changes: IngestChange[];
let metrics: Metrics;
let clock: Date;

beforeEach(async () => {
  store = await memoryStore();
  const ws = fixtureWorkspace();
  await syncWorkspace(store, ws, { actor: 'config', at: T0 });
  token = (await createApiTokensRepo(store).create('crm', { by: 'test', at: T0 })).token;
  changes = [];
  metrics = createMetrics({ processMetrics: false });
  clock = new Date('2026-04-02T10:00:00.000Z');
  http = new HttpServer(createLogger('silent'));
  registerIngestApi(http, {
    store,
    workspace: () => ws,
    log: createLogger('silent'),
    onChange: (c) => void changes.push(c),
    metrics,
    now: () => clock,
  });
  const { port } = await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}/api/v1/metrics`;
});
afterEach(async () => {
  await http.close();
  await store.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(base, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

interface Batch {
  error: string;
  errors: unknown[];
}

const item = (over: Record<string, unknown> = {}) => ({
  member: 'bob',
  kpi: 'revenue',
  date: '2026-03-02',
  value: 12000,
  source_id: 'deal-1',
  ...over,
});
const stored = async () =>
  (await store.metricValues.list({})).map((v) => [
    v.memberId,
    v.teamId,
    v.kpiId,
    v.date,
    v.value,
    v.source,
    v.externalId,
  ]);

describe('authentication', () => {
  it.each([
    ['no Authorization header', { authorization: '' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['a garbage token', { authorization: 'Bearer not-a-token' }],
    ['an unknown well-formed token', { authorization: `Bearer rit_${'A'.repeat(43)}` }],
  ])('answers 401 to %s and writes nothing', async (_name, headers) => {
    const res = await post({ items: [item()] }, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="rituals"');
    expect(await res.json()).toEqual({
      error: 'unauthorized: send a valid API token as "Authorization: Bearer <token>"',
    });
    expect(await stored()).toEqual([]);
  });

  it('refuses a revoked token, and records when a token was last used', async () => {
    const tokens = createApiTokensRepo(store);
    expect((await post({ items: [item()] })).status).toBe(200);
    expect((await tokens.list())[0]).toMatchObject({
      name: 'crm',
      lastUsedAt: '2026-04-02T10:00:00.000Z',
      revokedAt: null,
    });
    await tokens.revoke('crm', { by: 'test', at: '2026-04-03T00:00:00.000Z' });
    const res = await post({ items: [item({ source_id: 'deal-2' })] });
    expect(res.status).toBe(401);
    expect(await stored()).toHaveLength(1);
  });
});

describe('request format', () => {
  it('answers 415 to a body that is not JSON by its content type', async () => {
    const res = await post('items=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect((await post({ items: [item()] }, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('answers 400 to malformed JSON and to a body that is not { items: [...] }', async () => {
    const bad = await post('{"items": [');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'the body is not valid JSON', errors: [] });
    const notObject = await post([item()]);
    expect(notObject.status).toBe(400);
    expect(((await notObject.json()) as Batch).errors).toEqual([
      { index: null, field: 'items', message: 'the body must be a JSON object { "items": [...] }' },
    ]);
    const extra = await post({ items: [item()], dryRun: true });
    expect(((await extra.json()) as Batch).errors).toEqual([
      { index: null, field: 'dryRun', message: 'unknown field: the body is { "items": [...] }' },
    ]);
    const empty = await post({ items: [] });
    expect(((await empty.json()) as Batch).errors).toEqual([
      { index: null, field: 'items', message: 'the batch is empty' },
    ]);
    expect(await stored()).toEqual([]);
  });

  it('answers 413 to a body over 1 MB and to more than 5,000 items, writing nothing', async () => {
    const big = await post({ items: [item({ source_id: 'x'.repeat(200), pad: 'y'.repeat(1_100_000) })] });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'request body too large (at most 1000000 bytes)' });
    const many = await post({ items: Array.from({ length: 5001 }, (_, i) => item({ source_id: `d${i}` })) });
    expect(many.status).toBe(413);
    expect(((await many.json()) as Batch).errors).toEqual([
      { index: null, field: 'items', message: 'too many items: 5001 (at most 5000 per request)' },
    ]);
    expect(await stored()).toEqual([]);
  });
});

describe('validation', () => {
  it('rejects the whole batch with one error per problem, by item and field, and writes nothing', async () => {
    const res = await post({
      items: [
        item({ source_id: 'ok-1' }),
        item({ member: 'zed' }),
        item({ kpi: 'win_rate', source_id: 'a' }),
        item({ kpi: 'csat', value: 4.5, source_id: 'b' }),
        item({ date: '2026-02-30', source_id: 'c' }),
        item({ value: 'abc', source_id: 'd' }),
        // biome-ignore lint/correctness/noPrecisionLoss: a number JSON can carry that is not finite once parsed
        item({ value: 1e400, source_id: 'e' }),
        { member: 'dave', team: 'sales', kpi: 'revenue', date: '2026-03-02', value: 1, source_id: 'f' },
        { kpi: 'revenue', date: '2026-03-02', value: 1, source_id: 'g' },
        item({ vaule: 3, source_id: 'h' }),
        { member: 'bob', kpi: 'revenue', date: '2026-03-02', value: 1 },
        'not an item',
        item({ source_id: 'ok-1', value: 13000 }),
        { team: 'support', kpi: 'churn', date: '2026-03-31', value: -0.1, source_id: 'i' },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Batch;
    expect(body.error).toBe('invalid batch: 13 problems, nothing was written');
    expect(body.errors).toEqual([
      { index: 1, field: 'member', message: 'unknown member "zed" (an id or an email of the workspace)' },
      {
        index: 2,
        field: 'kpi',
        message: 'KPI "win_rate" is computed (won / opportunities): send its base KPIs instead',
      },
      {
        index: 3,
        field: 'kpi',
        message:
          'KPI "csat" does not take values from the API (its sources: import); add api to its source in the workspace config',
      },
      { index: 4, field: 'date', message: 'is not a real calendar day' },
      { index: 5, field: 'value', message: 'must be a finite number' },
      { index: 6, field: 'value', message: 'must be a finite number' },
      { index: 7, field: 'team', message: 'member "dave" is not in team "sales"' },
      { index: 8, field: null, message: 'member or team is required' },
      { index: 9, field: 'vaule', message: 'unknown field' },
      { index: 10, field: 'source_id', message: 'is required' },
      { index: 11, field: null, message: 'must be an object' },
      { index: 12, field: 'source_id', message: 'also used by item 0 with other data' },
      {
        index: 13,
        field: 'kpi',
        message:
          'KPI "churn" does not take values from the API (its sources: import); add api to its source in the workspace config',
      },
    ]);
    expect(await stored()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('finds members by email, resolves their team, and takes team-level values', async () => {
    const res = await post({
      items: [
        item({ member: 'BOB@example.com' }),
        { team: 'sales', kpi: 'revenue', date: '2026-03-31', value: 500.5, source_id: 'adj-1' },
      ],
    });
    expect(res.status).toBe(200);
    expect(await stored()).toEqual([
      ['bob', 'sales', 'revenue', '2026-03-02', 12000, 'api', 'deal-1'],
      [null, 'sales', 'revenue', '2026-03-31', 500.5, 'api', 'adj-1'],
    ]);
  });
});

describe('idempotency and corrections', () => {
  const batch = { items: [item(), item({ member: 'bob', date: '2026-03-05', value: 800, source_id: 'deal-2' })] };

  it('stores a batch once: re-sending it changes nothing', async () => {
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(changes).toEqual([{ inserted: 2, updated: 0, teamIds: ['sales'] }]);
    const before = await store.metricValues.list({});
    const again = await post(batch);
    expect(await again.json()).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await store.metricValues.list({})).toEqual(before);
    expect(changes).toHaveLength(1);
    expect(await store.audit.list({ entity: 'ingest' })).toMatchObject([
      { action: 'metrics.ingest', actor: 'api:crm', entityId: 'crm', after: { inserted: 2, updated: 0, unchanged: 0 } },
    ]);
  });

  it('updates a corrected value and keeps the old one in history', async () => {
    await post(batch);
    clock = new Date('2026-04-05T09:00:00.000Z');
    const res = await post({ items: [item({ value: 12500 }), batch.items[1]] });
    expect(await res.json()).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const corrected = await store.metricValues.findByExternalId('api', 'deal-1');
    expect(corrected).toMatchObject({ value: 12500, recordedAt: '2026-04-05T09:00:00.000Z' });
    expect(await store.metricValues.listHistory(corrected!.id)).toEqual([
      {
        metricValueId: corrected!.id,
        memberId: 'bob',
        teamId: 'sales',
        kpiId: 'revenue',
        date: '2026-03-02',
        value: 12000,
        recordedAt: '2026-04-02T10:00:00.000Z',
        supersededAt: '2026-04-05T09:00:00.000Z',
      },
    ]);
    expect(changes.at(-1)).toEqual({ inserted: 0, updated: 1, teamIds: ['sales'] });
  });

  it('answers 200 even when the onChange hook fails, and 500 without details when the store fails', async () => {
    await http.close();
    http = new HttpServer(createLogger('silent'));
    registerIngestApi(http, {
      store,
      workspace: fixtureWorkspace,
      log: createLogger('silent'),
      onChange: () => {
        throw new Error('scan down');
      },
    });
    const { port } = await http.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}/api/v1/metrics`;
    expect((await post(batch)).status).toBe(200);
    rawSqlite(store).exec('DROP TABLE metric_value_history');
    const res = await post({ items: [item({ value: 1 })] });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toMatch(/\bat\s|sqlite|metric_value_history/i);
  });

  it('counts requests by status for /metrics', async () => {
    await post(batch);
    await post('nope');
    await post(batch, { authorization: '' });
    const { body } = await metrics.render();
    expect(body).toContain('ingest_requests_total{status="200"} 1');
    expect(body).toContain('ingest_requests_total{status="400"} 1');
    expect(body).toContain('ingest_requests_total{status="401"} 1');
  });
});
