// Platform mode's check-in: the answer is stored and confirmed first, the breach scan it triggers runs
// after it (coalesced per team), and settle() waits for it: the breach it finds is opened and its owner's
// nudge queued, exactly as the inline scan does.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../../src/compose/build-core.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import type { Store } from '../../../src/store/connection.js';
import { FakeClock } from '../../helpers/clock.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { recordingLogger } from '../../helpers/rituals-harness.js';
import { memoryStore } from '../../helpers/store.js';

const ws = engineWorkspace({
  rituals: `  checkin: { enabled: false }
  leaderboard: { enabled: false }
  progress: { enabled: false }
  monthly_review: { enabled: false }
  qbr: { enabled: false }
  breach_scan: { cron: "0 8 * * 1-5" }`,
  // 40 meetings a month for the team; at or below a projected 30 it is breached. Léa owns it.
  parisCollective: `    collective:
      - { id: meetings, kpi: meetings, target: 40, alert: 30, per: month, owner: lea, contributors: [hugo, lea], approver: claire }`,
});

let store: Store | undefined;
afterEach(async () => store?.close());
afterAll(() => clearCronCache());

describe('breach scan after a check-in, deferred', () => {
  it('stores and confirms the answer, then the scan opens the breach and queues the nudge', async () => {
    store = await memoryStore();
    await store.workspace.sync(ws, { actor: 'test', at: '2026-03-01T12:00:00Z' });
    // Wednesday 4 March: 2 meetings in 3 of 22 working days projects 14.67, at or below the alert (30).
    const clock = new FakeClock(new Date('2026-03-04T11:00:00Z'));
    const { core, outbox } = buildCore({
      store,
      workspace: () => ws,
      log: recordingLogger(),
      clock,
      platformFor: () => 'sandbox',
      breachScanAfterCheckIn: { deferred: { windowMs: 10 } },
    });
    const form = await core.service.checkInForm('hugo');
    const result = await core.service.submitCheckIn({
      memberId: 'hugo',
      metadata: form.metadata,
      numbers: { calls: '20', meetings: '2' },
      platform: 'sandbox',
      idempotencyKey: 'hugo-w10',
    });
    expect(result.ok).toBe(true);
    // Stored before the answer came back.
    expect(await store.checkIns.latestFor('hugo', '2026-W10')).toMatchObject({ values: { calls: 20, meetings: 2 } });

    await core.settle();
    expect(await store.breaches.get(1)).toMatchObject({ objectiveId: 'team:paris:meetings', leftAt: null });
    const queued = await outbox.claim({ at: '2026-03-04T11:00:01.000Z', limit: 10, leaseMs: 60_000 });
    expect(
      queued.map(
        (q) =>
          `${q.destination.kind}:${q.destination.kind === 'dm' ? q.destination.memberId : ''} ${(q.view as { type: string }).type}`,
      ),
    ).toEqual(['dm:lea breach_nudge']);
  });
});
