// `rituals start`: runs the bot, exactly like `npm start`.
import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the bot (the local sandbox when no Slack or Teams credentials are set)')
    .action(async () => {
      // The entry point starts the bot as it loads (and resolves once it listens).
      await import('../../main.js');
    });
}
