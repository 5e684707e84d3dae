// The real pieces behind the Slack flow tests: an in-memory SQLite store with the real migrations, the
// workspace loaded by the real loader and synced, the ritual core, outbox and OutboxSender built by the
// composition root (compose/build-core.ts) on a clock the test moves, delivering through the Slack
// adapter's gateway to the fake Slack API.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCore } from '../../../src/compose/build-core.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { RitualsCore } from '../../../src/core/rituals/create-core.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { OutboxSender } from '../../../src/scheduling/outbox-sender.js';
import type { CheckInFollowUp } from '../../../src/slack/check-in-follow-up.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { FakeClock } from '../../helpers/clock.js';
import { FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { type SlackHarness, startSlackHarness } from './harness.js';

export const FLOW_WORKSPACE = join(import.meta.dirname, '../../fixtures/slack/workspace.yaml');

export interface FlowHarness extends SlackHarness {
  readonly store: Store;
  readonly core: RitualsCore;
  readonly clock: FakeClock;
  readonly sender: OutboxSender;
  readonly workspace: Workspace;
  /** Delivers every outbox row ready now through the Slack gateway. */
  drain(): ReturnType<OutboxSender['drainOnce']>;
}

export interface FlowOptions {
  /** Changes the fixture's YAML before it is loaded (a member's name, a second team...). */
  readonly editWorkspace?: (yaml: string) => string;
  /** Parked messages are reported to the team's managers, as in production (compose/admin-alerts.ts). */
  readonly adminAlerts?: boolean;
  /** Check-in follow-ups handed over instead of run after the ack (see slack/check-in-follow-up.ts). */
  readonly followUps?: (job: CheckInFollowUp) => void;
}

export async function startFlowHarness(startAt: string, opts: FlowOptions = {}): Promise<FlowHarness> {
  const yaml = await readFile(FLOW_WORKSPACE, 'utf8');
  const parsed = parseWorkspace(opts.editWorkspace ? opts.editWorkspace(yaml) : yaml, FLOW_WORKSPACE);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const { workspace } = parsed;
  const store = await openStore(':memory:');
  const clock = new FakeClock(startAt);
  await syncWorkspace(store, workspace, { actor: 'config', at: clock.now().toISOString() });
  const log = createLogger('silent');
  const built = buildCore({
    store,
    workspace: () => workspace,
    log,
    clock,
    platformFor: () => 'slack',
    sender: { random: () => 0.5 },
    ...(opts.adminAlerts ? { adminAlerts: true } : {}),
  });
  const { core, sender } = built;
  const fake = await new FakeSlackApi().start();
  fake
    .addUser({ id: 'U0MAYA', email: 'maya@acme.example', tz: 'Europe/London', locale: 'en-GB' })
    .addUser({ id: 'U0SAM', email: 'sam@acme.example', tz: 'Europe/London', locale: 'en-US' })
    .addUser({ id: 'U0LEA', email: 'lea.dubois@acme.example', tz: 'Europe/Paris', locale: 'fr-FR' })
    .addUser({ id: 'U0STRANGER', email: 'who@elsewhere.example', locale: 'fr-FR' })
    .addChannel('C0SALES');
  const h = await startSlackHarness({
    service: core.service,
    workspace: () => workspace,
    fake,
    ...(opts.followUps ? { followUps: opts.followUps } : {}),
  });
  built.connect(h.adapter.gateway);
  return {
    ...h,
    store,
    core,
    clock,
    sender,
    workspace,
    drain: () => sender.drainOnce(),
    async close() {
      await h.close();
      await store.close();
    },
  };
}

/** One rep's check-in of a past week, as `submitCheckIn` stores it: the check-in and its values dated `date`. */
export interface SeedCheckIn {
  readonly member: string;
  readonly periodKey: string;
  /** The day the values count for (the week's last working day) and when the rep sent them. */
  readonly date: string;
  readonly submittedAt: string;
  readonly values: Readonly<Record<string, number>>;
}

/** Stores past check-ins of the Sales team: a leaderboard is only posted for a week with data behind it. */
export async function seedCheckIns(h: Pick<FlowHarness, 'store'>, entries: readonly SeedCheckIn[]): Promise<void> {
  for (const e of entries) {
    await h.store.checkIns.submit({
      memberId: e.member,
      teamId: 'sales',
      periodKey: e.periodKey,
      values: e.values,
      idempotencyKey: `seed:${e.member}:${e.periodKey}`,
      submittedAt: e.submittedAt,
    });
    await h.store.metricValues.upsertMany(
      Object.entries(e.values).map(([kpiId, value]) => ({
        memberId: e.member,
        teamId: 'sales',
        kpiId,
        date: e.date,
        value,
        source: 'checkin' as const,
        externalId: `checkin:${e.member}:${e.periodKey}:${kpiId}`,
      })),
      { at: e.submittedAt },
    );
  }
}

/** Week 46 (9-15 Nov 2026) checked in by both reps on Friday 13: the last completed week of the tests' dates. */
export const WEEK_46_CHECK_INS: readonly SeedCheckIn[] = [
  {
    member: 'sam',
    periodKey: '2026-W46',
    date: '2026-11-13',
    submittedAt: '2026-11-13T16:20:00Z',
    values: { calls: 84, qualified_meetings: 7, prospecting_hours: 11.5 },
  },
  {
    member: 'lea',
    periodKey: '2026-W46',
    date: '2026-11-13',
    submittedAt: '2026-11-13T16:40:00Z',
    values: { calls: 62, qualified_meetings: 5, prospecting_hours: 9 },
  },
];
