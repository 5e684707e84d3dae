// Public API of the workspace config file: parse a YAML text into the goal model (pure), or load a file
// (the bundled example when no path is given). Problems name the file, line, column and path:
// YAML syntax first, then shapes and values (zod), then references between sections.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { Workspace } from '../core/domain/model.js';
import { buildWorkspace } from './workspace-build.js';
import { buildId, cacheKey, keepParsed, readCached } from './workspace-cache.js';
import { type ConfigProblem, type LoadedWorkspace, WorkspaceConfigError } from './workspace-problems.js';
import { workspaceSchema } from './workspace-schema.js';
import { validateWorkspace } from './workspace-validate.js';
import { workspaceWarnings } from './workspace-warnings.js';
import { type ConfigIssue, formatPath, YamlLocator } from './yaml-positions.js';
import { errorMap, zodIssues } from './zod-problems.js';

export { type ConfigProblem, formatProblem, type LoadedWorkspace, WorkspaceConfigError } from './workspace-problems.js';

export type ParseWorkspaceResult =
  /** `warnings`: advice that does not stop the file from loading (see workspace-warnings.ts). */
  | { ok: true; workspace: Workspace; summary: string; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[] };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function summarize(ws: Workspace): string {
  const members = ws.teams.reduce((n, t) => n + t.members.length, 0);
  const collective = ws.teams.reduce((n, t) => n + t.collective.length, 0);
  return [
    plural(ws.teams.length, 'team'),
    plural(members, 'member'),
    plural(Object.keys(ws.roles).length, 'role'),
    plural(Object.keys(ws.kpis).length, 'KPI'),
    plural(collective, 'collective objective'),
  ].join(', ');
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path));
}

/** Parses and validates a workspace YAML text; pure (no I/O). `file` only appears in problems. */
export function parseWorkspace(text: string, file: string): ParseWorkspaceResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const locator = new YamlLocator(doc, lines, text);
  const problem = (issue: ConfigIssue): ConfigProblem => ({
    file,
    ...locator.locate(issue),
    path: formatPath(issue.path),
    message: issue.message,
  });

  if (doc.errors.length > 0) {
    // One stray token makes the parser reject every token after it: the first one is the useful one.
    const errors = doc.errors.filter(
      (e, i) => e.code !== 'UNEXPECTED_TOKEN' || doc.errors.findIndex((f) => f.code === 'UNEXPECTED_TOKEN') === i,
    );
    const problems = errors.map((e): ConfigProblem => {
      const message = e.code === 'DUPLICATE_KEY' ? 'duplicate key: each key may appear only once in a map' : e.message;
      return { file, ...locator.position(e.pos[0]), path: formatPath(locator.pathAt(e.pos[0])), message };
    });
    return { ok: false, problems: sortProblems(problems) };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return {
      ok: false,
      problems: [{ file, line: 1, col: 1, path: '', message: err instanceof Error ? err.message : String(err) }],
    };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    const message =
      data === null || data === undefined
        ? 'the file is empty: it needs at least workspace, kpis and teams (see examples/minimal.yaml)'
        : 'expected a map with the keys workspace, kpis, roles and teams';
    return { ok: false, problems: [problem({ path: [], message })] };
  }

  const parsed = workspaceSchema.safeParse(data, { error: errorMap, reportInput: true });
  if (!parsed.success) return { ok: false, problems: sortProblems(zodIssues(parsed.error.issues).map(problem)) };

  const issues = validateWorkspace(parsed.data);
  if (issues.length > 0) return { ok: false, problems: sortProblems(issues.map(problem)) };

  const workspace = buildWorkspace(parsed.data);
  return {
    ok: true,
    workspace,
    summary: summarize(workspace),
    warnings: sortProblems(workspaceWarnings(parsed.data).map(problem)),
  };
}

/** Absolute path of the bundled example config (examples/sales-team.yaml). */
export function bundledExamplePath(): string {
  return fileURLToPath(new URL('../../examples/sales-team.yaml', import.meta.url));
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
};

export interface LoadOptions {
  /** A folder where the parsed file is kept for the next start (see workspace-cache.ts); none by default. */
  readonly cacheDir?: string;
}

/**
 * Reads and validates a workspace file; no path means the bundled example. Throws WorkspaceConfigError
 * (an unreadable file is one problem at 1:1). Problems name the file as it was given.
 */
export async function loadWorkspace(path?: string, opts: LoadOptions = {}): Promise<LoadedWorkspace> {
  const isExample = path === undefined;
  const file = path ?? bundledExamplePath();
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (err instanceof Error ? err.message : String(err));
    throw new WorkspaceConfigError([
      { file, line: 1, col: 1, path: '', message: `cannot read the workspace config: ${reason}` },
    ]);
  }
  const build = opts.cacheDir ? buildId() : undefined;
  const cached = build ? readCached(opts.cacheDir!, cacheKey(text, file, build)) : undefined;
  if (cached) return { ...cached, path: absolute, isExample };
  const result = parseWorkspace(text, file);
  if (!result.ok) throw new WorkspaceConfigError(result.problems);
  const parsed = { workspace: result.workspace, summary: result.summary, warnings: result.warnings };
  keepParsed(opts.cacheDir, text, file, parsed);
  return { ...parsed, path: absolute, isExample };
}
