/**
 * Incremental builds. Each output records a fingerprint of everything it was built from (its
 * datasets, authority.yaml and the files beside it, templates, chart specs, styles, the font, the
 * tool's version and code, and the options that change the output) and the page numbers its last
 * print read back. An output whose fingerprint is unchanged is skipped; a changed one starts from
 * the recorded page numbers, so its contents usually settle in one print instead of two.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './config.js';

export interface Manifest {
  fingerprint: string;
  /** Page of each element id in the last PDF. */
  pages: Record<string, number>;
  files: string[];
}

function hashTree(hash: ReturnType<typeof createHash>, folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) hashTree(hash, path);
    else hash.update(entry.name).update(readFileSync(path));
  }
}

/** What every output of this build shares: the tool, its templates, charts and font. Computed once a build. */
export function toolFingerprint(templatesDir: string, chartsDir: string): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  hash.update(readFileSync(join(PACKAGE_ROOT, 'package.json')));
  // The code itself (dist/, or src/ under the tests): a fix that changes what is printed rebuilds, version bumped or not.
  hashTree(hash, dirname(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(join(dirname(require.resolve('@fontsource/atkinson-hyperlegible')), 'files', 'atkinson-hyperlegible-latin-400-normal.woff2')));
  hashTree(hash, templatesDir);
  hashTree(hash, chartsDir);
  return hash.digest('hex');
}

/**
 * The inputs of an authority-year's outputs, read as bytes (so an unchanged dataset need not be
 * parsed): its year file and every earlier one, authority.yaml, and the logos and images beside it.
 */
export function inputFingerprint(tool: string, folder: string, year: string, options: Record<string, unknown>): string {
  const hash = createHash('sha256').update(tool).update(JSON.stringify(options));
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile()) continue;
    const yearFile = /^(\d{4}-\d{2})\.ya?ml$/.exec(name);
    if (yearFile && yearFile[1]! > year) continue;
    hash.update(name).update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * The documents a year file will produce, read from its top-level keys without parsing it. A
 * wrong guess only costs a rebuild: a dataset with any output out of date is planned in full.
 */
export function documentsIn(text: string): string[] {
  return [
    ...(/^covering_report:/m.test(text) ? ['covering-report'] : []),
    'annual-report',
    ...(/^statement_of_purpose:/m.test(text) ? ['statement-of-purpose'] : []),
  ];
}

export function manifestPath(folder: string, document: string): string {
  return join(folder, `.${document}.build.json`);
}

export function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return typeof manifest.fingerprint === 'string' && manifest.pages && Array.isArray(manifest.files) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the output can be kept: same fingerprint, and every file it wrote still there. */
export function upToDate(manifest: Manifest | undefined, fingerprint: string, files: readonly string[]): boolean {
  return manifest !== undefined && manifest.fingerprint === fingerprint && files.every((f) => manifest.files.includes(f) && existsSync(f));
}
