#!/usr/bin/env node
/** The installed `annual-report` command: the real system, streams and environment. */
import { main } from './cli.js';
import { nodeSystem } from './effects.js';

process.exitCode = await main(process.argv.slice(2), {
  system: nodeSystem(process.env),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
