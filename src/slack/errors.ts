// Slack Web API failures as the outbox understands them: rate limited (with Retry-After), permanent
// (needs a person: invite the bot, fix the config, reinstall) with a plain-words reason for the admins,
// or transient (5xx, network) to retry with backoff.
import type { SendOutcome } from '../core/ports/index.js';

/** Platform error codes that will not succeed by retrying, with what an admin should do about each. */
const PERMANENT: Readonly<Record<string, string>> = {
  not_in_channel: 'The bot is not a member of the channel. Invite it there with /invite @Goal Rituals.',
  channel_not_found:
    "The channel does not exist or the bot cannot see it. Check the team's Slack channel id in the workspace config.",
  is_archived: 'The channel is archived. Unarchive it or set another channel in the workspace config.',
  account_inactive:
    'The Slack account is deactivated. Remove the member from the workspace config or update their Slack id.',
  user_not_found: "No Slack user has this id. Check the member's Slack id in the workspace config.",
  users_not_found:
    "No Slack user has this email address. Check the member's email or add their Slack id to the workspace config.",
  user_disabled: 'The Slack account is disabled. Update the member in the workspace config.',
  cannot_dm_bot: "The member's Slack id is a bot. Check the member's Slack id in the workspace config.",
  invalid_auth:
    'Slack refused the bot token. Check SLACK_BOT_TOKEN (it may have been revoked or belong to another workspace).',
  not_authed: 'No bot token was sent. Set SLACK_BOT_TOKEN.',
  token_revoked: 'The bot token was revoked. Reinstall the app and update SLACK_BOT_TOKEN.',
  token_expired: 'The bot token expired. Reinstall the app and update SLACK_BOT_TOKEN.',
  account_inactive_or_deleted: 'The Slack workspace or account is no longer active.',
  missing_scope: 'The app lacks a permission it needs. Reinstall it from manifests/slack/manifest.yml.',
  restricted_action: 'A workspace setting prevents the bot from posting there. Ask a Slack admin.',
  team_access_not_granted: 'The app is not allowed in this workspace. Ask a Slack admin.',
  message_not_found: 'The message to update no longer exists.',
  cant_update_message: 'The message can no longer be updated by the bot.',
  edit_window_closed: 'The message is too old to be updated.',
  invalid_blocks: 'Slack refused the message layout. This is a bug: please report it.',
  invalid_blocks_format: 'Slack refused the message layout. This is a bug: please report it.',
  msg_too_long: 'The message is too long for Slack. This is a bug: please report it.',
  no_text: 'The message was empty. This is a bug: please report it.',
  invalid_arguments: 'Slack refused the request. This is a bug: please report it.',
};

/** Our own reasons for not sending, before Slack is even asked. */
export const LOCAL_FAILURES: Readonly<Record<string, string>> = {
  no_slack_identity: 'The member has neither a Slack id nor an email in the workspace config.',
  no_slack_channel: 'The team has no Slack channel in the workspace config (teams[].channels.slack).',
  unknown_member: 'The member is not in the workspace config.',
  unknown_team: 'The team is not in the workspace config.',
  unknown_view: 'The message could not be read (unknown view type). This is a bug: please report it.',
  wrong_platform: 'The message belongs to another platform.',
  no_installation:
    'The app is not installed in this Slack workspace (or was uninstalled): install it again from /slack/install, or set slack_team in the workspace config.',
};

interface SlackLikeError {
  readonly code?: unknown;
  readonly retryAfter?: unknown;
  readonly statusCode?: unknown;
  readonly data?: { readonly error?: unknown };
  readonly message?: unknown;
}

/** The Slack error code of a thrown @slack/web-api error (`channel_not_found`, `ratelimited`, `http_503`...). */
export function slackErrorCode(err: unknown): string {
  const e = (err ?? {}) as SlackLikeError;
  if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
  if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e.code === 'slack_webapi_http_error') return `http_${String(e.statusCode)}`;
  if (e.code === 'slack_webapi_request_error') return 'request_error';
  return 'unknown_error';
}

/** Maps a thrown @slack/web-api error to a SendOutcome; never throws. */
export function toSendOutcome(err: unknown): Exclude<SendOutcome, { status: 'sent' }> {
  const e = (err ?? {}) as SlackLikeError;
  if (e.code === 'rituals_no_installation') return localFailure('no_installation');
  const code = slackErrorCode(err);
  if (code === 'ratelimited') {
    const seconds = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter : 1;
    // Slack's limits are per method and workspace: a 429 holds back every send of the app, not one conversation.
    return { status: 'rate_limited', retryAfterMs: seconds * 1000, scope: 'global' };
  }
  const permanent = PERMANENT[code];
  if (permanent) return { status: 'failed_permanent', code, reason: permanent };
  if (code.startsWith('http_')) {
    const status = Number(code.slice(5));
    if (status >= 400 && status < 500 && status !== 408) {
      return {
        status: 'failed_permanent',
        code,
        reason: `Slack answered HTTP ${status}. Check SLACK_API_URL and the bot token.`,
      };
    }
    return { status: 'failed_transient', code, reason: `Slack answered HTTP ${status}; will retry.` };
  }
  if (code === 'request_error')
    return { status: 'failed_transient', code, reason: 'Slack could not be reached; will retry.' };
  if (code === 'unknown_error') {
    return { status: 'failed_transient', code, reason: 'Unexpected error while calling Slack; will retry.' };
  }
  // Other platform errors (internal_error, fatal_error, service_unavailable, request_timeout...) are Slack's side.
  return { status: 'failed_transient', code, reason: `Slack answered "${code}"; will retry.` };
}

export function localFailure(code: keyof typeof LOCAL_FAILURES): Extract<SendOutcome, { status: 'failed_permanent' }> {
  return { status: 'failed_permanent', code, reason: LOCAL_FAILURES[code]! };
}
