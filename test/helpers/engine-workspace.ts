// The two-team workspace of the engine tests (Paris and New York, French and US holidays), as YAML read
// by the real config loader. Options change what a test needs: extra members, ritual settings.
import type { Workspace } from '../../src/core/domain/model.js';
import { workspaceFromYaml } from './rituals-harness.js';

export interface EngineWorkspaceOptions {
  /** Extra YAML lines under the Paris team's members. */
  readonly parisMembers?: readonly string[];
  readonly parisRituals?: string;
  readonly nycRituals?: string;
  readonly parisCollective?: string;
  /** Workspace-wide rituals block (default: breach scan off). */
  readonly rituals?: string;
  /**
   * What reviews post about individuals in the channel. `all` by default here: these tests follow the
   * engine's posts one by one, and `all` keeps each review to its one channel post (no DMs).
   */
  readonly individuals?: 'none' | 'top' | 'all';
}

export function engineWorkspaceYaml(o: EngineWorkspaceOptions = {}): string {
  const extra = (o.parisMembers ?? []).map((l) => `      - ${l}`).join('\n');
  return `
workspace:
  name: Test Co
  locale: en
  timezone: Europe/Paris
  individuals_in_channel: ${o.individuals ?? 'all'}
holidays:
  fr: { builtin: FR }
  us: { builtin: US, dates: [2026-04-03] }
kpis:
  calls: { label: { en: Calls, fr: Appels }, unit: count }
  meetings: { label: { en: Meetings, fr: Rendez-vous }, unit: count }
  opportunities: { label: { en: Opportunities, fr: Opportunités }, unit: count, kind: pipeline }
roles:
  sdr:
    label: { en: SDR, fr: SDR }
    checkin: [calls, meetings]
    objectives:
      - { kpi: meetings, target: 20, per: month, weight: 2 }
      - { kpi: calls, target: 200, per: month }
rituals:
${o.rituals ?? '  breach_scan: { enabled: false }'}
teams:
  - id: paris
    name: Paris
    timezone: Europe/Paris
    locale: fr
    holidays: [fr]
    managers: [claire]
    members:
      - { id: claire, name: Claire Dubois, start: 2024-01-01, slack: U0CLAIRE, email: claire.dubois@example.com }
      - { id: hugo, name: Hugo Bernard, role: sdr, start: 2025-01-06, slack: U0HUGO, locale: en }
      - { id: lea, name: Léa Martin, role: sdr, start: 2025-01-06 }
${extra}
${o.parisCollective ?? ''}
${o.parisRituals ?? ''}
  - id: nyc
    name: New York
    timezone: America/New_York
    locale: en
    holidays: [us]
    managers: [mark]
    members:
      - { id: mark, name: Mark Reed, start: 2024-01-01 }
      - { id: emma, name: Emma Stone, role: sdr, start: 2025-01-06, teams: aad-emma, email: emma.stone@example.com }
${o.nycRituals ?? ''}
`;
}

export function engineWorkspace(o: EngineWorkspaceOptions = {}): Workspace {
  return workspaceFromYaml(engineWorkspaceYaml(o));
}
