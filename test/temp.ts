/** Temporary folders for tests, each removed when its test file ends (test/setup.ts). Kept apart from helpers.ts so that setup loads nothing else. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

const temporary: string[] = [];

/** A temporary folder, removed when the test file ends (test/setup.ts). */
export function tempDir(prefix = 'annual-report-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}

/** A working folder with a copy of the example data, or with the given files. */
export function tempProject(files?: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  if (files) {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  } else {
    cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  }
  return dir;
}

