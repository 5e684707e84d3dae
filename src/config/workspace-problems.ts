// What loading a workspace file yields, and its problems: a module of its own, without the YAML
// parser or the schema, so that main.ts can name them before those are loaded (workspace-load-thread.ts).
import type { Workspace } from '../core/domain/model.js';

export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending field, e.g. `teams[0].members[2].role`; empty for the whole file. */
  path: string;
  message: string;
}

/** `FILE:LINE:COL path.to.field: message` (the path is left out when empty). */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.col}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Absolute path of the file read. */
  path: string;
  isExample: boolean;
  /** One line, e.g. `2 teams, 12 members, 5 roles, 31 KPIs, 6 collective objectives`. */
  summary: string;
  /** Advice that does not stop the file from loading (fewer than 3 collective objectives...). */
  warnings: ConfigProblem[];
}

export class WorkspaceConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'WorkspaceConfigError';
  }
}
