import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order files start in, when the two workers are free, read from what each file waits for
 * (test/e2e/shared.ts): first the files that need only the examples' HTML (the accessibility
 * checks: they start as soon as it is built, and take longest); then the unit files and the
 * end-to-end files that build their own outputs, while the examples print in a process of their
 * own (test/e2e/examples.ts); last the files that read the printed examples, so that none holds a
 * worker waiting for them. Within each group, the longest last time first.
 */
class ExamplesLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const group = (file: TestSpecification) => {
      const source = readFileSync(file.moduleId, 'utf8');
      return /examples\((?:'all')?\)/.test(source) ? 2 : source.includes("examples('html')") ? 0 : 1;
    };
    const groups = new Map(files.map((file) => [file, group(file)]));
    const byDuration = (file: TestSpecification) => this.ctx.cache.getFileTestResults(`${file.project.name}:${file.moduleId.slice(this.ctx.config.root.length + 1)}`)?.duration ?? Infinity;
    return (await super.sort(files)).sort((a, b) => groups.get(a)! - groups.get(b)! || byDuration(b) - byDuration(a));
  }
}

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
    sequence: { sequencer: ExamplesLastSequencer },
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
