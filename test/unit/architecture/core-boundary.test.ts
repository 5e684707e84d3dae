// The core stays platform-neutral: no SDK, ORM, driver, scheduler or environment in src/core.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const coreDir = join(root, 'src/core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN_IMPORTS = [
  /^@slack\//,
  /^botbuilder/,
  /^botframework/,
  /^drizzle-orm/,
  /^better-sqlite3/,
  /^node-cron/,
  /^pino/,
  /^node:(fs|http|https|net|child_process)$/,
];
const importRe =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export function violations(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    if (FORBIDDEN_IMPORTS.some((re) => re.test(spec))) found.push(`imports ${spec}`);
  }
  if (/\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*['"]env['"]\s*\]/.test(source)) found.push('reads process.env');
  return found;
}

describe('src/core boundary', () => {
  const files = filesUnder(coreDir);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no platform code', (_name, file) => {
    expect(violations(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('domain code never reads the clock', () => {
    const domain = files.filter((f) => f.includes(`${join('core', 'domain')}`));
    for (const f of domain) {
      const src = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
      expect({
        f: relative(root, f),
        clock: /\bDate\.now\(|new Date\(\)|DateTime\.now\(|DateTime\.local\(\)|Math\.random\(/.test(src),
      }).toEqual({
        f: relative(root, f),
        clock: false,
      });
    }
  });

  it('the checker itself catches violations', () => {
    expect(violations(`import { App } from '@slack/bolt';`)).toEqual(['imports @slack/bolt']);
    expect(violations(`import type { X } from "drizzle-orm/sqlite-core";`)).toEqual([
      'imports drizzle-orm/sqlite-core',
    ]);
    expect(violations(`const d = await import('better-sqlite3');`)).toEqual(['imports better-sqlite3']);
    expect(violations(`import cron from 'node-cron';`)).toEqual(['imports node-cron']);
    expect(violations(`const p = process.env.PORT;`)).toEqual(['reads process.env']);
    expect(violations(`import { t } from './i18n/index.js';`)).toEqual([]);
  });
});
