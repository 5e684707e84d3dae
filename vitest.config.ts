// Test runner configuration: every test under test/, Node environment, a JSON report for .ci/run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Installs Debian's Chromium for the browser tests when it is missing; builds dist/ when it is stale;
    // finds the local PostgreSQL server when TEST_DATABASE_URL is not set.
    globalSetup: ['test/e2e/global-setup.ts', 'test/helpers/build-setup.ts', 'test/helpers/postgres-setup.ts'],
  },
});
