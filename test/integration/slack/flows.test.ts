// End-to-end Slack flows on the real core: SQLite store with real migrations, the real workspace
// loader, the real outbox and OutboxSender, the Slack adapter on our HTTP server, and the fake Slack
// Web API, all over real HTTP with signed requests. Check-in from the scheduled DM to the updated DM,
// /rituals me, a leaderboard's reactions tallied on the next one, a nudge snoozed and a decision
// recorded, a manager's stand-up, App Home, and what non-members and non-managers get.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockActions, eventCallback, slashCommand, viewSubmission } from '../../helpers/slack-payloads.js';
import { type FlowHarness, startFlowHarness } from './core-harness.js';

/** The first button of `blocks` whose action id starts with `action#`. */
function button(blocks: any[], action: string): { action_id: string; value: string } {
  for (const b of blocks) {
    for (const el of b.type === 'actions' ? b.elements : []) {
      if (typeof el.action_id === 'string' && el.action_id.startsWith(`${action}#`)) return el;
    }
  }
  throw new Error(`no ${action} button in ${JSON.stringify(blocks).slice(0, 400)}`);
}

const allText = (x: unknown) => JSON.stringify(x);

/** Retries an assertion until it passes (work after an ack finishes after the HTTP answer). */
async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('Slack flows on the real core', () => {
  let h: FlowHarness;

  afterEach(async () => {
    await h.close();
  });

  describe('weekly check-in', () => {
    beforeEach(async () => {
      // Friday 20 Nov 2026, 16:05 in London: the 16:00 check-in fire is due.
      h = await startFlowHarness('2026-11-20T16:05:00Z');
    });

    async function promptOf(channel: string) {
      await h.core.engine.tick(h.clock.now());
      await h.drain();
      const prompt = h.fake.messagesIn(channel)[0];
      if (!prompt)
        throw new Error(`no prompt in ${channel}: ${allText(h.fake.calls.map((c) => [c.method, c.outcome]))}`);
      return prompt;
    }

    async function openForm(userId: string, channel: string, prompt: { ts: string; blocks: any[] }) {
      const before = h.fake.modals.length;
      const b = button(prompt.blocks, 'checkin.open');
      const click = await h.post(
        blockActions({
          userId,
          actionId: b.action_id,
          value: b.value,
          channel,
          ts: prompt.ts,
          responseUrl: h.fake.responseUrl(`click-${userId}`),
        }),
      );
      expect(click.status).toBe(200);
      return h.fake.waitFor(() => h.fake.modals[before]);
    }

    it('scheduled prompt -> button -> modal -> bad values -> inline errors -> good values -> DM updated in place', async () => {
      const prompt = await promptOf('DU0SAM');
      const promptText = prompt.text;
      expect(h.fake.okCallsTo('conversations.open').map((c) => c.args.users)).toContain('U0SAM');
      button(prompt.blocks, 'checkin.open');

      const modal = await openForm('U0SAM', 'DU0SAM', prompt);
      expect(modal.callback_id).toBe('rituals.checkin');
      const inputs = modal.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id);
      expect(inputs).toEqual(['calls', 'qualified_meetings', 'prospecting_hours', 'wins', 'blockers']);

      const bad = await h.post(
        viewSubmission('U0SAM', modal, { calls: '-3', qualified_meetings: 'lots', prospecting_hours: '2000000000000' }),
      );
      expect(bad.status).toBe(200);
      expect(bad.json()).toEqual({
        response_action: 'errors',
        errors: {
          calls: 'The value cannot be negative.',
          qualified_meetings: '"lots" is not a number.',
          prospecting_hours: expect.stringMatching(/too large/),
        },
      });
      const wrongUnit = await h.post(
        viewSubmission('U0SAM', modal, { calls: '40%', qualified_meetings: '7.5', prospecting_hours: '12,5' }),
      );
      expect(Object.keys(wrongUnit.json().errors).sort()).toEqual(['calls', 'prospecting_hours', 'qualified_meetings']);
      expect(await h.store.checkIns.list({})).toHaveLength(0);

      const good = viewSubmission('U0SAM', modal, {
        calls: '42',
        qualified_meetings: '7',
        prospecting_hours: '12.5',
        wins: 'Signed <Acme> & co',
      });
      const ok = await h.post(good);
      expect(ok.status).toBe(200);
      expect(ok.text).toBe('');
      await h.drain();
      const updated = h.fake.message('DU0SAM', prompt.ts)!;
      expect(updated.updates).toBe(1);
      expect(updated.text).not.toBe(promptText);
      expect(updated.text).toMatch(/Check-in received/);
      // The confirmation shows where the rep stands: attainment, projection, needed per working day.
      expect(allText(updated.blocks)).toMatch(/\*Qualified meetings\*.*7 \/ 35/);
      expect(allText(updated.blocks)).toMatch(/Projected/);
      expect(allText(updated.blocks)).toMatch(/per working day/);
      expect(h.fake.messagesIn('DU0SAM')).toHaveLength(1);
      const stored = await h.store.checkIns.list({});
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        memberId: 'sam',
        values: { calls: 42, qualified_meetings: 7, prospecting_hours: 12.5 },
        wins: 'Signed <Acme> & co',
        platform: 'slack',
      });

      // Slack delivers the same submission again: acknowledged, nothing changes.
      const replay = await h.post(good);
      expect(replay.status).toBe(200);
      await h.drain();
      expect(await h.store.checkIns.list({})).toHaveLength(1);
      expect(h.fake.message('DU0SAM', prompt.ts)!.updates).toBe(1);

      // Editing until the deadline: the confirmation's button opens the form prefilled.
      const edit = await openForm('U0SAM', 'DU0SAM', h.fake.message('DU0SAM', prompt.ts)!);
      const prefilled = Object.fromEntries(
        edit.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b.element.initial_value]),
      );
      expect(prefilled).toMatchObject({
        calls: '42',
        qualified_meetings: '7',
        prospecting_hours: '12.5',
        wins: 'Signed <Acme> & co',
      });
    });

    it('reaches a member configured by email, in French, with decimal commas', async () => {
      const prompt = await promptOf('DU0LEA');
      expect(h.fake.okCallsTo('users.lookupByEmail').map((c) => c.args.email)).toContain('lea.dubois@acme.example');
      const modal = await openForm('U0LEA', 'DU0LEA', prompt);
      const bad = await h.post(
        viewSubmission('U0LEA', modal, { calls: '-1', qualified_meetings: '3', prospecting_hours: '6,5' }),
      );
      expect(bad.json()).toEqual({
        response_action: 'errors',
        errors: { calls: 'La valeur ne peut pas être négative.' },
      });
      const ok = await h.post(
        viewSubmission('U0LEA', modal, { calls: '30', qualified_meetings: '3', prospecting_hours: '6,5' }),
      );
      expect(ok.status).toBe(200);
      await h.drain();
      expect((await h.store.checkIns.list({ memberIds: ['lea'] }))[0]!.values).toEqual({
        calls: 30,
        qualified_meetings: 3,
        prospecting_hours: 6.5,
      });
      expect(h.fake.message('DU0LEA', prompt.ts)!.updates).toBe(1);
    });

    it('opens the same form from /rituals checkin and confirms by DM', async () => {
      await h.post(slashCommand('U0SAM', 'checkin', h.fake.responseUrl('cmd-checkin')));
      const modal = await h.fake.waitFor(() => h.fake.modals[0]);
      expect(modal.callback_id).toBe('rituals.checkin');
      const ok = await h.post(
        viewSubmission('U0SAM', modal, { calls: '10', qualified_meetings: '1', prospecting_hours: '2' }),
      );
      expect(ok.status).toBe(200);
      await h.fake.waitFor(() => h.fake.messagesIn('DU0SAM').length > 0 || undefined);
      expect(await h.store.checkIns.list({})).toHaveLength(1);
    });
  });

  describe('commands, App Home and rights', () => {
    beforeEach(async () => {
      h = await startFlowHarness('2026-11-18T10:00:00Z');
    });

    it('/rituals me answers privately with my objectives', async () => {
      const res = await h.post(slashCommand('U0SAM', 'me', h.fake.responseUrl('me')));
      expect(res.status).toBe(200);
      const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'me'));
      expect(answer.body.response_type).toBe('ephemeral');
      expect(allText(answer.body.blocks)).toContain('Qualified meetings');
    });

    it('answers an unknown subcommand, a non-member and help helpfully', async () => {
      await h.post(slashCommand('U0SAM', 'dance', h.fake.responseUrl('unknown')));
      await h.post(slashCommand('U0STRANGER', 'me', h.fake.responseUrl('stranger')));
      await h.post(slashCommand('U0SAM', 'help', h.fake.responseUrl('help')));
      const unknown = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'unknown'));
      const stranger = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'stranger'));
      const help = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'help'));
      for (const a of [unknown, stranger, help]) expect(a.body.response_type).toBe('ephemeral');
      expect(unknown.body.text).toContain('dance');
      expect(stranger.body.text).toMatch(/[ée]quipe|membre/i);
      expect(help.body.text.length).toBeGreaterThan(20);
      expect(allText([unknown, stranger, help])).not.toMatch(/Error|stack|\.ts:/);
    });

    it("gives a manager the team's stand-up and refuses it to a rep", async () => {
      await h.post(slashCommand('U0MAYA', 'standup', h.fake.responseUrl('standup-maya')));
      await h.post(slashCommand('U0SAM', 'standup', h.fake.responseUrl('standup-sam')));
      const maya = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'standup-maya'));
      const sam = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'standup-sam'));
      expect(allText(maya.body.blocks)).toContain('Sam Patel');
      expect(allText(sam.body)).not.toContain('Sam Patel');
      expect(sam.body.blocks[0].text.text).toContain(':warning:');
    });

    it('publishes the App Home with my goals when I open it', async () => {
      const res = await h.post(
        eventCallback({ type: 'app_home_opened', user: 'U0SAM', channel: 'DU0SAM', tab: 'home', event_ts: '1.1' }),
      );
      expect(res.status).toBe(200);
      const home = await h.fake.waitFor(() => h.fake.homes.get('U0SAM'));
      expect(home.type).toBe('home');
      expect(allText(home.blocks)).toContain('Qualified meetings');
      await h.post(
        eventCallback({ type: 'app_home_opened', user: 'U0MAYA', channel: 'DU0MAYA', tab: 'home', event_ts: '1.2' }),
      );
      const managerHome = await h.fake.waitFor(() => h.fake.homes.get('U0MAYA'));
      expect(allText(managerHome.blocks)).toContain('Sam Patel');
    });
  });

  describe('leaderboard reactions', () => {
    beforeEach(async () => {
      h = await startFlowHarness('2026-11-16T09:05:00Z');
      // Sam's meetings in weeks 46 and 47: a leaderboard is only posted for a week with data behind it.
      await h.store.metricValues.upsertMany(
        ['2026-11-11', '2026-11-18'].map((date) => ({
          memberId: 'sam',
          teamId: 'sales',
          kpiId: 'qualified_meetings',
          date,
          value: 4,
          source: 'checkin' as const,
          externalId: `sam:${date}`,
        })),
        { at: h.clock.now().toISOString() },
      );
    });

    it('tallies reactions on the leaderboard post, once per retried event, and shows them on the next one', async () => {
      // Monday 09:05: the scheduled 09:00 leaderboard (and progress) posts go to the team channel.
      await h.core.engine.tick(h.clock.now());
      await h.drain();
      const leaderboards = () =>
        h.fake.messagesIn('C0SALES').filter((m) => m.blocks[0]?.text?.text.startsWith('Leaderboard'));
      const post = leaderboards()[0]!;
      expect(post).toBeDefined();
      const react = (user: string, reaction: string, type = 'reaction_added', id?: string) =>
        eventCallback(
          {
            type,
            user,
            reaction,
            item: { type: 'message', channel: 'C0SALES', ts: post.ts },
            item_user: 'U0BOT',
            event_ts: '2.1',
          },
          id,
        );
      const tada = react('U0SAM', 'tada');
      await h.post(tada);
      await h.post(tada, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      await h.post(react('U0LEA', 'tada'));
      await h.post(react('U0MAYA', 'fire'));
      await h.post(react('U0MAYA', 'fire', 'reaction_removed'));
      await h.post(react('U0MAYA', 'rocket'));
      // Events are acked before they are handled: wait until the six deliveries have been processed.
      const expected = [
        { emoji: 'tada', count: 2 },
        { emoji: 'rocket', count: 1 },
      ];
      await eventually(async () =>
        expect(await h.store.reactions.tally('slack', `C0SALES|${post.ts}`)).toEqual(expected),
      );

      h.clock.set('2026-11-23T09:05:00Z');
      await h.core.engine.tick(h.clock.now());
      await h.drain();
      const next = leaderboards()[1]!;
      expect(next).toBeDefined();
      expect(allText(next.blocks)).toMatch(/:tada: 2/);
      expect(allText(next.blocks)).toMatch(/:rocket: 1/);
      expect(allText(next.blocks)).not.toMatch(/:fire:/);
    });
  });

  describe('breach nudges', () => {
    beforeEach(async () => {
      h = await startFlowHarness('2026-11-18T10:00:00Z');
      // The team's pipeline is far below its alert threshold (20 opportunities this quarter).
      await h.store.metricValues.upsertMany(
        [
          {
            teamId: 'sales',
            kpiId: 'opportunities',
            date: '2026-11-02',
            value: 2,
            source: 'import',
            externalId: 'crm:1',
          },
        ],
        { at: h.clock.now().toISOString() },
      );
    });

    it('nudges the owner by DM; Snooze updates the nudge in place; Record decision writes the decision log', async () => {
      await h.core.engine.scanBreaches('sales', h.clock.now());
      await h.drain();
      const nudge = h.fake.messagesIn('DU0MAYA')[0]!;
      expect(nudge).toBeDefined();
      const snooze = button(nudge.blocks, 'breach.snooze');
      button(nudge.blocks, 'breach.acknowledge');
      const res = await h.post(
        blockActions({
          userId: 'U0MAYA',
          actionId: snooze.action_id,
          value: snooze.value,
          channel: 'DU0MAYA',
          ts: nudge.ts,
          responseUrl: h.fake.responseUrl('snooze'),
        }),
      );
      expect(res.status).toBe(200);
      await h.fake.waitFor(() => (h.fake.message('DU0MAYA', nudge.ts)!.updates === 1 ? true : undefined));
      const [breach] = await h.store.breaches.listOpen();
      expect(breach!.state).toBe('snoozed');

      const decide = button(nudge.blocks, 'breach.decision');
      await h.post(
        blockActions({
          userId: 'U0MAYA',
          actionId: decide.action_id,
          value: decide.value,
          channel: 'DU0MAYA',
          ts: nudge.ts,
          responseUrl: h.fake.responseUrl('decide'),
        }),
      );
      const modal = await h.fake.waitFor(() => h.fake.modals[0]);
      expect(modal.callback_id).toBe('rituals.decision');
      const empty = await h.post(viewSubmission('U0MAYA', modal, { kind: 'decision', text: '' }));
      expect(empty.json().response_action).toBe('errors');
      const saved = await h.post(
        viewSubmission('U0MAYA', modal, {
          kind: 'hypothesis',
          text: 'ABM on the top 50 accounts will double the meeting rate',
        }),
      );
      expect(saved.json()).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
      const decisions = await h.store.decisions.list({ teamId: 'sales' });
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({
        kind: 'hypothesis',
        author: 'maya',
        text: 'ABM on the top 50 accounts will double the meeting rate',
      });
      // The same submission again writes nothing more.
      await h.post(
        viewSubmission('U0MAYA', modal, {
          kind: 'hypothesis',
          text: 'ABM on the top 50 accounts will double the meeting rate',
        }),
      );
      expect(await h.store.decisions.list({ teamId: 'sales' })).toHaveLength(1);
    });

    it('refuses the nudge buttons to a rep who is neither owner nor manager', async () => {
      await h.core.engine.scanBreaches('sales', h.clock.now());
      await h.drain();
      const nudge = h.fake.messagesIn('DU0MAYA')[0]!;
      const snooze = button(nudge.blocks, 'breach.snooze');
      await h.post(
        blockActions({
          userId: 'U0SAM',
          actionId: snooze.action_id,
          value: snooze.value,
          channel: 'DU0SAM',
          ts: '1.1',
          responseUrl: h.fake.responseUrl('sam-snooze'),
        }),
      );
      const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'sam-snooze'));
      expect(answer.body.response_type).toBe('ephemeral');
      expect((await h.store.breaches.listOpen())[0]!.state).not.toBe('snoozed');
    });
  });
});
