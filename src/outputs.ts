/**
 * Writing into out/ so that nothing is ever half-done:
 *
 * - a document's outputs (HTML, PDF, chart files, its build manifest) are one unit: written into
 *   a folder of their own inside out/ (`.pending-<document>`), marked complete, then moved into
 *   place. A build stopped before the mark leaves the old outputs; one stopped after it is
 *   finished by the next build, which also removes any half-written temporary file;
 * - one build writes into an out/ folder at a time: a second waits for the first (saying so),
 *   or stops with exit 2 if the first does not finish;
 * - no folder of out/ may be a symbolic link, so nothing is written outside it.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileSystem, System } from './effects.js';
import { ExitCode, UserError } from './errors.js';
import { outputs as messages } from './messages.js';

const PENDING = '.pending-';
const COMPLETE = '.complete';
const LOCK = '.build.lock';

/** The files of one document, written together or not at all. */
export class OutputUnit {
  private readonly entries: [string, string | Uint8Array][] = [];

  constructor(
    private readonly folder: string,
    private readonly name: string,
  ) {}

  add(path: string, data: string | Uint8Array): void {
    this.entries.push([relative(this.folder, path), data]);
  }

  /** Writes every file beside its final place, marks the unit complete, then moves each into place. */
  commit(files: FileSystem): void {
    const staging = join(this.folder, `${PENDING}${this.name}`);
    files.remove(staging);
    try {
      for (const [path, data] of this.entries) files.write(join(staging, path), data);
      files.write(join(staging, COMPLETE), JSON.stringify(this.entries.map(([path]) => path)));
    } catch (error) {
      // Not marked complete: the old outputs stay as they were.
      files.remove(staging);
      throw error;
    }
    finish(files, staging, this.folder);
  }
}

function finish(files: FileSystem, staging: string, folder: string): void {
  const paths = JSON.parse(files.readText(join(staging, COMPLETE))) as string[];
  for (const path of paths) if (files.kind(join(staging, path)) === 'file') files.rename(join(staging, path), join(folder, path));
  files.remove(staging);
}

/**
 * What an interrupted build left in out/: units marked complete are finished, others removed,
 * with every temporary file of a write that never finished.
 */
export function recoverOutputs(files: FileSystem, outDir: string): void {
  if (files.kind(outDir) !== 'directory') return;
  const visit = (folder: string) => {
    for (const entry of files.list(folder)) {
      const path = join(folder, entry.name);
      if (entry.kind === 'directory' && entry.name.startsWith(PENDING)) {
        if (files.kind(join(path, COMPLETE)) === 'file') finish(files, path, folder);
        else files.remove(path);
      } else if (entry.kind === 'directory' && !files.isSymlink(path)) visit(path);
      else if (entry.kind === 'file' && /\.\d+\.[a-z0-9]+\.tmp$/.test(entry.name)) files.remove(path);
    }
  };
  visit(outDir);
}

/** Refuses a folder of out/ that is a symbolic link (or out/ itself resolving elsewhere than its parent's folder). */
export function checkInsideOutput(files: FileSystem, outDir: string, folder: string): void {
  const root = resolve(outDir);
  if (!resolve(folder).startsWith(root + sep)) throw new UserError(messages.outsideOutput(outDir, folder), { exitCode: ExitCode.usage });
  for (let path = resolve(folder); path !== root && path.startsWith(root + sep); path = dirname(path))
    if (files.isSymlink(path)) throw new UserError(messages.symlinkInOutput(path), { exitCode: ExitCode.usage });
}

/**
 * Holds out/ for this build: waits while another running build holds it (saying so once), takes
 * it over from a build that no longer runs, and stops with exit 2 after `waitMs`.
 */
export async function lockOutput(system: System, outDir: string, say: (message: string) => void, waitMs = 10 * 60_000): Promise<() => void> {
  const path = join(outDir, LOCK);
  const mine = JSON.stringify({ pid: system.processId, started: new Date().toISOString() });
  let waited = 0;
  let said = false;
  for (;;) {
    if (system.files.create(path, mine)) return () => system.files.remove(path);
    let holder: number | undefined;
    try {
      holder = (JSON.parse(system.files.readText(path)) as { pid?: number }).pid;
    } catch {
      // Being written this moment, or left unreadable: wait once and look again.
    }
    if (holder !== undefined && holder !== system.processId && !system.isRunning(holder)) {
      system.files.remove(path);
      continue;
    }
    if (waited >= waitMs) throw new UserError(messages.outputLocked(outDir, holder), { exitCode: ExitCode.usage });
    if (!said) say(messages.waitingForOutput(outDir, holder));
    said = true;
    await new Promise((done) => setTimeout(done, 200));
    waited += 200;
  }
}
