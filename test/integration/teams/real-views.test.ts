// Every view the real core sends, for a 40-member team with long blockers and wins, rendered to Teams
// cards: each parses in the adaptivecards library without any event, and each message stays under 28 KB
// (long views split). The views are read back from the real outbox after running every ritual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../../src/compose/build-core.js';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { RitualsCore } from '../../../src/core/rituals/create-core.js';
import { isView, type View } from '../../../src/core/view-models.js';
import { createLogger } from '../../../src/logging/logger.js';
import { openStore, type Store } from '../../../src/store/connection.js';
import { rawSqlite } from '../../../src/store/raw-access.js';
import { syncWorkspace } from '../../../src/store/sync-workspace.js';
import { cardActivity, renderCards } from '../../../src/teams/cards/render.js';
import { checkCard } from '../../helpers/adaptive-card-check.js';

const MEMBERS = 40;
const NOW = new Date('2026-11-27T10:00:00Z');

function bigWorkspace(): Workspace {
  const members = Array.from(
    { length: MEMBERS },
    (_, i) =>
      `      - { id: rep${i}, name: "Représentante Numéro ${i} Dupont-Lefebvre de la Fontaine", role: sdr, start: 2025-01-06, teams: aad-rep${i} }`,
  );
  const yaml = `
workspace: { name: Big Co, locale: fr, timezone: Europe/Paris }
kpis:
  calls: { label: { en: Calls, fr: Appels }, unit: count }
  qualified_meetings: { label: { en: Qualified meetings, fr: Rendez-vous qualifiés }, unit: count }
  revenue: { label: { en: Signed revenue, fr: CA signé }, unit: { currency: EUR }, source: import }
roles:
  sdr:
    label: { en: SDR, fr: SDR }
    checkin: [calls, qualified_meetings]
    objectives:
      - { kpi: qualified_meetings, target: 35, per: month }
      - { kpi: calls, target: 400, per: month }
      - { kpi: revenue, target: 120000, per: quarter }
teams:
  - id: big
    name: Ventes Grands Comptes Île-de-France
    channels: { teams: "19:big@thread.tacv2" }
    managers: [boss]
    rituals: { leaderboard: { top: ${MEMBERS} }, standup: { cron: "0 9 * * 1" } }
    members:
      - { id: boss, name: Chef d'équipe, start: 2024-01-01, teams: aad-boss }
${members.join('\n')}
    collective:
${Array.from({ length: 5 }, (_, i) => `      - { id: goal${i}, kpi: qualified_meetings, target: ${900 + i}, alert: ${700 + i}, per: month, owner: boss, contributors: [rep0, rep1] }`).join('\n')}
`;
  const parsed = parseWorkspace(yaml, 'big.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.line}: ${p.path} ${p.message}`).join('\n'));
  return parsed.workspace;
}

let store: Store;
let core: RitualsCore;
const views: { name: string; view: View }[] = [];

beforeAll(async () => {
  const ws = bigWorkspace();
  store = await openStore(':memory:');
  await syncWorkspace(store, ws, { actor: 'config', at: NOW.toISOString() });
  ({ core } = buildCore({
    store,
    workspace: () => ws,
    log: createLogger('silent'),
    clock: { now: () => NOW },
    platformFor: () => 'teams',
  }));
  for (let i = 0; i < MEMBERS; i++) {
    await store.checkIns.submit({
      memberId: `rep${i}`,
      teamId: 'big',
      periodKey: '2026-W47',
      values: { calls: 40 + i, qualified_meetings: i % 7 },
      wins: `Signé ${i} : ${'w'.repeat(1990)}`,
      blockers: `Blocage ${i} : ${'b'.repeat(1990)}`,
      idempotencyKey: `seed-${i}`,
      submittedAt: '2026-11-20T15:30:00Z',
    });
    await store.metricValues.upsertMany(
      [
        {
          memberId: `rep${i}`,
          kpiId: 'qualified_meetings',
          date: '2026-11-20',
          value: i % 7,
          source: 'checkin',
          externalId: `seed-m-${i}`,
        },
        {
          memberId: `rep${i}`,
          kpiId: 'calls',
          date: '2026-11-20',
          value: 40 + i,
          source: 'checkin',
          externalId: `seed-c-${i}`,
        },
        {
          memberId: `rep${i}`,
          kpiId: 'revenue',
          date: '2026-11-10',
          value: 1000 * i,
          source: 'import',
          externalId: `seed-r-${i}`,
        },
      ],
      { at: NOW.toISOString() },
    );
  }
  // The check-in prompt is checked in flows.test.ts (running it for 40 members takes seconds here).
  for (const ritual of ['leaderboard', 'progress', 'breach_scan', 'standup', 'monthly_review', 'qbr'] as const) {
    await core.engine.runNow('big', ritual, NOW);
  }
  const rows = rawSqlite(store).prepare('select dedupe_key, view from outbox').all() as {
    dedupe_key: string;
    view: string;
  }[];
  const seen = new Set<string>();
  for (const r of rows) {
    const view = JSON.parse(r.view) as View;
    // One of each view type and ritual is enough (40 prompts look alike).
    const kind = `${view.type}:${r.dedupe_key.split(':').slice(0, 3).join(':')}`;
    if (!seen.has(kind)) views.push({ name: `${kind}`, view });
    seen.add(kind);
  }
  views.push({ name: 'my goals', view: await core.service.myGoals('rep1') });
  views.push({ name: 'check-in form', view: await core.service.checkInForm('rep1') });
  views.push({ name: 'help', view: core.service.help('fr') });
});
afterAll(async () => store.close());

describe('cards of the real core, 40-member team', () => {
  it('covers the channel posts and the private messages', () => {
    const types = new Set(views.map((v) => v.view.type));
    for (const t of [
      'leaderboard',
      'collective_progress',
      'standup_summary',
      'monthly_review',
      'qbr',
      'my_goals',
      'checkin_form',
      'notice',
    ])
      expect(types).toContain(t);
  });

  it('renders every view to cards that parse cleanly and stay under 28 KB', () => {
    const failures: string[] = [];
    for (const { name, view } of views) {
      expect(isView(view), name).toBe(true);
      const cards = renderCards(view);
      cards.forEach((card, i) => {
        const p = checkCard(card);
        if (p.events.length > 0 || p.dropped.length > 0)
          failures.push(`${name}[${i}]: ${[...p.events, ...p.dropped].join('; ')}`);
        const bytes = Buffer.byteLength(
          JSON.stringify({
            ...cardActivity(card, view.text),
            conversation: { id: '19:big@thread.tacv2' },
            id: 'x'.repeat(40),
          }),
        );
        if (bytes >= 28 * 1024) failures.push(`${name}[${i}]: ${bytes} bytes`);
      });
    }
    expect(failures).toEqual([]);
  });
});
