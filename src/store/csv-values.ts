// Lenient readers for the cells of spreadsheet exports: numbers with decimal commas and thousands
// separators (French and English), dates as YYYY-MM-DD or DD/MM/YYYY, and the file's delimiter and
// text encoding. Each returns undefined for what it cannot read, and the caller reports the line.

/** Bytes to text: UTF-8 (BOM stripped), else Windows-1252 as Excel writes it on French Windows. */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The delimiter used most in the header line, outside quotes: ';', tab or ',' (the default). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

const PLAIN = /^[+-]?\d+(?:[.,]\d+)?$/;
// 1.234.567,89 or 1,234,567.89: groups of three, then an optional decimal part with the other mark.
const GROUPED = /^[+-]?\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:([.,])\d+)?$/;

/**
 * `12.5`, `12,5`, `1 234,5`, `1.234,5`, `1,234.5`, `-3`. A lone comma is always a decimal mark (French
 * exports); spaces, no-break spaces and apostrophes are thousands separators.
 */
export function parseDecimal(raw: string): number | undefined {
  const s = raw.replace(/[\s\u00a0\u202f']/g, '');
  let normal: string | undefined;
  if (PLAIN.test(s)) {
    normal = s.replace(',', '.');
  } else {
    const m = GROUPED.exec(s);
    if (m && m[1] !== m[2]) normal = s.split(m[1]!).join('').replace(',', '.');
  }
  if (normal === undefined) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** `YYYY-MM-DD`, or `DD/MM/YYYY` (also `D/M/YYYY`) as French exports write it; a real calendar day. */
export function parseDay(raw: string): string | undefined {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
