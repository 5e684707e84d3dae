// Every broken workspace file under test/fixtures/config/broken/ reports exactly the expected problems,
// each at the right line, column and path. The files are valid-base.yaml with one kind of mistake.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../src/config/workspace-load.js';

const dir = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));

/** [line, col, path, message substring] */
type Expected = readonly [number, number, string, string];

const CASES: Readonly<Record<string, readonly Expected[]>> = {
  'syntax-unclosed-flow': [[32, 5, 'roles.sdr.objectives', 'end with a ]']],
  'syntax-bad-indent': [[10, 1, 'kpis.calls', 'must start at the same column']],
  'duplicate-kpi-key': [[11, 3, 'kpis.calls', 'duplicate key']],
  'wrong-types': [
    [3, 9, 'workspace.name', 'expected text, got a list'],
    [33, 41, 'roles.sdr.objectives[0].target', 'expected a number like 35'],
    [33, 67, 'roles.sdr.objectives[0].weight', 'expected a number, got text "heavy"'],
  ],
  'unknown-key': [
    [43, 9, 'teams[0].members[1].name', 'missing required key "name"'],
    [43, 20, 'teams[0].members[1].nmae', 'unknown key "nmae" (did you mean "name"?)'],
  ],
  'bad-enums': [
    [16, 11, 'kpis.no_shows.unit', 'expected count, percent, days, hours'],
    [17, 11, 'kpis.no_shows.kind', 'must be one of activity, pipeline, result, quality'],
  ],
  'unknown-kpi-checkin': [[31, 22, 'roles.sdr.checkin[1]', 'unknown KPI "demos"']],
  'unknown-kpi-objective': [
    [33, 16, 'roles.sdr.objectives[0].kpi', 'unknown KPI "meeting_booked" (did you mean "meetings_booked"?)'],
    [45, 35, 'teams[0].collective[0].kpi', 'unknown KPI "demos"'],
  ],
  'unknown-kpi-formula': [[22, 25, 'kpis.no_show_rate.formula', 'unknown KPI "meetings_held"']],
  'sanity-rules': [
    [11, 14, 'kpis.calls.at_most', 'unknown KPI "call" (did you mean "calls"?)'],
    [15, 14, 'kpis.meetings_booked.at_most', '"no_show_rate" is computed by a formula and never typed in a check-in'],
    [20, 14, 'kpis.no_shows.at_most', 'a KPI cannot be at most itself'],
    [21, 10, 'kpis.no_shows.max', 'the hard limit must be above 0'],
  ],
  'unknown-role': [[43, 43, 'teams[0].members[1].role', 'unknown role "sdrr" (did you mean "sdr"?)']],
  'too-many-collective': [[50, 9, 'teams[0].collective[5]', 'the limit is 3 to 5 per team']],
  'people-not-members': [
    [40, 22, 'teams[0].managers[1]', 'manager "boss" is not a member of team "sales"'],
    [45, 94, 'teams[0].collective[0].owner', 'owner "olga" is not a member'],
    [45, 120, 'teams[0].collective[0].contributors[1]', 'contributor "tim" is not a member'],
    [45, 136, 'teams[0].collective[0].approver', 'approver "boss" is not a member'],
  ],
  'invalid-cron': [[47, 24, 'teams[0].rituals.checkin.cron', 'invalid cron expression "0 25 * * 5"']],
  'invalid-timezone': [[4, 13, 'workspace.timezone', 'unknown time zone "Europe/Pariss"']],
  'duplicate-ids': [
    [46, 15, 'teams[0].collective[1].id', 'duplicate collective objective id "team-meetings"'],
    [49, 9, 'teams[1].id', 'duplicate team id "sales"'],
    [52, 15, 'teams[1].members[0].id', 'duplicate member id "sam" (also teams[0].members[1])'],
  ],
  'duplicate-objective': [[35, 16, 'roles.sdr.objectives[2].kpi', 'a second objective on "meetings_booked" per month']],
  'bad-date': [
    [42, 47, 'teams[0].members[0].start', 'not a valid date "2026-02-30"'],
    [43, 55, 'teams[0].members[1].start', 'not a valid date "02/06/2025"'],
  ],
  'formula-syntax': [[22, 25, 'kpis.no_show_rate.formula', 'formula: unexpected "/"']],
  'formula-cycle': [[22, 14, 'kpis.no_show_rate.formula', 'formula cycle: no_show_rate -> show_rate -> no_show_rate']],
  'checkin-not-askable': [
    [31, 22, 'roles.sdr.checkin[1]', '"no_show_rate" is computed by a formula'],
    [31, 36, 'roles.sdr.checkin[2]', '"revenue" comes from import, not from the check-in'],
  ],
  'ramp-out-of-range': [
    [35, 12, 'roles.sdr.ramp[0]', 'must be between 0 and 1'],
    [35, 23, 'roles.sdr.ramp[2]', 'must be between 0 and 1'],
  ],
  'alert-wrong-side': [
    [45, 71, 'teams[0].collective[0].alert', 'must be below the target (60) for a KPI where higher is better'],
    [46, 68, 'teams[0].collective[1].alert', 'must be above the target (0.1) for a KPI where lower is better'],
  ],
  'label-missing-locale': [[9, 12, 'kpis.calls.label.fr', 'every label needs both en and fr']],
  'unknown-holiday-calendar': [[39, 20, 'teams[0].holidays[1]', 'unknown holiday calendar "de"']],
  'unsupported-builtin-calendar': [[6, 18, 'holidays.fr.builtin', 'must be one of FR, US, UK, DE']],
  'member-timezone': [[43, 77, 'teams[0].members[1].timezone', 'unknown time zone "Mars/Olympus"']],
  'unsupported-locale': [[39, 13, 'teams[0].locale', 'must be one of en, fr']],
  'target-formula-names': [
    [36, 35, 'roles.sdr.objectives[0].target.formula', 'unknown KPI or input "bonus"'],
    [37, 32, 'roles.sdr.objectives[0].target.inputs.extra', 'input "extra" is not used by the formula'],
    [37, 42, 'roles.sdr.objectives[0].target.inputs.no_shows', 'input "no_shows" has the name of a KPI'],
  ],
  'comparator-direction': [
    [34, 67, 'roles.sdr.objectives[1].comparator', 'comparator ">=" contradicts the KPI\'s direction'],
  ],
  'override-without-objective': [
    [43, 86, 'teams[0].members[1].overrides[0].kpi', 'role "sdr" has no objective on "calls" to override'],
    [43, 115, 'teams[0].members[1].overrides[1].kpi', 'no objective on "meetings_booked" per quarter'],
  ],
  'percent-as-number': [[34, 38, 'roles.sdr.objectives[1].target', 'write percentages with a % sign']],
  'percent-summed': [[29, 5, 'kpis.conversion.aggregation', 'percentages and scores cannot be summed']],
  'formula-kpi-with-source': [
    [23, 5, 'kpis.no_show_rate.source', 'a formula KPI is computed from other KPIs and has no source'],
    [24, 5, 'kpis.no_show_rate.aggregation', 'remove aggregation'],
  ],
  'bad-duration': [
    [47, 54, 'teams[0].rituals.checkin.reminders[1]', 'expected a duration with its unit'],
    [47, 58, 'teams[0].rituals.checkin.reminders[2]', 'expected a duration with its unit'],
  ],
  'history-order': [[38, 21, 'roles.sdr.objectives[0].history[1].from', 'must be in date order']],
  'ritual-misplaced-key': [
    [47, 55, 'teams[0].rituals.checkin.top', 'unknown key "top"'],
    [48, 7, 'teams[0].rituals.weekly_digest', 'unknown key "weekly_digest"'],
  ],
  'missing-sections': [
    [2, 1, 'kpis', 'missing required key "kpis"'],
    [7, 1, 'kpiz', 'unknown key "kpiz" (did you mean "kpis"?)'],
  ],
  'bad-status': [[5, 37, 'workspace.status.at_risk', 'must not be above on_track']],
  empty: [[1, 1, '', 'the file is empty']],
  'not-a-map': [[2, 1, '', 'expected a map with the keys workspace']],
};

function parseFixture(relative: string) {
  return parseWorkspace(readFileSync(dir + relative, 'utf8'), relative);
}

describe('broken workspace fixtures', () => {
  it('the base they are made from is valid', () => {
    expect(parseFixture('valid-base.yaml')).toMatchObject({ ok: true });
  });

  it('every fixture file has a case and every case a file', () => {
    const files = readdirSync(`${dir}broken`)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(CASES))('%s', (name, expected) => {
    const file = `broken/${name}.yaml`;
    const result = parseFixture(file);
    if (result.ok) throw new Error(`${file} was accepted`);
    const got = result.problems.map((p) => [p.line, p.col, p.path, p.message] as const);
    expect(got.map(([line, col, path]) => [line, col, path])).toEqual(
      expected.map(([line, col, path]) => [line, col, path]),
    );
    for (const [i, [, , , message]] of got.entries()) expect(message).toContain(expected[i]![3]);
    for (const p of result.problems) expect(p.file).toBe(file);
  });
});
