// Nothing is sent twice: ticking twice at the same instant, reloading the config mid-week (new member,
// changed crons), and repairing a tick that stopped between the occurrence row and the outbox.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { rawCount, rawRun } from '../../helpers/raw-store.js';
import {
  describeDelivery,
  type Harness,
  ritualsHarness,
  runUntil,
  seedActivity,
} from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const outboxRows = async (harness: Harness) => ({ n: await rawCount(harness.store, 'outbox') });

describe('idempotency', () => {
  it('ticking twice at the same instant queues nothing new', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T14:00:00Z');
    await h.tick('2026-03-06T14:00:00Z');
    const first = await h.tick('2026-03-06T15:00:00Z');
    expect(first.sent).toBe(2);
    const rows = (await outboxRows(h)).n;
    const second = await h.tick('2026-03-06T15:00:00Z');
    expect(second).toMatchObject({ sent: 0, skipped: 0, missed: 0, failed: 0, runs: [] });
    expect((await outboxRows(h)).n).toBe(rows);
    // Even with the watermark forgotten (another process, a wiped state), the occurrence keys hold.
    await rawRun(h.store, 'delete from engine_state');
    const third = await h.tick('2026-03-06T15:00:00Z');
    expect(third.sent).toBe(0);
    expect((await outboxRows(h)).n).toBe(rows);
  });

  it('a config reload mid-week (new member, changed crons) sends nothing twice and prompts the newcomer once', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-02T00:00:00Z');
    // Activity in weeks 9 and 10, so both weeks have a leaderboard.
    await seedActivity(
      h,
      ['2026-02-25', '2026-03-04'].flatMap((date) => [
        { member: 'hugo', team: 'paris', date },
        { member: 'emma', team: 'nyc', date },
      ]),
    );
    await h.tick('2026-03-02T00:00:00Z');
    const monday = await runUntil(h, '2026-03-02T08:30:00Z');
    expect(monday.map(describeDelivery)).toEqual([
      '2026-03-02T08:00Z send channel:paris leaderboard 2026-W09',
      '2026-03-02T08:00Z send channel:paris monthly_review 2026-02',
    ]);
    // 09:30 Paris: the leaderboard moves to 10:00 — this week's post is already out, so nothing more.
    await h.reload(engineWorkspace({ parisRituals: `    rituals:\n      leaderboard: { cron: "0 10 * * 1" }` }));
    const rest = await runUntil(h, '2026-03-06T15:30:00Z');
    expect(rest.map(describeDelivery)).toEqual([
      '2026-03-02T14:00Z send channel:nyc leaderboard 2026-W09',
      '2026-03-02T14:00Z send channel:nyc monthly_review 2026-02',
      '2026-03-06T15:00Z send dm:hugo checkin_prompt 2026-W10',
      '2026-03-06T15:00Z send dm:lea checkin_prompt 2026-W10',
    ]);
    // Friday 16:30 Paris: Zoé joins and the check-in moves to 16:30. Hugo and Léa were asked this week.
    await h.reload(
      engineWorkspace({
        parisMembers: ['{ id: zoe, name: Zoé Petit, role: sdr, start: 2026-03-02 }'],
        parisRituals: `    rituals:\n      leaderboard: { cron: "0 10 * * 1" }\n      checkin: { cron: "30 16 * * 5" }`,
      }),
    );
    const reload = await h.tick('2026-03-06T15:30:00Z');
    expect(reload.runs.map((r) => [r.team, r.ritual, r.period, r.sent])).toEqual([['paris', 'checkin', '2026-W10', 1]]);
    const again = await h.tick('2026-03-06T15:30:00Z');
    expect(again.sent).toBe(0);
    expect((await h.drain()).map(describeDelivery)).toEqual(['2026-03-06T15:30Z send dm:zoe checkin_prompt 2026-W10']);
    const after = await runUntil(h, '2026-03-10T00:00:00Z');
    expect(after.map(describeDelivery)).toEqual([
      // Reminders keep the delays from each member's own prompt (Zoé's came at 16:30).
      '2026-03-06T16:00Z send dm:hugo checkin_reminder',
      '2026-03-06T16:00Z send dm:lea checkin_reminder',
      '2026-03-06T16:30Z send dm:zoe checkin_reminder',
      '2026-03-06T21:00Z send dm:emma checkin_prompt 2026-W10',
      '2026-03-06T22:00Z send dm:emma checkin_reminder',
      '2026-03-09T08:00Z send dm:hugo checkin_reminder',
      '2026-03-09T08:00Z send dm:lea checkin_reminder',
      '2026-03-09T08:30Z send dm:zoe checkin_reminder',
      // The Paris leaderboard now posts at 10:00.
      '2026-03-09T09:00Z send channel:paris leaderboard 2026-W10',
      '2026-03-09T13:00Z send channel:nyc leaderboard 2026-W10',
      '2026-03-09T13:00Z send dm:emma checkin_reminder',
    ]);
    const prompts = h.gateway.delivered.filter((d) => d.view.type === 'checkin_prompt').map((d) => d.to);
    expect(prompts.sort()).toEqual(['dm:emma', 'dm:hugo', 'dm:lea', 'dm:zoe']);
  });

  it('repairs a run that stopped between writing the occurrence and queueing its message', async () => {
    let failNext = true;
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T14:00:00Z', {
      wrapOutbox: (outbox) => ({
        enqueue: async (items, opts) => {
          if (failNext) {
            failNext = false;
            throw new Error('disk I/O error');
          }
          return outbox.enqueue(items, opts);
        },
        deliveredRef: (key) => outbox.deliveredRef(key),
      }),
    });
    await h.tick('2026-03-06T14:00:00Z');
    const crashed = await h.tick('2026-03-06T15:00:00Z');
    // The team's prompts are queued together: the failed write left both rows pending (one error line),
    // and the repair pass of the same tick queued them.
    expect(crashed.runs[0]).toMatchObject({ ritual: 'checkin', sent: 0, failed: 2 });
    expect(crashed.runs.slice(1).map((r) => [r.ritual, r.sent, r.failed])).toEqual([
      ['checkin', 1, 0],
      ['checkin', 1, 0],
    ]);
    expect(h.log.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'ritual occurrences failed to queue',
    ]);
    const delivered = await h.drain();
    expect(delivered.map(describeDelivery).sort()).toEqual([
      '2026-03-06T15:00Z send dm:hugo checkin_prompt 2026-W10',
      '2026-03-06T15:00Z send dm:lea checkin_prompt 2026-W10',
    ]);
    expect((await h.store.occurrences.get('paris:checkin:2026-W10:hugo'))?.status).toBe('enqueued');
    // A row left pending with its message already queued (a crash before the status update): the
    // repair finds the outbox key taken and queues nothing more.
    await rawRun(h.store, `update ritual_occurrences set status = 'pending' where key = 'paris:checkin:2026-W10:lea'`);
    const repaired = await h.tick('2026-03-06T15:01:00Z');
    expect(repaired.runs.map((r) => [r.ritual, r.sent])).toEqual([['checkin', 0]]);
    expect((await h.store.occurrences.get('paris:checkin:2026-W10:lea'))?.status).toBe('enqueued');
    expect(await h.drain()).toEqual([]);
  });
});
