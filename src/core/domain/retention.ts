// How long personal data is kept (the workspace's `retention` settings) and the instants before which
// each kind expires at a given moment. Pure: `now` is an argument; months and years are calendar ones
// (UTC), so "2y" on 29 February 2028 keeps what is newer than 28 February 2026.
import { DateTime } from 'luxon';

export type RetentionUnit = 'day' | 'week' | 'month' | 'year';

export interface RetentionPeriod {
  readonly amount: number;
  readonly unit: RetentionUnit;
}

/** A period, or kept without limit. */
export type RetentionSetting = RetentionPeriod | 'unlimited';

export interface RetentionPolicy {
  /** Wins and blockers of check-ins (the numbers stay as metric values). */
  readonly checkinText: RetentionSetting;
  /** Metric values (and the history of their corrections), by the day they are for. */
  readonly metricValues: RetentionSetting;
  /** Message bodies of delivered (or given-up) outbox rows. */
  readonly outboxBodies: RetentionSetting;
  readonly auditLog: RetentionSetting;
  /** The decision log. */
  readonly decisions: RetentionSetting;
}

export type RetentionKind = keyof RetentionPolicy;
export const RETENTION_KINDS: readonly RetentionKind[] = [
  'checkinText',
  'metricValues',
  'outboxBodies',
  'auditLog',
  'decisions',
];

export const DEFAULT_RETENTION: RetentionPolicy = {
  checkinText: { amount: 2, unit: 'year' },
  metricValues: 'unlimited',
  outboxBodies: { amount: 30, unit: 'day' },
  auditLog: 'unlimited',
  decisions: 'unlimited',
};

/** Per kind, the instant (ISO, UTC) before which its rows expire; absent: kept without limit. */
export type RetentionCutoffs = Partial<Readonly<Record<RetentionKind, string>>>;

const DURATION_KEY: Readonly<Record<RetentionUnit, 'days' | 'weeks' | 'months' | 'years'>> = {
  day: 'days',
  week: 'weeks',
  month: 'months',
  year: 'years',
};

export function cutoffOf(setting: RetentionSetting, now: Date): string | undefined {
  if (setting === 'unlimited') return undefined;
  return DateTime.fromJSDate(now, { zone: 'utc' })
    .minus({ [DURATION_KEY[setting.unit]]: setting.amount })
    .toJSDate()
    .toISOString();
}

export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const out: Partial<Record<RetentionKind, string>> = {};
  for (const kind of RETENTION_KINDS) {
    const cutoff = cutoffOf(policy[kind], now);
    if (cutoff !== undefined) out[kind] = cutoff;
  }
  return out;
}

/** `30d`, `2y`, `unlimited`: as the config writes it. */
export function formatRetention(setting: RetentionSetting): string {
  if (setting === 'unlimited') return 'unlimited';
  return `${setting.amount}${{ day: 'd', week: 'w', month: 'mo', year: 'y' }[setting.unit]}`;
}
