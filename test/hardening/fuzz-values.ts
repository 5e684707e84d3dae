// The hostile material of the fuzz test: texts that are legal but nasty (SQL and spreadsheet-formula
// injection, unicode tricks, markup), numbers as typed that a count field must refuse, JSON values of
// the wrong type, and values a JSON number can carry that no KPI should (1e309 is Infinity once parsed).
import type { Random } from '../../src/sandbox/prng.js';

/** Legal free text (a check-in's wins, a decision, a source id): stored verbatim, never executed. */
export const NASTY_TEXTS: readonly string[] = [
  "'; DROP TABLE check_ins; --",
  "1' OR '1'='1",
  '" OR ""="',
  'Robert"); DELETE FROM metric_values; --',
  '=1+2',
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1+1)*cmd|"/C calc"!A0',
  '\t=1+1',
  '\u202egnp.exe',
  'zero\u200bwidth\u200djoin\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦🏳️‍🌈💩',
  'ｍｅ',
  'аdmin',
  '<script>alert(1)</script>',
  '</textarea><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7} {{7*7}} #{7*7}',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '%00%0a%0d',
  'line1\r\nline2\u2028line3',
  '*bold* _it_ <!channel> <@U0MAYA>',
  '[link](javascript:alert(1))',
  'null',
  'undefined',
  'NaN',
];

/** Typed into a count field, each must be refused: not a number, not whole, negative, absurd, not ASCII digits. */
export const BAD_COUNTS: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1e3',
  '-1',
  '-5',
  '12.5',
  '0.1',
  '1e-400',
  '0x10',
  '1_000',
  '١٢٣',
  '１２',
  'twelve',
  '1; DROP TABLE check_ins',
  '=1+2',
  '9'.repeat(400),
  '1000000001',
  '1,5',
  '1\u200b2',
  '+-1',
  '--1',
  '1..2',
  '.5',
  'null',
  '[]',
  '{}',
  '١',
];

/** Values a JSON document can hold that no field here accepts as a number. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [1, 2],
  { value: 1 },
  '12',
  '',
  'NaN',
  -0.5,
  { __proto__: { polluted: true } },
];

/** Marker replaced by a raw 1e309 (Infinity once parsed) in a JSON body: JSON.stringify cannot write it. */
export const RAW_INFINITY = '"__RAW_1E309__"';
export const withRawNumbers = (json: string) => json.replaceAll(RAW_INFINITY, '1e309');

export function validCount(rnd: Random, french: boolean): string {
  const n = rnd.int(0, 500);
  if (french) return rnd.chance(0.2) ? ` ${n} ` : String(n);
  const r = rnd.next();
  if (r < 0.1) return ` ${n} `;
  if (r < 0.2) return `+${n}`;
  if (r < 0.25) return (1000 + n).toLocaleString('en-US');
  return String(n);
}

/** Free text: usually a legal nasty one, sometimes over the 2,000-character limit (refused). */
export function freeText(rnd: Random): { text: string; tooLong: boolean } {
  const r = rnd.next();
  if (r < 0.06)
    return { text: rnd.pick(['x', 'é', '💩', '='].map((c) => c.repeat(2001 + rnd.int(0, 3000)))), tooLong: true };
  if (r < 0.1) return { text: 'ok '.repeat(600), tooLong: false };
  return { text: rnd.pick(NASTY_TEXTS), tooLong: false };
}

export function hostileString(rnd: Random): string {
  const r = rnd.next();
  if (r < 0.05) return 'A'.repeat(rnd.int(5_000, 60_000));
  if (r < 0.5) return rnd.pick(NASTY_TEXTS);
  if (r < 0.8) return rnd.pick(BAD_COUNTS);
  return String.fromCharCode(...Array.from({ length: rnd.int(1, 40) }, () => rnd.int(0, 0xffff)));
}
