// The warm-up before the port opens: a form and "where do I stand" for a member with a role of each of
// the first teams, never an error, and no longer than its budget.
import { describe, expect, it } from 'vitest';
import { warmUp } from '../../../src/compose/warm-up.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

function recorder(opts: { failFor?: string; slowMs?: number } = {}) {
  const calls: string[] = [];
  const call = (what: string) => async (memberId: string) => {
    calls.push(`${what}:${memberId}`);
    if (opts.slowMs) await new Promise((r) => setTimeout(r, opts.slowMs));
    if (memberId === opts.failFor) throw new Error('no form now');
    return {} as never;
  };
  return { calls, service: { checkInForm: call('form'), myGoals: call('goals') } };
}

describe('warm-up', () => {
  const ws: Workspace = fixtureWorkspace();
  const firstWithRole = ws.teams.map((t) => t.members.find((m) => m.role !== undefined)!.id);

  it("asks for a form and the standing of each first team's first member with a role", async () => {
    const { calls, service } = recorder();
    const result = await warmUp(service, ws, { budgetMs: 10_000, maxMembers: 5 });
    expect(calls).toEqual(firstWithRole.slice(0, 5).flatMap((id) => [`form:${id}`, `goals:${id}`]));
    expect(result.members).toBe(Math.min(5, firstWithRole.length));
  });

  it('skips a member whose calls fail, and stops once its budget is spent', async () => {
    const failing = recorder({ failFor: firstWithRole[0] });
    expect((await warmUp(failing.service, ws, { budgetMs: 10_000 })).members).toBe(Math.min(3, firstWithRole.length));
    const slow = recorder({ slowMs: 30 });
    const result = await warmUp(slow.service, ws, { budgetMs: 1, maxMembers: 5 });
    expect(result.members).toBe(1);
    expect(slow.calls).toHaveLength(2);
  });
});
