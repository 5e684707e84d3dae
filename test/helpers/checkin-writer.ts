// A process that keeps writing check-ins, for backup and crash tests:
//   node --import tsx test/helpers/checkin-writer.ts --db FILE [--prefill 20000] [--every-ms 2]
// It syncs a small generated workspace (so check-ins have their members), optionally pre-fills the
// database with `prefill` check-ins in one transaction (about 1 KB each), prints {"event":"ready",...},
// then stores one check-in at a time through the real repository until killed, printing
// {"event":"checkin","key":...} after each commit.
import { parseArgs } from 'node:util';
import { workspaceYaml } from '../../bench/tick.js';
import { parseWorkspace } from '../../src/config/workspace-load.js';
import { openStore } from '../../src/store/connection.js';
import { rawSqlite } from '../../src/store/raw-access.js';
import { syncWorkspace } from '../../src/store/sync-workspace.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    prefill: { type: 'string', default: '0' },
    'every-ms': { type: 'string', default: '2' },
  },
});
if (!values.db) throw new Error('--db is required');

const MEMBERS = 50;
const emit = (event: string, data: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
const store = await openStore(values.db);
const parsed = parseWorkspace(workspaceYaml(MEMBERS, 1), 'generated.yaml');
if (!parsed.ok) throw new Error('generated workspace is invalid');
await syncWorkspace(store, parsed.workspace, { actor: 'writer' });

const wins = (n: number) => `Week ${n}: ${'closed a deal, booked a demo, '.repeat(32)}`.slice(0, 1000);
const prefill = Number(values.prefill);
if (prefill > 0) {
  const insert = rawSqlite(store).prepare(
    `insert into check_ins (member_id, team_id, period_key, submitted_at, "values", wins, blockers, idempotency_key, status, platform) values (?, 'team1', '2026-W01', ?, '{"calls":1}', ?, null, ?, 'submitted', 'slack')`,
  );
  rawSqlite(store).transaction(() => {
    for (let i = 1; i <= prefill; i++)
      insert.run(`m${1 + (i % MEMBERS)}`, new Date(0).toISOString(), wins(i), `prefill:${i}`);
  })();
}
emit('ready', { prefill });

const every = Number(values['every-ms']);
for (let seq = 1; ; seq++) {
  const key = `live:${process.pid}:${seq}`;
  await store.checkIns.submit({
    memberId: `m${1 + (seq % MEMBERS)}`,
    teamId: 'team1',
    periodKey: '2026-W47',
    values: { calls: seq % 50, qualified_meetings: seq % 7 },
    wins: wins(seq),
    idempotencyKey: key,
    submittedAt: new Date().toISOString(),
    platform: 'slack',
  });
  emit('checkin', { key });
  await new Promise((r) => setTimeout(r, every));
}
