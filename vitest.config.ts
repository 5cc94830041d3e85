import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Browser tests share the machine's two cores; a few files at once is fastest.
    maxWorkers: 2,
  },
});
