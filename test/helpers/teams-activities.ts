// Recorded Bot Framework activities (test/fixtures/teams/*.json) with the fake connector's serviceUrl
// and the ids a test needs filled in; `with` overrides top-level fields.
import { readFileSync } from 'node:fs';
import { repoRoot } from './cli.js';

export type ActivityFixture =
  | 'personal-install'
  | 'personal-uninstall'
  | 'personal-message'
  | 'team-install'
  | 'team-member-added'
  | 'team-uninstall'
  | 'card-action-invoke'
  | 'card-submit-message'
  | 'channel-reaction'
  | 'channel-mention';

export function activity(
  name: ActivityFixture,
  vars: { serviceUrl: string; replyToId?: string },
  override: Record<string, unknown> = {},
): Record<string, any> {
  const raw = readFileSync(`${repoRoot}/test/fixtures/teams/${name}.json`, 'utf8')
    .replaceAll('{{serviceUrl}}', `${vars.serviceUrl}/`)
    .replaceAll('{{replyToId}}', vars.replyToId ?? '');
  return { ...JSON.parse(raw), ...override };
}

/** An `adaptiveCard/action` invoke carrying `data` (button data merged with the card's inputs). */
export function cardInvoke(
  serviceUrl: string,
  replyToId: string,
  data: Record<string, unknown>,
  override: Record<string, unknown> = {},
) {
  const a = activity('card-action-invoke', { serviceUrl, replyToId }, override);
  a.value = { action: { type: 'Action.Execute', verb: String(data.action), data }, trigger: 'manual' };
  return a;
}
