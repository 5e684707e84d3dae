// Feedback that is true and in one language, over real HTTP against the fake Slack: `run X` says what
// it did (queued, or already ran this minute) and never calls a post sent before Slack accepted it; a
// delivery failure reaches the manager entirely in their language with the channel linked (`<#C…>`);
// a second snooze replaces the pending re-nudge; reactions count only on the bot's own posts; the help's
// example dates are in the future.
import { afterEach, describe, expect, it } from 'vitest';
import { blockActions, eventCallback, slashCommand } from '../../helpers/slack-payloads.js';
import { type FlowHarness, seedCheckIns, startFlowHarness, WEEK_46_CHECK_INS } from './core-harness.js';

function button(blocks: any[], action: string): { action_id: string; value: string } {
  for (const b of blocks ?? []) {
    for (const el of b.type === 'actions' ? b.elements : [])
      if (String(el.action_id).startsWith(`${action}#`)) return el;
  }
  throw new Error(`no ${action} button`);
}

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

const mayaInFrench = (y: string) =>
  y.replace(
    '{ id: maya, name: Maya Brooks, start: 2024-03-04, slack: U0MAYA }',
    '{ id: maya, name: Maya Brooks, start: 2024-03-04, slack: U0MAYA, locale: fr }',
  );

describe('feedback that is true and in one language', () => {
  let h: FlowHarness;
  afterEach(async () => {
    await h.close();
  });

  it('`run leaderboard` says it queued the post (Slack has not seen it yet), then that it already ran this minute', async () => {
    h = await startFlowHarness('2026-11-18T10:00:00Z');
    // Last week's check-ins: the leaderboard (of week 46) has something to show.
    await seedCheckIns(h, WEEK_46_CHECK_INS);
    await h.post(slashCommand('U0MAYA', 'run leaderboard', h.fake.responseUrl('run1')));
    const first = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'run1'));
    expect(first.body.text).toMatch(/^The leaderboard for Sales is under way\. Messages queued: 1; skipped: 0\./);
    expect(first.body.text).not.toMatch(/\bsent\b/i);
    // When the answer came, nothing had reached the channel: the outbox sends it.
    expect(h.fake.messagesIn('C0SALES')).toHaveLength(0);
    await h.post(slashCommand('U0MAYA', 'run leaderboard', h.fake.responseUrl('run2')));
    const second = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'run2'));
    expect(second.body.text).toBe('The leaderboard for Sales already ran this minute: nothing was sent again.');
    await h.drain();
    expect(h.fake.messagesIn('C0SALES')).toHaveLength(1);
  });

  it('a post the channel refuses reaches the French manager in French, with the channel linked', async () => {
    h = await startFlowHarness('2026-11-18T10:00:00Z', { editWorkspace: mayaInFrench, adminAlerts: true });
    h.fake.addChannel('C0SALES', { member: false });
    await seedCheckIns(h, WEEK_46_CHECK_INS);
    await h.post(slashCommand('U0MAYA', 'lancer classement', h.fake.responseUrl('run')));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'run'));
    expect(await h.drain()).toMatchObject({ parked: 1 });
    await h.drain();
    const alert = h.fake.messagesIn('DU0MAYA')[0]!;
    expect(alert).toBeDefined();
    expect(alert.text).toBe(
      'Un message n’a pas pu être remis — Un message pour le canal de l’équipe Sales n’a pas pu être remis et a été mis de côté. Le bot n’est pas membre du canal : invitez-le (/invite @Goal Rituals).',
    );
    const blocks = JSON.stringify(alert.blocks);
    expect(blocks).toContain('Canal: <#C0SALES>');
    // Nothing in English, and no team id where a channel should be.
    expect(`${alert.text} ${blocks}`).not.toMatch(/The bot|could not|Invite it|#sales/);
  });

  it('a second snooze replaces the pending re-nudge: one re-nudge when the last snooze ends', async () => {
    h = await startFlowHarness('2026-11-18T10:00:00Z');
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
    await h.core.engine.scanBreaches('sales', h.clock.now());
    await h.drain();
    const nudge = h.fake.messagesIn('DU0MAYA')[0]!;
    const snooze = button(nudge.blocks, 'breach.snooze');
    const click = (id: string) =>
      h.post(
        blockActions({
          userId: 'U0MAYA',
          actionId: snooze.action_id,
          value: snooze.value,
          channel: 'DU0MAYA',
          ts: nudge.ts,
          responseUrl: h.fake.responseUrl(id),
        }),
      );
    await click('s1');
    await h.fake.waitFor(() => (h.fake.message('DU0MAYA', nudge.ts)!.updates === 1 ? true : undefined));
    h.clock.set('2026-11-18T12:00:00Z');
    await click('s2');
    await h.fake.waitFor(() => (h.fake.message('DU0MAYA', nudge.ts)!.updates === 2 ? true : undefined));

    const renudges = await h.store.occurrences.list({ teamId: 'sales', ritual: 'breach.renudge' });
    expect(renudges.map((o) => [o.status, o.reason ?? null]).sort()).toEqual([
      ['scheduled', null],
      ['skipped', 'superseded'],
    ]);
    expect(renudges.find((o) => o.status === 'scheduled')!.dueAt).toBe('2026-11-19T12:00:00.000Z');

    // Past both snoozes: exactly one new nudge.
    h.clock.set('2026-11-19T12:05:00Z');
    await h.core.engine.tick(h.clock.now());
    await h.drain();
    const nudges = h.fake
      .messagesIn('DU0MAYA')
      .filter((m) => m.ts !== nudge.ts && JSON.stringify(m.blocks).includes('breach.snooze'));
    expect(nudges).toHaveLength(1);
  });

  it('tallies reactions only on the bot’s own posts', async () => {
    h = await startFlowHarness('2026-11-16T09:05:00Z');
    await h.core.engine.tick(h.clock.now());
    await h.drain();
    const post = h.fake.messagesIn('C0SALES')[0]!;
    const react = (itemUser: string, ts: string, user: string) =>
      h.post(
        eventCallback({
          type: 'reaction_added',
          user,
          reaction: 'tada',
          item: { type: 'message', channel: 'C0SALES', ts },
          item_user: itemUser,
          event_ts: '2.1',
        }),
      );
    // Someone's own message in the team channel: not the bot's, not tallied.
    await react('U0SAM', '1700000999.000001', 'U0LEA');
    await react('U0BOT', post.ts, 'U0SAM');
    await eventually(async () =>
      expect(await h.store.reactions.tally('slack', `C0SALES|${post.ts}`)).toEqual([{ emoji: 'tada', count: 1 }]),
    );
    expect(await h.store.reactions.tally('slack', 'C0SALES|1700000999.000001')).toEqual([]);
  });

  it('the help’s out-of-office example is the week after next, in each language’s date format', async () => {
    // Wednesday 18 Nov 2026.
    h = await startFlowHarness('2026-11-18T10:00:00Z');
    await h.post(slashCommand('U0SAM', 'help', h.fake.responseUrl('help-en')));
    await h.post(slashCommand('U0LEA', 'aide', h.fake.responseUrl('help-fr')));
    const en = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'help-en'));
    const fr = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'help-fr'));
    expect(en.body.text).toContain('ooo 2026-11-30 2026-12-04');
    expect(fr.body.text).toContain('absent 30/11/2026 04/12/2026');
  });
});
