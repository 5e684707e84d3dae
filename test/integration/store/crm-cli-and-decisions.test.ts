// As a user runs them (node bin/rituals.js, DATABASE_URL on a temp file, the bundled example workspace):
// `rituals import FILE --mapping MAPPING.yaml` on the CRM examples, and `rituals export decisions` with
// who, when, which objective, kind, text and status, as CSV and JSON.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { openStore } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/rituals.js');
let tmp: TempDir;

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
  tmp = tempDir('rituals-crm-cli-');
  // A decision log written the way the rituals record it: from a review, a nudge and a command.
  const store = await openStore(`file:${tmp.file('rituals.db')}`);
  await syncWorkspace(store, (await loadWorkspace()).workspace, { actor: 'config', at: '2026-09-01T00:00:00.000Z' });
  const d1 = await store.decisions.record({
    teamId: 'sales-fr',
    objectiveId: 'team:sales-fr:icp-cycle',
    author: 'carla',
    createdAt: '2026-10-01T09:12:00.000Z',
    kind: 'hypothesis',
    text: 'Legal review adds 10 days to ICP deals',
  });
  await store.decisions.record({
    teamId: 'sales-fr',
    objectiveId: 'team:sales-fr:icp-cycle',
    author: 'lea',
    createdAt: '2026-10-02T14:00:00.000Z',
    kind: 'test',
    text: 'Send the standard contract, "pre-approved", with the proposal',
  });
  const d3 = await store.decisions.record({
    teamId: 'sales-fr',
    objectiveId: null,
    author: 'carla',
    createdAt: '2026-11-02T09:00:00.000Z',
    kind: 'decision',
    text: 'Weekly deal desk on Tuesdays',
  });
  await store.decisions.record({
    teamId: 'sales-us',
    objectiveId: 'team:sales-us:nrr-110',
    author: 'marcus',
    createdAt: '2026-11-03T16:30:00.000Z',
    kind: 'result',
    text: 'Churn call playbook cut logo churn to 1',
    status: 'done',
  });
  await store.decisions.setStatus(d1.id, 'confirmed', { by: 'carla', at: '2026-11-15T10:00:00.000Z' });
  await store.decisions.setStatus(d3.id, 'accepted', { by: 'carla', at: '2026-11-02T10:00:00.000Z' });
  await store.close();
});
afterAll(() => tmp.remove());

describe('rituals import --mapping', { timeout: 120_000 }, () => {
  it('imports the HubSpot and Salesforce examples and reports what it skipped', async () => {
    const hubspot = await rituals([
      'import',
      join(ROOT, 'examples/crm/hubspot-deals.csv'),
      '--mapping',
      join(ROOT, 'examples/mappings/hubspot-deals.yaml'),
    ]);
    expect(hubspot.code).toBe(0);
    expect(hubspot.stdout).toMatch(
      /^imported 5 values \(5 new, 0 updated, 0 unchanged\) from .*hubspot-deals\.csv; skipped 3 rows: /,
    );
    const dry = await rituals([
      'import',
      join(ROOT, 'examples/crm/salesforce-opportunities.csv'),
      '-m',
      join(ROOT, 'examples/mappings/salesforce-opportunities.yaml'),
      '--dry-run',
    ]);
    expect(dry.stdout).toMatch(
      /^4 values in .*salesforce-opportunities\.csv are valid \(dry run: nothing written\)\n$/,
    );
    const salesforce = await rituals([
      'import',
      join(ROOT, 'examples/crm/salesforce-opportunities.csv'),
      '-m',
      join(ROOT, 'examples/mappings/salesforce-opportunities.yaml'),
    ]);
    expect(salesforce.stdout).toMatch(/^imported 4 values \(4 new, 0 updated, 0 unchanged\) from /);
    const metrics = await rituals(['export', 'metrics', '--team', 'sales-fr', '--format', 'json']);
    const values = JSON.parse(metrics.stdout) as { member: string; value: number }[];
    expect(values.filter((v) => v.member === 'lea').reduce((s, v) => s + v.value, 0)).toBe(59650.25);
  });

  it('lists a broken mapping file problem by problem, in one exit', async () => {
    const file = tmp.file('broken.yaml');
    writeFileSync(file, 'name: x\nkpi: new_revenue\nmember: { column: Owner }\ndate: { column: D, format: 12 }\n');
    const r = await rituals(['import', join(ROOT, 'examples/crm/hubspot-deals.csv'), '--mapping', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}:1:1 value: missing required key`,
      `${file}:1:1 source_id: missing required key`,
      `${file}:4:28 date.format: expected text, got 12`,
      `rituals: invalid mapping file ${file}: 3 problems`,
    ]);
  });
});

describe('rituals export decisions', { timeout: 120_000 }, () => {
  it('writes the decision log as CSV: who, when, which objective, kind, status, text', async () => {
    const r = await rituals(['export', 'decisions']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'created_at',
      'team',
      'objective',
      'author',
      'kind',
      'status',
      'text',
    ]);
    expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        created_at: '2026-10-01T09:12:00.000Z',
        team: 'sales-fr',
        objective: 'team:sales-fr:icp-cycle',
        author: 'carla',
        kind: 'hypothesis',
        status: 'confirmed',
        text: 'Legal review adds 10 days to ICP deals',
      },
      {
        created_at: '2026-10-02T14:00:00.000Z',
        team: 'sales-fr',
        objective: 'team:sales-fr:icp-cycle',
        author: 'lea',
        kind: 'test',
        status: 'open',
        text: 'Send the standard contract, "pre-approved", with the proposal',
      },
      {
        created_at: '2026-11-02T09:00:00.000Z',
        team: 'sales-fr',
        objective: '',
        author: 'carla',
        kind: 'decision',
        status: 'accepted',
        text: 'Weekly deal desk on Tuesdays',
      },
      {
        created_at: '2026-11-03T16:30:00.000Z',
        team: 'sales-us',
        objective: 'team:sales-us:nrr-110',
        author: 'marcus',
        kind: 'result',
        status: 'done',
        text: 'Churn call playbook cut logo churn to 1',
      },
    ]);
  });

  it('writes JSON, filtered by team and days, to a file', async () => {
    const out = tmp.file('decisions.json');
    const r = await rituals([
      'export',
      'decisions',
      '--team',
      'sales-fr',
      '--from',
      '2026-10-02',
      '--to',
      '2026-11-30',
      '--out',
      out,
    ]);
    expect(r).toMatchObject({ code: 0, stdout: `exported 2 rows to ${out}\n` });
    const json = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
    expect(json).toEqual([
      expect.objectContaining({
        created_at: '2026-10-02T14:00:00.000Z',
        author: 'lea',
        kind: 'test',
        status: 'open',
        objective: 'team:sales-fr:icp-cycle',
      }),
      expect.objectContaining({
        created_at: '2026-11-02T09:00:00.000Z',
        author: 'carla',
        kind: 'decision',
        status: 'accepted',
        objective: null,
      }),
    ]);
    const bad = await rituals(['export', 'decisionz']);
    expect(bad).toMatchObject({
      code: 1,
      stderr: 'rituals: unknown export "decisionz": use checkins, metrics, decisions, audit, all\n',
    });
  });
});
