// `slack_team` in the workspace file: the Slack workspace a team's channel (and by default its members)
// lives in, overridable per member, for a Slack app installed in several workspaces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../src/config/workspace-load.js';

const fixture = join(import.meta.dirname, '../../fixtures/slack/workspace.yaml');
const yaml = readFileSync(fixture, 'utf8')
  .replace('channels: { slack: C0SALES }', 'channels: { slack: C0SALES, slack_team: T0ACME }')
  .replace('slack: U0SAM }', 'slack: U0SAM, slack_team: T0OTHER }');

describe('slack_team', () => {
  it('is read on a team’s channels and on a member', () => {
    const parsed = parseWorkspace(yaml, fixture);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const team = parsed.workspace.teams[0]!;
    expect(team.channels).toEqual({ slack: 'C0SALES', slackTeam: 'T0ACME' });
    expect(team.members.find((m) => m.id === 'sam')!.ids).toEqual({ slack: 'U0SAM', slackTeam: 'T0OTHER' });
    expect(team.members.find((m) => m.id === 'maya')!.ids.slackTeam).toBeUndefined();
  });

  it('refuses something that is not a workspace id, with its line', () => {
    const parsed = parseWorkspace(yaml.replace('slack_team: T0ACME', 'slack_team: C0ACME'), fixture);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        path: 'teams[0].channels.slack_team',
        message: 'a Slack workspace id looks like T0123ABCD',
        line: 37,
      }),
    ]);
  });
});
