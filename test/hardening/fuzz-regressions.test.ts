// The bugs the fuzz test found, each pinned by the smallest input that showed it, on the real service
// (in-memory store with the real migrations) and the real validators:
// - a QBR proposal accepted with an absurd target, or with a start "day" that is not a day (it was
//   stored in the objective's schedule, and the answer then failed formatting it);
// - "Open check-in" and breach buttons whose value is not the JSON object they carry (internal error);
// - the ingest API and CSV import looking a KPI up as `__proto__` (a 500) and taking 1e300 as a value;
// - a Slack envelope or a Teams activity of the wrong shape reaching Bolt or botbuilder (a 500);
// - text exported to CSV that a spreadsheet runs as a formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/compose/build-core.js';
import { loadWorkspace } from '../../src/config/workspace-load.js';
import type { Workspace } from '../../src/core/domain/model.js';
import { t } from '../../src/core/i18n/index.js';
import type { RitualsCore } from '../../src/core/rituals/create-core.js';
import { validateBatch } from '../../src/http/ingest-validate.js';
import { createLogger } from '../../src/logging/logger.js';
import { envelopeProblem } from '../../src/slack/envelope.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { neutralizeFormula } from '../../src/store/export.js';
import { rawSqlite } from '../../src/store/raw-access.js';
import { syncWorkspace } from '../../src/store/sync-workspace.js';
import { activityProblem } from '../../src/teams/activity-shape.js';
import { repoRoot } from '../helpers/cli.js';
import { activity } from '../helpers/teams-activities.js';

let store: Store;
let workspace: Workspace;
let core: RitualsCore;

beforeAll(async () => {
  workspace = (await loadWorkspace(`${repoRoot}/test/hardening/fixtures/workspace.yaml`)).workspace;
  store = await openStore(':memory:');
  await syncWorkspace(store, workspace, { actor: 'config' });
  ({ core } = buildCore({
    store,
    workspace: () => workspace,
    log: createLogger('silent'),
    platformFor: () => 'slack',
  }));
});
afterAll(() => store.close());

const targetChanges = () =>
  (rawSqlite(store).prepare('select count(*) as n from objective_target_history').get() as { n: number }).n;
const schedule = () =>
  (
    rawSqlite(store).prepare(`select schedule from objectives where id = 'team:sales:pipeline'`).get() as {
      schedule: string;
    }
  ).schedule;

describe('QBR proposals that are not proposals', () => {
  const unknown = t('en', 'qbr.unknownObjective');
  it('refuses to accept an absurd target, and changes nothing', async () => {
    const before = [targetChanges(), schedule()];
    const res = await core.service.action(
      'maya',
      'qbr.accept',
      JSON.stringify({ team: 'sales', objective: 'pipeline', target: 1e300, from: '2027-01-01' }),
    );
    expect(JSON.stringify(res)).toContain(unknown);
    expect([targetChanges(), schedule()]).toEqual(before);
  });

  it.each([
    ['that is not a day', 'not-a-date'],
    ['that does not exist', '2027-02-30'],
    ['made of SQL', "2027-01-01'; DROP TABLE objectives; --"],
  ])('refuses a start %s, from the button and from the target form, and changes nothing', async (what, from) => {
    const before = [targetChanges(), schedule()];
    const metadata = JSON.stringify({ team: 'sales', objective: 'pipeline', target: 31, from });
    expect(JSON.stringify(await core.service.action('maya', 'qbr.accept', metadata))).toContain(unknown);
    expect(JSON.stringify(await core.service.action('maya', 'qbr.change', metadata))).toContain(unknown);
    const form = await core.service.submitTargetChange({
      memberId: 'maya',
      metadata,
      target: '40',
      idempotencyKey: `k-${what}`,
    });
    expect(JSON.stringify(form)).toContain(unknown);
    expect([targetChanges(), schedule()]).toEqual(before);
  });

  it('still accepts a real one', async () => {
    const before = targetChanges();
    await core.service.action(
      'maya',
      'qbr.accept',
      JSON.stringify({ team: 'sales', objective: 'pipeline', target: 31, from: '2027-01-01' }),
    );
    expect(targetChanges()).toBe(before + 1);
  });
});

describe('button values that are not what the button carries', () => {
  it.each(['', 'not json', 'null', '5', '"x"', '{"period":7}'])(
    '"Open check-in" with %j opens the default form',
    async (value) => {
      const res = await core.service.action('sam', 'checkin.open', value);
      expect(res.kind).toBe('form');
    },
  );

  it.each(['null', '5', 'not json', '[]'])(
    'a breach button with %j answers that the breach is unknown',
    async (value) => {
      for (const action of ['breach.acknowledge', 'breach.snooze', 'breach.decision'] as const) {
        expect(JSON.stringify(await core.service.action('maya', action, value))).toContain(t('en', 'breach.notFound'));
      }
    },
  );
});

describe('values the ingest API and the CSV import refuse', () => {
  const item = { member: 'sam', kpi: 'revenue', date: '2026-11-02', value: 10, source_id: 'x' };
  it.each([
    ['__proto__ as the KPI', { kpi: '__proto__' }],
    ['constructor as the KPI', { kpi: 'constructor' }],
    ['1e300', { value: 1e300 }],
    ['-1e300', { value: -1e300 }],
    ['the largest double', { value: Number.MAX_VALUE }],
  ])('refuses %s with an item error', (_what, change) => {
    const r = validateBatch({ items: [{ ...item, ...change }] }, workspace);
    expect(r.ok).toBe(false);
  });

  it('keeps taking big but plausible figures, negative revenue included', () => {
    expect(
      validateBatch(
        {
          items: [
            { ...item, value: 250_000_000 },
            { ...item, value: -1200, source_id: 'y' },
          ],
        },
        workspace,
      ).ok,
    ).toBe(true);
  });
});

describe('transport shapes', () => {
  it.each([
    [null],
    [[]],
    [{ type: 'event_callback', event: null }],
    [{ type: 'event_callback', event: { type: 'reaction_added', item: null } }],
    [{ type: 'event_callback', event: { type: 'message', channel: null } }],
    [{ type: 'block_actions', user: null, actions: [] }],
    [{ type: 'block_actions', user: { id: 'U1' } }],
    [{ type: 'view_submission', user: { id: 'U1' }, view: null }],
    [{ type: 'nonsense' }],
    [{ command: '/rituals' }],
  ])('a Slack body like %j is refused before Bolt', (body) => {
    expect(envelopeProblem(body)).toBeTruthy();
  });

  it('lets every real Slack envelope through', () => {
    expect(
      envelopeProblem({
        type: 'event_callback',
        team_id: 'T1',
        event: { type: 'channel_created', channel: { id: 'C1', name: 'x' } },
      }),
    ).toBeUndefined();
    expect(
      envelopeProblem({
        type: 'event_callback',
        event: { type: 'reaction_added', item: { type: 'message', channel: 'C1', ts: '1.1' } },
      }),
    ).toBeUndefined();
    expect(
      envelopeProblem({
        type: 'block_actions',
        user: { id: 'U1' },
        team: null,
        actions: [{ action_id: 'a' }],
        container: { type: 'view' },
      }),
    ).toBeUndefined();
    expect(
      envelopeProblem({ type: 'view_submission', user: { id: 'U1' }, team: { id: 'T1' }, view: { id: 'V1' } }),
    ).toBeUndefined();
    expect(envelopeProblem({ command: '/rituals', user_id: 'U1', text: '' })).toBeUndefined();
    expect(envelopeProblem({ type: 'app_rate_limited', minute_rate_limited: 1 })).toBeUndefined();
  });

  it.each([
    ['no type', { type: undefined }],
    ['a null conversation', { conversation: null }],
    ['no sender', { from: undefined }],
    ['an object as the AAD id', { from: { id: '29:x', aadObjectId: { $gt: '' } } }],
    ['members added that are not a list', { membersAdded: 'x' }],
    ['a serviceUrl that is not a URL', { serviceUrl: 'not a url' }],
  ])('a Teams activity with %s is refused before botbuilder', (_what, change) => {
    expect(
      activityProblem({ ...activity('personal-message', { serviceUrl: 'http://127.0.0.1:1' }), ...change }),
    ).toBeTruthy();
  });
});

describe('CSV export', () => {
  it.each(['=1+2', '+SUM(A1)', '-2+3', '@SUM(1)', '\t=1', '\r=1'])('turns %j into text', (cell) => {
    expect(neutralizeFormula(cell)).toBe(`'${cell}`);
  });
  it.each(['Signed Acme', '2026-W47', '', "'quoted"])('leaves %j alone', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});
