// Before the port opens, the code that answers runs once on real data: a check-in form and "where do I
// stand" for a member of each of the first teams. The first requests after a start then do not each pay
// for what runs only once (compiling the functions on the path, the time-zone and text formatters, the
// prepared statements' first plans), which at start-up piled up into answers seconds late. Read-only,
// bounded in time, and never an error: a member whose form cannot be built now is skipped.
import type { Workspace } from '../core/domain/model.js';
import type { RitualsService } from '../core/service.js';
import type { Logger } from '../logging/logger.js';

export interface WarmUpResult {
  readonly members: number;
  readonly ms: number;
}

export async function warmUp(
  service: Pick<RitualsService, 'checkInForm' | 'myGoals'>,
  workspace: Workspace,
  opts: { readonly budgetMs: number; readonly maxMembers?: number; readonly log?: Logger },
): Promise<WarmUpResult> {
  const started = performance.now();
  const members = workspace.teams
    .map((t) => t.members.find((m) => m.role !== undefined))
    .filter((m) => m !== undefined)
    .slice(0, opts.maxMembers ?? 3);
  let warmed = 0;
  for (const m of members) {
    if (performance.now() - started > opts.budgetMs) break;
    await service.checkInForm(m.id).catch(() => undefined);
    await service.myGoals(m.id).catch(() => undefined);
    warmed++;
  }
  const ms = Math.round(performance.now() - started);
  opts.log?.debug({ members: warmed, ms }, 'answer paths warmed up');
  return { members: warmed, ms };
}
