// `rituals config check FILE`: validates a workspace YAML file without opening the store. Problems go to
// stderr as `FILE:LINE:COL path: message`, one a line, exit code 1; a good file prints a summary line,
// after its warnings (`FILE:LINE:COL path: warning: message` on stderr, exit code 0).
import type { Command } from 'commander';
import { formatProblem, loadWorkspace, WorkspaceConfigError } from '../../config/workspace-load.js';

/** The `config` command group, created once and shared by every `config ...` subcommand. */
function configGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'config') ??
    program.command('config').description('work with the workspace config file (YAML)')
  );
}

export function registerConfigCheck(program: Command): void {
  configGroup(program)
    .command('check')
    .description('validate a workspace config file and list every problem as FILE:LINE:COL path: message')
    .argument('<file>', 'the workspace YAML file')
    .action(async (file: string) => {
      try {
        const loaded = await loadWorkspace(file);
        // Advice, not errors: printed like problems, marked as warnings, and the exit code stays 0.
        process.stderr.write(
          loaded.warnings.map((w) => `${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`).join(''),
        );
        process.stdout.write(`${file}: ok — ${loaded.summary}\n`);
      } catch (err) {
        if (!(err instanceof WorkspaceConfigError)) throw err;
        process.stderr.write(err.problems.map((p) => `${formatProblem(p)}\n`).join(''));
        process.exitCode = 1;
      }
    });
}
