// A member with personal data in every table that can hold some (Zelda, with distinctive ids, name,
// email, platform ids and free text), a colleague whose data must survive her erasure (Sam), and a scan
// of every text column of every table, read from the schema, for whatever still names her.
import type { Workspace } from '../../src/core/domain/model.js';
import type { Store } from '../../src/store/connection.js';
import { createConversationRefsRepo } from '../../src/store/conversation-refs.repo.js';
import { createOutboxRepo } from '../../src/store/outbox.repo.js';
import { rawSqlite } from '../../src/store/raw-access.js';
import { quoteIdent, textColumnsOfEveryTable } from '../../src/store/table-scan.js';
import { workspaceFromYaml } from './rituals-harness.js';

export const ZELDA = {
  id: 'zelda-q',
  name: 'Zelda Quasimodo',
  email: 'zelda.quasimodo@example.test',
  slack: 'U0ZELDA9Q',
  teams: 'aad-zelda-7f3c',
  upn: 'zq@corp.example.test',
  texts: [
    'ZQWINS closed the Kessler renewal',
    'ZQBLOCK waiting on legal since "Monday"\nand more',
    'ZQOCT booked six demos',
    'ZQDECISION double the demo slots',
    'ZQOOO surgery follow-up',
  ],
} as const;

export function personYaml(withZelda: boolean): string {
  const zelda = withZelda
    ? `      - { id: ${ZELDA.id}, name: ${ZELDA.name}, role: sdr, start: 2025-02-03, slack: ${ZELDA.slack}, teams: ${ZELDA.teams}, email: ${ZELDA.email}, overrides: [{ kpi: meetings, target: 25 }] }\n`
    : '';
  return `
workspace: { name: Privacy, locale: en, timezone: Europe/Paris }
kpis:
  calls: { label: { en: Calls, fr: Appels }, unit: count }
  meetings: { label: { en: Meetings, fr: Rendez-vous }, unit: count }
  revenue: { label: { en: Revenue, fr: CA }, unit: { currency: EUR }, kind: result, source: import }
roles:
  sdr:
    label: { en: SDR, fr: SDR }
    checkin: [calls, meetings]
    objectives:
      - { kpi: meetings, target: 20, per: month }
teams:
  - id: sales
    name: Sales
    timezone: Europe/Paris
    managers: [maya]
    members:
      - { id: maya, name: Maya Brooks, start: 2024-01-01, slack: U0MAYA }
      - { id: sam, name: Sam Patel, role: sdr, start: 2024-06-03, slack: U0SAM }
${zelda}    collective:
      - { id: demos, kpi: meetings, target: 60, alert: 40, per: month, owner: maya, contributors: [sam${withZelda ? `, ${ZELDA.id}` : ''}] }
      - { id: bookings, kpi: revenue, target: 100k, alert: 50k, per: quarter, owner: maya }
`;
}

export const personWorkspace = (withZelda: boolean): Workspace => workspaceFromYaml(personYaml(withZelda));

/** Writes Zelda's and Sam's data through the repositories, as the bot would. */
export async function seedPersonData(store: Store): Promise<void> {
  const at = (d: string) => `${d}T10:00:00.000Z`;
  await store.workspace.setIdentity(ZELDA.id, 'upn', ZELDA.upn);
  for (const [who, period, day, wins, blockers, calls, meetings] of [
    [ZELDA.id, '2026-W41', '2026-10-09', ZELDA.texts[0], ZELDA.texts[1], 40, 6],
    [ZELDA.id, '2026-W45', '2026-11-06', ZELDA.texts[2], null, 35, 5],
    ['sam', '2026-W41', '2026-10-09', 'Sam closed Acme', 'Sam waits on pricing', 50, 7],
  ] as const) {
    await store.checkIns.submit({
      memberId: who,
      teamId: 'sales',
      periodKey: period,
      values: { calls, meetings },
      wins,
      blockers,
      idempotencyKey: `ci:${who}:${period}`,
      submittedAt: at(day),
      platform: 'slack',
    });
    await store.metricValues.upsertMany(
      (['calls', 'meetings'] as const).map((kpiId) => ({
        memberId: who,
        teamId: 'sales',
        kpiId,
        date: day,
        value: kpiId === 'calls' ? calls : meetings,
        source: 'checkin' as const,
        externalId: `checkin:${who}:${period}:${kpiId}`,
      })),
      { at: at(day) },
    );
  }
  // Imported results without a team (they count in every team of the member), one corrected (history).
  await store.metricValues.upsertMany(
    [
      {
        memberId: ZELDA.id,
        kpiId: 'revenue',
        date: '2026-09-15',
        value: 30_000,
        source: 'import',
        externalId: 'crm:deal-zq-1',
      },
    ],
    { at: at('2026-09-16') },
  );
  await store.metricValues.upsertMany(
    [
      {
        memberId: ZELDA.id,
        kpiId: 'revenue',
        date: '2026-09-15',
        value: 32_000,
        source: 'import',
        externalId: 'crm:deal-zq-1',
      },
    ],
    { at: at('2026-09-20') },
  );
  await store.metricValues.upsertMany(
    [
      {
        memberId: 'sam',
        kpiId: 'revenue',
        date: '2026-09-10',
        value: 20_000,
        source: 'import',
        externalId: 'crm:deal-sam-1',
      },
    ],
    { at: at('2026-09-11') },
  );
  await store.ooo.add({
    memberId: ZELDA.id,
    from: '2026-10-19',
    to: '2026-10-23',
    reason: ZELDA.texts[4],
    by: ZELDA.id,
    at: at('2026-10-12'),
  });
  const decision = await store.decisions.record({
    teamId: 'sales',
    objectiveId: 'team:sales:demos',
    author: ZELDA.id,
    createdAt: at('2026-10-05'),
    kind: 'hypothesis',
    text: ZELDA.texts[3],
  });
  await store.decisions.record({
    teamId: 'sales',
    objectiveId: null,
    author: 'maya',
    createdAt: at('2026-10-06'),
    kind: 'decision',
    text: 'Maya: weekly pipeline review',
  });
  await store.decisions.setStatus(decision.id, 'tested', { by: ZELDA.id, at: at('2026-10-20') });
  await store.reactions.set({
    platform: 'slack',
    postRef: 'C0SALES|1700000000.000100',
    emoji: 'tada',
    userId: ZELDA.slack,
    memberId: ZELDA.id,
    added: true,
    at: at('2026-10-12'),
  });
  await store.reactions.set({
    platform: 'slack',
    postRef: 'C0SALES|1700000000.000100',
    emoji: 'tada',
    userId: 'U0SAM',
    memberId: 'sam',
    added: true,
    at: at('2026-10-12'),
  });
  const breach = await store.breaches.open({
    objectiveId: 'role:sdr:meetings:month',
    memberId: ZELDA.id,
    periodKey: '2026-10',
    at: at('2026-10-14'),
    value: 3,
  });
  await store.breaches.acknowledge(breach.breach.id, ZELDA.id, at('2026-10-14'));
  const occ = await store.occurrences.insert(
    {
      key: `sales:checkin:2026-W41:${ZELDA.id}`,
      teamId: 'sales',
      ritual: 'checkin',
      periodKey: '2026-W41',
      memberId: ZELDA.id,
      status: 'enqueued',
      dueAt: at('2026-10-09'),
    },
    { at: at('2026-10-09') },
  );
  const outbox = createOutboxRepo(store);
  await outbox.enqueue(
    [
      {
        dedupeKey: `occ:sales:checkin:2026-W41:${ZELDA.id}`,
        platform: 'slack',
        destination: { kind: 'dm', memberId: ZELDA.id },
        view: { type: 'checkin_prompt', title: `Hi ${ZELDA.name}` },
        occurrenceId: occ.occurrence.id,
      },
      // A manager's stand-up quotes her name and blocker; a channel post ranks her.
      {
        dedupeKey: 'standup:sales:2026-W41',
        platform: 'slack',
        destination: { kind: 'dm', memberId: 'maya' },
        view: {
          type: 'standup_summary',
          blockers: [
            { member: ZELDA.name, text: ZELDA.texts[1] },
            { member: 'Sam Patel', text: 'Sam waits on pricing' },
          ],
        },
      },
      {
        dedupeKey: 'leaderboard:sales:2026-W41',
        platform: 'slack',
        destination: { kind: 'channel', teamId: 'sales' },
        view: {
          type: 'leaderboard',
          rows: [
            { name: ZELDA.name, memberId: ZELDA.id },
            { name: 'Sam Patel', memberId: 'sam' },
          ],
        },
      },
    ],
    { at: at('2026-10-09') },
  );
  await createConversationRefsRepo(store).save(
    'teams',
    ZELDA.teams,
    { user: { id: '29:zq', aadObjectId: ZELDA.teams, name: ZELDA.name } },
    { memberId: ZELDA.id, at: at('2026-10-01') },
  );
  await store.engineState.claim(`decision:slack:${ZELDA.slack}:v1`, at('2026-10-05'));
}

export interface Hit {
  readonly table: string;
  readonly column: string;
  readonly needle: string;
  readonly value: string;
}

/** Every text cell of every table (from the schema) that contains one of the needles (case-insensitive). */
export function scanForNeedles(store: Store, needles: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  for (const { table, columns } of textColumnsOfEveryTable(rawSqlite(store))) {
    for (const column of columns) {
      for (const needle of needles) {
        const rows = rawSqlite(store)
          .prepare<[string], { v: string }>(
            `select ${quoteIdent(column)} as v from ${quoteIdent(table)} where instr(lower(${quoteIdent(column)}), lower(?)) > 0`,
          )
          .all(needle);
        for (const r of rows) hits.push({ table, column, needle, value: r.v });
      }
    }
  }
  return hits;
}

/** Zelda's identifiers and the texts she wrote, raw and as JSON stores them. */
export const ZELDA_NEEDLES: readonly string[] = [
  ZELDA.id,
  ZELDA.name,
  ZELDA.email,
  ZELDA.slack,
  ZELDA.teams,
  ZELDA.upn,
  ...ZELDA.texts.flatMap((t) => [t, JSON.stringify(t).slice(1, -1)]),
];
