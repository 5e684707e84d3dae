// The parsed workspace kept for the next start: found again only under the same text, name and build;
// the previous one removed when a new one is kept; a damaged or foreign file is never used.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey, readCached, writeCached } from '../../../src/config/workspace-cache.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import { type TempDir, tempDir } from '../../helpers/store.js';

const TEXT = readFileSync(join(import.meta.dirname, '../../../examples/minimal.yaml'), 'utf8');

function parsed(text = TEXT, file = 'workspace.yaml') {
  const r = parseWorkspace(text, file);
  if (!r.ok) throw new Error('fixture does not parse');
  return { workspace: r.workspace, summary: r.summary, warnings: r.warnings };
}

describe('workspace cache', () => {
  let dir: TempDir;
  afterEach(() => dir?.remove());

  it('keys on the exact text, the name given and the build', () => {
    const key = cacheKey(TEXT, 'workspace.yaml', 'build-1');
    expect(cacheKey(TEXT, 'workspace.yaml', 'build-1')).toBe(key);
    expect(cacheKey(`${TEXT} `, 'workspace.yaml', 'build-1')).not.toBe(key);
    expect(cacheKey(TEXT, 'other.yaml', 'build-1')).not.toBe(key);
    expect(cacheKey(TEXT, 'workspace.yaml', 'build-2')).not.toBe(key);
  });

  it('gives back what it kept, equal to a fresh parse, and keeps only the newest', () => {
    dir = tempDir('rituals-ws-cache-');
    const first = cacheKey(TEXT, 'workspace.yaml', 'b');
    writeCached(dir.dir, first, parsed());
    expect(readCached(dir.dir, first)).toEqual(parsed());
    const changed = TEXT.replace('name:', 'name: ');
    const second = cacheKey(changed, 'workspace.yaml', 'b');
    writeCached(dir.dir, second, parsed(changed));
    expect(readCached(dir.dir, first)).toBeUndefined();
    expect(readdirSync(dir.dir)).toEqual([`.workspace-config-${second}.json`]);
  });

  it('ignores a damaged file, one kept under another key, and a folder it cannot write', () => {
    dir = tempDir('rituals-ws-cache-');
    const key = cacheKey(TEXT, 'workspace.yaml', 'b');
    writeFileSync(join(dir.dir, `.workspace-config-${key}.json`), '{"key":');
    expect(readCached(dir.dir, key)).toBeUndefined();
    writeFileSync(join(dir.dir, `.workspace-config-${key}.json`), JSON.stringify({ key: 'other', ...parsed() }));
    expect(readCached(dir.dir, key)).toBeUndefined();
    writeFileSync(join(dir.dir, `.workspace-config-${key}.json`), JSON.stringify({ key, summary: 'x' }));
    expect(readCached(dir.dir, key)).toBeUndefined();
    // A folder that cannot be made (a file stands in its way): nothing kept, nothing thrown.
    writeFileSync(join(dir.dir, 'a-file'), '');
    expect(() => writeCached(join(dir.dir, 'a-file', 'folder'), key, parsed())).not.toThrow();
    // A missing folder is made (the database's, before the store opens it on a first start).
    writeCached(join(dir.dir, 'new', 'folder'), key, parsed());
    expect(readCached(join(dir.dir, 'new', 'folder'), key)).toEqual(parsed());
    if (process.getuid?.() !== 0) {
      chmodSync(dir.dir, 0o500);
      expect(() => writeCached(dir.dir, 'k2', parsed())).not.toThrow();
      chmodSync(dir.dir, 0o700);
    }
  });
});
