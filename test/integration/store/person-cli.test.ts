// `rituals person export|erase` as an operator runs them: a child process on a database file, the
// workspace file given with --config. Erasure refuses while the member is in the config and without a
// confirmation when stdin is not a terminal, prints what it did per table, and both commands land in
// the audit log that `rituals export audit` exports.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/connection.js';
import {
  personWorkspace,
  personYaml,
  scanForNeedles,
  seedPersonData,
  ZELDA,
  ZELDA_NEEDLES,
} from '../../helpers/person-fixture.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/rituals.js');

let tmp: TempDir;
let db: string;
beforeAll(async () => {
  tmp = tempDir('rituals-person-');
  db = `file:${tmp.file('rituals.db')}`;
  writeFileSync(tmp.file('with.yaml'), personYaml(true));
  writeFileSync(tmp.file('without.yaml'), personYaml(false));
  const store = await openStore(db);
  await store.workspace.sync(personWorkspace(true), { actor: 'config', at: '2026-09-01T08:00:00.000Z' });
  await seedPersonData(store);
  await store.close();
});
afterAll(() => tmp.remove());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function rituals(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db, LOG_LEVEL: 'silent' };
  delete env.RITUALS_CONFIG;
  return new Promise((resolve) => {
    // stdin is a pipe here, never a terminal.
    execFile('node', [BIN, ...args], { cwd: tmp.dir, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('rituals person', () => {
  it('exports a member by email to a file only its owner can read', async () => {
    const out = tmp.file('zelda.json');
    const r = await rituals([
      'person',
      'export',
      ZELDA.email,
      '--out',
      out,
      '--actor',
      'dpo@acme',
      '-c',
      tmp.file('with.yaml'),
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^exported \d+ rows from 15 tables about "zelda-q" to /);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const data = JSON.parse(readFileSync(out, 'utf8'));
    expect(data.tables.check_ins.map((c: { wins: string }) => c.wins)).toEqual([ZELDA.texts[0], ZELDA.texts[2]]);
    // To stdout by default.
    const stdout = await rituals(['person', 'export', ZELDA.id, '-c', tmp.file('with.yaml')]);
    expect(JSON.parse(stdout.stdout)).toMatchObject({ memberId: ZELDA.id });
    const unknown = await rituals(['person', 'export', 'nobody', '-c', tmp.file('with.yaml')]);
    expect(unknown).toMatchObject({
      code: 1,
      stderr:
        'rituals: no member "nobody" in the database: give the member id from the workspace config, or their email\n',
    });
  });

  it('refuses to erase while the config names her, or without confirmation, and then erases', async () => {
    // A start's parsed copy of the config from before she was removed from it, kept next to the database.
    const keptParse = tmp.file('.workspace-config-0123abcd.json');
    writeFileSync(keptParse, JSON.stringify({ key: '0123abcd', summary: `${ZELDA.name} <${ZELDA.email}>` }));
    const still = await rituals(['person', 'erase', ZELDA.id, '--yes', '-c', tmp.file('with.yaml')]);
    expect(still.code).toBe(1);
    expect(still.stderr).toContain(
      `member "zelda-q" is still in ${tmp.file('with.yaml')} (teams.sales.members, teams.sales.collective.demos): remove them there first`,
    );
    const unconfirmed = await rituals(['person', 'erase', ZELDA.id, '-c', tmp.file('without.yaml')]);
    expect(unconfirmed).toMatchObject({
      code: 1,
      stderr:
        'rituals: refusing to erase without confirmation: stdin is not a terminal; pass --yes to confirm; nothing was erased\n',
    });
    expect(existsSync(keptParse)).toBe(true);
    const store = await openStore(db);
    try {
      expect(scanForNeedles(store, ZELDA_NEEDLES).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }

    const done = await rituals([
      'person',
      'erase',
      ZELDA.email,
      '--keep-aggregates',
      '--yes',
      '--actor',
      'dpo@acme',
      '-c',
      tmp.file('without.yaml'),
    ]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    // The parsed copy that still named her is gone with the rest (it stayed while nothing was erased).
    expect(existsSync(keptParse)).toBe(false);
    const lines = done.stdout.split('\n');
    expect(lines[0]).toMatch(/^erased member "zelda-q": numbers kept under the pseudonym anon-[0-9a-f]{10}$/);
    expect(lines[1]).toMatch(/^table\s+deleted\s+anonymised$/);
    expect(done.stdout).toMatch(/^check_ins\s+2\s+0$/m);
    expect(done.stdout).toMatch(/^metric_values\s+0\s+5$/m);

    const after = await openStore(db);
    try {
      expect(scanForNeedles(after, ZELDA_NEEDLES)).toEqual([]);
    } finally {
      await after.close();
    }
    // The export and the erasure, with who ran them, in the exported audit log.
    const audit = await rituals(['export', 'audit', '--format', 'json', '-c', tmp.file('without.yaml')]);
    const rows = JSON.parse(audit.stdout) as { actor: string; action: string; entity_id: string }[];
    const pseudonym = /anon-[0-9a-f]{10}/.exec(lines[0]!)![0];
    expect(rows.filter((r) => r.action.startsWith('person.')).map((r) => [r.actor, r.action, r.entity_id])).toEqual([
      ['dpo@acme', 'person.export', pseudonym],
      [expect.stringMatching(/^os:/), 'person.export', pseudonym],
      ['dpo@acme', 'person.erase', pseudonym],
    ]);
    // The trail of what was done for her stays, under the pseudonym only.
    expect(audit.stdout).not.toContain(ZELDA.id);
  });
});
