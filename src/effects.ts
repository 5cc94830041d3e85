/**
 * Side effects the build needs, passed in: writing outputs and reporting. Tests pass their own
 * to run the whole pipeline in memory and capture warnings.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatProblem, type Problem } from './errors.js';

export interface Logger {
  info(message: string): void;
  problem(problem: Problem): void;
}

export interface BuildEffects {
  /** Writes a whole file or nothing: a failed or interrupted build leaves the previous file. */
  writeFile(path: string, data: string | Uint8Array): void;
  logger: Logger;
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function consoleLogger(stream: { write(s: string): unknown } = process.stderr, quiet = false): Logger {
  return {
    info: (message) => {
      if (!quiet) stream.write(`${message}\n`);
    },
    problem: (problem) => stream.write(`${formatProblem(problem)}\n`),
  };
}

export function nodeEffects(logger: Logger): BuildEffects {
  return { writeFile: writeFileAtomic, logger };
}
