// The workspace in force: the config file plus the target changes managers made in chat (a QBR's
// accept/change, through ObjectivesRepo.changeTarget), which the store keeps on the objective rows as a
// new base target or dated changes. Reports, stand-ups, leaderboards and `rituals report` all read
// targets from it. The store's config sync writes the config's targets back onto a row whose config
// entry changed, so a later config change of that objective wins. Rebuilt only when the config object
// or the store's objectives version changes.
import type {
  CollectiveObjective,
  Member,
  Objective,
  Role,
  TargetOverride,
  Team,
  Workspace,
} from '../../domain/model.js';
import { teamObjectiveId, uniqueMembers, workspaceObjectiveIds } from '../../domain/objective-ids.js';
import type { ObjectivesRepo, StoredObjective } from '../../ports/index.js';

function roleWithRows(role: Role, ids: readonly string[], rows: ReadonlyMap<string, StoredObjective>): Role {
  const objectives = role.objectives.map((o, i): Objective => {
    const row = rows.get(ids[i] ?? '');
    return row?.scope === 'role' ? { ...o, target: row.target, history: [...row.schedule] } : o;
  });
  return { ...role, objectives };
}

/** A member override's stored target, and each dated change of it as a later override of the same KPI. */
function overridesWithRows(
  overrides: readonly TargetOverride[],
  ids: readonly string[],
  rows: ReadonlyMap<string, StoredObjective>,
): TargetOverride[] {
  return overrides.flatMap((ov, i) => {
    const row = rows.get(ids[i] ?? '');
    if (row?.scope !== 'member') return [ov];
    const later = row.schedule.map(
      (c): TargetOverride => ({
        kpi: ov.kpi,
        target: c.target,
        ...(ov.per ? { per: ov.per } : {}),
        // A change never applies before the override it changes.
        from: ov.from !== undefined && ov.from > c.from ? ov.from : c.from,
      }),
    );
    return [{ ...ov, target: row.target }, ...later];
  });
}

function collectiveWithRow(c: CollectiveObjective, row: StoredObjective | undefined): CollectiveObjective {
  if (row?.scope !== 'team' || !('value' in row.target)) return c;
  const history = row.schedule.flatMap((ch) =>
    'value' in ch.target ? [{ from: ch.from, target: ch.target.value }] : [],
  );
  return { ...c, target: row.target.value, history };
}

/** The config with the targets of its stored objective rows (active ones, matched by id). */
export function applyStoredTargets(ws: Workspace, stored: readonly StoredObjective[]): Workspace {
  const rows = new Map<string, StoredObjective>();
  for (const r of stored) if (r.active) rows.set(r.id, r);
  if (rows.size === 0) return ws;
  const ids = workspaceObjectiveIds(ws);
  const roles = Object.fromEntries(
    Object.entries(ws.roles).map(([id, role]) => [id, roleWithRows(role, ids.roles.get(id) ?? [], rows)]),
  );
  // A member listed in two teams is defined by their first entry: only entries with those overrides map.
  const defining = uniqueMembers(ws);
  const members = new Map<string, Member>();
  const memberWithRows = (m: Member): Member => {
    if (m.overrides.length === 0 || defining.get(m.id)?.overrides !== m.overrides) return m;
    let out = members.get(m.id);
    if (!out) {
      out = { ...m, overrides: overridesWithRows(m.overrides, ids.members.get(m.id) ?? [], rows) };
      members.set(m.id, out);
    }
    return out;
  };
  const teams = ws.teams.map(
    (t): Team => ({
      ...t,
      members: t.members.map(memberWithRows),
      collective: t.collective.map((c) => collectiveWithRow(c, rows.get(teamObjectiveId(t.id, c.id)))),
    }),
  );
  return { ...ws, roles, teams };
}

export type ObjectivesSource = Pick<ObjectivesRepo, 'list' | 'version'>;

/** Keeps the effective workspace of the last config object until the store's objectives version moves. */
export class EffectiveWorkspaces {
  private cached: { config: Workspace; version: string; effective: Workspace } | undefined;

  constructor(private readonly objectives: ObjectivesSource | undefined) {}

  async get(config: Workspace): Promise<Workspace> {
    if (!this.objectives) return config;
    const version = this.objectives.version ? await this.objectives.version() : undefined;
    const hit = this.cached;
    if (version !== undefined && hit && hit.config === config && hit.version === version) return hit.effective;
    const effective = applyStoredTargets(config, await this.objectives.list({}));
    if (version !== undefined) this.cached = { config, version, effective };
    return effective;
  }
}
