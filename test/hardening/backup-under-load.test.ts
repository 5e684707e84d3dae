// `rituals backup` while another process keeps writing check-ins (test/helpers/checkin-writer.ts) into a
// database of ~25 MB: the command finishes, the writer keeps committing while it runs, and the backup,
// restored as a deployment would (copied in place of the database and opened by the app's store, which
// runs its migrations), passes PRAGMA integrity_check and holds every check-in committed before the
// backup started.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connection.js';
import { rawSqlite } from '../../src/store/raw-access.js';
import { type ChildScript, runScript } from '../helpers/child-script.js';
import { repoRoot } from '../helpers/cli.js';
import { type TempDir, tempDir } from '../helpers/store.js';
import { waitFor } from '../helpers/wait-for.js';

let tmp: TempDir;
let writer: ChildScript | undefined;
beforeAll(() => {
  tmp = tempDir('rituals-backup-load-');
});
afterAll(async () => {
  writer?.child.kill('SIGKILL');
  if (writer) await writer.exited;
  tmp.remove();
});

/** Runs the real command line without blocking this process (the writer's output keeps flowing). */
function rituals(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/rituals.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const committed = (w: ChildScript) => w.events.filter((e) => e.event === 'checkin').map((e) => String(e.key));

describe('rituals backup under a write load', () => {
  it('restores to an intact database holding every check-in committed before it started', async () => {
    const db = tmp.file('live.db');
    writer = runScript('test/helpers/checkin-writer.ts', ['--db', db, '--prefill', '20000', '--every-ms', '1']);
    await waitFor(
      () => committed(writer!).length,
      (n) => n >= 300,
      60_000,
    );

    const before = new Set(committed(writer));
    const backup = tmp.file('backups/rituals-copy.db');
    const started = Date.now();
    const result = await rituals(['backup', backup, '--database', `file:${db}`]);
    const seconds = (Date.now() - started) / 1000;
    const during = committed(writer).length - before.size;
    writer.child.kill('SIGKILL');
    await writer.exited;
    process.stdout.write(
      `backup under load: ${before.size} live check-ins before, ${during} committed while it ran (${seconds.toFixed(1)} s)\n`,
    );
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/backup of .* written to .*rituals-copy\.db \(\d+(\.\d)? MiB\)/);
    expect(during, 'the writer kept committing while the backup ran').toBeGreaterThan(0);

    // Restore: the copy becomes the database, opened by the store as the app opens it.
    const restored = tmp.file('restored.db');
    copyFileSync(backup, restored);
    const store = await openStore(`file:${restored}`);
    try {
      expect(store.migrations.applied).toEqual([]);
      expect(rawSqlite(store).pragma('integrity_check', { simple: true })).toBe('ok');
      expect(rawSqlite(store).pragma('foreign_key_check')).toEqual([]);
      const keys = new Set(
        (rawSqlite(store).prepare('select idempotency_key as k from check_ins').all() as { k: string }[]).map(
          (r) => r.k,
        ),
      );
      const missing = [...before].filter((k) => !keys.has(k));
      expect(missing).toEqual([]);
      expect(
        (
          rawSqlite(store)
            .prepare(`select count(*) as n from check_ins where idempotency_key like 'prefill:%'`)
            .get() as { n: number }
        ).n,
      ).toBe(20_000);
      // Nothing the writer never committed: every live row is one it reported (or was about to report).
      const live = [...keys].filter((k) => k.startsWith('live:'));
      const reported = new Set(committed(writer));
      expect(live.filter((k) => !reported.has(k)).length).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
    }
    // The original database is intact too.
    const original = new Database(db, { readonly: true });
    expect(original.pragma('integrity_check', { simple: true })).toBe('ok');
    original.close();
  }, 120_000);
});
