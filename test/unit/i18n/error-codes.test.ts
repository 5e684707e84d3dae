// Every DomainError code thrown anywhere in src/ has a message in both catalogs: the scan finds the codes
// (literal first arguments of `new DomainError(` and of its subclasses, and the members of the code
// types passed as a variable), and each must map to a key of i18n/error-messages.ts present in en and fr.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors.js';
import { en } from '../../../src/core/i18n/en.js';
import { ERROR_MESSAGES } from '../../../src/core/i18n/error-messages.js';
import { fr } from '../../../src/core/i18n/fr.js';
import { describeError } from '../../../src/core/view-builders/notice.js';

const root = join(import.meta.dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Codes passed to `new DomainError(` as an expression rather than a literal: the type whose members are
 * the codes, or `rebuilt` for an error rebuilt from one thrown elsewhere (counted where it was thrown).
 */
export const DYNAMIC_CODES: Readonly<Record<string, { readonly type: string } | 'rebuilt'>> = {
  'cmd.code': { type: 'CommandErrorCode' },
  'parsed.error.code': { type: 'PeriodKeyErrorCode' },
  'e.code': 'rebuilt',
};

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface ScannedCodes {
  /** Code -> the files that throw it. */
  readonly codes: ReadonlyMap<string, readonly string[]>;
  /** Sites whose code the scan cannot tell (an expression missing from DYNAMIC_CODES, or an unknown type). */
  readonly unresolved: readonly string[];
}

const quoted = (text: string): string[] => [...text.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** The DomainError codes the sources can throw. */
export function domainErrorCodes(files: readonly SourceFile[], dynamic = DYNAMIC_CODES): ScannedCodes {
  const all = files.map((f) => f.text).join('\n');
  const classes = ['DomainError', ...[...all.matchAll(/class\s+(\w+)\s+extends\s+DomainError\b/g)].map((m) => m[1]!)];
  const typeMembers = (name: string): string[] | undefined => {
    const m = new RegExp(`type\\s+${name}\\s*=([^;]+);`).exec(all);
    return m ? quoted(m[1]!) : undefined;
  };
  const codes = new Map<string, string[]>();
  const unresolved: string[] = [];
  const add = (code: string, path: string) => codes.set(code, [...(codes.get(code) ?? []), path]);
  const site = new RegExp(`new\\s+(?:${classes.join('|')})\\s*\\(\\s*(?:(['"])([^'"]*)\\1|([^,)]+))`, 'g');
  for (const f of files) {
    for (const m of f.text.matchAll(site)) {
      if (m[2] !== undefined) {
        add(m[2], f.path);
        continue;
      }
      const expr = m[3]!.trim();
      const source = dynamic[expr];
      if (source === 'rebuilt') continue;
      const members = source ? typeMembers(source.type) : undefined;
      if (!members || members.length === 0)
        unresolved.push(
          `${f.path}: new ${m[0]
            .split('(')[0]!
            .replace(/^new\s+/, '')
            .trim()}(${expr}, ...)`,
        );
      else for (const code of members) add(code, f.path);
    }
  }
  return { codes, unresolved };
}

/** Codes without a message: not in ERROR_MESSAGES, or their message missing (or empty) in a catalog. */
export function missingMessages(
  codes: Iterable<string>,
  table: Readonly<Record<string, string>> = ERROR_MESSAGES,
): string[] {
  const catalogs: Record<string, Readonly<Record<string, string>>> = { en, fr };
  const missing: string[] = [];
  for (const code of codes) {
    const key = table[code];
    if (key === undefined) {
      missing.push(`${code}: no entry in i18n/error-messages.ts`);
      continue;
    }
    for (const [locale, catalog] of Object.entries(catalogs)) {
      if (!catalog[key]?.trim()) missing.push(`${code}: "${key}" missing in ${locale}`);
    }
  }
  return missing;
}

describe('the scan of DomainError codes', () => {
  const sample: SourceFile[] = [
    {
      path: 'a.ts',
      text: [
        'class ChartError extends DomainError {}',
        "throw new DomainError('A.LITERAL', 'x');",
        'throw new DomainError(\n  "A.SPLIT",\n  `y`, {});',
        "throw new ChartError('A.SUBCLASS', 'z');",
        "type SampleCode = 'A.ONE' | 'A.TWO';",
        'throw new DomainError(r.code, "w");',
        'throw new DomainError(other.code, "v");',
        "throw new PersonError('NOT.DOMAIN', 'p');",
      ].join('\n'),
    },
  ];

  it('finds literal codes, subclasses and the members of a code type, and flags unknown expressions', () => {
    const scanned = domainErrorCodes(sample, { 'r.code': { type: 'SampleCode' } });
    expect([...scanned.codes.keys()].sort()).toEqual(['A.LITERAL', 'A.ONE', 'A.SPLIT', 'A.SUBCLASS', 'A.TWO']);
    expect(scanned.unresolved).toEqual(['a.ts: new DomainError(other.code, ...)']);
  });

  it('reports a code with no message, or whose message key is missing from the catalogs', () => {
    expect(missingMessages(['AUTH.NOT_MANAGER'])).toEqual([]);
    expect(missingMessages(['NO.SUCH_CODE'])).toEqual(['NO.SUCH_CODE: no entry in i18n/error-messages.ts']);
    expect(missingMessages(['X.Y'], { 'X.Y': 'no.such.key' })).toEqual([
      'X.Y: "no.such.key" missing in en',
      'X.Y: "no.such.key" missing in fr',
    ]);
  });
});

describe('DomainError codes in src', () => {
  const files = filesUnder(join(root, 'src')).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
  const scanned = domainErrorCodes(files);

  it('are all known to the scan', () => {
    expect(scanned.unresolved).toEqual([]);
    // The codes of charts, reports, check-ins and commands at least: a scan that finds nothing proves nothing.
    for (const code of [
      'CHART.UNKNOWN_KPI',
      'REPORT.BAD_DATE',
      'CHECKIN.PERIOD_CLOSED',
      'COMMAND.UNKNOWN_RITUAL',
      'PERIOD.OUT_OF_RANGE',
    ]) {
      expect(scanned.codes.has(code), code).toBe(true);
    }
  });

  it('each have a message in en and fr', () => {
    expect(missingMessages(scanned.codes.keys())).toEqual([]);
  });

  it('are told to the user in their words, not as the generic failure', () => {
    for (const code of scanned.codes.keys()) {
      for (const locale of ['en', 'fr'] as const) {
        expect(describeError(locale, new DomainError(code, code)).body, `${code} ${locale}`).not.toBe(
          describeError(locale, new Error('x')).body,
        );
      }
    }
  });
});
