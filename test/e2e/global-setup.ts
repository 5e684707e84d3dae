// vitest globalSetup: makes sure Debian's Chromium (and an emoji font for screenshots) is installed
// before the browser tests run; scripts/ensure-chromium.sh installs them with apt-get when missing.
// A failed install does not stop the other tests: the browser test then fails on its own, naming
// the missing executable.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  try {
    execFileSync('sh', [join(import.meta.dirname, '../../scripts/ensure-chromium.sh')], {
      stdio: 'inherit',
      timeout: 15 * 60_000,
    });
  } catch (err) {
    process.stderr.write(
      `Chromium could not be installed for the browser tests: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
}
