import { describe, expect, it } from 'vitest';
import { parseCommand, parseCommandDate } from '../../../src/core/rituals/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['en', 'checkin', { kind: 'checkin' }],
    ['fr', 'pointage', { kind: 'checkin' }],
    ['en', 'checkin next', { kind: 'checkin', period: 'next' }],
    ['fr', 'pointage suivant', { kind: 'checkin', period: 'next' }],
    ['en', 'checkin 2026-w11', { kind: 'checkin', period: '2026-W11' }],
    ['en', 'me', { kind: 'me' }],
    ['fr', 'moi', { kind: 'me' }],
    ['en', 'Leaderboard', { kind: 'leaderboard' }],
    ['fr', 'classement paris', { kind: 'leaderboard', team: 'paris' }],
    ['en', 'progress', { kind: 'progress' }],
    ['fr', 'progression', { kind: 'progress' }],
    ['en', 'standup nyc', { kind: 'standup', team: 'nyc' }],
    ['fr', 'point', { kind: 'standup' }],
    ['en', 'ooo 2026-03-16 2026-03-20', { kind: 'ooo', from: '2026-03-16', to: '2026-03-20' }],
    ['en', 'ooo 2026-03-16', { kind: 'ooo', from: '2026-03-16', to: '2026-03-16' }],
    ['fr', 'absent 16/03/2026 20/03/2026', { kind: 'ooo', from: '2026-03-16', to: '2026-03-20' }],
    ['fr', 'absent 2026-03-16 2026-03-20', { kind: 'ooo', from: '2026-03-16', to: '2026-03-20' }],
    // A French verb accepts French dates whatever the user's locale.
    ['en', 'absent 6/4/2026 7/4/2026', { kind: 'ooo', from: '2026-04-06', to: '2026-04-07' }],
    ['en', 'ooo off', { kind: 'ooo_off' }],
    ['fr', 'absent fin', { kind: 'ooo_off' }],
    ['fr', 'absent annuler', { kind: 'ooo_off' }],
    ['en', 'run leaderboard', { kind: 'run', ritual: 'leaderboard' }],
    ['en', 'run checkin paris', { kind: 'run', ritual: 'checkin', team: 'paris' }],
    ['fr', 'lancer classement', { kind: 'run', ritual: 'leaderboard' }],
    ['fr', 'lancer revue', { kind: 'run', ritual: 'monthly_review' }],
    ['fr', 'lancer alertes', { kind: 'run', ritual: 'breach_scan' }],
    ['en', 'run qbr', { kind: 'run', ritual: 'qbr' }],
    ['en', 'help', { kind: 'help' }],
    ['fr', 'aide', { kind: 'help' }],
    ['en', '   ', { kind: 'help' }],
    ['en', '/rituals me', { kind: 'me' }],
  ] as const)('%s "%s"', (locale, text, expected) => {
    expect(parseCommand(text, locale)).toEqual(expected);
  });

  it.each([
    ['en', 'dance', 'COMMAND.UNKNOWN', 'dance'],
    ['en', 'ooo', 'COMMAND.MISSING_DATES', ''],
    ['en', 'ooo 16/03/2026 20/03/2026', 'COMMAND.BAD_DATE', '16/03/2026'],
    ['en', 'ooo 2026-02-30', 'COMMAND.BAD_DATE', '2026-02-30'],
    ['fr', 'absent 31/02/2026', 'COMMAND.BAD_DATE', '31/02/2026'],
    ['en', 'ooo 2026-03-20 2026-03-16', 'COMMAND.BAD_RANGE', '2026-03-20 2026-03-16'],
    ['en', 'run dance', 'COMMAND.UNKNOWN_RITUAL', 'dance'],
    ['fr', 'lancer', 'COMMAND.UNKNOWN_RITUAL', ''],
  ] as const)('%s "%s" is an error %s', (locale, text, code, value) => {
    expect(parseCommand(text, locale)).toEqual({ kind: 'error', code, value });
  });

  it('reads DD/MM/YYYY only in French', () => {
    expect(parseCommandDate('01/04/2026', true)).toBe('2026-04-01');
    expect(parseCommandDate('01/04/2026', false)).toBeNull();
    expect(parseCommandDate('2026-04-01', false)).toBe('2026-04-01');
  });
});
