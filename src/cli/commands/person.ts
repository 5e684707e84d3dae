// `rituals person export MEMBER [--out FILE]` and `rituals person erase MEMBER [--keep-aggregates] [--yes]`:
// a member's right of access (everything stored about them, as JSON) and right to erasure. MEMBER is the
// member id of the config or their email. Both are recorded in the audit log with who ran them.
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { databaseFolder, dropCached } from '../../config/workspace-cache.js';
import type { Workspace } from '../../core/domain/model.js';
import type { EraseReport, StoredMember } from '../../core/ports/index.js';
import type { Store } from '../../store/connection.js';
import { PersonError } from '../../store/persons.repo.js';
import { syncWorkspace } from '../../store/sync-workspace.js';
import { CliError, envConfig, withContext } from '../context.js';
import { textTable } from '../text-table.js';

interface CommonOptions {
  actor?: string;
  config?: string;
  database?: string;
}

/** Who runs the command, for the audit log: --actor, else the operating-system user. */
function actorOf(opts: CommonOptions): string {
  if (opts.actor?.trim()) return opts.actor.trim();
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function findOrFail(store: Store, member: string): Promise<StoredMember> {
  const found = await store.persons.find(member.trim());
  if (!found)
    throw new CliError(
      `no member "${member}" in the database: give the member id from the workspace config, or their email`,
    );
  return found;
}

/** Where the config still names the member (an erased member would be written back by the next sync). */
export function configMentions(ws: Workspace, memberId: string): string[] {
  const where: string[] = [];
  for (const team of ws.teams) {
    if (team.members.some((m) => m.id === memberId)) where.push(`teams.${team.id}.members`);
    if (team.managers.includes(memberId)) where.push(`teams.${team.id}.managers`);
    for (const c of team.collective) {
      if (c.owner === memberId || c.approver === memberId || c.contributors.includes(memberId))
        where.push(`teams.${team.id}.collective.${c.id}`);
    }
  }
  return where;
}

function eraseText(member: StoredMember, report: EraseReport): string {
  const rows = report.tables.map((t) => [t.table, String(t.deleted), String(t.anonymised)]);
  const lines = [
    `erased member "${member.id}"${report.keptAggregates ? `: numbers kept under the pseudonym ${report.pseudonym}` : ': numbers deleted'}`,
    rows.length
      ? textTable(['table', 'deleted', 'anonymised'], rows, ['left', 'right', 'right'])
      : 'nothing was stored about them',
    'backups taken before now still hold their data: they expire with your backup rotation',
  ];
  return `${lines.join('\n')}\n`;
}

/** Asks for the member id as confirmation (on a terminal); anything else declines. */
export async function confirmErase(
  member: Pick<StoredMember, 'id' | 'name'>,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  const rl = createInterface({ input, output });
  try {
    const answer = await rl.question(
      `This erases everything stored about ${member.name} (${member.id}) and cannot be undone.\nType the member id to confirm: `,
    );
    return answer.trim() === member.id;
  } finally {
    rl.close();
  }
}

export function registerPerson(program: Command): void {
  const person = program
    .command('person')
    .description("one member's personal data: export it (right of access) or erase it (right to erasure)");
  const common = (cmd: Command) =>
    cmd
      .option('--actor <name>', 'who is recorded in the audit log (default: the operating-system user)')
      .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
      .option('-d, --database <url>', 'database URL (default: DATABASE_URL, else file:./data/rituals.db)');

  common(
    person
      .command('export')
      .description(
        'everything stored about a member, as JSON: check-ins with their free text, metric values and their history, out-of-office periods, decisions, reactions, messages, audit rows, platform ids',
      )
      .argument('<member>', 'member id from the workspace config, or their email')
      .option('--out <file>', 'write to a file (readable by its owner only) instead of stdout'),
  ).action(async (member: string, opts: CommonOptions & { out?: string }) => {
    await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ store }) => {
      const found = await findOrFail(store, member);
      const data = await store.persons.export(found.id, { actor: actorOf(opts), at: new Date().toISOString() });
      const text = `${JSON.stringify(data, null, 2)}\n`;
      if (!opts.out) return void process.stdout.write(text);
      await writeFile(opts.out, text, { mode: 0o600 });
      const rows = Object.values(data.tables).reduce((n, t) => n + t.length, 0);
      process.stdout.write(
        `exported ${rows} rows from ${Object.keys(data.tables).length} tables about "${found.id}" to ${opts.out}\n`,
      );
    });
  });

  common(
    person
      .command('erase')
      .description(
        'delete or anonymise every row about a member who has left the workspace config; prints what was done per table',
      )
      .argument('<member>', 'member id from the workspace config, or their email')
      .option(
        '--keep-aggregates',
        'keep their numbers under a random pseudonym, so team figures do not change (default: delete them)',
      )
      .option('-y, --yes', 'do not ask for confirmation (needed when stdin is not a terminal)'),
  ).action(async (member: string, opts: CommonOptions & { keepAggregates?: boolean; yes?: boolean }) => {
    await withContext({ configPath: opts.config, databaseUrl: opts.database }, async ({ workspace, store }) => {
      const found = await findOrFail(store, member);
      const mentions = configMentions(workspace.workspace, found.id);
      if (mentions.length > 0) {
        throw new CliError(
          `member "${found.id}" is still in ${workspace.path} (${mentions.join(', ')}): remove them there first, or the config would bring them back; nothing was erased`,
        );
      }
      // The store learns that they left the config (as the running bot would on reload).
      await syncWorkspace(store, workspace.workspace, { actor: 'config' });
      if (!opts.yes) {
        if (!process.stdin.isTTY)
          throw new CliError(
            'refusing to erase without confirmation: stdin is not a terminal; pass --yes to confirm; nothing was erased',
          );
        if (!(await confirmErase(found))) throw new CliError('not confirmed: nothing was erased');
      }
      try {
        const report = await store.persons.erase(found.id, {
          actor: actorOf(opts),
          at: new Date().toISOString(),
          keepAggregates: opts.keepAggregates === true,
        });
        process.stdout.write(eraseText(found, report));
        // The starts' parsed copies of an older config that still named them go too.
        const config = envConfig();
        for (const url of [opts.database ?? config.databaseUrl, config.sandboxDatabaseUrl])
          dropCached(databaseFolder(url));
      } catch (err) {
        if (err instanceof PersonError) throw new CliError(`${err.message}; nothing was erased`);
        throw err;
      }
    });
  });
}
