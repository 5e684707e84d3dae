// Registers every `rituals` subcommand. Each file exports one `register*` function.
import type { Command } from 'commander';
import { registerBackup } from './backup.js';
import { registerConfigCheck } from './config-check.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerReport } from './report.js';
import { registerStart } from './start.js';

export function registerCommands(program: Command): void {
  registerStart(program);
  registerConfigCheck(program);
  registerMigrate(program);
  registerImport(program);
  registerExport(program);
  registerBackup(program);
  registerReport(program);
}
