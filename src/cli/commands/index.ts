// Registers every `rituals` subcommand. Each file exports one `register*` function.
import type { Command } from 'commander';
import { registerBackup } from './backup.js';
import { registerChart } from './chart.js';
import { registerConfigCheck } from './config-check.js';
import { registerCopy } from './copy.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerPerson } from './person.js';
import { registerReport } from './report.js';
import { registerRetention } from './retention.js';
import { registerSimulate } from './simulate.js';
import { registerStart } from './start.js';
import { registerToken } from './token.js';

export function registerCommands(program: Command): void {
  registerStart(program);
  registerConfigCheck(program);
  registerMigrate(program);
  registerImport(program);
  registerExport(program);
  registerBackup(program);
  registerCopy(program);
  registerReport(program);
  registerSimulate(program);
  registerChart(program);
  registerToken(program);
  registerPerson(program);
  registerRetention(program);
}
