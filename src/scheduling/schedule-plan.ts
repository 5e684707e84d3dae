// Lists what the scheduler will run: each team's enabled rituals with their cron, zone and next fire.
// Used at start to log the plan; the durable engine computes due occurrences from the store.
import { createTask } from 'node-cron';
import type { RitualId, Workspace } from '../core/domain/model.js';

export interface PlannedRitual {
  readonly team: string;
  readonly ritual: RitualId;
  readonly cron: string;
  readonly timezone: string;
  readonly localTime: boolean;
  /** Next fire as an ISO instant, or null when the cron never fires again. */
  readonly next: string | null;
}

export function schedulePlan(workspace: Workspace): PlannedRitual[] {
  const plan: PlannedRitual[] = [];
  for (const team of workspace.teams) {
    for (const [ritual, schedule] of Object.entries(team.rituals) as [RitualId, NonNullable<(typeof team.rituals)[RitualId]>][]) {
      if (!schedule.enabled) continue;
      const timezone = schedule.timezone ?? team.timezone;
      // A task that is created but never started: only used to compute its next fire.
      const task = createTask(schedule.cron, () => undefined, { timezone, name: `plan:${team.id}:${ritual}` });
      const next = task.getNextRun();
      void task.destroy();
      plan.push({ team: team.id, ritual, cron: schedule.cron, timezone, localTime: schedule.localTime, next: next ? next.toISOString() : null });
    }
  }
  return plan;
}
