// Payloads shaped like Slack's (Events API envelopes, slash commands, block_actions, view_submission),
// trimmed to the fields Bolt and the adapter read. A view submission is built from the modal the app
// really opened on the fake Slack API, with the values a user would type.
import { formBody, interactionBody, jsonBody, type SlackPost } from './slack-sign.js';

export const TEAM_ID = 'T0TEST';
let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`.toUpperCase();

export function eventCallback(event: Record<string, unknown>, eventId = nextId('Ev')): SlackPost & { eventId: string } {
  return {
    ...jsonBody({
      token: 'legacy',
      team_id: TEAM_ID,
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM_ID, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
      event,
    }),
    eventId,
  };
}

export function slashCommand(userId: string, text: string, responseUrl: string, channelId = 'C0ANY'): SlackPost {
  return formBody({
    token: 'legacy',
    team_id: TEAM_ID,
    team_domain: 'acme',
    channel_id: channelId,
    channel_name: 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/rituals',
    text,
    api_app_id: 'A0TEST',
    response_url: responseUrl,
    trigger_id: nextId('trig.'),
  });
}

export interface ButtonClick {
  readonly userId: string;
  readonly actionId: string;
  readonly value: string;
  readonly channel?: string;
  readonly ts?: string;
  readonly responseUrl?: string;
  /** Clicked on the App Home tab instead of a message. */
  readonly home?: boolean;
  /** The message was ephemeral (an answer to /rituals): Slack sends no `message`, only its ts. */
  readonly ephemeral?: boolean;
}

export function blockActions(c: ButtonClick): SlackPost {
  const container = c.home
    ? { type: 'view', view_id: 'VHOME' }
    : { type: 'message', message_ts: c.ts, channel_id: c.channel, is_ephemeral: c.ephemeral === true };
  return interactionBody({
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'acme' },
    user: { id: c.userId, team_id: TEAM_ID },
    api_app_id: 'A0TEST',
    token: 'legacy',
    container,
    trigger_id: nextId('trig.'),
    ...(c.home
      ? {}
      : {
          channel: { id: c.channel },
          ...(c.ephemeral ? {} : { message: { ts: c.ts, type: 'message' } }),
          response_url: c.responseUrl,
        }),
    actions: [
      {
        type: 'button',
        action_id: c.actionId,
        block_id: 'rituals_actions',
        value: c.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1',
      },
    ],
  });
}

/** The submission of `view` (as opened: id, hash, blocks, private_metadata) with typed values per block id. */
export function viewSubmission(userId: string, view: any, values: Record<string, string>): SlackPost {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input') continue;
    const el = block.element;
    const typed = values[block.block_id];
    state[block.block_id] =
      el.type === 'static_select'
        ? {
            [el.action_id]: {
              type: 'static_select',
              selected_option: typed === undefined ? (el.initial_option ?? null) : { value: typed },
            },
          }
        : { [el.action_id]: { type: el.type, value: typed === undefined ? (el.initial_value ?? null) : typed } };
  }
  return interactionBody({
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'acme' },
    user: { id: userId, team_id: TEAM_ID },
    api_app_id: 'A0TEST',
    token: 'legacy',
    trigger_id: nextId('trig.'),
    view: { ...view, team_id: TEAM_ID, state: { values: state } },
    response_urls: [],
  });
}

/** A global shortcut chosen from the lightning menu or search (no channel, no response URL). */
export function globalShortcut(userId: string, callbackId: string): SlackPost {
  return interactionBody({
    type: 'shortcut',
    token: 'legacy',
    action_ts: '1700000000.000001',
    team: { id: TEAM_ID, domain: 'acme' },
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM_ID },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: nextId('trig.'),
  });
}
