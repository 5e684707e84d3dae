// Starts a check-in fan-out in a running app, one of two ways:
//   core:   the ritual core's own path, engine.runNow(team, 'checkin', now) team after team (planning,
//           occurrences, prompt views per member with their standing, outbox rows);
//   outbox: one prompt view built once, queued for every member with the same dedupe keys the core uses
//           (so a later check-in still finds and updates its prompt): only the delivery path is measured.
// Both return once everything is queued; the app's outbox sender delivers meanwhile.
import type { RunningApp } from '../src/app.js';
import type { Destination, OutboxItemInput, Platform } from '../src/core/ports/index.js';
import { weekOf } from '../src/core/rituals/engine/checkin-window.js';
import { occurrenceKey } from '../src/core/rituals/engine/occurrence-runner.js';
import { checkInPromptView } from '../src/core/view-builders/checkin-views.js';
import { createOutboxRepo } from '../src/store/outbox.repo.js';

export type FanoutSource = 'core' | 'outbox';

export interface FanoutTarget {
  readonly teamId: string;
  readonly memberId: string;
  readonly platform: Platform;
}

export interface FanoutStarted {
  /** Time to queue everything (core: planning included). */
  readonly enqueueMs: number;
  readonly enqueued: number;
}

export async function startFanout(
  app: RunningApp,
  source: FanoutSource,
  targets: readonly FanoutTarget[],
): Promise<FanoutStarted> {
  const started = performance.now();
  const now = new Date();
  if (source === 'core') {
    let enqueued = 0;
    for (const teamId of [...new Set(targets.map((t) => t.teamId))])
      enqueued += (await app.background.runNow(teamId, 'checkin', now)).sent;
    return { enqueueMs: performance.now() - started, enqueued };
  }
  const ws = app.workspace().workspace;
  const zone = ws.defaults.timezone;
  const period = weekOf(ws, now, zone);
  const view = checkInPromptView({
    locale: 'en',
    name: 'Bench Member',
    period,
    deadline: new Date(now.getTime() + 3 * 86_400_000),
    zone,
    lines: [],
  });
  const items: OutboxItemInput[] = targets.map((t) => ({
    dedupeKey: `occ:${occurrenceKey(t.teamId, 'checkin', period.key, t.memberId)}`,
    platform: t.platform,
    destination: { kind: 'dm', memberId: t.memberId } satisfies Destination,
    view,
  }));
  const res = await createOutboxRepo(app.store).enqueue(items, { at: now.toISOString() });
  return { enqueueMs: performance.now() - started, enqueued: res.enqueued };
}
