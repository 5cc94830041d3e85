/**
 * Builds the examples once for every end-to-end test file, with the real command and Chromium:
 * every document, public and restricted, as HTML; every public one as PDF, with the restricted
 * PDF of one annual report, a committee pack and a comparison. The build runs in a process of its
 * own (test/e2e/build-examples.mjs, the compiled command) while the unit tests and the end-to-end
 * tests that need no examples run; an end-to-end file waits for it with `examples()`
 * (test/e2e/shared.ts). Files that need other outputs build their own. At the end, checks that the
 * tests left nothing in the temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CLI, ROOT } from '../helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that gets `out/` (the examples built from the repository's `data/`), a file `html-ready`, then `ready` (or `failed`). */
    examples: string;
  }
}

/** HTML first, marked `html-ready`, so the accessibility checks start while the PDFs print; then the PDFs and Word files. */
const HTML = [
  ['build', '--audience', 'all', '--formats', 'html'],
  ['compare', 'leicester', '--no-pdf'],
  ['compare', 'leicestershire', '--no-pdf'],
  ['compare', '--region', 'Example Adoption Partnership', '2024-25', '--no-pdf'],
];
const PDF = [
  ['build'],
  // Word for the restricted documents too (their HTML again, the same), and one restricted PDF.
  ['build', '--audience', 'restricted', '--formats', 'html,docx'],
  ['build', '--audience', 'restricted', '--only', 'annual-report', 'data/example-borough/2024-25.yaml'],
  ['pack', 'leicestershire', '2024-25'],
  // A covering report that takes the regional agency's report to committee.
  ['pack', 'leicester', '2022-23'],
  ['compare', 'leicester'],
];

/** The compiled command is what builds the examples: one compiled before the last change to src/ would test old code. */
function compiledAfterSources(): void {
  const newest = (folder: string): number =>
    Math.max(0, ...readdirSync(folder, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(folder, e.name)) : statSync(join(folder, e.name)).mtimeMs)));
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newest(join(ROOT, 'src')) - 1000)
    throw new Error('dist/ is older than src/: run `npm run compile` (npm test does) before the end-to-end tests');
}

function buildExamples(dir: string): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'test/e2e/build-examples.mjs'), dir, JSON.stringify([['html-ready', HTML], ['ready', PDF]])], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return new Promise((done) =>
    child.on('close', (code) => {
      if (code !== 0 && !existsSync(join(dir, 'failed'))) writeFileSync(join(dir, 'failed'), `the examples' build ended with exit code ${code}`);
      done();
    }),
  );
}

export default function setup(project: TestProject): () => Promise<void> {
  compiledAfterSources();
  const before = new Set(readdirSync(tmpdir()));
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-examples-'));
  const building = buildExamples(dir);
  project.provide('examples', dir);
  return async () => {
    await building;
    rmSync(dir, { recursive: true, force: true });
    // Every new folder, Chromium's own included, that is still there a moment later (the test
    // runner's own short-lived files come and go).
    // Vite's own module folder (holding `ssr/`) goes when the test runner ends, after this.
    const vite = (name: string) => existsSync(join(tmpdir(), name, 'ssr'));
    const added = () =>
      readdirSync(tmpdir(), { withFileTypes: true })
        .filter((e) => e.isDirectory() && !before.has(e.name) && !vite(e.name))
        .map((e) => e.name);
    let left = added();
    for (let waited = 0; left.length > 0 && waited < 3000; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      left = added().filter((name) => left.includes(name));
    }
    if (left.length > 0) throw new Error(`the tests left ${left.length} temporary folders behind: ${left.slice(0, 5).join(', ')}`);
  };
}
