// `rituals token create | list | revoke` as a user runs them (node bin/rituals.js, DATABASE_URL on a temp
// file), against the ingest API served in-process on the same database: the printed token works, only
// its hash is stored, and a revoked token is refused.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { registerIngestApi } from '../../../src/http/ingest-api.js';
import { HttpServer } from '../../../src/http/server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { hashToken } from '../../../src/store/api-tokens.repo.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

const BIN = join(import.meta.dirname, '../../../bin/rituals.js');
let tmp: TempDir;
let store: Store;
let http: HttpServer;
let url: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function rituals(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${tmp.file('rituals.db')}`,
    LOG_LEVEL: 'silent',
  };
  delete env.RITUALS_CONFIG;
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { cwd: tmp.dir, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  tmp = tempDir('rituals-token-');
  store = await openStore(`file:${tmp.file('rituals.db')}`);
  const { workspace } = await loadWorkspace();
  await syncWorkspace(store, workspace, { actor: 'config' });
  http = new HttpServer(createLogger('silent'));
  registerIngestApi(http, { store, workspace: () => workspace, log: createLogger('silent') });
  const { port } = await http.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/api/v1/metrics`;
});
afterAll(async () => {
  await http.close();
  await store.close();
  tmp.remove();
});

const send = (token: string) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      items: [
        {
          member: 'lea.dubois@acme.example',
          kpi: 'new_revenue',
          date: '2026-11-18',
          value: 21400,
          source_id: 'crm-deal-0042',
        },
      ],
    }),
  });

describe('rituals token', { timeout: 120_000 }, () => {
  let token = '';

  it('create prints the token once on stdout and stores only its hash', async () => {
    const r = await rituals(['token', 'create', 'hubspot-sync']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rit_[A-Za-z0-9_-]{43}\n$/);
    expect(r.stderr).toBe('token "hubspot-sync" created: copy it now, it is not shown again\n');
    token = r.stdout.trim();
    const rows = rawSqlite(store).prepare('select name, token_hash as hash from api_tokens').all() as {
      name: string;
      hash: string;
    }[];
    expect(rows).toEqual([{ name: 'hubspot-sync', hash: hashToken(token) }]);
    expect(JSON.stringify(rawSqlite(store).prepare('select * from api_tokens').all())).not.toContain(token);
    expect(JSON.stringify(await store.audit.list({ entity: 'api_token' }))).not.toContain(token);
  });

  it('the token works on the ingest API, and list shows its last use but never the token', async () => {
    const res = await send(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const list = await rituals(['token', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^name\s+status\s+created\s+last used\s+revoked\n/);
    expect(list.stdout).toMatch(/hubspot-sync\s+active\s+\d{4}-\d\d-\d\dT\S+\s+\d{4}-\d\d-\d\dT\S+\n$/);
    expect(list.stdout).not.toContain(token);
  });

  it('refuses a second token with the same name, in one line', async () => {
    const r = await rituals(['token', 'create', 'hubspot-sync']);
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'rituals: a token named "hubspot-sync" already exists (names stay taken after a revocation)\n',
    });
    const bad = await rituals(['token', 'create', 'no spaces']);
    expect(bad.stderr).toBe('rituals: bad token name "no spaces": use letters, digits, ".", "_" or "-" (64 at most)\n');
  });

  it('revoke makes the API answer 401; revoking again or an unknown name fails in one line', async () => {
    const r = await rituals(['token', 'revoke', 'hubspot-sync']);
    expect(r).toMatchObject({ code: 0, stdout: 'token "hubspot-sync" revoked\n' });
    expect((await send(token)).status).toBe(401);
    expect(await rituals(['token', 'revoke', 'hubspot-sync'])).toMatchObject({
      code: 1,
      stderr: 'rituals: no active token named "hubspot-sync"\n',
    });
    expect((await rituals(['token', 'list'])).stdout).toMatch(/hubspot-sync\s+revoked\s/);
  });
});
