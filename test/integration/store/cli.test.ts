// The store commands as a user runs them: `node bin/rituals.js ...` in a child process, DATABASE_URL on
// a temporary file, RITUALS_CONFIG unset (the bundled example workspace).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempDir, tempDir } from '../../helpers/store.js';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/rituals.js');
const FIXTURES = join(ROOT, 'test/fixtures/csv');

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('rituals-cli-');
});
afterAll(() => tmp.remove());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function rituals(args: string[], databaseUrl = `file:${tmp.file('rituals.db')}`): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
  delete env.RITUALS_CONFIG;
  return new Promise((resolve) => {
    // cwd in the temp dir: no .env of the developer's checkout is picked up.
    execFile('node', [BIN, ...args], { cwd: tmp.dir, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const noStack = (r: Run) => expect(r.stderr).not.toMatch(/^\s+at /m);

describe('rituals CLI (store commands)', () => {
  it('migrate applies the migrations once', async () => {
    const first = await rituals(['migrate']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(
      /^applied 0000_init\n(?:applied \d{4}_\w+\n)*database file:.*rituals\.db is up to date \(\d+ migrations?\)\n$/,
    );
    const again = await rituals(['migrate']);
    expect(again.stdout).toMatch(/^nothing to apply: database /);
  });

  it('import is idempotent and prints a summary', async () => {
    const file = join(FIXTURES, 'example-crm.csv');
    const first = await rituals(['import', file]);
    expect(first).toMatchObject({
      code: 0,
      stdout: `imported 3 values (3 new, 0 updated, 0 unchanged) from ${file}\n`,
    });
    const again = await rituals(['import', file]);
    expect(again.stdout).toBe(`imported 3 values (0 new, 0 updated, 3 unchanged) from ${file}\n`);
  });

  it('import lists every bad line, writes nothing, exits 1 without a stack trace', async () => {
    const file = join(FIXTURES, 'example-bad.csv');
    const r = await rituals(['import', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}:2: KPI "win_rate" is computed (deals_won / (deals_won + deals_lost)): import its base KPIs instead`,
      `${file}:3: unknown member "nobody"`,
      `rituals: nothing imported: 2 problems in ${file}`,
    ]);
    noStack(r);
    const missing = await rituals(['import', join(tmp.dir, 'nope.csv')]);
    expect(missing).toMatchObject({ code: 1, stderr: `rituals: cannot read ${join(tmp.dir, 'nope.csv')}: ENOENT\n` });
  });

  it('export writes CSV to stdout and JSON to a file', async () => {
    const csv = await rituals(['export', '--what', 'metrics', '--team', 'sales-fr']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,date,team,member,kpi,value,source,external_id,recorded_at');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 8).join(','))).toEqual([
      '2026-03-02,sales-fr,lea,new_revenue,24000,import,deal-42',
      '2026-03-03,sales-fr,camille,csat,4.7,import,csv:member:camille:csat:2026-03-03',
    ]);
    const out = tmp.file('export.json');
    const json = await rituals(['export', '--out', out]);
    expect(json).toMatchObject({ code: 0, stdout: `exported 3 rows to ${out}\n` });
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8')))).toEqual(['checkins', 'metrics', 'decisions']);
    const bad = await rituals(['export', '--team', 'nope', '--what', 'metrics']);
    expect(bad).toMatchObject({ code: 1, stderr: 'rituals: unknown team "nope"\n' });
  });

  it('backup writes a copy and refuses to overwrite it', async () => {
    const dest = tmp.file('backups/copy.db');
    const r = await rituals(['backup', dest]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^backup of file:.*rituals\\.db written to ${dest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\.\\d KiB\\)\\n$`,
      ),
    );
    expect(existsSync(dest)).toBe(true);
    const again = await rituals(['backup', dest]);
    expect(again).toMatchObject({
      code: 1,
      stderr: `rituals: backup destination ${dest} already exists (use --force to overwrite)\n`,
    });
  });

  it('names the database URL of a corrupt file in one line', async () => {
    const path = tmp.file('corrupt.db');
    writeFileSync(path, 'not a database '.repeat(100));
    const r = await rituals(['migrate'], `file:${path}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rituals: cannot open database file:${path}: file is not a database\n`);
  });
});
