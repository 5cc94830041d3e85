/**
 * The examples' build for the end-to-end tests, in a process of its own so that the test runner's
 * stays free to run tests beside it (test/e2e/examples.ts starts it). It runs the compiled command
 * (`npm test` compiles it first), every command in this one process, as a script would.
 *
 *   node test/e2e/build-examples.mjs <folder> '<JSON: [[marker, [[arg, ...], ...]], ...]>'
 *
 * Writes <folder>/<marker> once each group of commands has built, or <folder>/failed with the
 * output of the command that failed or skipped a document.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../dist/cli.js';
import { nodeSystem } from '../../dist/effects.js';

const [dir, groups] = [process.argv[2], JSON.parse(process.argv[3])];
const root = new URL('../..', import.meta.url).pathname;
const captured = () => {
  let text = '';
  return { write: (chunk) => ((text += chunk), true), isTTY: false, text: () => text };
};

for (const [marker, commands] of groups) {
  for (const args of commands) {
    const [stdout, stderr] = [captured(), captured()];
    const command = [...args, '--data', join(root, 'data'), '--out', join(dir, 'out')];
    const code = await main(command, { system: nodeSystem(process.env), stdout, stderr, env: { NO_COLOR: '1' }, cwd: root });
    if (code !== 0 || /^FAILED |^skipped /m.test(stderr.text())) {
      writeFileSync(join(dir, 'failed'), `annual-report ${args.join(' ')} failed or skipped a document:\n${stderr.text()}`);
      process.exit(1);
    }
  }
  writeFileSync(join(dir, marker), '');
}
