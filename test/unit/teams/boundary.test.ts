// botbuilder is archived upstream and may one day be replaced by its successor: every import of it
// (and of its botframework-* packages) stays under src/teams/, so that swap touches one folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const BOT_SDK = /(?:from\s*|import\s*\(\s*|require\(\s*|^\s*import\s*)['"](botbuilder[^'"]*|botframework-[^'"]*)['"]/m;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(ts|js|mjs)$/.test(p) ? [p] : [];
  });
}

describe('Teams SDK boundary', () => {
  const files = filesUnder(join(root, 'src'));

  it('finds the SDK used inside src/teams', () => {
    expect(
      files.filter((f) => f.startsWith(join(root, 'src/teams')) && BOT_SDK.test(readFileSync(f, 'utf8'))).length,
    ).toBeGreaterThan(2);
  });

  it('no file outside src/teams imports botbuilder or botframework-*', () => {
    const outside = files.filter(
      (f) => !f.startsWith(`${join(root, 'src/teams')}/`) && BOT_SDK.test(readFileSync(f, 'utf8')),
    );
    expect(outside.map((f) => relative(root, f))).toEqual([]);
  });

  it('the check recognises the import forms', () => {
    expect(BOT_SDK.test(`import { CloudAdapter } from 'botbuilder';`)).toBe(true);
    expect(BOT_SDK.test(`import type { X } from "botframework-connector";`)).toBe(true);
    expect(BOT_SDK.test(`const b = await import('botbuilder-core');`)).toBe(true);
    expect(BOT_SDK.test(`import { t } from './i18n/index.js';`)).toBe(false);
  });
});
