// `rituals config check` run as a real child process: exit codes, stdout summary, and one
// `FILE:LINE:COL path: message` line per problem on stderr, never a stack trace.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rituals-config-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function check(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/rituals.js', 'config', 'check', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rituals config check', () => {
  it('prints a one-line summary for the bundled example and exits 0', () => {
    const r = check('examples/sales-team.yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^examples\/sales-team\.yaml: ok — 2 teams, \d+ members, 5 roles, \d+ KPIs, \d+ collective objectives\n$/,
    );
    expect(r.code).toBe(0);
  });

  it('accepts the minimal example, warning (exit 0) that one collective objective is below the seed’s 3 to 5', () => {
    const r = check('examples/minimal.yaml');
    expect(r.stdout).toBe('examples/minimal.yaml: ok — 1 team, 2 members, 1 role, 2 KPIs, 1 collective objective\n');
    expect(r.stderr).toBe(
      'examples/minimal.yaml:37:7 teams[0].collective: warning: team "sales" has 1 collective objective: the seed\'s rule is 3 to 5 per team (allowed, but fewer than 3 gives the team little to rally around)\n',
    );
    expect(r.code).toBe(0);
  });

  it('still refuses a sixth collective objective (exit 1)', () => {
    const r = check('test/fixtures/config/broken/too-many-collective.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /collective\[5\]: team "\S+" has 6 collective objectives: the limit is 3 to 5 per team, so at most 5\n$/,
    );
  });

  it('prints each problem of a broken copy as FILE:LINE:COL and exits 1', () => {
    const file = join(scratch, 'broken.yaml');
    copyFileSync(join(root, 'test/fixtures/config/broken/people-not-members.yaml'), file);
    const r = check(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+ \S+: .+$/);
    expect(lines[0]).toBe(`${file}:40:22 teams[0].managers[1]: manager "boss" is not a member of team "sales"`);
  });

  it('names the file as it was given on the command line', () => {
    const r = check('test/fixtures/config/broken/syntax-unclosed-flow.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('test/fixtures/config/broken/syntax-unclosed-flow.yaml:32:5 ')).toBe(true);
  });

  it('reports a missing file in one line, without a stack trace', () => {
    const r = check('nowhere/workspace.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('nowhere/workspace.yaml:1:1: cannot read the workspace config: file not found\n');
  });
});
