// The PostgreSQL person export reads the same tables as SQLite's: a table listed on one side only would
// leave its rows out of one backend's export (and out of its erasure's deletions) without a failure.
import { describe, expect, it } from 'vitest';
import { PERSON_ROWS, PERSON_TABLES } from '../../../src/store/person-data.js';
import { PG_PERSON_ROWS } from '../../../src/store/pg/person-data.js';

describe('PostgreSQL person rows', () => {
  it('lists the tables SQLite lists, and the audit log is found in code on both', () => {
    expect(Object.keys(PG_PERSON_ROWS).sort()).toEqual(Object.keys(PERSON_ROWS).sort());
    expect(PERSON_TABLES).toContain('audit_log');
    expect(Object.keys(PG_PERSON_ROWS)).not.toContain('audit_log');
  });
});
