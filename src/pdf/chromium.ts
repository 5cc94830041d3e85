/**
 * Finding Chromium and how to start it: kept apart from puppeteer so a build with nothing to
 * print never loads it.
 */
import type { FileSystem } from '../effects.js';
import { ExitCode, UserError } from '../errors.js';
import { printing as messages } from '../messages.js';

/** Where Chromium, Chrome or Edge usually are, by platform (Linux tested; the others as their installers place them). */
export const CHROMIUM_CANDIDATES: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

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
export function findChromium(files: FileSystem, configured: string | null, platform: NodeJS.Platform = process.platform): string {
  if (configured) {
    if (files.kind(configured) === 'file') return configured;
    throw new UserError(
      messages.chromiumNotAt(configured, platform),
      { exitCode: ExitCode.usage },
    );
  }
  const candidates = CHROMIUM_CANDIDATES[platform] ?? CHROMIUM_CANDIDATES.linux!;
  const found = candidates.find((path) => files.kind(path) === 'file');
  if (found) return found;
  throw new UserError(
    messages.chromiumNotFound(candidates, platform),
    { exitCode: ExitCode.usage },
  );
}
