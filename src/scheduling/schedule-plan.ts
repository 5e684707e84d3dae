// Lists what the scheduler will run: each team's enabled rituals with their cron, zone and next fire.
// Used at start to log the plan; the durable engine computes due occurrences from the store.

import type { RitualId, Workspace } from '../core/domain/model.js';
import { nextFire } from './cron.js';

export interface PlannedRitual {
  readonly team: string;
  readonly ritual: RitualId;
  readonly cron: string;
  readonly timezone: string;
  readonly localTime: boolean;
  /** Next fire as an ISO instant, or null when the cron never fires again. */
  readonly next: string | null;
}

export function schedulePlan(workspace: Workspace, now: Date): PlannedRitual[] {
  const plan: PlannedRitual[] = [];
  for (const team of workspace.teams) {
    for (const [ritual, schedule] of Object.entries(team.rituals) as [
      RitualId,
      NonNullable<(typeof team.rituals)[RitualId]>,
    ][]) {
      if (!schedule.enabled) continue;
      const timezone = schedule.timezone ?? team.timezone;
      const next = nextFire(schedule.cron, timezone, now);
      plan.push({
        team: team.id,
        ritual,
        cron: schedule.cron,
        timezone,
        localTime: schedule.localTime,
        next: next ? next.toISOString() : null,
      });
    }
  }
  return plan;
}
