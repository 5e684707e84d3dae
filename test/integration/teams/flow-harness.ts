// The real pieces behind the Teams flow tests: an in-memory SQLite store with the real migrations, the
// workspace read by the real loader, the ritual core, outbox and OutboxSender built by the composition
// root (compose/build-core.ts) on a clock the test moves, delivering through the Teams gateway to the
// fake Bot Connector.
import { buildCore } from '../../../src/compose/build-core.js';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { RitualsCore } from '../../../src/core/rituals/create-core.js';
import type { RitualsService } from '../../../src/core/service.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { OutboxSender } from '../../../src/scheduling/outbox-sender.js';
import { openStore } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { FakeClock } from '../../helpers/clock.js';
import { startTeamsHarness, TEAMS_WORKSPACE, type TeamsHarness } from '../../helpers/teams-harness.js';

export interface TeamsFlowHarness extends TeamsHarness {
  readonly core: RitualsCore;
  readonly clock: FakeClock;
  readonly sender: OutboxSender;
  /** Sets the clock and runs the engine's tick. */
  tick(iso: string): ReturnType<RitualsCore['engine']['tick']>;
  /** Delivers every outbox row ready now through the Teams gateway. */
  drain(): ReturnType<OutboxSender['drainOnce']>;
}

/** `wrap` puts something around the real service (a method that fails on cue). */
export async function startTeamsFlow(
  startAt: string,
  wrap: (s: RitualsService) => RitualsService = (s) => s,
): Promise<TeamsFlowHarness> {
  const { workspace } = await loadWorkspace(TEAMS_WORKSPACE);
  const store = await openStore(':memory:');
  const clock = new FakeClock(startAt);
  await syncWorkspace(store, workspace, { actor: 'config', at: clock.now().toISOString() });
  const built = buildCore({
    store,
    workspace: () => workspace,
    log: createLogger('silent'),
    clock,
    platformFor: () => 'teams',
    sender: { random: () => 0.5 },
  });
  const { core, sender } = built;
  const h = await startTeamsHarness({ service: wrap(core.service), store, clock });
  built.connect(h.adapter.gateway);
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
