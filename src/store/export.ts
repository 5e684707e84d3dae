// Export of stored data as CSV (one table per file, header row) or JSON: check-ins, metric values, the
// decision log, and the audit log (asked for by name: it is not part of `all`). Each kind is one entry of EXPORTERS; attainment, computed by the report module
// from the workspace and these same repositories, is meant to be added there as one more exporter.
import { stringify } from 'csv-stringify/sync';
import type { Workspace } from '../core/domain/model.js';
import type { CheckIn, Repositories } from '../core/ports/index.js';

export type ExportKind = 'checkins' | 'metrics' | 'decisions' | 'audit';
/** What `--what all` exports: the data. */
export const EXPORT_KINDS: readonly ExportKind[] = ['checkins', 'metrics', 'decisions'];
/** Every kind, the audit log included. */
export const ALL_EXPORT_KINDS: readonly ExportKind[] = [...EXPORT_KINDS, 'audit'];
export type ExportFormat = 'csv' | 'json';

export interface ExportFilter {
  readonly teamId?: string;
  /** Inclusive days (YYYY-MM-DD): metric date, check-in submission day, decision day, audit day (UTC). */
  readonly from?: string;
  readonly to?: string;
}

export interface ExportContext {
  readonly store: Pick<Repositories, 'checkIns' | 'metricValues' | 'decisions' | 'audit'>;
  /** Not needed by the stored-data exporters; there for computed ones (attainment). */
  readonly workspace?: Workspace;
  readonly filter: ExportFilter;
}

export interface ExportTable {
  readonly kind: ExportKind;
  /** CSV columns, in order. */
  readonly columns: readonly string[];
  /** CSV rows (flat). */
  readonly rows: readonly Record<string, string | number | boolean | null>[];
  /** JSON records (may nest, e.g. check-in values). */
  readonly records: readonly unknown[];
}

export type Exporter = (ctx: ExportContext) => Promise<ExportTable>;

/** Marks the latest submission per member and period. */
function latestIds(checkIns: readonly CheckIn[]): Set<number> {
  const latest = new Map<string, CheckIn>();
  for (const c of checkIns) {
    const key = `${c.memberId}\u0000${c.periodKey}`;
    const cur = latest.get(key);
    if (!cur || c.submittedAt > cur.submittedAt || (c.submittedAt === cur.submittedAt && c.id > cur.id))
      latest.set(key, c);
  }
  return new Set([...latest.values()].map((c) => c.id));
}

export const EXPORTERS: Readonly<Record<ExportKind, Exporter>> = {
  async checkins({ store, filter }) {
    const list = await store.checkIns.list(filter);
    const latest = latestIds(list);
    const kpiIds = [...new Set(list.flatMap((c) => Object.keys(c.values)))].sort();
    const records = list.map((c) => ({
      id: c.id,
      team: c.teamId,
      member: c.memberId,
      period: c.periodKey,
      submitted_at: c.submittedAt,
      status: c.status,
      latest: latest.has(c.id),
      values: c.values,
      wins: c.wins,
      blockers: c.blockers,
      platform: c.platform,
    }));
    const base = ['id', 'team', 'member', 'period', 'submitted_at', 'status', 'latest'];
    return {
      kind: 'checkins',
      columns: [...base, ...kpiIds.map((k) => `kpi:${k}`), 'wins', 'blockers', 'platform'],
      rows: records.map(({ values, ...r }) => ({
        ...r,
        ...Object.fromEntries(kpiIds.map((k) => [`kpi:${k}`, values[k] ?? null])),
      })),
      records,
    };
  },

  async metrics({ store, filter }) {
    const records = (await store.metricValues.list(filter)).map((v) => ({
      id: v.id,
      date: v.date,
      team: v.teamId,
      member: v.memberId,
      kpi: v.kpiId,
      value: v.value,
      source: v.source,
      external_id: v.externalId,
      recorded_at: v.recordedAt,
    }));
    return {
      kind: 'metrics',
      columns: ['id', 'date', 'team', 'member', 'kpi', 'value', 'source', 'external_id', 'recorded_at'],
      rows: records,
      records,
    };
  },

  async decisions({ store, filter }) {
    const records = (await store.decisions.list(filter)).map((d) => ({
      id: d.id,
      created_at: d.createdAt,
      team: d.teamId,
      objective: d.objectiveId,
      author: d.author,
      kind: d.kind,
      status: d.status,
      text: d.text,
    }));
    return {
      kind: 'decisions',
      columns: ['id', 'created_at', 'team', 'objective', 'author', 'kind', 'status', 'text'],
      rows: records,
      records,
    };
  },

  // Who changed a target, recorded a decision, ran a ritual by hand, exported or erased a person, synced
  // the config, imported values or managed a token: oldest first, before and after states as JSON.
  async audit({ store, filter }) {
    const entries = await store.audit.list({ from: filter.from, to: filter.to, limit: Number.MAX_SAFE_INTEGER });
    const records = entries
      .sort((a, b) => a.id - b.id)
      .map((e) => ({
        id: e.id,
        at: e.at,
        actor: e.actor,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
      }));
    const rows = records.map((r) => ({
      ...r,
      before: r.before === null ? null : JSON.stringify(r.before),
      after: r.after === null ? null : JSON.stringify(r.after),
    }));
    return {
      kind: 'audit',
      columns: ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'],
      rows,
      records,
    };
  },
};

export async function collectExport(kinds: readonly ExportKind[], ctx: ExportContext): Promise<ExportTable[]> {
  const tables: ExportTable[] = [];
  for (const kind of kinds) tables.push(await EXPORTERS[kind](ctx));
  return tables;
}

/**
 * Text a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return: a
 * check-in's "wins" typed as =HYPERLINK(...), a source id from a CRM) gets a leading apostrophe, which
 * spreadsheets show as text. Numbers are numbers, never touched.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(table: ExportTable): string {
  return stringify(table.rows as Record<string, unknown>[], {
    header: true,
    columns: [...table.columns],
    cast: { boolean: (b) => (b ? 'true' : 'false'), string: neutralizeFormula },
  });
}

/** One table: its records as a JSON array; several: an object keyed by kind. */
export function toJson(tables: readonly ExportTable[]): string {
  const data = tables.length === 1 ? tables[0]!.records : Object.fromEntries(tables.map((t) => [t.kind, t.records]));
  return `${JSON.stringify(data, null, 2)}\n`;
}
