import { defineConfig } from 'vitest/config';

/**
 * Four projects: `unit` (no browser, no spawned process: `npm run test:unit`), `e2e` (real
 * Chromium, the examples built once by test/e2e/examples.ts; with unit, `npm test`), `bench`
 * (the benchmark's smoke run: `npm run test:bench`) and `package` (packed and installed as a
 * council would: `npm run test:package`).
 */
export default defineConfig({
  test: {
    // Browser tests share the machine's two cores; a few files at once is fastest.
    maxWorkers: 2,
    projects: [
      // Unit files share their workers' modules (no browser, no global state): the imports are paid once a worker.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 60_000, isolate: false } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/setup.ts'],
          globalSetup: ['test/e2e/examples.ts'],
          // Like the unit files, the end-to-end files share their workers' modules (each starts its own browsers).
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      { test: { name: 'bench', include: ['test/bench/**/*.test.ts'], testTimeout: 300_000 } },
      // Packs the project and installs it into an empty folder, as a council would: `npm run test:package`.
      { test: { name: 'package', include: ['test/package/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 600_000 } },
    ],
  },
});
