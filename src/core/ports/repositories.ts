// Core port: The repositories the core is built from, grouped as the store hands them over.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.
import type { AuditRepo } from './audit.js';
import type { BreachesRepo } from './breaches.js';
import type { CheckInsRepo } from './check-ins.js';
import type { DecisionsRepo } from './decisions.js';
import type { EngineStateRepo } from './engine-state.js';
import type { MetricValuesRepo } from './metric-values.js';
import type { ObjectivesRepo } from './objectives.js';
import type { OccurrencesRepo } from './occurrences.js';
import type { OooRepo } from './ooo.js';
import type { ReactionsRepo } from './reactions.js';
import type { WorkspaceRepo } from './workspace.js';

/** Every repository the core uses, as one object. */
export interface Repositories {
  readonly metricValues: MetricValuesRepo;
  readonly checkIns: CheckInsRepo;
  readonly ooo: OooRepo;
  readonly objectives: ObjectivesRepo;
  readonly audit: AuditRepo;
  readonly decisions: DecisionsRepo;
  readonly workspace: WorkspaceRepo;
}

/** The repositories of the ritual engine, next to `Repositories`. */
export interface RitualRepositories {
  readonly occurrences: OccurrencesRepo;
  readonly breaches: BreachesRepo;
  readonly reactions: ReactionsRepo;
  readonly engineState: EngineStateRepo;
}
