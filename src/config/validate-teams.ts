// Cross-reference checks of the teams section: unique ids, roles and holiday calendars that exist,
// managers and collective-objective people who belong to the team, member overrides that match an
// objective of the member's role, and collective objectives (the 5-per-team limit, alert thresholds).
import type { Checker } from './validate-context.js';
import { MAX_COLLECTIVE_OBJECTIVES, type RawCollective, type RawMember, type RawTeam } from './workspace-schema.js';
import { unknownName } from './zod-problems.js';

export function validateTeams(c: Checker): void {
  // The stand-up is the one ritual without a built-in time: turning it on needs a cron somewhere.
  const workspaceStandup = c.ws.rituals?.standup;
  if (workspaceStandup && workspaceStandup.cron === undefined) {
    c.add(['rituals', 'standup'], 'the stand-up summary has no default time: give it a cron');
  }
  const teamIds = new Map<string, number>();
  const memberIds = new Map<string, string>();
  c.ws.teams.forEach((team, t) => {
    const at = ['teams', t];
    const first = teamIds.get(team.id);
    if (first !== undefined) c.add([...at, 'id'], `duplicate team id "${team.id}" (also teams[${first}])`);
    else teamIds.set(team.id, t);

    team.members.forEach((m, i) => {
      const where = `teams[${t}].members[${i}]`;
      const other = memberIds.get(m.id);
      if (other !== undefined)
        c.add(
          [...at, 'members', i, 'id'],
          `duplicate member id "${m.id}" (also ${other}); member ids are unique across the workspace`,
        );
      else memberIds.set(m.id, where);
      checkMember(c, [...at, 'members', i], m);
    });

    const calendars = Object.keys(c.ws.holidays ?? {});
    (team.holidays ?? []).forEach((h, i) => {
      if (!calendars.includes(h)) c.add([...at, 'holidays', i], unknownName('holiday calendar', h, calendars));
    });

    const members = new Set(team.members.map((m) => m.id));
    const belongs = (path: (string | number)[], id: string, what: string): void => {
      if (!members.has(id)) c.add(path, `${what} "${id}" is not a member of team "${team.id}"`);
    };
    for (const [i, id] of (team.managers ?? []).entries()) belongs([...at, 'managers', i], id, 'manager');
    checkCollective(c, team, at, belongs);
    if (team.rituals?.standup && team.rituals.standup.cron === undefined && workspaceStandup?.cron === undefined) {
      c.add([...at, 'rituals', 'standup'], 'the stand-up summary has no default time: give it a cron');
    }
  });
}

function checkMember(c: Checker, at: (string | number)[], m: RawMember): void {
  const roles = c.ws.roles ?? {};
  const role = m.role === undefined ? undefined : Object.hasOwn(roles, m.role) ? roles[m.role] : undefined;
  if (m.role !== undefined && !role) c.add([...at, 'role'], unknownName('role', m.role, Object.keys(roles)));
  (m.overrides ?? []).forEach((ov, j) => {
    const path = [...at, 'overrides', j];
    const kpi = c.kpiRef([...path, 'kpi'], ov.kpi);
    c.target([...path, 'target'], ov.target, kpi);
    if (!kpi) return;
    if (m.role === undefined) {
      c.add([...path, 'kpi'], `"${m.id}" has no role, so no objective on "${ov.kpi}" to override`);
      return;
    }
    if (!role) return;
    const matches = (role.objectives ?? []).some((o) => o.kpi === ov.kpi && (ov.per === undefined || o.per === ov.per));
    if (!matches) {
      const per = ov.per ? ` per ${ov.per}` : '';
      c.add([...path, 'kpi'], `role "${m.role}" has no objective on "${ov.kpi}"${per} to override`);
    }
  });
}

type Belongs = (path: (string | number)[], id: string, what: string) => void;

function checkCollective(c: Checker, team: RawTeam, at: (string | number)[], belongs: Belongs): void {
  const list = team.collective ?? [];
  if (list.length > MAX_COLLECTIVE_OBJECTIVES) {
    // The seed rule: 3 to 5 collective KPIs per team per quarter at most; more dilutes the focus.
    c.add(
      [...at, 'collective', MAX_COLLECTIVE_OBJECTIVES],
      `team "${team.id}" has ${list.length} collective objectives: the limit is 3 to 5 per team, so at most ${MAX_COLLECTIVE_OBJECTIVES}`,
    );
  }
  const ids = new Map<string, number>();
  list.forEach((o, i) => {
    const path = [...at, 'collective', i];
    const first = ids.get(o.id);
    if (first !== undefined)
      c.add([...path, 'id'], `duplicate collective objective id "${o.id}" (also collective[${first}])`);
    else ids.set(o.id, i);
    const kpi = c.kpiRef([...path, 'kpi'], o.kpi);
    c.comparator([...path, 'comparator'], o.comparator, kpi);
    if (kpi) {
      c.targetFitsUnit([...path, 'target'], o.target, kpi);
      checkAlert(c, path, o, kpi.direction ?? 'higher');
    }
    belongs([...path, 'owner'], o.owner, 'owner');
    for (const [j, id] of (o.contributors ?? []).entries()) belongs([...path, 'contributors', j], id, 'contributor');
    if (o.approver !== undefined) belongs([...path, 'approver'], o.approver, 'approver');
  });
}

function checkAlert(c: Checker, path: (string | number)[], o: RawCollective, direction: 'higher' | 'lower'): void {
  // The alert fires before the target is missed: below it when more is better, above it when less is.
  if (direction === 'higher' && !(o.alert < o.target)) {
    c.add(
      [...path, 'alert'],
      `the alert threshold (${o.alert}) must be below the target (${o.target}) for a KPI where higher is better`,
    );
  }
  if (direction === 'lower' && !(o.alert > o.target)) {
    c.add(
      [...path, 'alert'],
      `the alert threshold (${o.alert}) must be above the target (${o.target}) for a KPI where lower is better`,
    );
  }
}
