// The tests read nothing outside the repository, so `npm test` passes on a clone anywhere: every path a
// test, helper or benchmark builds from the repository root (or from its own folder) stays inside it,
// and the schemas they validate against are committed under test/fixtures/schemas/ with their source.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli.js';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|mjs|js)$/.test(entry.name)) yield path;
  }
}

const files = [...sources(join(repoRoot, 'test')), ...sources(join(repoRoot, 'bench'))];

// `join(repoRoot, '…')`, `join(ROOT, '…')` and `join(import.meta.dirname, '…')` with a literal path.
const JOINED = /join\(\s*(repoRoot|ROOT|import\.meta\.dirname)\s*,\s*'([^']+)'/g;

function escapes(file: string, base: string, path: string): boolean {
  const from = base === 'import.meta.dirname' ? dirname(file) : repoRoot;
  return relative(repoRoot, resolve(from, path)).startsWith('..');
}

describe('the tests are self-contained', () => {
  it('finds the test sources it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith('manifest.test.ts'))).toBe(true);
  });

  it('builds no path that leaves the repository', () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(JOINED)) {
        if (escapes(file, m[1]!, m[2]!)) outside.push(`${relative(repoRoot, file)}: ${m[0]}`);
      }
      if (/['"`]\.\.\/shared\//.test(text)) outside.push(`${relative(repoRoot, file)}: ../shared/`);
    }
    expect(outside).toEqual([]);
  });

  it('tells where each committed schema comes from', () => {
    const dir = join(repoRoot, 'test/fixtures/schemas');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const schemas = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(schemas).toContain('MicrosoftTeams.v1.19.schema.json');
    for (const schema of schemas) expect(readme).toContain(`\`${schema}\``);
    expect(readme).toContain(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
    );
    expect(existsSync(join(dir, 'MicrosoftTeams.v1.19.schema.json'))).toBe(true);
  });
});
