/**
 * Side effects the build needs, passed in: writing outputs and reporting. Tests pass their own
 * to run the whole pipeline in memory and capture warnings.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { styleText } from 'node:util';
import { SingleBar } from 'cli-progress';
import { formatProblem, type Problem } from './errors.js';

export interface Logger {
  info(message: string): void;
  /** Details only --verbose shows. */
  detail?(message: string): void;
  problem(problem: Problem): void;
  /** A multi-document build's progress: before each document, and once when all are done. */
  progress?(done: number, total: number, current: string | null): void;
  /** End of a command: warnings are printed here, grouped by file. */
  flush?(): void;
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

export interface ConsoleOptions {
  quiet?: boolean;
  verbose?: boolean;
  /** Whether the stream is a terminal: a progress bar there, a line a document elsewhere (CI). */
  tty?: boolean;
  /** Colours: only on a terminal, and never when NO_COLOR is set. */
  color?: boolean;
}

export function consoleOptions(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
  flags: { quiet?: boolean; verbose?: boolean },
): ConsoleOptions {
  const tty = stream.isTTY === true;
  return { ...flags, tty, color: tty && !('NO_COLOR' in env) };
}

/**
 * Reports to a terminal or a log. Problems wait until the end and are printed grouped by file,
 * so a long build's warnings are not lost among its progress.
 */
export function consoleLogger(stream: NodeJS.WritableStream = process.stderr, options: ConsoleOptions = {}): Logger {
  const problems: Problem[] = [];
  const paint = (format: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(format, text) : text);
  let bar: SingleBar | undefined;
  const write = (line: string) => {
    if (bar) bar.stop();
    stream.write(`${line}\n`);
    bar = undefined;
  };
  return {
    info: (message) => {
      if (options.quiet) return;
      // On a terminal the bar says which document is being built; elsewhere each gets its line.
      if (options.tty && /^built /.test(message) && !options.verbose) return;
      write(message.startsWith('FAILED') ? paint('red', message) : message);
    },
    detail: (message) => {
      if (options.verbose && !options.quiet) write(paint('dim', message));
    },
    problem: (problem) => problems.push(problem),
    progress: (done, total, current) => {
      if (!options.tty || options.quiet || total < 2) return;
      if (!bar) {
        bar = new SingleBar(
          { stream, format: ' {bar} {value}/{total} {current}', barsize: 24, hideCursor: true, clearOnComplete: true, noTTYOutput: false },
          { format: ' {bar} {value}/{total} {current}', barCompleteChar: '█', barIncompleteChar: '░' },
        );
        bar.start(total, done, { current: current ?? '' });
      }
      bar.update(done, { current: current ?? '' });
      if (done >= total) {
        bar.stop();
        bar = undefined;
      }
    },
    flush: () => {
      if (bar) bar.stop();
      bar = undefined;
      const byFile = new Map<string, Problem[]>();
      for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      for (const [file, list] of byFile) {
        const warnings = list.filter((p) => p.severity === 'warning').length;
        stream.write(`\n${paint('bold', file)}: ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
        for (const p of list) stream.write(`${formatProblem(p).replace(/warning: /, paint('yellow', 'warning: '))}\n`);
      }
      problems.length = 0;
    },
  };
}

export function nodeEffects(logger: Logger): BuildEffects {
  return { writeFile: writeFileAtomic, logger };
}
