// The authorisation matrix, actor x action x team, run twice per row: on the real RitualsService, and
// as a signed Slack request through the real adapter (slash command, button, modal submission). A rep
// may not run manager actions (stand-up, run a ritual), change targets (QBR accept / change form /
// target form), act on breaches, check in or see figures as another rep, or touch another team; a
// manager of one team may not act on the other. Every refusal is the localized message of its code
// and writes nothing (check-ins, decisions, targets, audit, occurrences, outbox, breaches unchanged).
// Positive controls at the end show the same requests succeed for whoever is allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/compose/build-core.js';
import { loadWorkspace } from '../../src/config/workspace-load.js';
import type { Locale, Workspace } from '../../src/core/domain/model.js';
import { type MessageKey, t } from '../../src/core/i18n/index.js';
import type { RitualsCore } from '../../src/core/rituals/create-core.js';
import { weekOf } from '../../src/core/rituals/engine/checkin-window.js';
import type { InteractionResult, SubmitResult } from '../../src/core/service.js';
import type { View } from '../../src/core/view-models.js';
import { createLogger } from '../../src/logging/logger.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { rawSqlite } from '../../src/store/raw-access.js';
import { syncWorkspace } from '../../src/store/sync-workspace.js';
import { repoRoot } from '../helpers/cli.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { blockActions, slashCommand } from '../helpers/slack-payloads.js';
import { interactionBody } from '../helpers/slack-sign.js';
import { type SlackHarness, startSlackHarness } from '../integration/slack/harness.js';

const CONFIG = `${repoRoot}/test/hardening/fixtures/workspace.yaml`;
const SLACK_ID: Readonly<Record<string, string>> = {
  maya: 'U0MAYA',
  sam: 'U0SAM',
  lea: 'U0LEA',
  nora: 'U0NORA',
  theo: 'U0THEO',
};
const LOCALE: Readonly<Record<string, Locale>> = { maya: 'en', sam: 'en', lea: 'fr', nora: 'en', theo: 'en' };

let store: Store;
let workspace: Workspace;
let core: RitualsCore;
let h: SlackHarness;
let period: string;
const breachOf: Record<string, number> = {};
let seq = 0;

beforeAll(async () => {
  workspace = (await loadWorkspace(CONFIG)).workspace;
  store = await openStore(':memory:');
  await syncWorkspace(store, workspace, { actor: 'config' });
  ({ core } = buildCore({
    store,
    workspace: () => workspace,
    log: createLogger('silent'),
    platformFor: () => 'slack',
  }));
  const fake = await new FakeSlackApi().start();
  for (const [member, id] of Object.entries(SLACK_ID))
    fake.addUser({ id, locale: LOCALE[member] === 'fr' ? 'fr-FR' : 'en-GB', tz: 'Europe/Paris' });
  fake.addChannel('C0SALES').addChannel('C0SUPPORT');
  h = await startSlackHarness({ service: core.service, workspace: () => workspace, fake });
  period = weekOf(workspace, new Date(), 'Europe/Paris').key;

  // Lea's numbers, which nobody else may see: 777 calls.
  const form = await core.service.checkInForm('lea');
  expect(
    (
      await core.service.submitCheckIn({
        memberId: 'lea',
        metadata: form.metadata,
        numbers: { calls: '777', qualified_meetings: '3' },
        platform: 'slack',
        idempotencyKey: 'lea-1',
      })
    ).ok,
  ).toBe(true);
  // Both collective objectives below their alert threshold: one open breach per team.
  const today = new Date().toISOString().slice(0, 10);
  await store.metricValues.upsertMany(
    [
      {
        memberId: null,
        teamId: 'sales',
        kpiId: 'opportunities',
        date: today,
        value: 1,
        source: 'api',
        externalId: 'authz-opp',
      },
      {
        memberId: null,
        teamId: 'support',
        kpiId: 'csat',
        date: today,
        value: 2,
        source: 'api',
        externalId: 'authz-csat',
      },
    ],
    { at: new Date().toISOString() },
  );
  await core.engine.scanBreaches('sales', new Date());
  await core.engine.scanBreaches('support', new Date());
  for (const b of rawSqlite(store).prepare('select id, objective_id as o from breaches').all() as {
    id: number;
    o: string;
  }[])
    breachOf[b.o.split(':')[1]!] = b.id;
  expect(Object.keys(breachOf).sort()).toEqual(['sales', 'support']);
}, 60_000);

afterAll(async () => {
  await h?.close();
  await store?.close();
});

/** Everything a refused action must leave as it was. */
function snapshot(): string {
  const all = (q: string) => rawSqlite(store).prepare(q).all();
  return JSON.stringify({
    checkIns: all('select id, member_id, "values" from check_ins order by id'),
    decisions: all('select id from decisions'),
    targets: all('select id from objective_target_history'),
    objectives: all('select id, target, schedule from objectives order by id'),
    audit: all('select id from audit_log'),
    occurrences: all('select id from ritual_occurrences'),
    outbox: all('select id from outbox'),
    breaches: all('select id, state, snoozed_until, acknowledged_by from breaches order by id'),
    ooo: all('select id from ooo_periods'),
  });
}

const textOf = (x: InteractionResult | SubmitResult<View> | View): string => JSON.stringify(x);

const proposal = (team: string, objective: string) =>
  JSON.stringify({ team, objective, target: 40, from: '2027-01-01' });
const breach = (team: string) => JSON.stringify({ breach: breachOf[team], team });

/** What a Slack user sees after a request: the ephemeral answer (response URL) or the modal's answer. */
async function viaSlack(_member: string, send: (id: string) => Promise<{ text: string }>): Promise<string> {
  const id = `authz-${++seq}`;
  const res = await send(id);
  if (res.text) return res.text;
  const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id));
  return JSON.stringify(answer.body);
}

const command = (member: string, text: string) =>
  viaSlack(member, (id) => h.post(slashCommand(SLACK_ID[member]!, text, h.fake.responseUrl(id))));
const button = (member: string, action: string, value: string) =>
  viaSlack(member, (id) =>
    h.post(
      blockActions({
        userId: SLACK_ID[member]!,
        actionId: `${action}#0`,
        value,
        channel: 'C0SALES',
        ts: '1700000000.000100',
        responseUrl: h.fake.responseUrl(id),
      }),
    ),
  );

function submit(
  member: string,
  callback: string,
  metadata: string,
  values: Record<string, string>,
  select?: [string, string],
) {
  return viaSlack(member, () => {
    const n = ++seq;
    const state: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) state[k] = { value: { type: 'plain_text_input', value: v } };
    if (select) state[select[0]] = { value: { type: 'static_select', selected_option: { value: select[1] } } };
    const blocks = [...Object.keys(values), ...(select ? [select[0]] : [])].map((id) => ({
      type: 'input',
      block_id: id,
      element: { type: 'plain_text_input', action_id: 'value' },
    }));
    return h.post(
      interactionBody({
        type: 'view_submission',
        team: { id: 'T0TEST' },
        user: { id: SLACK_ID[member], team_id: 'T0TEST' },
        view: {
          id: `VAUTHZ${n}`,
          hash: `h${n}`,
          callback_id: callback,
          private_metadata: JSON.stringify({ m: metadata }),
          blocks,
          state: { values: state },
        },
      }),
    );
  });
}

interface Row {
  readonly actor: string;
  readonly action: string;
  readonly team: string;
  readonly refusal: MessageKey;
  readonly params?: Record<string, string>;
  readonly service: () => Promise<InteractionResult | SubmitResult<View> | View>;
  readonly slack: () => Promise<string>;
}

const checkinMetadata = (member: string, team: string) =>
  JSON.stringify({ member, period, key: `${team}:checkin:${period}:${member}` });

const ROWS: Row[] = [
  // A rep and manager actions.
  {
    actor: 'sam',
    action: 'stand-up',
    team: 'sales',
    refusal: 'auth.notManager',
    params: { team: 'Sales' },
    service: () => core.service.command('sam', 'standup'),
    slack: () => command('sam', 'standup'),
  },
  {
    actor: 'lea',
    action: 'stand-up (fr)',
    team: 'sales',
    refusal: 'auth.notManager',
    params: { team: 'Sales' },
    service: () => core.service.command('lea', 'point'),
    slack: () => command('lea', 'point'),
  },
  {
    actor: 'sam',
    action: 'run checkin',
    team: 'sales',
    refusal: 'auth.notManager',
    params: { team: 'Sales' },
    service: () => core.service.command('sam', 'run checkin'),
    slack: () => command('sam', 'run checkin'),
  },
  {
    actor: 'lea',
    action: 'run leaderboard (fr)',
    team: 'sales',
    refusal: 'auth.notManager',
    params: { team: 'Sales' },
    service: () => core.service.command('lea', 'lancer classement sales'),
    slack: () => command('lea', 'lancer classement sales'),
  },
  // A rep and targets.
  {
    actor: 'sam',
    action: 'QBR accept',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('sam', 'qbr.accept', proposal('sales', 'pipeline')),
    slack: () => button('sam', 'qbr.accept', proposal('sales', 'pipeline')),
  },
  {
    actor: 'sam',
    action: 'QBR change form',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('sam', 'qbr.change', proposal('sales', 'pipeline')),
    slack: () => button('sam', 'qbr.change', proposal('sales', 'pipeline')),
  },
  {
    actor: 'lea',
    action: 'target form (fr)',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () =>
      core.service.submitTargetChange({
        memberId: 'lea',
        metadata: proposal('sales', 'pipeline'),
        target: '45',
        idempotencyKey: `t-${++seq}`,
      }),
    slack: () => submit('lea', 'rituals.target', proposal('sales', 'pipeline'), { target: '45' }),
  },
  // A rep and breaches owned by the manager.
  {
    actor: 'sam',
    action: 'breach acknowledge',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('sam', 'breach.acknowledge', breach('sales')),
    slack: () => button('sam', 'breach.acknowledge', breach('sales')),
  },
  {
    actor: 'sam',
    action: 'breach snooze',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('sam', 'breach.snooze', breach('sales')),
    slack: () => button('sam', 'breach.snooze', breach('sales')),
  },
  {
    actor: 'sam',
    action: 'breach decision form',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('sam', 'breach.decision', breach('sales')),
    slack: () => button('sam', 'breach.decision', breach('sales')),
  },
  // A rep and another rep's numbers.
  {
    actor: 'sam',
    action: 'check in as Lea',
    team: 'sales',
    refusal: 'error.badForm',
    service: () =>
      core.service.submitCheckIn({
        memberId: 'sam',
        metadata: checkinMetadata('lea', 'sales'),
        numbers: { calls: '1', qualified_meetings: '1' },
        platform: 'slack',
        idempotencyKey: `c-${++seq}`,
      }),
    slack: () =>
      submit('sam', 'rituals.checkin', checkinMetadata('lea', 'sales'), { calls: '1', qualified_meetings: '1' }),
  },
  // A rep and another team.
  {
    actor: 'sam',
    action: 'stand-up',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.command('sam', 'standup support'),
    slack: () => command('sam', 'standup support'),
  },
  {
    actor: 'sam',
    action: 'leaderboard',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.command('sam', 'leaderboard support'),
    slack: () => command('sam', 'leaderboard support'),
  },
  {
    actor: 'lea',
    action: 'progress (fr)',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.command('lea', 'progression support'),
    slack: () => command('lea', 'progression support'),
  },
  {
    actor: 'sam',
    action: 'review decision form',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.action('sam', 'review.decision', JSON.stringify({ team: 'support' })),
    slack: () => button('sam', 'review.decision', JSON.stringify({ team: 'support' })),
  },
  {
    actor: 'sam',
    action: 'record decision',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () =>
      core.service.submitDecision({
        memberId: 'sam',
        metadata: JSON.stringify({ team: 'support' }),
        kind: 'decision',
        text: 'Cut their targets',
        idempotencyKey: `d-${++seq}`,
      }),
    slack: () =>
      submit('sam', 'rituals.decision', JSON.stringify({ team: 'support' }), { text: 'Cut their targets' }, [
        'kind',
        'decision',
      ]),
  },
  {
    actor: 'theo',
    action: 'QBR accept',
    team: 'sales',
    refusal: 'auth.notInTeam',
    params: { team: 'Sales' },
    service: () => core.service.action('theo', 'qbr.accept', proposal('sales', 'pipeline')),
    slack: () => button('theo', 'qbr.accept', proposal('sales', 'pipeline')),
  },
  // A manager of one team and the other team.
  {
    actor: 'maya',
    action: 'stand-up',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.command('maya', 'standup support'),
    slack: () => command('maya', 'standup support'),
  },
  {
    actor: 'maya',
    action: 'run checkin',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.command('maya', 'run checkin support'),
    slack: () => command('maya', 'run checkin support'),
  },
  {
    actor: 'maya',
    action: 'QBR accept',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () => core.service.action('maya', 'qbr.accept', proposal('support', 'satisfaction')),
    slack: () => button('maya', 'qbr.accept', proposal('support', 'satisfaction')),
  },
  {
    actor: 'maya',
    action: 'target form',
    team: 'support',
    refusal: 'auth.notInTeam',
    params: { team: 'Support' },
    service: () =>
      core.service.submitTargetChange({
        memberId: 'maya',
        metadata: proposal('support', 'satisfaction'),
        target: '4.9',
        idempotencyKey: `t-${++seq}`,
      }),
    slack: () => submit('maya', 'rituals.target', proposal('support', 'satisfaction'), { target: '4.9' }),
  },
  {
    actor: 'maya',
    action: 'breach acknowledge',
    team: 'support',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('maya', 'breach.acknowledge', breach('support')),
    slack: () => button('maya', 'breach.acknowledge', breach('support')),
  },
  {
    actor: 'nora',
    action: 'breach snooze',
    team: 'sales',
    refusal: 'auth.notAllowed',
    service: () => core.service.action('nora', 'breach.snooze', breach('sales')),
    slack: () => button('nora', 'breach.snooze', breach('sales')),
  },
  {
    actor: 'nora',
    action: 'record decision',
    team: 'sales',
    refusal: 'auth.notInTeam',
    params: { team: 'Sales' },
    service: () =>
      core.service.submitDecision({
        memberId: 'nora',
        metadata: JSON.stringify({ team: 'sales' }),
        kind: 'decision',
        text: 'Freeze hiring',
        idempotencyKey: `d-${++seq}`,
      }),
    slack: () =>
      submit('nora', 'rituals.decision', JSON.stringify({ team: 'sales' }), { text: 'Freeze hiring' }, [
        'kind',
        'decision',
      ]),
  },
];

describe('authorisation matrix', () => {
  it.each(ROWS.map((r) => [`${r.actor} -> ${r.action} on ${r.team}`, r] as const))(
    '%s: refused, localized, nothing written',
    async (_name, row) => {
      const expected = t(LOCALE[row.actor]!, row.refusal, row.params ?? {});
      const before = snapshot();
      const viaService = textOf(await row.service());
      expect(viaService).toContain(JSON.stringify(expected).slice(1, -1));
      expect(snapshot()).toBe(before);
      const viaSlack = await row.slack();
      expect(viaSlack).toContain(JSON.stringify(expected).slice(1, -1));
      // Work after the ack (none should follow a refusal) has had its chance to write.
      await new Promise((r) => setTimeout(r, 50));
      expect(snapshot()).toBe(before);
    },
  );

  it("never shows a rep another rep's numbers", async () => {
    // Sam's own goals, his check-in form (even when the button names Lea), and his App Home.
    const me = await command('sam', 'me');
    expect(me).not.toContain('777');
    const form = await core.service.action('sam', 'checkin.open', JSON.stringify({ period, member: 'lea' }));
    expect(form.kind).toBe('form');
    expect(JSON.stringify(form)).not.toContain('777');
    expect(JSON.parse((form.view as { metadata: string }).metadata)).toMatchObject({ member: 'sam' });
    const standup = await core.service.standup('sam');
    expect(JSON.stringify(standup)).not.toContain('777');
  });

  it('lets whoever is allowed do the same things (the refusals above are not blanket ones)', async () => {
    const standup = await command('maya', 'standup');
    expect(standup).toContain('Sales');
    expect(standup).not.toContain(t('en', 'auth.notManager', { team: 'Sales' }));
    expect(await command('sam', 'leaderboard')).not.toContain(t('en', 'auth.notInTeam', { team: 'Sales' }));
    const targets = () =>
      (rawSqlite(store).prepare('select count(*) as n from objective_target_history').get() as { n: number }).n;
    const before = targets();
    await button('maya', 'qbr.accept', proposal('sales', 'pipeline'));
    expect(targets()).toBe(before + 1);
    await button('nora', 'breach.acknowledge', breach('support'));
    await h.fake.waitFor(
      () =>
        (rawSqlite(store).prepare('select state from breaches where id = ?').get(breachOf.support) as { state: string })
          .state === 'acknowledged',
    );
    const decisions = () => (rawSqlite(store).prepare('select count(*) as n from decisions').get() as { n: number }).n;
    const d = decisions();
    await submit('theo', 'rituals.decision', JSON.stringify({ team: 'support' }), { text: 'Pair on escalations' }, [
      'kind',
      'decision',
    ]);
    expect(decisions()).toBe(d + 1);
  });
});
