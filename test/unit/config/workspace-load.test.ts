// The public API of the workspace config: parseWorkspace fills every default of the model, converts
// percents, amounts and durations, and never throws; loadWorkspace reads files and the bundled example.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bundledExamplePath,
  formatProblem,
  loadWorkspace,
  parseWorkspace,
  WorkspaceConfigError,
} from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const minimal = readFileSync(`${root}examples/minimal.yaml`, 'utf8');

function parseOk(text: string): Workspace {
  const r = parseWorkspace(text, 'test.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.workspace;
}

/** minimal.yaml with some snippets replaced (each must occur once). */
function variant(...subs: [string, string][]): string {
  return subs.reduce((text, [from, to]) => {
    expect(text.split(from)).toHaveLength(2);
    return text.replace(from, to);
  }, minimal);
}

describe('formatProblem', () => {
  it('prints FILE:LINE:COL path: message', () => {
    expect(formatProblem({ file: 'a.yaml', line: 3, col: 7, path: 'teams[0].id', message: 'bad' })).toBe(
      'a.yaml:3:7 teams[0].id: bad',
    );
  });
  it('leaves the path out when the problem is about the whole file', () => {
    expect(formatProblem({ file: 'a.yaml', line: 1, col: 1, path: '', message: 'empty' })).toBe('a.yaml:1:1: empty');
  });
});

describe('parseWorkspace defaults', () => {
  const result = parseWorkspace(minimal, 'examples/minimal.yaml');
  const ws = parseOk(minimal);
  const team = ws.teams[0]!;

  it('summarises the workspace in one line', () => {
    expect(result).toMatchObject({ ok: true, summary: '1 team, 2 members, 1 role, 2 KPIs, 1 collective objective' });
  });

  it('fills the workspace defaults', () => {
    expect(ws.defaults).toEqual({
      locale: 'en',
      timezone: 'Europe/London',
      fiscalYearStart: 1,
      weekStart: 1,
      workingWeekdays: [1, 2, 3, 4, 5],
      status: { onTrack: 1, atRisk: 0.85 },
      attainmentCap: 2,
      evidence: { minDays: 2, minShare: 0.1 },
      individualsInChannel: 'top',
    });
    expect(ws.holidays).toEqual({});
  });

  it('fills KPI, role and objective defaults', () => {
    expect(ws.kpis.calls).toEqual({
      id: 'calls',
      label: { en: 'Calls', fr: 'Appels' },
      unit: { type: 'count' },
      kind: 'activity',
      direction: 'higher',
      aggregation: 'sum',
      sources: ['checkin'],
    });
    expect(ws.roles.sdr).toEqual({
      id: 'sdr',
      label: { en: 'SDR', fr: 'SDR' },
      checkin: ['calls', 'qualified_meetings'],
      objectives: [
        { kpi: 'qualified_meetings', target: { value: 35 }, history: [], per: 'month', comparator: '>=', weight: 1 },
      ],
      ramp: [],
    });
  });

  it('fills team, member and collective defaults', () => {
    expect(team).toMatchObject({
      timezone: 'Europe/London',
      locale: 'en',
      holidays: [],
      channels: {},
      managers: ['maya'],
    });
    expect(team.members[0]).toEqual({
      id: 'maya',
      name: 'Maya Brooks',
      start: '2024-03-04',
      ids: { slack: 'U0MAYA' },
      overrides: [],
    });
    expect(team.collective[0]).toEqual({
      id: 'team-meetings',
      kpi: 'qualified_meetings',
      target: 35,
      per: 'month',
      alert: 25,
      frequency: 'week',
      comparator: '>=',
      owner: 'maya',
      contributors: ['sam'],
    });
  });

  it('schedules the default rituals in the team time zone, stand-up on demand only', () => {
    const r = team.rituals;
    expect(r.checkin).toEqual({
      cron: '0 16 * * 5',
      timezone: 'Europe/London',
      localTime: true,
      enabled: true,
      remindersMinutes: [60, 65 * 60],
      deadlineMinutes: 3 * 24 * 60,
    });
    expect(r.leaderboard).toMatchObject({ cron: '0 9 * * 1', top: 5, localTime: false });
    expect(r.progress?.cron).toBe('0 9 * * 1');
    expect(r.breach_scan).toMatchObject({ cron: '0 8 * * 1-5', escalateAfterMinutes: 2 * 24 * 60 });
    expect(r.monthly_review?.cron).toBe('0 9 1W * *');
    expect(r.qbr?.cron).toBe('0 10 1W 1,4,7,10 *');
    expect(r.standup).toBeUndefined();
  });

  it('returns a deeply frozen model', () => {
    expect(Object.isFrozen(ws)).toBe(true);
    expect(Object.isFrozen(ws.teams[0]!.members[0]!.ids)).toBe(true);
    expect(Object.isFrozen(ws.roles.sdr!.objectives)).toBe(true);
  });
});

describe('parseWorkspace values', () => {
  it('reads percents, amounts, formula targets and one-or-many sources', () => {
    const ws = parseOk(
      variant(
        ['unit: count                  #', 'unit: { currency: USD }      #'],
        ['    # defaults', '    source: import\n    kind: result\n    # defaults'],
        [
          '- { kpi: qualified_meetings, target: 35, per: month }',
          '- { kpi: calls, target: 1.5M, per: year, weight: 2.5 }\n      - { kpi: qualified_meetings, target: { formula: "calls * rate" , inputs: { rate: 12.5% } }, per: month }',
        ],
        ['checkin: [calls, qualified_meetings]', 'checkin: [qualified_meetings]'],
      ),
    );
    expect(ws.kpis.calls).toMatchObject({
      unit: { type: 'currency', currency: 'USD' },
      sources: ['import'],
      kind: 'result',
    });
    expect(ws.roles.sdr!.objectives[0]).toMatchObject({ target: { value: 1_500_000 }, weight: 2.5, per: 'year' });
    expect(ws.roles.sdr!.objectives[1]!.target).toEqual({ formula: 'calls * rate', inputs: { rate: 0.125 } });
  });

  it('reads the evidence rule and a team currency, and refuses a currency that is not an ISO code', () => {
    const ws = parseOk(
      variant(
        [
          '  timezone: Europe/London        #',
          '  evidence: { min_days: 3, min_share: 20% }\n  timezone: Europe/London        #',
        ],
        ['  - id: sales\n', '  - id: sales\n    currency: USD\n'],
      ),
    );
    expect(ws.defaults.evidence).toEqual({ minDays: 3, minShare: 0.2 });
    expect(ws.teams[0]!.currency).toBe('USD');
    const bad = parseWorkspace(variant(['  - id: sales\n', '  - id: sales\n    currency: dollars\n']), 'test.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => [p.path, p.message])).toEqual([
        ['teams[0].currency', 'a currency is an ISO code like EUR or USD'],
      ]);
  });

  it('defaults the comparator from the KPI direction', () => {
    const ws = parseOk(
      variant(
        ['    # defaults', '    direction: lower\n    # defaults'],
        ['- { kpi: qualified_meetings, target: 35, per: month }', '- { kpi: calls, target: 100, per: week }'],
      ),
    );
    expect(ws.roles.sdr!.objectives[0]!.comparator).toBe('<=');
  });

  it('merges built-in, workspace and team ritual settings field by field', () => {
    const ws = parseOk(
      variant(
        [
          '  timezone: Europe/London        #',
          '  timezone: Europe/London\n  fiscal_year_start: 4\nrituals:\n  checkin: { deadline: 1d12h, reminders: [30m] }\n  standup: { cron: "0 9 * * 1-5" }\n  #',
        ],
        [
          '    managers: [maya]',
          '    managers: [maya]\n    timezone: Asia/Tokyo\n    rituals: { checkin: { reminders: [2h, 1w] }, qbr: { enabled: false }, leaderboard: { timezone: UTC } }',
        ],
      ),
    );
    const r = ws.teams[0]!.rituals;
    expect(r.checkin).toMatchObject({
      cron: '0 16 * * 5',
      timezone: 'Asia/Tokyo',
      remindersMinutes: [120, 7 * 24 * 60],
      deadlineMinutes: 36 * 60,
    });
    expect(r.standup).toMatchObject({ cron: '0 9 * * 1-5', enabled: true });
    expect(r.qbr).toMatchObject({ cron: '0 10 1W 1,4,7,10 *', enabled: false });
    expect(r.leaderboard?.timezone).toBe('UTC');
    expect(ws.defaults.fiscalYearStart).toBe(4);
  });

  it('reads holiday calendars, member platform ids, locale, time zone and overrides', () => {
    const ws = parseOk(
      variant(
        [
          '\nkpis:',
          '\nholidays:\n  uk: { builtin: UK, dates: [2026-08-28] }\n  offsite: { dates: [2026-06-12] }\nkpis:',
        ],
        [
          '    managers: [maya]',
          '    holidays: [uk, offsite]\n    channels: { slack: C0SALES, teams: "19:x@thread.tacv2" }\n    managers: [maya]',
        ],
        [
          '{ id: sam, name: Sam Patel, role: sdr, start: 2025-06-02, slack: U0SAM }',
          '{ id: sam, name: Sam Patel, role: sdr, start: 2025-06-02, slack: U0SAM, teams: 00000000-0000-0000-0000-000000000001, email: sam@example.com, locale: fr, timezone: America/Chicago, overrides: [{ kpi: qualified_meetings, target: 30, from: 2026-01-01 }] }',
        ],
      ),
    );
    expect(ws.holidays).toEqual({
      uk: { id: 'uk', builtin: 'UK', dates: ['2026-08-28'] },
      offsite: { id: 'offsite', dates: ['2026-06-12'] },
    });
    const team = ws.teams[0]!;
    expect(team.holidays).toEqual(['uk', 'offsite']);
    expect(team.channels).toEqual({ slack: 'C0SALES', teams: '19:x@thread.tacv2' });
    expect(team.members[1]).toEqual({
      id: 'sam',
      name: 'Sam Patel',
      role: 'sdr',
      start: '2025-06-02',
      ids: { slack: 'U0SAM', teams: '00000000-0000-0000-0000-000000000001', email: 'sam@example.com' },
      timezone: 'America/Chicago',
      locale: 'fr',
      overrides: [{ kpi: 'qualified_meetings', target: { value: 30 }, from: '2026-01-01' }],
    });
  });

  it('follows YAML anchors and aliases', () => {
    const ws = parseOk(
      variant(
        ['label: { en: Calls, fr: Appels }', 'label: &calls { en: Calls, fr: Appels }'],
        ['label: { en: SDR, fr: SDR }', 'label: *calls'],
      ),
    );
    expect(ws.roles.sdr!.label).toEqual({ en: 'Calls', fr: 'Appels' });
  });

  it('accepts << merge keys', () => {
    const ws = parseOk(
      variant(
        ['  calls:\n    label: { en: Calls, fr: Appels }', '  calls: &counted\n    label: { en: Calls, fr: Appels }'],
        [
          '  qualified_meetings:\n    label: { en: Qualified meetings, fr: Rendez-vous qualifiés }\n    unit: count',
          '  qualified_meetings:\n    <<: *counted\n    label: { en: Qualified meetings, fr: Rendez-vous qualifiés }',
        ],
      ),
    );
    expect(ws.kpis.qualified_meetings).toMatchObject({ unit: { type: 'count' }, label: { en: 'Qualified meetings' } });
  });

  it('reports every reference problem at once, sorted by line', () => {
    const r = parseWorkspace(
      variant(
        ['checkin: [calls, qualified_meetings]', 'checkin: [calls, demos]'],
        ['role: sdr', 'role: ae'],
        ['owner: maya', 'owner: nobody'],
      ),
      'x.yaml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual([
      'roles.sdr.checkin[1]',
      'teams[0].members[1].role',
      'teams[0].collective[0].owner',
    ]);
    expect([...r.problems.map((p) => p.line)]).toEqual([...r.problems.map((p) => p.line)].sort((a, b) => a - b));
  });

  it.each([
    ['tabs', '\tworkspace: x'],
    ['an open brace', '{'],
    ['a scalar', 'hello'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a null workspace', 'workspace:\nkpis:\nteams:\n'],
    ['an unknown tag', 'workspace: !custom { name: x }\n'],
    [
      'alias bombs',
      'a: &a [1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    ],
  ])('never throws on %s', (_name, text) => {
    const r = parseWorkspace(text, 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
  });
});

describe('loadWorkspace', () => {
  it('loads the bundled example when no path is given', async () => {
    const loaded = await loadWorkspace();
    expect(loaded.isExample).toBe(true);
    expect(loaded.path).toBe(bundledExamplePath());
    expect(isAbsolute(loaded.path)).toBe(true);
    expect(loaded.path.endsWith('examples/sales-team.yaml')).toBe(true);
    expect(loaded.summary).toMatch(/^2 teams, \d+ members, 5 roles, \d+ KPIs, \d+ collective objectives$/);
  });

  it('loads a given file', async () => {
    const loaded = await loadWorkspace('examples/minimal.yaml');
    expect(loaded).toMatchObject({ isExample: false, path: `${root}examples/minimal.yaml` });
    expect(loaded.workspace.name).toBe('Tiny Startup');
  });

  it('turns an unreadable file into one problem at 1:1', async () => {
    const err = await loadWorkspace('does/not/exist.yaml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceConfigError);
    const problems = (err as WorkspaceConfigError).problems;
    expect(problems).toEqual([
      {
        file: 'does/not/exist.yaml',
        line: 1,
        col: 1,
        path: '',
        message: 'cannot read the workspace config: file not found',
      },
    ]);
    expect((err as Error).message).toBe('does/not/exist.yaml:1:1: cannot read the workspace config: file not found');
  });

  it('throws every problem of an invalid file, formatted one a line', async () => {
    const file = 'test/fixtures/config/broken/people-not-members.yaml';
    const err = (await loadWorkspace(file).catch((e: unknown) => e)) as WorkspaceConfigError;
    expect(err).toBeInstanceOf(WorkspaceConfigError);
    expect(err.problems).toHaveLength(4);
    expect(err.message.split('\n')).toEqual(err.problems.map(formatProblem));
    expect(err.message.split('\n')[0]).toBe(
      `${file}:40:22 teams[0].managers[1]: manager "boss" is not a member of team "sales"`,
    );
  });
});
