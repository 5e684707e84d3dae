// Why a message could not be delivered, in the reader's language: the platform's error code (Slack's
// `not_in_channel`, the adapters' local codes, Teams' `teams.blocked`...) mapped to what an admin should
// do about it. An unknown code is named as the platform gave it.
import type { Locale } from '../core/domain/model.js';
import { type MessageKey, t } from '../core/i18n/index.js';

const REASONS: Readonly<Record<string, MessageKey>> = {
  not_in_channel: 'delivery.notInChannel',
  channel_not_found: 'delivery.channelNotFound',
  is_archived: 'delivery.archived',
  account_inactive: 'delivery.accountInactive',
  user_disabled: 'delivery.accountInactive',
  user_not_found: 'delivery.userNotFound',
  users_not_found: 'delivery.userNotFound',
  cannot_dm_bot: 'delivery.userNotFound',
  unknown_member: 'delivery.userNotFound',
  no_slack_identity: 'delivery.noIdentity',
  no_slack_channel: 'delivery.noChannel',
  unknown_team: 'delivery.noChannel',
  invalid_auth: 'delivery.authRevoked',
  not_authed: 'delivery.authRevoked',
  token_revoked: 'delivery.authRevoked',
  token_expired: 'delivery.authRevoked',
  account_inactive_or_deleted: 'delivery.authRevoked',
  team_access_not_granted: 'delivery.authRevoked',
  no_installation: 'delivery.authRevoked',
  missing_scope: 'delivery.missingScope',
  'teams.blocked': 'delivery.blocked',
  'teams.conversation_not_found': 'delivery.blocked',
};

export function deliveryReason(locale: Locale, code: string): string {
  const key = REASONS[code];
  // Codes come from the platform: only word characters reach the text.
  return key ? t(locale, key) : t(locale, 'delivery.other', { code: code.replace(/[^\w.-]/g, '').slice(0, 60) || '?' });
}
