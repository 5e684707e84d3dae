// CRM export mappings: a small YAML file that says which columns of a HubSpot, Salesforce or other report
// export hold the owner, the day, the amount and the record id, which rows count (e.g. only Closed Won),
// and how its dates and numbers are written. `parseCrmMapping` validates it (problems as
// FILE:LINE:COL path: message); crm-rows.ts applies it. Examples: examples/mappings/*.yaml.
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatPath, YamlLocator } from '../config/yaml-positions.js';
import { errorMap } from '../config/zod-problems.js';

const column = z.string().trim().min(1, 'a column name is required');

export const crmMappingSchema = z.strictObject({
  /** Shown in summaries: "HubSpot deals". */
  name: z.string().trim().min(1),
  /** Every imported row is a value of this KPI. */
  kpi: z.string().trim().min(1),
  member: z.strictObject({
    column,
    /** How the cell names the member: their email (default) or their id in the workspace config. */
    by: z.enum(['email', 'id'], { error: 'must be email or id' }).default('email'),
  }),
  /** Team-level rows, or members of several teams: a fixed team id or a column holding it. */
  team: z.union([z.strictObject({ value: z.string().trim().min(1) }), z.strictObject({ column })]).optional(),
  date: z.strictObject({
    column,
    /** Luxon tokens (yyyy-MM-dd HH:mm, MM/dd/yyyy...); any time part is dropped. Default: YYYY-MM-DD or DD/MM/YYYY. */
    format: z.string().trim().min(1).optional(),
  }),
  value: z.strictObject({
    column,
    /** The export's decimal mark; the other mark, spaces and apostrophes are thousands separators. */
    decimal: z.enum(['.', ','], { error: 'must be "." or ","' }).default('.'),
    /** ISO code of the amounts: currency symbols and codes are stripped, another currency is refused. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO currency code such as EUR')
      .optional(),
  }),
  source_id: z.strictObject({
    column,
    /** Keeps the ids of different systems apart: "hubspot-deal-" + 1234. */
    prefix: z.string().default(''),
  }),
  /** Only rows whose column holds one of `keep` (case-insensitive) are imported; the others are counted as skipped. */
  filter: z.strictObject({ column, keep: z.array(z.string().trim().min(1)).min(1) }).optional(),
  /** Rows where this column is empty are not data (report titles and footers) and are skipped. */
  skip_when_empty: column.optional(),
});

export type CrmMapping = z.infer<typeof crmMappingSchema>;

export class CrmMappingError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid mapping file ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    this.name = 'CrmMappingError';
  }
}

/** Parses and validates a mapping file's text; throws CrmMappingError listing every problem. */
export function parseCrmMapping(text: string, file: string): CrmMapping {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const locator = new YamlLocator(doc, lines, text);
  if (doc.errors.length > 0) {
    throw new CrmMappingError(
      file,
      doc.errors.map((e) => {
        const p = locator.position(e.pos[0]);
        return `${file}:${p.line}:${p.col}: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const parsed = crmMappingSchema.safeParse(doc.toJS(), { error: errorMap });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      // An unknown key is reported on the map that holds it: point at the key itself.
      const unknownKey = issue.code === 'unrecognized_keys';
      const path = (unknownKey ? [...issue.path, issue.keys[0]!] : issue.path).map((seg) =>
        typeof seg === 'symbol' ? String(seg) : seg,
      );
      const p = locator.locate({ path, message: issue.message, at: unknownKey ? 'key' : 'value' });
      const where = formatPath(path);
      const message = unknownKey ? `unknown key "${issue.keys[0]}"` : issue.message;
      return { ...p, text: `${file}:${p.line}:${p.col}${where ? ` ${where}` : ''}: ${message}` };
    });
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new CrmMappingError(
      file,
      problems.map((p) => p.text),
    );
  }
  return parsed.data;
}
