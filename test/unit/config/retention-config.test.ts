// `workspace.retention` in the config: durations in days, weeks, months or years, or `unlimited`; unset
// keys take the defaults; a wrong value is reported with its file, line, column and path.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseWorkspace } from '../../../src/config/workspace-load.js';
import { parseRetention } from '../../../src/config/workspace-values.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const minimal = readFileSync(`${root}examples/minimal.yaml`, 'utf8');
const withRetention = (block: string) =>
  minimal.replace('  timezone: Europe/London', `  timezone: Europe/London\n${block}`);

describe('parseRetention', () => {
  it.each([
    ['30d', { amount: 30, unit: 'day' }],
    ['12w', { amount: 12, unit: 'week' }],
    ['6mo', { amount: 6, unit: 'month' }],
    ['2y', { amount: 2, unit: 'year' }],
    [' 2 y ', { amount: 2, unit: 'year' }],
    ['unlimited', 'unlimited'],
    ['Unlimited', 'unlimited'],
  ])('reads %j', (text, expected) => {
    expect(parseRetention(text)).toEqual(expected);
  });

  it.each(['30m', '0d', '2 years', '', '-1d', '1.5y', 'forever'])('refuses %j', (text) => {
    expect(parseRetention(text)).toBeNull();
  });
});

describe('workspace.retention', () => {
  it('is absent from the model when the config sets none (the defaults apply)', () => {
    const r = parseWorkspace(minimal, 'minimal.yaml');
    expect(r.ok && r.workspace.defaults.retention).toBeUndefined();
  });

  it('fills the keys it does not set with the defaults', () => {
    const r = parseWorkspace(
      withRetention('  retention: { checkin_text: 1y, metric_values: 3y, audit_log: unlimited }'),
      'w.yaml',
    );
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.workspace.defaults.retention).toEqual({
      checkinText: { amount: 1, unit: 'year' },
      metricValues: { amount: 3, unit: 'year' },
      outboxBodies: { amount: 30, unit: 'day' },
      auditLog: 'unlimited',
      decisions: 'unlimited',
    });
  });

  it('reports a wrong value or key at its place in the file', () => {
    const text = withRetention('  retention:\n    checkin_text: 30m\n    outbox_body: 30d');
    const r = parseWorkspace(text, 'w.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = text.split('\n').findIndex((l) => l.includes('checkin_text: 30m')) + 1;
    expect(r.problems.map(formatProblem)).toEqual([
      `w.yaml:${line}:19 workspace.retention.checkin_text: expected a retention like 30d, 12w, 6mo, 2y or unlimited`,
      expect.stringMatching(
        new RegExp(`^w\\.yaml:${line + 1}:5 workspace\\.retention(\\.outbox_body)?: .*outbox_body`),
      ),
    ]);
  });
});
