// vitest globalSetup: builds dist/ once, before the tests, when it is missing or older than src/. The
// tests that run `bin/rituals.js` or `npm start` run the compiled code as users do; without this, the
// first of them would build while the others wait, inside their own time limits. A failed build does not
// stop the other tests: those that need dist/ then fail on their own with the compiler's message.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  try {
    execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/build.mjs'), '--if-stale'], {
      stdio: 'inherit',
      timeout: 5 * 60_000,
    });
  } catch (err) {
    process.stderr.write(
      `dist/ could not be built for the tests: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
}
