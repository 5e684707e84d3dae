// Validation of an ingest API batch: the body's shape with zod, then every item against the workspace
// (member by id or email, team, KPI that accepts API values and is not computed, a number the KPI's
// unit allows). Every problem is collected as { index, field, message }; one problem rejects the batch.
import { z } from 'zod';
import type { Workspace } from '../core/domain/model.js';
import type { MetricValueInput } from '../core/ports/index.js';
import { parseDay } from '../store/csv-values.js';
import { kpiById, valueProblem, workspaceDirectory } from '../store/import-csv.js';

export interface ItemError {
  /** Position of the item in `items`; null for a problem with the body itself. */
  readonly index: number | null;
  /** The item's field (`member`, `kpi`, `value`...), or null for the whole item. */
  readonly field: string | null;
  readonly message: string;
}

export const DEFAULT_MAX_ITEMS = 5000;

const itemSchema = z.strictObject({
  member: z.string().trim().min(1, 'must not be empty').max(320).optional(),
  team: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  kpi: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(100),
  date: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
    .refine((d) => parseDay(d) !== undefined, 'is not a real calendar day'),
  value: z.number({ error: (i) => (i.input === undefined ? 'is required' : 'must be a finite number') }),
  source_id: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'is longer than 200 characters'),
});

const bodySchema = z.strictObject({ items: z.array(z.unknown(), { error: 'must be a list of items' }) });

type Item = z.infer<typeof itemSchema>;

const sameData = (a: MetricValueInput, b: MetricValueInput) =>
  a.memberId === b.memberId && a.teamId === b.teamId && a.kpiId === b.kpiId && a.date === b.date && a.value === b.value;

export type BatchResult =
  | { readonly ok: true; readonly values: MetricValueInput[] }
  | { readonly ok: false; readonly tooMany: boolean; readonly errors: ItemError[] };

export function validateBatch(body: unknown, workspace: Workspace, maxItems = DEFAULT_MAX_ITEMS): BatchResult {
  const envelope = bodySchema.safeParse(body);
  if (!envelope.success) {
    const errors = envelope.error.issues.map(
      (i): ItemError => ({
        index: null,
        field: i.code === 'unrecognized_keys' ? i.keys.join(', ') : String(i.path[0] ?? 'items'),
        message:
          i.code === 'unrecognized_keys'
            ? 'unknown field: the body is { "items": [...] }'
            : i.path.length === 0
              ? 'the body must be a JSON object { "items": [...] }'
              : i.message,
      }),
    );
    return { ok: false, tooMany: false, errors };
  }
  const { items } = envelope.data;
  if (items.length === 0)
    return { ok: false, tooMany: false, errors: [{ index: null, field: 'items', message: 'the batch is empty' }] };
  if (items.length > maxItems) {
    return {
      ok: false,
      tooMany: true,
      errors: [
        { index: null, field: 'items', message: `too many items: ${items.length} (at most ${maxItems} per request)` },
      ],
    };
  }

  const dir = workspaceDirectory(workspace);
  const errors: ItemError[] = [];
  const values: MetricValueInput[] = [];
  const seen = new Map<string, { index: number; value: MetricValueInput }>();
  items.forEach((raw, index) => {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        if (i.code === 'unrecognized_keys')
          for (const key of i.keys) errors.push({ index, field: key, message: 'unknown field' });
        else
          errors.push({
            index,
            field: i.path.length ? String(i.path[0]) : null,
            message: i.path.length ? i.message : 'must be an object',
          });
      }
      return;
    }
    const value = checkItem(parsed.data, index, workspace, dir, errors);
    if (!value) return;
    const dup = seen.get(value.externalId);
    if (dup) {
      // The same item twice is harmless; one source id with two different figures is a conflict.
      if (!sameData(dup.value, value))
        errors.push({ index, field: 'source_id', message: `also used by item ${dup.index} with other data` });
      return;
    }
    seen.set(value.externalId, { index, value });
    values.push(value);
  });
  return errors.length ? { ok: false, tooMany: false, errors } : { ok: true, values };
}

function checkItem(
  item: Item,
  index: number,
  workspace: Workspace,
  dir: ReturnType<typeof workspaceDirectory>,
  errors: ItemError[],
): MetricValueInput | undefined {
  const before = errors.length;
  const problem = (field: string | null, message: string) => errors.push({ index, field, message });
  const member = item.member === undefined ? undefined : dir.member(item.member);
  if (item.member !== undefined && !member)
    problem('member', `unknown member "${item.member}" (an id or an email of the workspace)`);
  if (item.team !== undefined && !dir.teams.has(item.team)) problem('team', `unknown team "${item.team}"`);
  else if (item.team !== undefined && member && !member.teams.includes(item.team))
    problem('team', `member "${item.member}" is not in team "${item.team}"`);
  if (item.member === undefined && item.team === undefined) problem(null, 'member or team is required');

  const kpi = kpiById(workspace, item.kpi);
  if (!kpi) problem('kpi', `unknown KPI "${item.kpi}"`);
  else if (kpi.formula !== undefined)
    problem('kpi', `KPI "${kpi.id}" is computed (${kpi.formula}): send its base KPIs instead`);
  else if (!kpi.sources.includes('api'))
    problem(
      'kpi',
      `KPI "${kpi.id}" does not take values from the API (its sources: ${kpi.sources.join(', ')}); add api to its source in the workspace config`,
    );
  else {
    const why = valueProblem(item.value, kpi);
    if (why) problem('value', why);
  }
  if (errors.length > before || !kpi) return undefined;
  return {
    memberId: member?.id ?? null,
    teamId: item.team ?? (member?.teams.length === 1 ? member.teams[0]! : null),
    kpiId: kpi.id,
    date: item.date,
    value: item.value,
    source: 'api',
    externalId: item.source_id,
  };
}
