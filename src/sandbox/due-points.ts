// When the next rituals are due, for the sandbox's "next ritual" button and for `simulate`: every
// enabled ritual's cron in its zone, check-ins at each member's own local time when the team says so,
// and check-in reminders (the prompt's fire plus each reminder delay). Pure: `after` is an argument.
import type { RitualId, Workspace } from '../core/domain/model.js';

export type NextFire = (expr: string, zone: string, after: Date) => Date | null;

export interface DuePoint {
  readonly at: Date;
  readonly teamId: string;
  readonly ritual: RitualId;
  /** Set for check-ins at a member's local time. */
  readonly memberId?: string;
  /** 'fire': the ritual itself; 'reminder': a check-in reminder. */
  readonly kind: 'fire' | 'reminder';
}

interface Source {
  readonly teamId: string;
  readonly ritual: RitualId;
  readonly memberId?: string;
  readonly cron: string;
  readonly zone: string;
  /** Minutes after the fire (0 for the fire itself). */
  readonly delayMin: number;
  readonly order: number;
}

function sources(workspace: Workspace, only?: RitualId): Source[] {
  const out: Source[] = [];
  for (const team of workspace.teams) {
    for (const [ritual, s] of Object.entries(team.rituals) as [
      RitualId,
      NonNullable<(typeof team.rituals)[RitualId]>,
    ][]) {
      if (!s.enabled || (only && ritual !== only)) continue;
      const zone = s.timezone ?? team.timezone;
      // Asked for one ritual: its own fires only, not the reminders that follow them.
      const delays = [0, ...(ritual === 'checkin' && !only ? s.remindersMinutes : [])];
      const perMember = ritual === 'checkin' && s.localTime;
      const zones = perMember
        ? team.members
            .filter((m) => m.role !== undefined)
            .map((m) => ({ memberId: m.id as string | undefined, zone: m.timezone ?? zone }))
        : [{ memberId: undefined, zone }];
      for (const z of zones)
        for (const delayMin of delays)
          out.push({
            teamId: team.id,
            ritual,
            memberId: z.memberId,
            cron: s.cron,
            zone: z.zone,
            delayMin,
            order: out.length,
          });
    }
  }
  return out;
}

function nextOf(src: Source, after: Date, nextFire: NextFire): Date | null {
  const shift = src.delayMin * 60_000;
  const fire = nextFire(src.cron, src.zone, new Date(after.getTime() - shift));
  return fire ? new Date(fire.getTime() + shift) : null;
}

const point = (src: Source, at: Date): DuePoint => ({
  at,
  teamId: src.teamId,
  ritual: src.ritual,
  ...(src.memberId ? { memberId: src.memberId } : {}),
  kind: src.delayMin === 0 ? 'fire' : 'reminder',
});

/** The due points at the earliest instant strictly after `after` (several rituals may share it). */
export function nextDuePoints(workspace: Workspace, after: Date, nextFire: NextFire, only?: RitualId): DuePoint[] {
  let best: { at: number; pts: DuePoint[] } | undefined;
  for (const src of sources(workspace, only)) {
    const at = nextOf(src, after, nextFire);
    if (!at) continue;
    const t = at.getTime();
    if (!best || t < best.at) best = { at: t, pts: [point(src, at)] };
    else if (t === best.at) best.pts.push(point(src, at));
  }
  return best?.pts ?? [];
}

/** Every due point in (from, to], oldest first; ties keep the config's order (deterministic). */
export function duePointsBetween(
  workspace: Workspace,
  from: Date,
  to: Date,
  nextFire: NextFire,
  limit = 5000,
): DuePoint[] {
  const found: { p: DuePoint; order: number }[] = [];
  for (const src of sources(workspace)) {
    let cursor = from;
    for (let i = 0; i < limit; i++) {
      const at = nextOf(src, cursor, nextFire);
      if (!at || at.getTime() > to.getTime()) break;
      found.push({ p: point(src, at), order: src.order });
      cursor = at;
    }
  }
  found.sort((a, b) => a.p.at.getTime() - b.p.at.getTime() || a.order - b.order);
  return found.slice(0, limit).map((f) => f.p);
}
