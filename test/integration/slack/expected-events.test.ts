// Events a Slack app is expected to handle, over signed HTTP against the fake Slack: @Goal Rituals in a
// channel reads the same commands as /rituals and answers ephemerally there (a DM when the channel
// refuses); the global shortcut "Log this week's numbers" opens the check-in form; App Home for someone
// not in the config explains how to be added.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandOfMention } from '../../../src/slack/listeners/mentions.js';
import { CHECKIN_SHORTCUT } from '../../../src/slack/listeners/shortcuts.js';
import { eventCallback, globalShortcut } from '../../helpers/slack-payloads.js';
import { type FlowHarness, startFlowHarness } from './core-harness.js';

const mention = (user: string, text: string, channel = 'C0SALES') =>
  eventCallback({ type: 'app_mention', user, text, channel, ts: '1700000100.000100', event_ts: '1700000100.000100' });

describe('events a Slack app is expected to handle', () => {
  let h: FlowHarness;
  beforeEach(async () => {
    // Friday 20 Nov 2026, 16:05 in London: the week's check-in is open.
    h = await startFlowHarness('2026-11-20T16:05:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads the text after the mention as a command', () => {
    expect(commandOfMention('<@U0BOT> leaderboard')).toBe('leaderboard');
    expect(commandOfMention('<@U0BOT|goal rituals>  ooo off ')).toBe('ooo off');
    expect(commandOfMention('<@U0BOT> <@U0BOT> me')).toBe('me');
    expect(commandOfMention('<@U0BOT>')).toBe('');
  });

  it('@Goal Rituals leaderboard / moi / (nothing) answer ephemerally in the channel, in the member’s language', async () => {
    expect((await h.post(mention('U0SAM', '<@U0BOT> leaderboard'))).status).toBe(200);
    await h.post(mention('U0LEA', '<@U0BOT> moi'));
    await h.post(mention('U0MAYA', '<@U0BOT>'));
    const ephemerals = await h.fake.waitFor(() =>
      h.fake.okCallsTo('chat.postEphemeral').length === 3 ? h.fake.okCallsTo('chat.postEphemeral') : undefined,
    );
    const to = (user: string) => ephemerals.find((c) => c.args.user === user)!.args;
    expect(to('U0SAM')).toMatchObject({ channel: 'C0SALES' });
    expect(JSON.stringify(to('U0SAM').blocks)).toMatch(/Leaderboard/);
    expect(JSON.stringify(to('U0LEA').blocks)).toMatch(/Rendez-vous qualifiés/);
    expect(to('U0MAYA').text).toMatch(/What I can do/);
    // Nothing public in the channel.
    expect(h.fake.messagesIn('C0SALES')).toHaveLength(0);
  });

  it('@Goal Rituals checkin answers with the button that opens the form; a channel that refuses ephemerals gets a DM', async () => {
    await h.post(mention('U0SAM', '<@U0BOT> checkin'));
    const eph = await h.fake.waitFor(() => h.fake.okCallsTo('chat.postEphemeral')[0]);
    expect(JSON.stringify(eph.args.blocks)).toContain('checkin.open#0');

    h.fake.fail('chat.postEphemeral', { error: 'channel_not_found' });
    await h.post(mention('U0SAM', '<@U0BOT> me', 'C0ELSEWHERE'));
    const dm = await h.fake.waitFor(() => h.fake.messagesIn('DU0SAM')[0]);
    expect(JSON.stringify(dm.blocks)).toMatch(/Qualified meetings/);
  });

  it('tells a mention from someone not in the config how to be added', async () => {
    await h.post(mention('U0STRANGER', '<@U0BOT> me'));
    const eph = await h.fake.waitFor(() => h.fake.okCallsTo('chat.postEphemeral')[0]);
    expect(eph.args.user).toBe('U0STRANGER');
    expect(eph.args.text).toMatch(/équipe|config/i);
  });

  it('the global shortcut opens the check-in form; for someone not in the config, a DM says so', async () => {
    const res = await h.post(globalShortcut('U0SAM', CHECKIN_SHORTCUT));
    expect(res.status).toBe(200);
    const modal = await h.fake.waitFor(() => h.fake.modals[0]);
    expect(modal.callback_id).toBe('rituals.checkin');
    expect(modal.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual([
      'calls',
      'qualified_meetings',
      'prospecting_hours',
      'wins',
      'blockers',
    ]);

    await h.post(globalShortcut('U0STRANGER', CHECKIN_SHORTCUT));
    const dm = await h.fake.waitFor(() => h.fake.messagesIn('DU0STRANGER')[0]);
    expect(dm.text).toMatch(/équipe|config/i);
    expect(h.fake.modals).toHaveLength(1);
  });

  it('App Home for someone not in the config explains how to be added, with their Slack id, in their language', async () => {
    await h.post(
      eventCallback({
        type: 'app_home_opened',
        user: 'U0STRANGER',
        channel: 'DU0STRANGER',
        tab: 'home',
        event_ts: '1.1',
      }),
    );
    const home = await h.fake.waitFor(() => h.fake.homes.get('U0STRANGER'));
    const text = JSON.stringify(home.blocks);
    // The stranger's Slack profile says fr-FR.
    expect(text).toContain('U0STRANGER');
    expect(text).toMatch(/Bienvenue/);
    expect(text).toMatch(/configuration|config/);
  });
});
