// Member and team look-ups by id, through the index kept per workspace object: the same answers as a
// scan in config order (the first team listing a member is their home; a member in two teams has both,
// in order), and a reloaded workspace (a new object) is read afresh.
import { describe, expect, it } from 'vitest';
import { findMember, findTeam, teamsOf } from '../../../src/core/rituals/team-lookup.js';
import { member, team, workspace } from '../domain/seed-workspace.js';

describe('team look-ups', () => {
  const ana = member('ana', 'sdr');
  const bob = member('bob', 'sdr');
  const paris = team('paris', [ana, bob]);
  const lyon = team('lyon', [member('cyd', 'sdr'), member('ana', 'sdr', { name: 'Ana in Lyon' })]);
  const ws = workspace([paris, lyon]);

  it('finds a member in the first team that lists them, and every team they are in, in order', () => {
    expect(findMember(ws, 'ana')).toEqual({ member: ana, team: paris });
    expect(teamsOf(ws, 'ana').map((t) => t.id)).toEqual(['paris', 'lyon']);
    expect(teamsOf(ws, 'cyd').map((t) => t.id)).toEqual(['lyon']);
    expect(findMember(ws, 'nobody')).toBeUndefined();
    expect(teamsOf(ws, 'nobody')).toEqual([]);
  });

  it('finds teams by id', () => {
    expect(findTeam(ws, 'lyon')).toBe(lyon);
    expect(findTeam(ws, 'nantes')).toBeUndefined();
  });

  it('hands out a copy of the teams list, so a caller cannot change the index', () => {
    teamsOf(ws, 'ana').pop();
    expect(teamsOf(ws, 'ana')).toHaveLength(2);
  });

  it('reads a reloaded workspace afresh', () => {
    const reloaded = workspace([team('paris', [bob])]);
    expect(findMember(reloaded, 'ana')).toBeUndefined();
    expect(findMember(ws, 'ana')?.team.id).toBe('paris');
  });
});
