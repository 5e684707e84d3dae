// Online backup while another connection keeps writing: the copy opens, passes integrity_check and
// holds every row committed before the backup started, plus a gap-free prefix of the later ones.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/connection.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

let tmp: TempDir | undefined;
afterEach(() => tmp?.remove());

const insertSql = `insert into audit_log (at, actor, action, entity, entity_id, after) values (?, 'writer', 'test.write', 'test', ?, ?)`;
const payload = (i: number) => JSON.stringify({ i, pad: 'x'.repeat(300) });

describe('store.backup', () => {
  it('takes a consistent copy while another connection writes', async () => {
    tmp = tempDir();
    const store = await openStore(`file:${tmp.file('live.db')}`);
    const writer = new Database(tmp.file('live.db'));
    writer.pragma('busy_timeout = 5000');
    const insert = writer.prepare(insertSql);
    // A few MB so the backup takes many steps, with the event loop (and the writer) running between them.
    writer.transaction(() => {
      for (let i = 1; i <= 10_000; i++) insert.run(new Date(0).toISOString(), String(i), payload(i));
    })();
    const committedBefore = 10_000;

    let written = committedBefore;
    let stop = false;
    const writes = (async () => {
      while (!stop && written < committedBefore + 300) {
        written++;
        insert.run(new Date().toISOString(), String(written), payload(written));
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const startedAt = written;
    // Small steps: the writer gets the event loop between them (and forces restarts), the worst case.
    const result = await store.backup(tmp.file('backups/copy.db'), { pagesPerStep: 50 });
    const duringBackup = written - startedAt;
    stop = true;
    await writes;
    expect(duringBackup).toBeGreaterThan(0); // the writer did commit while the backup ran
    expect(result.bytes).toBeGreaterThan(1_000_000);

    const copy = new Database(result.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = copy
      .prepare(`select id, entity_id as n, after from audit_log where entity = 'test' order by id`)
      .all() as { n: string; after: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(committedBefore);
    expect(rows.length).toBeLessThanOrEqual(written);
    rows.forEach((r, i) => {
      expect(r.n).toBe(String(i + 1));
      expect(JSON.parse(r.after).i).toBe(i + 1);
    });
    copy.close();
    writer.close();
    await store.close();
    // The copy is a working store: it opens and migrates (nothing to apply).
    const reopened = await openStore(result.path);
    expect(reopened.migrations.applied).toEqual([]);
    await reopened.close();
  });

  it('refuses to overwrite a file or the database itself', async () => {
    tmp = tempDir();
    const store = await openStore(tmp.file('live.db'));
    await store.backup(tmp.file('copy.db'));
    await expect(store.backup(tmp.file('copy.db'))).rejects.toThrow(/already exists \(use --force to overwrite\)/);
    await expect(store.backup(tmp.file('copy.db'), { overwrite: true })).resolves.toMatchObject({
      path: tmp.file('copy.db'),
    });
    await expect(store.backup(tmp.file('live.db'), { overwrite: true })).rejects.toThrow(/is the database itself/);
    await store.close();
  });
});
