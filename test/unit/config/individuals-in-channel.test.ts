// `individuals_in_channel` in the workspace file: workspace default `top`, a team's own value wins, and a
// wrong value is a positioned error.
import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../../src/config/workspace-load.js';
import { engineWorkspaceYaml } from '../../helpers/engine-workspace.js';

describe('individuals_in_channel', () => {
  it('defaults to top, and a team may override the workspace', () => {
    const base = engineWorkspaceYaml().replace('  individuals_in_channel: all\n', '');
    const parsed = parseWorkspace(base, 'w.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.workspace.defaults.individualsInChannel).toBe('top');
    expect(parsed.workspace.teams[0]!.individualsInChannel).toBeUndefined();
    const withTeam = parseWorkspace(
      base.replace('    locale: fr\n', '    locale: fr\n    individuals_in_channel: none\n'),
      'w.yaml',
    );
    if (!withTeam.ok) throw new Error(JSON.stringify(withTeam.problems));
    expect(withTeam.workspace.teams[0]!.individualsInChannel).toBe('none');
  });

  it('refuses another value, with its line and path', () => {
    const parsed = parseWorkspace(engineWorkspaceYaml({ individuals: 'everyone' as never }), 'w.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ line: 6, path: 'workspace.individuals_in_channel' });
    expect(parsed.problems[0]!.message).toContain('none');
  });
});
