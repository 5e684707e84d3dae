// Member and team look-ups by id, through the index kept per workspace object: the same answers as a
// scan in config order (the first team listing a member is their home; a member in two teams has both,
// in order), platform ids and emails, and a reloaded workspace (a new object) is read afresh.
import { describe, expect, it } from 'vitest';
import {
  findMember,
  findTeam,
  memberByEmail,
  memberByPlatformId,
  teamsOf,
} from '../../../src/core/rituals/queries/team-lookup.js';
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

  it('finds a member by a platform id or an email (case-insensitive), the first listed winning', () => {
    const eve = member('eve', 'sdr', { ids: { slack: 'U0EVE', teams: 'aad-eve', email: 'Eve@Example.com' } });
    const eveAgain = member('eve2', 'sdr', { ids: { slack: 'U0EVE', email: 'eve@example.com' } });
    const withIds = workspace([team('paris', [ana, eve]), team('lyon', [eveAgain])]);
    expect(memberByPlatformId(withIds, 'slack', 'U0EVE')).toBe(eve);
    expect(memberByPlatformId(withIds, 'teams', 'aad-eve')).toBe(eve);
    expect(memberByPlatformId(withIds, 'sandbox', 'ana')).toBe(ana);
    expect(memberByPlatformId(withIds, 'slack', 'aad-eve')).toBeUndefined();
    expect(memberByPlatformId(withIds, 'teams', 'U0EVE')).toBeUndefined();
    expect(memberByEmail(withIds, '  EVE@example.COM ')).toBe(eve);
    expect(memberByEmail(withIds, 'nobody@example.com')).toBeUndefined();
  });

  it('reads a reloaded workspace afresh', () => {
    const reloaded = workspace([team('paris', [bob])]);
    expect(findMember(reloaded, 'ana')).toBeUndefined();
    expect(findMember(ws, 'ana')?.team.id).toBe('paris');
  });
});
