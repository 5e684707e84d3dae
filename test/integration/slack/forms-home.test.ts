// Forms and Home over signed HTTP against the fake Slack: numeric fields are number_inputs (decimals only
// where the KPI allows them, with its bounds); an edit pre-fills the numbers, wins and blockers; the App
// Home is published again after a check-in, offering to edit rather than fill in; a manager's Home has
// actions (stand-up, run a ritual) that answer by DM and are refused to a rep.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockActions, eventCallback, slashCommand, viewSubmission } from '../../helpers/slack-payloads.js';
import { type FlowHarness, seedCheckIns, startFlowHarness, WEEK_46_CHECK_INS } from './core-harness.js';

function buttons(blocks: any[]): any[] {
  return (blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
}
const inputsOf = (modal: any) =>
  Object.fromEntries(modal.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b.element]));

describe('forms and Home', () => {
  let h: FlowHarness;
  beforeEach(async () => {
    // Friday 20 Nov 2026, 16:05 in London: the week's check-in is open.
    h = await startFlowHarness('2026-11-20T16:05:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  async function openHome(user: string) {
    const before = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === user).length;
    await h.post(eventCallback({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.1' }));
    await h.fake.waitFor(
      () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === user).length > before || undefined,
    );
    return h.fake.homes.get(user);
  }

  it('number_input per KPI (whole counts, decimal hours, bounds); the edit pre-fills numbers, wins and blockers; Home refreshed', async () => {
    const home = await openHome('U0SAM');
    const fill = buttons(home.blocks).find((b) => b.action_id.startsWith('checkin.open#'));
    expect(fill.text.text).toBe('Fill in my check-in');

    await h.post(blockActions({ userId: 'U0SAM', actionId: fill.action_id, value: fill.value, home: true }));
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);
    const inputs = inputsOf(modal);
    expect(inputs.calls).toEqual({
      type: 'number_input',
      action_id: 'value',
      is_decimal_allowed: false,
      min_value: '0',
      max_value: '1000000000',
    });
    expect(inputs.prospecting_hours).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: true,
      min_value: '0',
      max_value: '168',
    });
    expect(inputs.wins.type).toBe('plain_text_input');

    const ok = await h.post(
      viewSubmission('U0SAM', modal, {
        calls: '40',
        qualified_meetings: '6',
        prospecting_hours: '7.5',
        wins: 'Two demos booked',
        blockers: 'CRM down on Tuesday',
      }),
    );
    expect(ok.status).toBe(200);
    // Opened from Home: confirmed by DM, and the Home tab published again with the edit button.
    await h.fake.waitFor(() => h.fake.messagesIn('DU0SAM')[0]);
    const refreshed = await h.fake.waitFor(() => {
      const home2 = h.fake.homes.get('U0SAM');
      return buttons(home2.blocks).some((b) => b.text.text === 'Edit my answers') ? home2 : undefined;
    });
    expect(buttons(refreshed.blocks).map((b) => b.text.text)).not.toContain('Fill in my check-in');
    expect(JSON.stringify(refreshed.blocks)).toMatch(/\*Calls\*/);

    const edit = buttons(refreshed.blocks).find((b) => b.action_id.startsWith('checkin.open#'));
    await h.post(blockActions({ userId: 'U0SAM', actionId: edit.action_id, value: edit.value, home: true }));
    const again = await h.fake.waitFor(() => h.fake.modals[1]);
    const prefilled = Object.fromEntries(
      Object.entries(inputsOf(again)).map(([k, el]: [string, any]) => [k, el.initial_value]),
    );
    expect(prefilled).toEqual({
      calls: '40',
      qualified_meetings: '6',
      prospecting_hours: '7.5',
      wins: 'Two demos booked',
      blockers: 'CRM down on Tuesday',
    });
  });

  it('pre-fills a French edit with a decimal point, as number_input takes it', async () => {
    await h.post(slashCommand('U0LEA', 'pointage', h.fake.responseUrl('lea')));
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);
    await h.post(
      viewSubmission('U0LEA', modal, {
        calls: '30',
        qualified_meetings: '3',
        prospecting_hours: '6.5',
        blockers: 'Pas de CRM',
      }),
    );
    await h.fake.waitFor(() => h.fake.messagesIn('DU0LEA')[0]);
    await h.post(slashCommand('U0LEA', 'pointage', h.fake.responseUrl('lea2')));
    const again = await h.fake.waitFor(() => h.fake.modals[1]);
    expect(inputsOf(again).prospecting_hours.initial_value).toBe('6.5');
    expect(inputsOf(again).blockers.initial_value).toBe('Pas de CRM');
  });

  it("gives a manager Home actions: the team's stand-up and a ritual run, answered by DM", async () => {
    // Last week's check-ins: the leaderboard the button runs (week 46) has something to post.
    await seedCheckIns(h, WEEK_46_CHECK_INS);
    const home = await openHome('U0MAYA');
    const actions = buttons(home.blocks).filter((b) => b.action_id.startsWith('home.command#'));
    expect(actions.map((b) => [b.text.text, b.value])).toEqual([
      ['Team stand-up', 'standup sales'],
      ['Team table', 'leaderboard sales'],
      ['Send the check-in now', 'run checkin sales'],
      ['Post the leaderboard', 'run leaderboard sales'],
      ['Post collective progress', 'run progress sales'],
    ]);
    // A rep's Home has none.
    const samHome = await openHome('U0SAM');
    expect(buttons(samHome.blocks).filter((b) => b.action_id.startsWith('home.command#'))).toEqual([]);

    await h.post(
      blockActions({ userId: 'U0MAYA', actionId: actions[0].action_id, value: actions[0].value, home: true }),
    );
    const standup = await h.fake.waitFor(() => h.fake.messagesIn('DU0MAYA')[0]);
    expect(JSON.stringify(standup.blocks)).toContain('Sam Patel');
    await h.post(
      blockActions({ userId: 'U0MAYA', actionId: actions[1].action_id, value: actions[1].value, home: true }),
    );
    const table = await h.fake.waitFor(() => h.fake.messagesIn('DU0MAYA')[1]);
    expect(JSON.stringify(table.blocks)).toMatch(/Leaderboard/);
    await h.post(
      blockActions({ userId: 'U0MAYA', actionId: actions[3].action_id, value: actions[3].value, home: true }),
    );
    const ran = await h.fake.waitFor(() => h.fake.messagesIn('DU0MAYA')[2]);
    expect(ran.text).toMatch(/^The leaderboard for Sales is under way/);
    // The table was only for the manager; the run posted in the channel once the outbox delivered.
    await h.drain();
    expect(h.fake.messagesIn('C0SALES')).toHaveLength(1);

    // The same button value sent by a rep is refused by the core, like the typed command.
    await h.post(
      blockActions({ userId: 'U0SAM', actionId: actions[3].action_id, value: actions[3].value, home: true }),
    );
    const refused = await h.fake.waitFor(() =>
      h.fake.messagesIn('DU0SAM').find((m) => /Only the managers/.test(m.text)),
    );
    expect(refused).toBeDefined();
  });

  it('shows the manager actions in French for a French manager', async () => {
    await h.close();
    h = await startFlowHarness('2026-11-20T16:05:00Z', {
      editWorkspace: (y) => y.replace('slack: U0MAYA }', 'slack: U0MAYA, locale: fr }'),
    });
    const home = await openHome('U0MAYA');
    expect(
      buttons(home.blocks)
        .filter((b) => b.action_id.startsWith('home.command#'))
        .map((b) => b.text.text),
    ).toEqual([
      'Synthèse d’équipe',
      'Tableau de l’équipe',
      'Envoyer le point hebdo',
      'Publier le classement',
      'Publier la progression',
    ]);
  });
});
