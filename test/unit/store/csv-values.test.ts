// Cell readers of the CSV import: numbers in French and English notation, dates, delimiter, encoding.
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, parseDay, parseDecimal } from '../../../src/store/csv-values.js';

describe('parseDecimal', () => {
  it.each([
    ['12.5', 12.5],
    ['12,5', 12.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234\u202f567', 1234567],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ["1'234.50", 1234.5],
    ['-3', -3],
    ['+4', 4],
    ['0', 0],
  ])('%j -> %d', (raw, expected) => expect(parseDecimal(raw)).toBe(expected));

  it.each(['', 'abc', '12,5,1', '1.2.3,4,5', 'NaN', 'Infinity', '1e999', '12 €', '1,2.3', '--1'])(
    '%j is not a number',
    (raw) => expect(parseDecimal(raw)).toBeUndefined(),
  );
});

describe('parseDay', () => {
  it.each([
    ['2026-03-02', '2026-03-02'],
    ['02/03/2026', '2026-03-02'],
    ['2/3/2026', '2026-03-02'],
    ['29/02/2028', '2028-02-29'],
  ])('%s -> %s', (raw, day) => expect(parseDay(raw)).toBe(day));

  it.each(['2026-02-30', '31/04/2026', '2026/03/02', '03-02-2026', '2026-3-2', '', '2026-03-02T10:00:00Z'])(
    '%j is refused',
    (raw) => expect(parseDay(raw)).toBeUndefined(),
  );
});

describe('detectDelimiter', () => {
  it('reads the header line, ignoring quoted separators', () => {
    expect(detectDelimiter('date,member,kpi,value\n')).toBe(',');
    expect(detectDelimiter('date;member;kpi;value\n1;2;3,5;4')).toBe(';');
    expect(detectDelimiter('date\tmember\tkpi\tvalue')).toBe('\t');
    expect(detectDelimiter('"a;b;c",member,kpi,value')).toBe(',');
    expect(detectDelimiter('\n\ndate;member;kpi;value')).toBe(';');
  });
});

describe('decodeCsv', () => {
  it('strips a UTF-8 BOM and falls back to Windows-1252', () => {
    expect(decodeCsv(Buffer.from('\ufeffdate;membre', 'utf8'))).toBe('date;membre');
    expect(decodeCsv(Buffer.from([0x4c, 0xe9, 0x61]))).toBe('Léa');
  });
});
