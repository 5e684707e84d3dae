// The generic scan behind the person erasure: every table and text column comes from the schema itself;
// identifiers match as whole words (an id inside another id or word is left alone), free text matches
// raw or JSON-escaped; only the rows found are rewritten, and a row gone since is skipped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import {
  applyNeedles,
  findNeedleRows,
  identifierNeedles,
  scrubRows,
  textColumnsOfEveryTable,
  textNeedles,
} from '../../../src/store/table-scan.js';
import { memoryStore } from '../../helpers/store.js';

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(async () => store.close());

describe('textColumnsOfEveryTable', () => {
  it('lists every table of the schema with its text columns, and a table added later', () => {
    const tables = textColumnsOfEveryTable(rawSqlite(store));
    expect(tables.map((t) => t.table)).toContain('check_ins');
    expect(tables.find((t) => t.table === 'check_ins')!.columns).toEqual(
      expect.arrayContaining(['member_id', 'wins', 'blockers', 'values']),
    );
    expect(tables.find((t) => t.table === 'check_ins')!.columns).not.toContain('id');
    expect(tables.some((t) => t.table.startsWith('__drizzle') || t.table.startsWith('sqlite_'))).toBe(false);
    rawSqlite(store).exec('create table later_notes (id integer primary key, body text, n integer)');
    expect(textColumnsOfEveryTable(rawSqlite(store)).find((t) => t.table === 'later_notes')).toEqual({
      table: 'later_notes',
      columns: ['body'],
    });
  });
});

describe('needles', () => {
  const ids = identifierNeedles('lea', 'anon-1');
  it.each([
    ['lea', 'anon-1'],
    ['member:lea:calls:month', 'member:anon-1:calls:month'],
    ['sales/lea', 'sales/anon-1'],
    ['["maya","lea"]', '["maya","anon-1"]'],
    ['lea-2', 'lea-2'],
    ['leandro', 'leandro'],
    ['ileana', 'ileana'],
    ['lea.martin', 'lea.martin'],
    ['Seen lea.', 'Seen anon-1.'],
  ])('%j becomes %j', (text, expected) => {
    expect(applyNeedles(text, ids)).toBe(expected);
  });

  it('finds free text raw and as JSON stores it', () => {
    const text = 'waiting on "legal"\nsince Monday';
    const needles = textNeedles(text, '[erased]');
    expect(applyNeedles(`x ${text} y`, needles)).toBe('x [erased] y');
    expect(applyNeedles(JSON.stringify({ blockers: [text] }), needles)).toBe('{"blockers":["[erased]"]}');
  });
});

describe('findNeedleRows and scrubRows', () => {
  it('rewrites only the rows found that really hold a needle, and skips rows gone since', () => {
    rawSqlite(store).exec(`create table notes (id integer primary key, a text, b text)`);
    const insert = rawSqlite(store).prepare('insert into notes (a, b) values (?, ?)');
    insert.run('about lea', 'x');
    insert.run('about lea-2', 'y');
    insert.run('plain', 'lea and lea');
    insert.run('gone lea', null);
    const needles = identifierNeedles('lea', 'anon-1');
    const found = findNeedleRows(rawSqlite(store), needles);
    expect(found.get('notes')).toEqual([1, 2, 3, 4]);
    rawSqlite(store).exec('delete from notes where id = 4');
    expect(scrubRows(rawSqlite(store), needles, found)).toEqual(new Map([['notes', 2]]));
    expect(rawSqlite(store).prepare('select a, b from notes order by id').all()).toEqual([
      { a: 'about anon-1', b: 'x' },
      { a: 'about lea-2', b: 'y' },
      { a: 'plain', b: 'anon-1 and anon-1' },
    ]);
  });
});
