// The ingest API documentation holds: the OpenAPI examples validate against its own schemas and are
// accepted by the real endpoint, and the curl examples of docs/ingest.md, replayed in order against the
// bundled example workspace, get exactly the answers the page shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { registerIngestApi } from '../../../src/http/ingest-api.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createApiTokensRepo } from '../../../src/store/api-tokens.repo.js';
import type { Store } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { memoryStore } from '../../helpers/store.js';

const DOCS = join(import.meta.dirname, '../../../docs');
let store: Store;
let http: HttpServer;
let url: string;
let token: string;

beforeAll(async () => {
  store = await memoryStore();
  const { workspace } = await loadWorkspace();
  await syncWorkspace(store, workspace, { actor: 'config' });
  token = (await createApiTokensRepo(store).create('docs', { by: 'test', at: new Date().toISOString() })).token;
  http = new HttpServer(createLogger('silent'));
  registerIngestApi(http, { store, workspace: () => workspace, log: createLogger('silent') });
  url = `http://127.0.0.1:${(await http.listen(0, '127.0.0.1')).port}/api/v1/metrics`;
});
afterAll(async () => {
  await http.close();
  await store.close();
});

const post = async (body: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('docs/openapi.yaml', () => {
  const doc = parseYaml(readFileSync(join(DOCS, 'openapi.yaml'), 'utf8')) as {
    openapi: string;
    paths: Record<
      string,
      {
        post: {
          requestBody: { content: Record<string, { example: unknown }> };
          responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
        };
      }
    >;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const schema = (name: string) => ajv.getSchema(`openapi#/components/schemas/${name}`)!;
  const op = doc.paths['/api/v1/metrics']!.post;

  it('documents the endpoint, and its request example is valid and accepted', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const example = op.requestBody.content['application/json']!.example;
    expect(schema('Batch')(example)).toBe(true);
    const res = await post(JSON.stringify(example));
    expect(res.status).toBe(200);
    expect(schema('Summary')(res.body)).toBe(true);
  });

  it('has response examples that match its schemas and every status the endpoint answers', () => {
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '413', '415', '500']);
    expect(schema('Summary')(op.responses['200']!.content!['application/json']!.example)).toBe(true);
    expect(schema('BatchErrors')(op.responses['400']!.content!['application/json']!.example)).toBe(true);
    expect(schema('Batch')({ items: [{ kpi: 'x', date: '2026-01-01', value: 1, source_id: 'a', extra: 1 }] })).toBe(
      false,
    );
  });
});

describe('docs/ingest.md', () => {
  it('shows the answers the API really gives, in order', async () => {
    // The page starts from an empty database (the OpenAPI example above uses the same ids).
    rawSqlite(store).exec('delete from metric_value_history; delete from metric_values');
    const page = readFileSync(join(DOCS, 'ingest.md'), 'utf8');
    // Each curl example: its -d '...' body, then the "# STATUS {json}" answer (which may span comment lines).
    const examples = [...page.matchAll(/-d '([\s\S]*?)'\n((?:#.*\n)+)/g)].map((m) => {
      const answer = m[2]!
        .split('\n')
        .map((l) => l.replace(/^#\s?/, ''))
        .join('')
        .trim();
      const [, status, json] = /^(\d{3}) (.*)$/.exec(answer)!;
      return { body: m[1]!, status: Number(status), answer: JSON.parse(json!) as unknown };
    });
    expect(examples).toHaveLength(3);
    const [first, correction, errors] = examples;
    expect(await post(first!.body)).toEqual({ status: first!.status, body: first!.answer });
    // "the same request a second time"
    expect(await post(first!.body)).toEqual({ status: 200, body: { inserted: 0, updated: 0, unchanged: 2 } });
    expect(page).toContain('# 200 {"inserted":0,"updated":0,"unchanged":2}');
    expect(await post(correction!.body)).toEqual({ status: correction!.status, body: correction!.answer });
    expect(await post(errors!.body)).toEqual({ status: errors!.status, body: errors!.answer });
  });
});
