// The audit trail of the actions that matter to a works council: a ritual run by hand, a decision
// recorded, a target changed (in chat, as the QBR does it), each with who and when, and exportable
// through the same exporter `rituals export audit` uses.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { collectExport, toCsv } from '../../../src/store/export.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Harness, ritualsHarness } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

describe('audit trail', () => {
  it('records runs by hand, decisions and target changes, and exports them oldest first', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    const synced = (await h.store.audit.list({})).length;

    await service.command('claire', 'lancer classement');
    // A rep may not run a ritual: refused, and nothing is audited for it.
    await service.command('hugo', 'run leaderboard');
    const form = await service.action('lea', 'review.decision', JSON.stringify({ team: 'paris' }));
    const metadata = (form.view as { metadata: string }).metadata;
    await service.submitDecision({
      memberId: 'lea',
      metadata,
      kind: 'hypothesis',
      text: 'Les relances du jeudi convertissent mieux',
      idempotencyKey: 'd-audit',
    });
    // A replayed submission records nothing more.
    await service.submitDecision({
      memberId: 'lea',
      metadata,
      kind: 'hypothesis',
      text: 'Les relances du jeudi convertissent mieux',
      idempotencyKey: 'd-audit',
    });
    h.clock.set('2026-03-06T13:00:00Z');
    await h.store.objectives.changeTarget({
      objectiveId: 'role:sdr:meetings:month',
      target: { value: 42 },
      by: 'claire',
      reason: 'Recrutement',
      at: h.clock.now().toISOString(),
    });

    const [table] = await collectExport(['audit'], {
      store: h.store,
      filter: { from: '2026-03-06', to: '2026-03-06' },
    });
    const actions = (
      table!.records as {
        actor: string;
        action: string;
        entity: string;
        entity_id: string;
        after: Record<string, unknown>;
      }[]
    ).slice(synced);
    expect(actions.map((a) => [a.actor, a.action, a.entity, a.entity_id])).toEqual([
      ['claire', 'ritual.run', 'team', 'paris'],
      ['lea', 'decision.record', 'decision', expect.stringMatching(/^\d+$/)],
      ['claire', 'objective.target', 'objective', 'role:sdr:meetings:month'],
    ]);
    expect(actions[0]!.after).toMatchObject({ ritual: 'leaderboard' });
    expect(actions[1]!.after).toEqual({ team: 'paris', objective: null, kind: 'hypothesis', status: 'open' });
    // The decision's text stays in the decision log, not in the audit trail.
    expect(JSON.stringify(actions)).not.toContain('relances');
    // CSV: one line per entry, states as JSON text.
    expect(toCsv(table!).split('\n')[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    // Another day's filter leaves them out.
    const [none] = await collectExport(['audit'], { store: h.store, filter: { from: '2026-03-07' } });
    expect(none!.records).toEqual([]);
  });
});
