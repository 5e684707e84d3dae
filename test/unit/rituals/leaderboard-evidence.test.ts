// When a week's leaderboard has something behind it: hand-built weeks, each with the reason expected.
import { describe, expect, it } from 'vitest';
import { leaderboardSkip, type WeekEvidence } from '../../../src/core/rituals/queries/leaderboard-evidence.js';

const member = (workingDays: number, ranked: boolean) => ({ workingDays, ranked });
const week = (over: Partial<WeekEvidence>): WeekEvidence => ({
  members: [member(5, true), member(5, true)],
  prompts: 2,
  excusedPrompts: 0,
  checkIns: 2,
  memberValues: 4,
  ...over,
});

describe('leaderboardSkip', () => {
  it.each<[string, Partial<WeekEvidence>, ReturnType<typeof leaderboardSkip>]>([
    ['an ordinary week', {}, undefined],
    ['one check-in out of two is enough', { checkIns: 1, memberValues: 2 }, undefined],
    ['values imported without any check-in are enough', { checkIns: 0, memberValues: 3 }, undefined],
    ['no member in the report', { members: [] }, 'no_data'],
    // Holidays all week (or out of office all week): 0 working days for everyone.
    [
      'nobody worked a day of the week',
      { members: [member(0, false), member(0, false)], checkIns: 0, memberValues: 0 },
      'nobody_expected',
    ],
    // The prompt's Friday was a holiday: both prompts skipped for it, nobody answered.
    ['every prompt excused', { excusedPrompts: 2, checkIns: 0, memberValues: 0 }, 'nobody_expected'],
    // Values recorded (imports) do not change that nobody could check in.
    ['every prompt excused, imports only', { excusedPrompts: 2, checkIns: 0, memberValues: 5 }, 'nobody_expected'],
    // One early answer before the holiday prompt: someone could, and did.
    ['every prompt excused but one answered early', { excusedPrompts: 2, checkIns: 1 }, undefined],
    ['one prompt excused, the other not answered', { excusedPrompts: 1, checkIns: 0, memberValues: 0 }, 'no_data'],
    ['nobody answered and nothing was recorded', { checkIns: 0, memberValues: 0 }, 'no_data'],
    ['no prompt at all (check-in off) and no data', { prompts: 0, checkIns: 0, memberValues: 0 }, 'no_data'],
    [
      'data, but nobody ranked (no scored objective with data)',
      { members: [member(5, false), member(5, false)] },
      'nobody_ranked',
    ],
  ])('%s', (_name, over, expected) => {
    expect(leaderboardSkip(week(over))).toBe(expected);
  });
});
