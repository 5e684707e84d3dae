// The sandbox's nightly CRM import: at 01:00 in each team's zone, the previous working days' result
// figures (crm-figures.ts) go through the same CSV import as `rituals import` (validated, idempotent,
// audited), and a "CRM import" message lands in the admin thread. On first start it backfills from the
// start of the quarter, so reports never show a breach or a 0 only because nothing was imported.
// The last imported day per team is kept in the sandbox database, so a restart or a jump catches up.
import { addDays } from '../core/domain/calendar-days.js';
import type { Workspace } from '../core/domain/model.js';
import { periodOfDate } from '../core/domain/periods.js';
import { periodSettingsOf } from '../core/domain/report-context.js';
import { localDateOf, startOfDayInZone } from '../core/domain/zoned-time.js';
import type { EngineStateRepo, UpsertSummary } from '../core/ports/index.js';
import { crmCsv, crmRows } from './crm-figures.js';
import type { NextFire } from './due-points.js';
import type { TimeAgent } from './time-travel.js';

/** The neutral-looking message the admin thread shows (rendered per viewer, in their language). */
export interface CrmImportNote {
  readonly type: 'crm_import';
  readonly text: string;
  readonly teamId: string;
  readonly teamName?: string;
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Whether a thread entry is such a note (the threads hold bot views and these notes side by side). */
export function isCrmImportNote(value: unknown): value is CrmImportNote {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'crm_import' &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}

export interface CrmImportDeps {
  readonly workspace: () => Workspace;
  readonly state: Pick<EngineStateRepo, 'get' | 'set'>;
  readonly nextFire: NextFire;
  readonly seed: number;
  /** The CSV import path (`rituals import`'s), bound to the sandbox store. */
  readonly importCsv: (text: string, file: string, at: string) => Promise<UpsertSummary & { readonly total: number }>;
  /** Shows the import in the admin thread. */
  readonly post: (note: CrmImportNote, at: Date) => void;
  /** A refused import (a workspace whose KPIs the generated figures do not fit): logged, never fatal. */
  readonly onError?: (teamId: string, err: unknown) => void;
}

/** The nightly run's cron, in each team's zone. */
export const CRM_CRON = '0 1 * * *';
const key = (teamId: string) => `sandbox:crm:${teamId}`;

export class NightlyCrmImport implements TimeAgent {
  constructor(private readonly deps: CrmImportDeps) {}

  nextAt(after: Date): Date | undefined {
    let best: Date | undefined;
    for (const team of this.deps.workspace().teams) {
      const at = this.deps.nextFire(CRM_CRON, team.timezone, after);
      if (at && (!best || at < best)) best = at;
    }
    return best;
  }

  /** Imports every day up to the last complete one before `at` that was not imported yet. */
  async runDue(at: Date): Promise<number> {
    let runs = 0;
    for (const team of this.deps.workspace().teams) {
      const last = await this.deps.state.get(key(team.id));
      // Never backfilled (a database seeded without CRM history): start from tonight's import.
      if (last === undefined) continue;
      if (await this.importTeam(team.id, addDays(last, 1), at)) runs++;
    }
    return runs;
  }

  /** First start: the figures from the start of the quarter up to yesterday. */
  async backfill(at: Date): Promise<void> {
    const ws = this.deps.workspace();
    for (const team of ws.teams) {
      if ((await this.deps.state.get(key(team.id))) !== undefined) continue;
      const today = localDateOf(at.toISOString(), team.timezone);
      await this.importTeam(team.id, periodOfDate('quarter', today, periodSettingsOf(ws)).start, at);
    }
  }

  private async importTeam(teamId: string, from: string, at: Date): Promise<boolean> {
    const ws = this.deps.workspace();
    const team = ws.teams.find((t) => t.id === teamId);
    if (!team) return false;
    // Today's run (01:00) covers yesterday; before it, the day before.
    const today = localDateOf(at.toISOString(), team.timezone);
    const nightly = this.deps.nextFire(
      CRM_CRON,
      team.timezone,
      new Date(new Date(startOfDayInZone(today, team.timezone)).getTime() - 1),
    );
    const ranToday = nightly !== null && nightly.getTime() <= at.getTime();
    const to = addDays(today, ranToday ? -1 : -2);
    if (from > to) return false;
    const rows = crmRows(ws, team, from, to, this.deps.seed);
    const iso = at.toISOString();
    // Marked done first: a refused export is reported once, not at every step of a jump.
    await this.deps.state.set(key(teamId), to, iso);
    if (rows.length === 0) return false;
    let summary: Awaited<ReturnType<CrmImportDeps['importCsv']>>;
    try {
      summary = await this.deps.importCsv(crmCsv(rows), `crm-${teamId}-${from}-${to}.csv`, iso);
    } catch (err) {
      this.deps.onError?.(teamId, err);
      return false;
    }
    const days = from === to ? from : `${from} – ${to}`;
    const text = `CRM import — ${team.name}, ${days}: ${summary.total} values (${summary.inserted} new, ${summary.updated} updated)`;
    this.deps.post(
      {
        type: 'crm_import',
        text,
        teamId,
        teamName: team.name,
        from,
        to,
        total: summary.total,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
      },
      at,
    );
    return true;
  }
}
