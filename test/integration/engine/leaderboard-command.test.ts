// The `leaderboard` command shows the last completed week (the current one is still under way), or
// says why that week has no leaderboard; members without data are listed unranked, with the reason.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LeaderboardView, NoticeView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Harness, ritualsHarness, seedActivity } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('the leaderboard command', () => {
  it('shows last week’s board, or why there is none', async () => {
    // Wednesday 11 March 2026 (week 11): week 10 is the last completed one.
    h = await ritualsHarness(
      engineWorkspace({ rituals: '  checkin: { enabled: false }\n  breach_scan: { enabled: false }' }),
      '2026-03-11T10:00:00Z',
    );
    const none = (await h.core.service.command('claire', 'classement')).view as NoticeView;
    expect(none).toMatchObject({ type: 'notice', tone: 'info' });
    expect(plain(none.body)).toBe(
      'Pas de classement pour Semaine 10 (du 2 mars au 8 mars 2026) : personne n’a fait son point et aucun chiffre n’a été enregistré.',
    );

    // Hugo's meetings in week 10 (and some this week, which the command does not show yet).
    await seedActivity(h, [
      { member: 'hugo', team: 'paris', date: '2026-03-04', value: 5 },
      { member: 'hugo', team: 'paris', date: '2026-03-10', value: 5 },
    ]);
    const board = (await h.core.service.command('hugo', 'leaderboard')).view as LeaderboardView;
    expect(board).toMatchObject({ type: 'leaderboard', periodKey: '2026-W10', locale: 'en' });
    expect(board.rows.map((r) => [r.rank, r.memberId, r.movementText])).toEqual([[1, 'hugo', '']]);
    expect(board.unrankedText).toBe('Not ranked: Léa Martin (no data yet).');
  });
});
