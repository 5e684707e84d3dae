// The clock buttons over the bundled example workspace and node-cron's real matcher: which rituals are
// due next (check-ins at each member's local time, reminders, team rituals in the team's zone), and a
// jump visiting every due instant in order, ticking the engine and draining the outbox at each.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import { SandboxClock } from '../../../src/sandbox/clock.js';
import { duePointsBetween, nextDuePoints } from '../../../src/sandbox/due-points.js';
import { TimeTravel } from '../../../src/sandbox/time-travel.js';
import { nextFire } from '../../../src/scheduling/cron.js';

let ws: Workspace;
beforeAll(async () => {
  ws = (await loadWorkspace(undefined)).workspace;
});

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString().replace(':00.000Z', 'Z');

describe('due points', () => {
  it('finds the earliest ritual after an instant', () => {
    // Thursday 26 Nov 2026: Paris is UTC+1, New York UTC-5. The French breach scan (08:00 Paris) is first.
    const pts = nextDuePoints(ws, at('2026-11-26T00:00:00Z'), nextFire);
    expect(pts.map((p) => [iso(p.at), p.teamId, p.ritual, p.kind])).toEqual([
      ['2026-11-26T07:00Z', 'sales-fr', 'breach_scan', 'fire'],
    ]);
  });

  it('prompts each member at 16:00 their own time, and only members with a role', () => {
    const pts = nextDuePoints(ws, at('2026-11-27T12:30:00Z'), nextFire, 'checkin');
    expect(iso(pts[0]!.at)).toBe('2026-11-27T15:00Z');
    expect(pts.map((p) => p.memberId)).toEqual(['hugo', 'alice', 'lea', 'thomas', 'ines', 'julien']);
    // Camille works from La Réunion (UTC+4): her prompt came at 12:00 UTC.
    const camille = nextDuePoints(ws, at('2026-11-27T11:00:00Z'), nextFire, 'checkin');
    expect(camille.map((p) => [iso(p.at), p.memberId])).toEqual([['2026-11-27T12:00Z', 'camille']]);
  });

  it('lists prompts, reminders and team rituals over a weekend in order', () => {
    const pts = duePointsBetween(ws, at('2026-11-27T16:00:00Z'), at('2026-11-30T08:00:00Z'), nextFire);
    const summary = [...new Set(pts.map((p) => `${iso(p.at)} ${p.teamId} ${p.ritual} ${p.kind}`))];
    expect(summary).toEqual([
      '2026-11-27T17:00Z sales-fr checkin reminder', // 2 h after the Paris prompts
      '2026-11-27T21:00Z sales-us checkin fire', // 16:00 New York
      '2026-11-27T22:00Z sales-us checkin reminder',
      '2026-11-28T00:00Z sales-us checkin fire', // 16:00 in Los Angeles (David)
      '2026-11-28T01:00Z sales-us checkin reminder',
      '2026-11-30T05:00Z sales-fr checkin reminder', // Camille, 65 h later
      '2026-11-30T07:00Z sales-fr breach_scan fire',
      '2026-11-30T08:00Z sales-fr checkin reminder', // Paris, 65 h later
      '2026-11-30T08:00Z sales-fr leaderboard fire',
      '2026-11-30T08:00Z sales-fr progress fire',
    ]);
  });
});

describe('time travel', () => {
  const setup = (realIso: string, nextDue?: (after: Date) => Promise<Date | null>) => {
    const clock = new SandboxClock({ realNow: () => at(realIso) });
    const calls: string[] = [];
    const travel = new TimeTravel({
      clock,
      workspace: () => ws,
      nextFire,
      runner: {
        tick: async (now) => calls.push(`tick ${iso(now)} (clock ${iso(clock.now())})`),
        drain: async () => calls.push('drain'),
        ...(nextDue ? { nextDue } : {}),
      },
    });
    return { clock, calls, travel };
  };

  it('jumps to the next due ritual, ticks there and drains', async () => {
    const { clock, calls, travel } = setup('2026-11-26T00:00:00Z');
    const r = await travel.advance({ to: 'next' });
    expect(r.now).toBe('2026-11-26T07:00:00.000Z');
    expect(r.visited.map((p) => p.ritual)).toEqual(['breach_scan']);
    expect(calls).toEqual(['tick 2026-11-26T07:00Z (clock 2026-11-26T07:00Z)', 'drain']);
    expect(iso(clock.now())).toBe('2026-11-26T07:00Z');
  });

  it('walks through every instant on the way to the next leaderboard', async () => {
    const { calls, travel } = setup('2026-11-27T12:30:00Z');
    const r = await travel.advance({ to: 'next', ritual: 'leaderboard' });
    expect(r.now).toBe('2026-11-30T08:00:00.000Z');
    const ticks = calls.filter((c) => c.startsWith('tick')).map((c) => c.slice(5, 22));
    expect(ticks).toEqual([
      '2026-11-27T13:00Z',
      '2026-11-27T14:00Z',
      '2026-11-27T14:30Z',
      '2026-11-27T15:00Z',
      '2026-11-27T17:00Z',
      '2026-11-27T21:00Z',
      '2026-11-27T22:00Z',
      '2026-11-28T00:00Z',
      '2026-11-28T01:00Z',
      '2026-11-30T05:00Z',
      '2026-11-30T07:00Z',
      '2026-11-30T08:00Z',
    ]);
    expect(calls.filter((c) => c === 'drain')).toHaveLength(ticks.length);
  });

  it('stops at the engine follow-ups too, and ends a +1 day jump exactly a day later', async () => {
    // An escalation the engine scheduled at 10:15 on Thursday.
    const { calls, travel } = setup('2026-11-26T06:30:00Z', async (after) =>
      after < at('2026-11-26T10:15:00Z') ? at('2026-11-26T10:15:00Z') : null,
    );
    const r = await travel.advance({ to: 'day' });
    expect(r.now).toBe('2026-11-27T06:30:00.000Z');
    expect(calls.filter((c) => c.startsWith('tick')).map((c) => c.slice(5, 22))).toEqual([
      '2026-11-26T07:00Z',
      '2026-11-26T10:15Z',
      '2026-11-26T13:00Z',
      '2026-11-26T14:30Z',
      '2026-11-27T06:30Z',
    ]);
  });

  it('runs one jump at a time', async () => {
    const { calls, travel } = setup('2026-11-26T00:00:00Z');
    const [a, b] = await Promise.all([travel.advance({ to: 'next' }), travel.advance({ to: 'next' })]);
    expect([a.now, b.now]).toEqual(['2026-11-26T07:00:00.000Z', '2026-11-26T13:00:00.000Z']);
    expect(calls).toHaveLength(4);
  });
});
