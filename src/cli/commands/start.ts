// `rituals start`: runs the bot, exactly like `npm start`.
import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the bot (the local sandbox when no Slack or Teams credentials are set)')
    .action(async () => {
      const { run } = await import('../../run.js');
      await run();
    });
}
