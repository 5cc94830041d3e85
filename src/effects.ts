/**
 * Every side effect the tool has, passed in: reading and writing files, watching them, starting
 * the browser that prints, and reporting. No other module touches the disk or starts a process
 * (test/unit/architecture.test.ts checks it), so tests can run any command in-process, with
 * their own files and their own logger, and read what it printed and its exit code.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { styleText } from 'node:util';
import { SingleBar } from 'cli-progress';
import { formatProblem, type Problem } from './errors.js';
import type { Printer } from './pdf/printer.js';

export type EntryKind = 'file' | 'directory' | 'missing' | 'other';

export interface FileSystem {
  /** A file's bytes; throws when it cannot be read. */
  read(path: string): Uint8Array;
  readText(path: string): string;
  /** What is at a path, symbolic links followed. */
  kind(path: string): EntryKind;
  /** Whether the path itself is a symbolic link. */
  isSymlink(path: string): boolean;
  /** The path with every symbolic link resolved. */
  realPath(path: string): string;
  size(path: string): number;
  /** A folder's entries, sorted by name, each with its kind (symbolic links followed). */
  list(folder: string): { name: string; kind: EntryKind }[];
  /** Writes a whole file or nothing: a failed or interrupted write leaves the previous file. */
  write(path: string, data: string | Uint8Array): void;
  /** Writes a file only where there is none; false when one is already there. */
  create(path: string, data: string | Uint8Array): boolean;
  rename(from: string, to: string): void;
  remove(path: string): void;
  makeFolder(path: string): void;
}

export interface Watcher {
  close(): Promise<void>;
}

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

/** What the tool does to the world, apart from reporting. */
export interface System {
  files: FileSystem;
  /** This process's id, and whether another is still running: for the lock on out/. */
  processId: number;
  isRunning(pid: number): boolean;
  /** Starts the browser that prints PDFs (Chromium, over a pipe; see pdf/browser.ts). */
  launchPrinter(executablePath: string, concurrency: number): Promise<Printer>;
  /** Calls `onChange` with the changed path whenever something under the paths changes; resolves once watching. */
  watch(paths: readonly string[], onChange: (path?: string) => void): Promise<Watcher>;
}

/** What a build needs: the system, and where to report. */
export interface BuildEffects extends System {
  logger: Logger;
}

const kindOf = (stats: { isFile(): boolean; isDirectory(): boolean }): EntryKind => (stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other');

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

export const nodeFiles: FileSystem = {
  read: (path) => readFileSync(path),
  readText: (path) => readFileSync(path, 'utf8'),
  kind: (path) => {
    try {
      return kindOf(statSync(path));
    } catch {
      return 'missing';
    }
  },
  isSymlink: (path) => {
    try {
      return lstatSync(path).isSymbolicLink();
    } catch {
      return false;
    }
  },
  realPath: (path) => realpathSync(path),
  size: (path) => statSync(path).size,
  list: (folder) =>
    readdirSync(folder, { withFileTypes: true })
      .map((entry) => ({ name: entry.name, kind: entry.isSymbolicLink() ? nodeFiles.kind(`${folder}/${entry.name}`) : kindOf(entry) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  write: writeFileAtomic,
  create: (path, data) => {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, data, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  },
  rename: (from, to) => {
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  },
  remove: (path) => rmSync(path, { recursive: true, force: true }),
  makeFolder: (path) => mkdirSync(path, { recursive: true }),
};

/**
 * The real system: the disk, Chromium (started in `env`, the command's environment), chokidar.
 * The browser and watcher are loaded only when used.
 */
export function nodeSystem(env: NodeJS.ProcessEnv): System {
  return {
    files: nodeFiles,
    processId: process.pid,
    isRunning: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    launchPrinter: async (executablePath, concurrency) => (await import('./pdf/browser.js')).ChromiumPrinter.launch(executablePath, concurrency, { env }),
    watch: async (paths, onChange) => {
      const { watch } = await import('chokidar');
      // A save is seen once its file has stopped growing for 15 ms: quick, and never half-written.
      const watcher = watch([...paths], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 15, pollInterval: 5 } });
      watcher.on('all', (_event, path) => onChange(path));
      // A watched folder moved away and back is not seen again by the watcher: look for its
      // return, then watch it afresh (and rebuild, since it may have changed meanwhile).
      const roots = new Set(paths.map((p) => resolve(p)));
      const waiting = new Set<NodeJS.Timeout>();
      watcher.on('unlinkDir', (path) => {
        if (!roots.has(resolve(path))) return;
        const timer = setInterval(() => {
          if (nodeFiles.kind(path) !== 'directory') return;
          clearInterval(timer);
          waiting.delete(timer);
          watcher.unwatch(path);
          watcher.add(path);
          onChange();
        }, 250);
        waiting.add(timer);
      });
      await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
      return {
        close: () => {
          waiting.forEach(clearInterval);
          return watcher.close();
        },
      };
    },
  };
}

export interface ConsoleOptions {
  quiet?: boolean;
  verbose?: boolean;
  /** Whether the stream is a terminal: a progress bar there, a line a document elsewhere (CI). */
  tty?: boolean;
  /** Colours: only on a terminal, and never when NO_COLOR is set. */
  color?: boolean;
}

/** Where a command writes: a stream such as process.stderr, or a test's buffer. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function consoleOptions(stream: OutputStream, env: Record<string, string | undefined>, flags: { quiet?: boolean; verbose?: boolean }): ConsoleOptions {
  const tty = stream.isTTY === true;
  return { ...flags, tty, color: tty && !('NO_COLOR' in env) };
}

/**
 * Reports to a terminal or a log. Problems wait until the end and are printed grouped by file,
 * so a long build's warnings are not lost among its progress.
 */
export function consoleLogger(stream: OutputStream, options: ConsoleOptions = {}): Logger {
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
          {
            stream: stream as NodeJS.WritableStream,
            format: ' {bar} {value}/{total} {current}',
            barsize: 24,
            hideCursor: true,
            clearOnComplete: true,
            noTTYOutput: false,
          },
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

/** A logger that keeps nothing: for tools that report their own way. */
export const silentLogger: Logger = { info: () => undefined, problem: () => undefined };
