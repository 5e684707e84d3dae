// A 40-member team on the real core: every message it sends through the Slack gateway (prompts,
// leaderboard, progress, stand-up) and the manager's App Home pass the fake Slack API's Block Kit
// checks, with long names and blockers from every member.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../../src/compose/build-core.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { RitualsCore } from '../../../src/core/rituals/create-core.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { OutboxSender } from '../../../src/scheduling/outbox-sender.js';
import { blockKitProblems, viewProblems } from '../../../src/slack/blocks/limits.js';
import { renderHome, renderMessage } from '../../../src/slack/blocks/render.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { FakeClock } from '../../helpers/clock.js';
import { eventCallback } from '../../helpers/slack-payloads.js';
import { type SlackHarness, startSlackHarness } from './harness.js';

const N = 40;
const id = (i: number) => `m${String(i).padStart(2, '0')}`;

function bigWorkspaceYaml(): string {
  const members = Array.from(
    { length: N },
    (_, i) =>
      `      - { id: ${id(i)}, name: "Member ${i} Bartholomew-Fitzwilliam de la Montagne-Saint-Jacques", role: sdr, start: 2024-01-08, slack: U${id(i).toUpperCase()} }`,
  ).join('\n');
  return `workspace: { name: Big, locale: en, timezone: Europe/London }
kpis:
  calls: { label: { en: Calls, fr: Appels }, unit: count }
  qualified_meetings: { label: { en: Qualified meetings, fr: Rendez-vous qualifiés }, unit: count }
roles:
  sdr:
    label: { en: SDR, fr: SDR }
    checkin: [calls, qualified_meetings]
    objectives:
      - { kpi: qualified_meetings, target: 35, per: month }
      - { kpi: calls, target: 400, per: month }
teams:
  - id: big
    name: Big Team
    timezone: Europe/London
    channels: { slack: C0BIG }
    managers: [boss]
    rituals:
      leaderboard: { cron: "0 9 * * 1", top: 40 }
    members:
      - { id: boss, name: The Boss, start: 2020-01-06, slack: U0BOSS }
${members}
    collective:
      - { id: meetings, kpi: qualified_meetings, target: 1000, alert: 800, per: month, owner: boss, contributors: [${Array.from({ length: N }, (_, i) => id(i)).join(', ')}] }
`;
}

describe('a 40-member team on Slack', () => {
  let h: SlackHarness;
  let store: Store;
  let core: RitualsCore;
  let sender: OutboxSender;
  let clock: FakeClock;

  beforeEach(async () => {
    const parsed = parseWorkspace(bigWorkspaceYaml(), 'big.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const workspace: Workspace = parsed.workspace;
    clock = new FakeClock('2026-11-20T16:05:00Z');
    store = await openStore(':memory:');
    await syncWorkspace(store, workspace, { actor: 'config', at: clock.now().toISOString() });
    const built = buildCore({
      store,
      workspace: () => workspace,
      log: createLogger('silent'),
      clock,
      platformFor: () => 'slack',
      sender: { concurrency: 8, limits: undefined },
    });
    ({ core, sender } = built);
    h = await startSlackHarness({ service: core.service, workspace: () => workspace });
    h.fake.addChannel('C0BIG').addUser({ id: 'U0BOSS' });
    for (let i = 0; i < N; i++) h.fake.addUser({ id: `U${id(i).toUpperCase()}` });
    built.connect(h.adapter.gateway);
    // Friday 16:05: the check-in prompts are queued; then everyone checks in, with a long blocker.
    await core.engine.tick(clock.now());
    for (let i = 0; i < N; i++) {
      const form = await core.service.checkInForm(id(i));
      const r = await core.service.submitCheckIn({
        memberId: id(i),
        metadata: form.metadata,
        numbers: { calls: String(40 + i), qualified_meetings: String(i % 9) },
        blockers: `Waiting on legal & procurement <review> for the Acme deal, again. `.repeat(25).slice(0, 1900),
        wins: `Signed a pilot with a very large customer. `.repeat(10),
        platform: 'slack',
        idempotencyKey: `seed-${i}`,
      });
      expect(r.ok).toBe(true);
    }
  });
  afterEach(async () => {
    await h.close();
    await store.close();
  });

  it('sends every scheduled message through the gateway without a Block Kit refusal', async () => {
    const drainAll = async () => {
      let sent = 0;
      for (let round = 0; round < 50; round++) {
        const s = await sender.drainOnce();
        sent += s.sent;
        expect(s.failed + s.parked).toBe(0);
        if (s.sent + s.deferred + s.rateLimited === 0) break;
      }
      return sent;
    };
    let total = await drainAll();
    clock.set('2026-11-23T09:05:00Z');
    await core.engine.tick(clock.now());
    total += await drainAll();
    expect(total).toBeGreaterThan(N);
    const refused = h.fake.calls.filter((c) => c.outcome === 'invalid_blocks' || c.outcome === 'invalid_arguments');
    expect(refused).toEqual([]);
    const leaderboard = h.fake.messagesIn('C0BIG').find((m) => m.blocks[0]?.text?.text.startsWith('Leaderboard'));
    expect(leaderboard).toBeDefined();
    expect(JSON.stringify(leaderboard!.blocks)).toContain('Member 39');
  });

  it('renders the manager stand-up, progress, leaderboard and App Home within the limits', async () => {
    const views = [
      await core.service.standup('boss'),
      await core.service.progress('boss'),
      await core.service.leaderboard('boss'),
      await core.service.myGoals('boss'),
    ];
    for (const v of views) {
      const msg = renderMessage(v);
      expect(blockKitProblems(msg.blocks, 'message'), v.type).toEqual([]);
    }
    const standup = JSON.stringify(renderMessage(views[0]!).blocks);
    expect(standup).toMatch(/…and \d+ more/);
    expect(viewProblems(renderHome(views[3] as Parameters<typeof renderHome>[0]))).toEqual([]);
    await h.post(
      eventCallback({ type: 'app_home_opened', user: 'U0BOSS', tab: 'home', channel: 'DU0BOSS', event_ts: '1.1' }),
    );
    const home = await h.fake.waitFor(() => h.fake.homes.get('U0BOSS'));
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(h.fake.okCallsTo('views.publish')).toHaveLength(1);
  });
});
