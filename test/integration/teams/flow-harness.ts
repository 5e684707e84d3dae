// The real pieces behind the Teams flow tests: an in-memory SQLite store with the real migrations, the
// workspace read by the real loader, the real ritual core on a clock the test moves, the real outbox
// and OutboxSender delivering through the Teams gateway to the fake Bot Connector.
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import { createRitualsCore, type RitualsCore } from '../../../src/core/rituals/create-core.js';
import type { RitualsService } from '../../../src/core/service.js';
import { createLogger } from '../../../src/logging/logger.js';
import { nextFire } from '../../../src/scheduling/cron.js';
import { OutboxSender } from '../../../src/scheduling/outbox-sender.js';
import { openStore } from '../../../src/store/connection.js';
import { createOutboxRepo } from '../../../src/store/outbox.repo.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { startTeamsHarness, TEAMS_WORKSPACE, type TeamsHarness } from '../../helpers/teams-harness.js';

export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface TeamsFlowHarness extends TeamsHarness {
  readonly core: RitualsCore;
  readonly clock: TestClock;
  readonly sender: OutboxSender;
  /** Sets the clock and runs the engine's tick. */
  tick(iso: string): ReturnType<RitualsCore['engine']['tick']>;
  /** Delivers every outbox row ready now through the Teams gateway. */
  drain(): ReturnType<OutboxSender['drainOnce']>;
}

/** `wrap` puts something around the real service (a method that fails on cue). */
export async function startTeamsFlow(startAt: string, wrap: (s: RitualsService) => RitualsService = (s) => s): Promise<TeamsFlowHarness> {
  const { workspace } = await loadWorkspace(TEAMS_WORKSPACE);
  const store = await openStore(':memory:');
  const clock = new TestClock(new Date(startAt));
  await syncWorkspace(store, workspace, { actor: 'config', at: clock.now().toISOString() });
  const outbox = createOutboxRepo(store);
  const coreLog = createLogger('silent');
  const core = createRitualsCore({
    workspace: () => workspace,
    repos: store,
    outbox,
    clock,
    log: coreLog,
    cron: { nextFire },
    platformFor: () => 'teams',
  });
  const h = await startTeamsHarness({ service: wrap(core.service), store, clock });
  const sender = new OutboxSender({ repo: outbox, gateways: { teams: h.adapter.gateway }, clock, log: coreLog, random: () => 0.5 });
  return {
    ...h,
    core,
    clock,
    sender,
    tick: (iso) => {
      clock.set(iso);
      return core.engine.tick(clock.now());
    },
    drain: () => sender.drainOnce(),
  };
}
