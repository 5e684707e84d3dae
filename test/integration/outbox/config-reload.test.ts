// Hot reload of the workspace file: an edit (in place or by an editor's rename) reaches onChange with the
// new teams and schedules; an invalid file is logged with its problems and the previous config stays; a
// save that changes nothing is not a reload.
import { readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedWorkspace } from '../../../src/config/workspace-load.js';
import { type ConfigWatcher, watchWorkspaceConfig } from '../../../src/scheduling/config-reload.js';
import { captureLog } from '../../helpers/capture-log.js';
import { repoRoot } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/store.js';
import { waitFor } from '../../helpers/wait-for.js';

const minimal = readFileSync(`${repoRoot}/examples/minimal.yaml`, 'utf8');
const withNewMember = minimal.replace(
  '      - { id: sam, name: Sam Patel, role: sdr, start: 2025-06-02, slack: U0SAM }',
  '      - { id: sam, name: Sam Patel, role: sdr, start: 2025-06-02, slack: U0SAM }\n      - { id: lea, name: Léa Martin, role: sdr, start: 2026-01-05, slack: U0LEA }',
);
const withSchedule = withNewMember.replace(
  '    name: Sales\n',
  "    name: Sales\n    rituals:\n      checkin: { cron: '0 15 * * 4' }\n",
);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function watched(opts: { pollMs?: number } = {}) {
  const tmp = tempDir('rituals-reload-');
  const file = tmp.file('workspace.yaml');
  writeFileSync(file, minimal);
  const changes: LoadedWorkspace[] = [];
  const log = captureLog();
  const watcher: ConfigWatcher = await watchWorkspaceConfig({
    path: file,
    log,
    onChange: (l) => void changes.push(l),
    debounceMs: 50,
    pollMs: opts.pollMs ?? 200,
  });
  cleanups.push(
    () => tmp.remove(),
    () => watcher.close(),
  );
  return { tmp, file, changes, log, watcher };
}

const memberIds = (l: LoadedWorkspace) => l.workspace.teams.flatMap((t) => t.members.map((m) => m.id));

describe('workspace config hot reload', () => {
  it('applies an edit to members and schedules without a restart', async () => {
    const { file, changes } = await watched();
    writeFileSync(file, withNewMember);
    await waitFor(
      () => changes.length,
      (n) => n === 1,
      5_000,
    );
    expect(memberIds(changes[0]!)).toEqual(['maya', 'sam', 'lea']);

    writeFileSync(file, withSchedule);
    await waitFor(
      () => changes.length,
      (n) => n === 2,
      5_000,
    );
    expect(changes[1]!.workspace.teams[0]!.rituals.checkin?.cron).toBe('0 15 * * 4');
  });

  it('follows an editor that writes a temp file and renames it over the original', async () => {
    const { tmp, file, changes } = await watched();
    const temp = tmp.file('.workspace.yaml.swp');
    writeFileSync(temp, withNewMember);
    renameSync(temp, file);
    await waitFor(
      () => changes.length,
      (n) => n === 1,
      5_000,
    );
    expect(memberIds(changes[0]!)).toContain('lea');
    // The watch survives the replacement.
    writeFileSync(file, withSchedule);
    await waitFor(
      () => changes.length,
      (n) => n === 2,
      5_000,
    );
  });

  it('keeps the previous config when the new file is invalid, and logs where', async () => {
    const { file, changes, log, watcher } = await watched();
    writeFileSync(file, minimal.replace('role: sdr, start: 2025-06-02', 'role: closer, start: 2025-06-02'));
    await waitFor(
      () => log.entries.filter((e) => e.level === 'error').length,
      (n) => n === 1,
      5_000,
    );
    const entry = log.entries.find((e) => e.level === 'error')!;
    expect(entry.msg).toBe('workspace config invalid, keeping the previous one');
    expect((entry.obj.problems as string[]).join('\n')).toMatch(
      /workspace\.yaml:\d+:\d+ teams\[0\]\.members\[1\]\.role: .*closer/,
    );
    expect(changes).toHaveLength(0);
    // Fixed again: applied.
    writeFileSync(file, withNewMember);
    await waitFor(
      () => changes.length,
      (n) => n === 1,
      5_000,
    );
    expect(await watcher.reload()).toEqual({ status: 'unchanged' });
  });

  it('a save or touch that changes nothing reloads nothing', async () => {
    const { file, changes, watcher } = await watched({ pollMs: 100 });
    writeFileSync(file, minimal);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    await new Promise((r) => setTimeout(r, 500));
    expect(changes).toHaveLength(0);
    expect(await watcher.reload()).toEqual({ status: 'unchanged' });
  });
});
