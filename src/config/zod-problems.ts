// Turns zod issues into config issues a person can act on: plain-words messages for wrong types, one
// problem per unknown key (with a "did you mean"), and unions reduced to the branch the value was
// clearly meant for.
import type { z } from 'zod';
import { KNOWN_KEYS_MARK } from './workspace-values.js';
import type { ConfigIssue, ConfigPath } from './yaml-positions.js';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const MISSING = 'missing required key';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of keys',
  record: 'a map of keys',
};

function describe(input: unknown): string {
  if (input === null) return 'nothing';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a map of keys';
  if (typeof input === 'string')
    return `text ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}...` : input)}`;
  return String(input);
}

/** Per-parse error map: the fallback messages for issues a schema did not word itself. */
export function errorMap(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return MISSING;
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describe(iss.input)}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map(String).join(', ')}`;
    case 'too_small':
      if (iss.origin === 'array') return `needs at least ${String(iss.minimum)} item(s)`;
      if (iss.origin === 'string') return 'must not be empty';
      return `must be ${iss.inclusive === false ? 'above' : 'at least'} ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'array') return `has more than ${String(iss.maximum)} item(s)`;
      return `must be ${iss.inclusive === false ? 'below' : 'at most'} ${String(iss.maximum)}`;
    case 'invalid_union':
      return 'has the wrong type';
    default:
      return undefined;
  }
}

// Edit distance counting a swap of two neighbours as one edit: "nmae" is one typo away from "name".
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name closest to a misspelt one, if any is close enough to be a likely typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  return known
    .map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(k.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.k;
}

/** `unknown KPI "calls_made" (did you mean "calls"?)`; lists the known names when there are few. */
export function unknownName(noun: string, name: string, names: readonly string[]): string {
  const known = [...new Set(names)];
  const close = closest(name, known);
  if (close) return `unknown ${noun} "${name}" (did you mean "${close}"?)`;
  if (known.length > 0 && known.length <= 12) return `unknown ${noun} "${name}" (expected one of: ${known.join(', ')})`;
  return `unknown ${noun} "${name}"`;
}

// A branch issue is "shallow" when it only says the value has another type than the branch wants:
// such branches were not what the writer meant, so their issues are noise.
function isShallow(i: Issue): boolean {
  if (i.path.length > 0) return false;
  if (i.code === 'invalid_type' || i.code === 'invalid_value') return true;
  return i.code === 'invalid_union' && i.errors.every((branch) => branch.every(isShallow));
}

function toPath(base: ConfigPath, path: readonly PropertyKey[]): ConfigPath {
  return [...base, ...path.filter((p): p is string | number => typeof p !== 'symbol')];
}

export function zodIssues(issues: readonly Issue[], base: ConfigPath = []): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const iss of issues) {
    const path = toPath(base, iss.path);
    switch (iss.code) {
      case 'unrecognized_keys': {
        const known = iss.message.startsWith(KNOWN_KEYS_MARK)
          ? iss.message.slice(KNOWN_KEYS_MARK.length).split(',').filter(Boolean)
          : [];
        for (const key of iss.keys)
          out.push({ path: [...path, key], at: 'key', message: unknownName('key', key, known) });
        break;
      }
      case 'invalid_union': {
        const meant = iss.errors.filter((branch) => !branch.every(isShallow));
        if (meant.length === 1) out.push(...zodIssues(meant[0]!, path));
        else out.push({ path, message: iss.message });
        break;
      }
      case 'invalid_key':
        out.push({ path, at: 'key', message: iss.issues.map((i) => i.message).join('; ') });
        break;
      default: {
        const last = path[path.length - 1];
        const message = iss.message === MISSING && typeof last === 'string' ? `${MISSING} "${last}"` : iss.message;
        out.push({ path, message });
      }
    }
  }
  return out;
}
