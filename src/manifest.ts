/**
 * Incremental builds. Each output records a fingerprint of everything it was built from (its
 * datasets, authority.yaml and the files beside it, templates, chart specs, styles, the font, the
 * tool's version and code, and the options that change the output) and the page numbers its last
 * print read back. An output whose fingerprint is unchanged is skipped; a changed one starts from
 * the recorded page numbers, so its contents usually settle in one print instead of two.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join, relative, sep } from 'node:path';
import { agencySlug } from './domain/text.js';
import type { BuildConfig } from './config.js';
import { PACKAGE_ROOT } from './config.js';
import type { FileSystem } from './effects.js';
import { YEAR_FILE } from './domain/fiscal-year.js';
import { AGENCY_FILE } from './load/load.js';

export interface Manifest {
  fingerprint: string;
  /** Page of each element id in the last PDF. */
  pages: Record<string, number>;
  /** The files the output wrote, relative to the manifest's folder: an out/ folder can be moved or cached elsewhere. */
  files: string[];
}

function hashTree(files: FileSystem, hash: ReturnType<typeof createHash>, folder: string): void {
  for (const entry of files.list(folder)) {
    const path = join(folder, entry.name);
    if (entry.kind === 'directory') hashTree(files, hash, path);
    else if (entry.kind === 'file') hash.update(entry.name).update(files.read(path));
  }
}

/** What every output of this build shares: the tool, its templates, charts and font. Computed once a build. */
export function toolFingerprint(
  files: FileSystem,
  config: Pick<BuildConfig, 'templatesDir' | 'chartsDir' | 'fontsDir' | 'codeDir' | 'ownTemplatesDir' | 'ownStylesheet' | 'ownWordStyles'>,
): string {
  const hash = createHash('sha256');
  hash.update(files.read(join(PACKAGE_ROOT, 'package.json')));
  // The code itself (dist/, or src/ under the tests): a fix that changes what is printed rebuilds, version bumped or not.
  hashTree(files, hash, config.codeDir);
  hash.update(files.read(join(config.fontsDir, 'atkinson-hyperlegible-latin-400-normal.woff2')));
  hashTree(files, hash, config.templatesDir);
  hashTree(files, hash, config.chartsDir);
  // The council's own look, from its project file.
  if (config.ownTemplatesDir && files.kind(config.ownTemplatesDir) === 'directory') hashTree(files, hash, config.ownTemplatesDir);
  for (const own of [config.ownStylesheet, config.ownWordStyles]) if (own && files.kind(own) === 'file') hash.update(files.read(own));
  return hash.digest('hex');
}

/**
 * The inputs of an authority-year's outputs, read as bytes (so an unchanged dataset need not be
 * parsed): its year file and every earlier one, authority.yaml, and the logos and images beside it.
 */
export function inputFingerprint(files: FileSystem, tool: string, folder: string, year: string, options: Record<string, unknown>): string {
  const hash = createHash('sha256').update(tool).update(JSON.stringify(options));
  // What a public document hides depends on its regional partners' figures too (the disclosure audit).
  // And a partner's report prints its agency's section of the year (the agency's year file of that year only).
  for (const source of [folder, ...regionPartnerFolders(files, folder)]) {
    hash.update(basename(source));
    const anotherAgency = source !== folder && files.kind(join(source, AGENCY_FILE)) === 'file';
    // Only the annual report (alone or in the pack) prints the agency's section.
    if (anotherAgency && !['annual-report', 'committee-pack'].includes(String(options.document))) continue;
    for (const { name, kind } of files.list(source)) {
      if (kind !== 'file') continue;
      const yearFile = YEAR_FILE.exec(name);
      if (yearFile && (anotherAgency ? yearFile[1]! !== year : yearFile[1]! > year)) continue;
      hash.update(name).update(files.read(join(source, name)));
    }
  }
  return hash.digest('hex');
}

/** A top-level text field of a YAML file, read from its text without parsing it. */
const fieldIn = (text: string, key: string) => new RegExp(`^${key}:[ \\t]*["']?([^"'#\\n]*?)["']?[ \\t]*(?:#.*)?$`, 'm').exec(text)?.[1] || undefined;

/** The names of the agency an authority.yaml names (read from its text, as slugs), or an agency's own names; none if neither. */
function agencyIn(files: FileSystem, folder: string): string[] {
  const namesOf = (agencyFolder: string) => {
    const text = files.readText(join(agencyFolder, AGENCY_FILE));
    return [basename(agencyFolder), ...[fieldIn(text, 'name'), fieldIn(text, 'short_name')].filter((n): n is string => n !== undefined).map(agencySlug)];
  };
  if (files.kind(join(folder, AGENCY_FILE)) === 'file') return namesOf(folder);
  const path = join(folder, 'authority.yaml');
  if (files.kind(path) !== 'file') return [];
  const named = fieldIn(files.readText(path), 'regional_agency');
  if (!named) return [];
  // Partners may name their agency differently (its name, short name or folder): all its names, when it has a folder.
  const parent = dirname(folder);
  const agency = files
    .list(parent)
    .filter((e) => e.kind === 'directory' && files.kind(join(parent, e.name, AGENCY_FILE)) === 'file')
    .map((e) => namesOf(join(parent, e.name)))
    .find((names) => names.includes(agencySlug(named)));
  return agency ?? [agencySlug(named)];
}

/** Folders beside an authority's (or an agency's) whose authority.yaml names the same regional agency, and that agency's own. */
function regionPartnerFolders(files: FileSystem, folder: string): string[] {
  const agency = agencyIn(files, folder);
  if (agency.length === 0) return [];
  const parent = dirname(folder);
  return files
    .list(parent)
    .filter((e) => e.kind === 'directory' && !e.name.startsWith('.') && join(parent, e.name) !== folder)
    .map((e) => join(parent, e.name))
    // Only folders inside the data folder, as the loader reads them.
    .filter((sibling) => files.realPath(sibling).startsWith(`${files.realPath(parent)}${sep}`) && agencyIn(files, sibling).some((name) => agency.includes(name)));
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

export function readManifest(files: FileSystem, path: string): Manifest | undefined {
  if (files.kind(path) !== 'file') return undefined;
  try {
    const manifest = JSON.parse(files.readText(path)) as Manifest;
    return typeof manifest.fingerprint === 'string' && manifest.pages && Array.isArray(manifest.files) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the output can be kept: same fingerprint, and every file it wrote still there. */
export function upToDate(files: FileSystem, manifest: Manifest | undefined, fingerprint: string, folder: string, outputs: readonly string[]): boolean {
  return (
    manifest !== undefined &&
    manifest.fingerprint === fingerprint &&
    outputs.every((f) => manifest.files.includes(relative(folder, f)) && files.kind(f) === 'file')
  );
}
