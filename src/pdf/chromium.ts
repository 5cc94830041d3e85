/**
 * Finding Chromium and how to start it: kept apart from puppeteer so a build with nothing to
 * print never loads it.
 */
import type { FileSystem } from '../effects.js';
import { ExitCode, UserError } from '../errors.js';
import { printing as messages } from '../messages.js';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The browser to print with: the configured path, else the usual places; a clear error if none. */
export function findChromium(files: FileSystem, configured: string | null): string {
  if (configured) {
    if (files.kind(configured) === 'file') return configured;
    throw new UserError(
      messages.chromiumNotAt(configured),
      { exitCode: ExitCode.usage },
    );
  }
  const found = CHROMIUM_CANDIDATES.find((path) => files.kind(path) === 'file');
  if (found) return found;
  throw new UserError(
    messages.chromiumNotFound(CHROMIUM_CANDIDATES),
    { exitCode: ExitCode.usage },
  );
}
