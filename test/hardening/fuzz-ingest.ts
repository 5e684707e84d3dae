// Fuzz cases for POST /api/v1/metrics: valid batches (with nasty but legal source ids), batches with
// one bad item among good ones, and requests wrong before the body (token, content type, JSON, size).
import type { FuzzCase, FuzzKit } from './fuzz-cases.js';
import { hostileString, NASTY_TEXTS, RAW_INFINITY, WRONG_TYPES, withRawNumbers } from './fuzz-values.js';

export function ingestCase(kit: FuzzKit, n: number): FuzzCase {
  const { world, rnd } = kit;
  const ingest = (
    n: number,
    what: string,
    body: string,
    rest: Partial<FuzzCase> = {},
    headers: Record<string, string> = {},
  ): FuzzCase => ({
    n,
    target: 'ingest',
    what,
    path: '/api/v1/metrics',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.ingestToken}`, ...headers },
    body,
    writes: 'ingest',
    valid: false,
    ...rest,
  });

  const validItem = (n: number, k: number) => {
    const kpi = rnd.pick(['opportunities', 'revenue', 'csat']);
    const value =
      kpi === 'csat'
        ? Math.round(rnd.between(0, 5) * 10) / 10
        : kpi === 'opportunities'
          ? rnd.int(0, 50)
          : Math.round(rnd.between(0, 250_000) * 100) / 100;
    const who: { member?: string; team?: string } = rnd.chance(0.7)
      ? { member: rnd.pick(['sam', 'lea', 'theo', 'tara', 'tom']) }
      : { team: rnd.pick(['sales', 'support']) };
    const sourceId = rnd.chance(0.3) ? `${rnd.pick(NASTY_TEXTS)}#${n}.${k}` : `crm-${n}-${k}`;
    return {
      ...who,
      kpi,
      date: `2026-${String(rnd.int(1, 11)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      value,
      source_id: sourceId.slice(0, 200),
    };
  };

  const badItem = (n: number): Record<string, unknown> => {
    const item: Record<string, unknown> = validItem(n, 99);
    const b = rnd.int(0, 13);
    if (b === 0) item.value = rnd.pick(WRONG_TYPES.filter((v) => typeof v !== 'number'));
    else if (b === 1) item.value = RAW_INFINITY;
    // Revenue may be negative (refunds); a score may not pass its top, nor a count go below zero.
    else if (b === 2) item.value = item.kpi === 'revenue' ? 'minus one' : item.kpi === 'csat' ? 5.01 : -3;
    else if (b === 3) item.value = rnd.pick([1e300, -1e300, 1.7976931348623157e308]);
    else if (b === 4) item.kpi = rnd.pick(['calls', 'nope', '', hostileString(rnd).slice(0, 200), 5]);
    else if (b === 5)
      item.date = rnd.pick(['2026-02-30', '2026-13-01', 'yesterday', 20260101, '2026-1-1', "2026-01-01'; --"]);
    else if (b === 6) item.member = rnd.pick(['nobody', hostileString(rnd).slice(0, 400), 'x@y', '', 7]);
    else if (b === 7) item.source_id = rnd.pick(['', 'x'.repeat(201), null, 5]);
    else if (b === 8) item[rnd.pick(['extra', 'constructor', 'Value'])] = 1;
    else if (b === 9) delete item.value;
    else if (b === 10) return { ...item, member: 'sam', team: 'support' };
    else if (b === 11) {
      delete item.member;
      delete item.team;
    } else if (b === 12) return rnd.pick<Record<string, unknown>>([null as never, [] as never, { x: 1 }]);
    else item.team = rnd.pick(['nowhere', '', hostileString(rnd).slice(0, 300)]);
    return item;
  };

  const r = rnd.next();
  if (r < 0.3) {
    const items = Array.from({ length: rnd.int(1, 5) }, (_, k) => validItem(n, k));
    return ingest(n, 'ingest.valid', JSON.stringify({ items }), { valid: true, items: items.length });
  }
  if (r < 0.8) {
    const items: unknown[] = Array.from({ length: rnd.int(0, 3) }, (_, k) => validItem(n, k));
    items.splice(rnd.int(0, items.length), 0, badItem(n));
    return ingest(n, 'ingest.bad-item', withRawNumbers(JSON.stringify({ items })));
  }
  const t = rnd.next();
  if (t < 0.15) return ingest(n, 'ingest.no-token', '{"items":[]}', {}, { authorization: '' });
  if (t < 0.3)
    return ingest(
      n,
      'ingest.bad-token',
      '{"items":[]}',
      {},
      {
        authorization: rnd.pick([
          'Bearer rit_x',
          `Bearer ${world.ingestToken}x`,
          `Basic ${world.ingestToken}`,
          'Bearer',
          hostileString(rnd)
            .slice(0, 200)
            .replace(/[^\x20-\x7e]/g, ''),
        ]),
      },
    );
  if (t < 0.4)
    return ingest(
      n,
      'ingest.content-type',
      '{"items":[]}',
      {},
      { 'content-type': rnd.pick(['text/plain', 'application/xml', 'multipart/form-data', '']) },
    );
  if (t < 0.995) {
    const body = rnd.pick([
      '{',
      '',
      'null',
      '[]',
      '{"items":{}}',
      '{"items":null}',
      '{"items":[]}',
      '{"items":[],"extra":1}',
      '{"__proto__":{"items":[1]}}',
      `{"items":[${'['.repeat(5000)}${']'.repeat(5000)}]}`,
      `{"items":[{"kpi":"revenue","member":"sam","date":"2026-01-01","value":1e309,"source_id":"inf-${n}"}]}`,
      JSON.stringify({ items: Array.from({ length: 5001 }, () => ({})) }),
      hostileString(rnd),
    ]);
    return ingest(n, 'ingest.garbage', body);
  }
  return ingest(
    n,
    'ingest.oversized',
    JSON.stringify({
      items: [{ kpi: 'revenue', member: 'sam', date: '2026-01-01', value: 1, source_id: 'x'.repeat(1_100_000) }],
    }),
  );
}
