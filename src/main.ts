// Entry point of `npm start`: runs the bot (see run.ts for the composition).
import { run } from './run.js';

void run();
