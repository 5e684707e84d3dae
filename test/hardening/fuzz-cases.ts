// The seeded generator of the fuzz test: 10,000 requests to /slack/events (signed, with hostile
// contents, and some transport garbage), /api/messages (Teams activities, local-development mode) and
// /api/v1/metrics (ingest API). Each case says what a correct app writes for it: only cases built
// entirely from acceptable parts are `valid`; one hostile part anywhere must make the app refuse it.
// This module holds the people, the shared parts of a check-in and the draw of the target;
// fuzz-slack.ts, fuzz-teams.ts and fuzz-ingest.ts build each target's cases.
import type { Random } from '../../src/sandbox/prng.js';
import { ingestCase } from './fuzz-ingest.js';
import { slackCase } from './fuzz-slack.js';
import { teamsCase } from './fuzz-teams.js';
import { BAD_COUNTS, freeText, hostileString, validCount } from './fuzz-values.js';

export interface FuzzWorld {
  readonly secret: string;
  readonly ingestToken: string;
  readonly connectorUrl: string;
  readonly responseUrl: (id: string) => string;
  /** The current check-in week (every member is in Europe/Paris). */
  readonly period: string;
  /** A week whose check-in is closed, and one not open yet. */
  readonly closedPeriod: string;
  readonly futurePeriod: string;
}

export type Expect = 'checkin' | 'decision' | 'target' | 'ingest' | 'none';

export interface FuzzCase {
  readonly n: number;
  readonly target: 'slack' | 'teams' | 'ingest';
  readonly what: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** What the request writes when it is valid. */
  readonly writes: Expect;
  readonly valid: boolean;
  /** Who checks in (valid check-ins), or how many values are ingested (valid ingest batches). */
  readonly member?: string;
  readonly items?: number;
}

export interface Person {
  readonly member: string;
  readonly slack?: string;
  readonly aad?: string;
  readonly team: 'sales' | 'support';
  readonly french: boolean;
  readonly manager: boolean;
}

export const PEOPLE: readonly Person[] = [
  { member: 'maya', slack: 'U0MAYA', team: 'sales', french: false, manager: true },
  { member: 'sam', slack: 'U0SAM', team: 'sales', french: false, manager: false },
  { member: 'lea', slack: 'U0LEA', team: 'sales', french: true, manager: false },
  { member: 'nora', slack: 'U0NORA', team: 'support', french: false, manager: true },
  { member: 'theo', slack: 'U0THEO', team: 'support', french: false, manager: false },
  { member: 'tara', aad: 'aad-tara', team: 'support', french: false, manager: false },
  { member: 'tom', aad: 'aad-tom', team: 'support', french: true, manager: false },
];
export const SLACK_REPS = PEOPLE.filter((p) => p.slack && !p.manager);
export const SLACK_PEOPLE = PEOPLE.filter((p) => p.slack);
export const TEAMS_PEOPLE = PEOPLE.filter((p) => p.aad);
export const KINDS = ['decision', 'hypothesis', 'test', 'result'];
export const ACTIONS = [
  'checkin.open',
  'breach.acknowledge',
  'breach.snooze',
  'breach.decision',
  'review.decision',
  'qbr.accept',
  'qbr.change',
  'goals.show',
];

/** What every case builder shares: the world, the seeded generator, and the parts of a check-in. */
export interface FuzzKit {
  readonly world: FuzzWorld;
  readonly rnd: Random;
  checkinMetadata(p: Person): { metadata: string; ok: boolean };
  numbers(p: Person): { values: Record<string, string>; ok: boolean };
  texts(): { wins?: string; blockers?: string; ok: boolean };
}

function makeKit(world: FuzzWorld, rnd: Random): FuzzKit {
  const metadataOf = (p: Person, period = world.period) =>
    JSON.stringify({ member: p.member, period, key: `${p.team}:checkin:${period}:${p.member}` });

  /** The check-in form's metadata: right, or wrong in one of many ways (with whether it is right). */
  const checkinMetadata = (p: Person): { metadata: string; ok: boolean } => {
    const r = rnd.next();
    if (r < 0.85) return { metadata: metadataOf(p), ok: true };
    const other = rnd.pick(PEOPLE.filter((x) => x.member !== p.member));
    return {
      metadata: rnd.pick([
        metadataOf(other),
        metadataOf(p, world.closedPeriod),
        metadataOf(p, world.futurePeriod),
        metadataOf(p, '2026-Q4'),
        metadataOf(p, hostileString(rnd).slice(0, 200)),
        JSON.stringify({ member: p.member }),
        JSON.stringify({ member: p.member, period: 47 }),
        hostileString(rnd).slice(0, 2000),
        '',
        'null',
      ]),
      ok: false,
    };
  };

  /** KPI id -> typed text, with whether every value is acceptable. */
  const numbers = (p: Person): { values: Record<string, string>; ok: boolean } => {
    const values: Record<string, string> = {};
    let ok = true;
    for (const kpi of ['calls', 'qualified_meetings']) {
      const r = rnd.next();
      if (r < 0.78) values[kpi] = validCount(rnd, p.french);
      else if (r < 0.83)
        ok = false; // left out: required
      else {
        values[kpi] = rnd.pick(BAD_COUNTS);
        ok = false;
      }
    }
    return { values, ok };
  };

  const texts = (): { wins?: string; blockers?: string; ok: boolean } => {
    let ok = true;
    const pick = () => {
      if (rnd.chance(0.6)) return undefined;
      const t = freeText(rnd);
      if (t.tooLong) ok = false;
      return t.text;
    };
    const wins = pick();
    const blockers = pick();
    return { ...(wins !== undefined ? { wins } : {}), ...(blockers !== undefined ? { blockers } : {}), ok };
  };

  return { world, rnd, checkinMetadata, numbers, texts };
}

export function generateCases(world: FuzzWorld, rnd: Random, count: number): FuzzCase[] {
  const kit = makeKit(world, rnd);
  const out: FuzzCase[] = [];
  for (let n = 0; n < count; n++) {
    const r = rnd.next();
    out.push(r < 0.45 ? slackCase(kit, n) : r < 0.75 ? teamsCase(kit, n) : ingestCase(kit, n));
  }
  return out;
}
