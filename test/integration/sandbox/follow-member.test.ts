// "Next ritual" follows the member at the page, over the real core: it stops when their DMs or their
// team's channel get something and says what happened to the others meanwhile; a jump of more than a
// week asks first, then runs and says so; a QBR falling on New Year's Day is reported as moved; the
// guided start's "open the monthly review" posts it now in the member's channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandboxApp } from '../../helpers/sandbox-app.js';

// Thursday 3 December 2026, 11:00 in Paris.
const realNow = () => new Date('2026-12-03T10:00:00Z');
let s: RunningSandbox;

beforeAll(async () => {
  s = await startSandboxApp({ realNow });
}, 120_000);
afterAll(async () => {
  await s?.stop();
});

async function post(path: string, body: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${s.base}/sandbox/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

describe('time travel that follows the member', () => {
  it('goes to the next moment something reaches the member, and says what happened meanwhile', async () => {
    const first = await post('clock', { member: 'hugo', advance: 'next' });
    // Hugo's own prompt, Friday 16:00 Paris — not Camille's at noon UTC, not the US stand-ups.
    expect(first.now).toBe('2026-12-04T15:00:00.000Z');
    expect(first.thread).toBe('dm:hugo');
    expect(first.message).toContain('Pour vous : Check-in hebdomadaire dans vos messages privés.');
    // Camille's at noon UTC (La Réunion), then the five other Paris reps with Hugo.
    expect(first.message).toMatch(
      /Entre-temps : 6 points hebdo envoyés aux collègues, .*2 synthèses de point envoyées aux managers, 2 imports CRM\./,
    );

    // He has not answered: next is his reminder two hours later.
    const second = await post('clock', { member: 'hugo', advance: 'next' });
    expect(second.now).toBe('2026-12-04T17:00:00.000Z');
    expect(second.message).toContain('Pour vous : Relance de check-in dans vos messages privés.');
    // Nobody else answered within the two hours (seed 1): five colleagues got theirs too.
    expect(second.message).toContain('Entre-temps : 5 rappels envoyés aux collègues.');

    // An English rep reads the same in English; Léa answered at 18:05 Paris on the way.
    const emily = await post('clock', { member: 'emily', advance: 'next' });
    expect(emily.now).toBe('2026-12-04T21:00:00.000Z');
    expect(emily.message).toContain('For you: Weekly check-in in your DMs.');
    expect(emily.message).toMatch(/Meanwhile: .*1 colleague checked in/);
  }, 60_000);

  it('asks before a jump of more than a week, then runs it and reports a review moved off a holiday', async () => {
    const before = s.app.clock.now().toISOString();
    const asked = await post('clock', { member: 'hugo', advance: 'next', ritual: 'qbr' });
    expect(asked.confirm.question).toMatch(/^Avancer de 28 jours, jusqu’au vendredi 1 janv\. 2027/);
    expect(asked.confirm.to).toBe('2027-01-01T09:00:00.000Z');
    expect(s.app.clock.now().toISOString()).toBe(before);

    const done = await post('clock', { member: 'hugo', advance: 'next', ritual: 'qbr', confirm: true });
    expect(done.now).toBe('2027-01-01T09:00:00.000Z');
    expect(done.message).toContain('QBR de Ventes France déplacé du 1 janv. 2027 (jour férié) au 4 janv. 2027.');
    expect(done.message).toContain(
      'Revue mensuelle de Ventes France déplacé du 1 janv. 2027 (jour férié) au 4 janv. 2027.',
    );
    // What moved did not run: the list of what ran names the leaderboards, not the moved review.
    expect(done.ran).toMatch(/^Exécuté : .*Classement/);
    expect(done.ran).not.toMatch(/Revue mensuelle/);
  }, 240_000);

  it('runs the monthly review now for the guided start, in the member’s channel', async () => {
    const out = await post('run', { member: 'emily', ritual: 'monthly_review' });
    expect(out).toEqual({ ok: true, thread: 'channel:sales-us' });
    const state = (await (await fetch(`${s.base}/sandbox/api/state?member=emily&thread=channel:sales-us`)).json()) as {
      thread: { html: string };
    };
    expect(state.thread.html).toContain('data-view="monthly_review"');
    expect(state.thread.html).toContain('Monthly review — for real: the first working day of the month at 09:00');
    // A ritual that never reaches a rep (the US stand-up goes to managers) still has its next run.
    const standup = await post('clock', { member: 'emily', advance: 'next', ritual: 'standup' });
    expect(standup.now).toBe('2027-01-01T14:30:00.000Z');
    // The out-of-office form "types" the French command for a French member.
    expect(await post('command', { member: 'hugo', text: 'absent 2027-01-11 2027-01-15' })).toEqual({ ok: true });
    expect((await s.store.ooo.listOverlapping(['hugo'], '2027-01-11', '2027-01-15')).length).toBe(1);
    const refused = await fetch(`${s.base}/sandbox/api/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ member: 'emily', ritual: 'breach_scan' }),
    });
    expect(refused.status).toBe(400);
  }, 60_000);
});
