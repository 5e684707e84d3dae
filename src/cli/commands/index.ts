// Registers every `rituals` subcommand. Each file exports one `register*` function.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
