// When a team's rituals fire, computed from the config on each call (nothing kept in memory): each
// enabled ritual's cron read in its zone, and a local-time check-in read in each member's own zone.
import { RITUAL_IDS, type RitualId, type Team } from '../../domain/model.js';
import type { CronPort } from '../../ports/index.js';
import { checkinZone } from '../queries/team-lookup.js';

export interface Fire {
  readonly ritual: RitualId;
  readonly at: Date;
  readonly zone: string;
  /** A local-time check-in fires per zone: the members living in it. */
  readonly memberIds?: readonly string[];
}

/** At most this many fires per schedule and tick: only a cron firing every minute during a long outage reaches it. */
export const MAX_FIRES_PER_SCHEDULE = 500;

interface Stream {
  readonly ritual: RitualId;
  readonly cron: string;
  readonly zone: string;
  readonly memberIds?: readonly string[];
}

function streams(team: Team): Stream[] {
  const out: Stream[] = [];
  for (const ritual of RITUAL_IDS) {
    const schedule = team.rituals[ritual];
    if (!schedule?.enabled) continue;
    if (ritual === 'checkin' && schedule.localTime) {
      const byZone = new Map<string, string[]>();
      for (const m of team.members) {
        const zone = checkinZone(team, m, schedule);
        byZone.set(zone, [...(byZone.get(zone) ?? []), m.id]);
      }
      for (const [zone, memberIds] of byZone) out.push({ ritual, cron: schedule.cron, zone, memberIds });
    } else {
      out.push({ ritual, cron: schedule.cron, zone: schedule.timezone ?? team.timezone });
    }
  }
  return out;
}

/** Every fire in (from, to], oldest first (ties: ritual order, then zone). */
export function firesBetween(cron: CronPort, team: Team, from: Date, to: Date): Fire[] {
  const fires: Fire[] = [];
  for (const s of streams(team)) {
    const mine: Fire[] = [];
    let cursor = from;
    for (;;) {
      const next = cron.nextFire(s.cron, s.zone, cursor);
      if (!next || next.getTime() > to.getTime()) break;
      mine.push({ ritual: s.ritual, at: next, zone: s.zone, ...(s.memberIds ? { memberIds: s.memberIds } : {}) });
      if (mine.length > MAX_FIRES_PER_SCHEDULE) mine.shift();
      cursor = next;
    }
    fires.push(...mine);
  }
  const order = (r: RitualId) => RITUAL_IDS.indexOf(r);
  return fires.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || order(a.ritual) - order(b.ritual) || a.zone.localeCompare(b.zone),
  );
}

/** The team's next fire strictly after `after`, if any. */
export function nextFireOf(cron: CronPort, team: Team, after: Date): Date | null {
  let best: Date | null = null;
  for (const s of streams(team)) {
    const next = cron.nextFire(s.cron, s.zone, after);
    if (next && (!best || next.getTime() < best.getTime())) best = next;
  }
  return best;
}
