// Test runner configuration: every test under test/, Node environment, a JSON report for .ci/run.
// Two projects: `sqlite` runs every test file; `postgres` runs the engine, report and chart suites again
// with TEST_STORE=postgres, so their stores (test/helpers/store.ts) are PostgreSQL — the server
// TEST_DATABASE_URL names, else the in-process PGlite. The repository contract tests run both backends
// themselves (test/helpers/store-backends.ts).
import { defineConfig } from 'vitest/config';

/** The suites that drive the whole core through a store: run again on PostgreSQL. */
const ON_POSTGRES_TOO = [
  'test/integration/engine/**/*.test.ts',
  'test/integration/report/**/*.test.ts',
  'test/integration/charts/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Installs Debian's Chromium for the browser tests when it is missing; builds dist/ when it is stale;
    // finds the local PostgreSQL server when TEST_DATABASE_URL is not set.
    globalSetup: ['test/e2e/global-setup.ts', 'test/helpers/build-setup.ts', 'test/helpers/postgres-setup.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'postgres', include: ON_POSTGRES_TOO, env: { TEST_STORE: 'postgres' } } },
    ],
  },
});
