// PostgreSQL implementation of the MetricValuesRepo port (see ../metric-values.repo.ts for the SQLite one and the behaviour both keep).
import type { MetricValuesRepo } from '../../core/ports/index.js';
import type { PgStoreDb } from './db.js';
import { notImplemented } from './not-implemented.js';

export function createPgMetricValuesRepo(_db: PgStoreDb): MetricValuesRepo {
  return notImplemented<MetricValuesRepo>('createPgMetricValuesRepo');
}
