// `rituals simulate --weeks N [--seed S] [--from ISO] [--config FILE]`: runs the workspace headless
// on an in-memory store with simulated reps for N weeks and prints every message the bot sends as
// text. Nothing is read from or written to a database; the same seed prints the same transcript.
import type { Command } from 'commander';
import { loadWorkspace } from '../../config/workspace-load.js';
import { simulate } from '../../sandbox/simulate.js';
import { CliError, envConfig } from '../context.js';

interface SimulateOptions {
  weeks: string;
  seed: string;
  from?: string;
  config?: string;
}

function whole(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(value);
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run the rituals headless for some weeks with simulated reps, printing each message the bot sends')
    .option('-w, --weeks <n>', 'how many weeks to simulate', '4')
    .option('-s, --seed <n>', 'seed of the simulated answers (same seed, same output)', '1')
    .option(
      '--from <iso-date-time>',
      'start instant (default: Monday 5 January 2026, 00:00 in the first team time zone)',
    )
    .option('-c, --config <file>', 'workspace config file (default: RITUALS_CONFIG, else the bundled example)')
    .action(async (opts: SimulateOptions) => {
      const weeks = whole(opts.weeks, 'weeks', 1, 104);
      const seed = whole(opts.seed, 'seed', 0, 2 ** 32 - 1);
      const from = opts.from === undefined ? undefined : new Date(opts.from);
      if (from && Number.isNaN(from.getTime()))
        throw new CliError(`--from "${opts.from}" is not an ISO date-time (e.g. 2026-01-05T00:00:00+01:00)`);
      const loaded = await loadWorkspace(opts.config ?? envConfig().workspaceConfigPath);
      const out: string[] = [];
      const write = (line: string) => {
        out.push(line);
        // Written in batches: a long run prints thousands of lines.
        if (out.length >= 500) process.stdout.write(`${out.splice(0).join('\n')}\n`);
      };
      const summary = await simulate({ workspace: loaded.workspace, weeks, seed, from, write });
      write(
        `-- ${weeks} weeks simulated (seed ${seed}) until ${summary.until}: ${summary.messages} messages, ${summary.checkIns} check-ins`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
