// `rituals` command line: one commander program; each command lives in its own file under commands/.
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

const program = new Command();
program
  .name('rituals')
  .description('Goal Rituals: goal check-ins, leaderboards and reviews for Slack and Microsoft Teams')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`rituals: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
