/** The `new` command's files: written only where nothing is, so an author's work is never replaced. */
import { join, relative } from 'node:path';
import type { FileSystem } from './effects.js';
import { ExitCode, UserError } from './errors.js';
import { parseFiscalYear, YEAR_FILE, type FiscalYear } from './domain/fiscal-year.js';
import { AGENCY_FILE } from './load/load.js';
import { firstAgencyYear, firstAuthorityTemplate, firstYearTemplate, nextAgencyYear, nextYearDataset } from './scaffold.js';
import { scaffolding as messages } from './messages.js';

function writeNew(files: FileSystem, path: string, text: string, cwd: string): void {
  if (!files.create(path, text))
    throw new UserError(messages.exists(relative(cwd, path)), { exitCode: ExitCode.invalidInput });
}

/** Returns what it did, a line each. */
export function startDataset(files: FileSystem, dataDir: string, authority: string, year: FiscalYear, cwd: string): string[] {
  const folder = join(dataDir, authority);
  const target = join(folder, `${year.id}.yaml`);
  if (files.kind(target) !== 'missing')
    throw new UserError(messages.exists(relative(cwd, target)), { exitCode: ExitCode.invalidInput });
  files.makeFolder(folder);
  const earlier = files
    .list(folder)
    .map(({ name }) => YEAR_FILE.exec(name))
    .map((m) => (m ? { name: m[0], year: parseFiscalYear(m[1]!) } : undefined))
    .filter((y): y is { name: string; year: FiscalYear } => y?.year !== undefined && y.year.startYear < year.startYear)
    .sort((a, b) => b.year.startYear - a.year.startYear);
  const lines: string[] = [];
  // The project's schema folder (annual-report init puts it beside data/), from the new file's folder.
  const schemaDir = relative(folder, join(cwd, 'schema'));
  const latest = earlier[0];
  // A regional adoption agency's folder gets an agency's year file.
  if (files.kind(join(folder, AGENCY_FILE)) === 'file') {
    writeNew(files, target, latest ? nextAgencyYear(files.readText(join(folder, latest.name)), latest.year, year, schemaDir) : firstAgencyYear(year, schemaDir), cwd);
    lines.push(latest ? messages.wroteNextYear(relative(cwd, target), latest.name) : messages.wroteTemplate(relative(cwd, target)));
  } else if (latest) {
    writeNew(files, target, nextYearDataset(files.readText(join(folder, latest.name)), latest.year, year, schemaDir), cwd);
    lines.push(messages.wroteNextYear(relative(cwd, target), latest.name));
  } else {
    const authorityFile = join(folder, 'authority.yaml');
    if (files.kind(authorityFile) === 'missing') {
      const name = authority
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' ');
      writeNew(files, authorityFile, firstAuthorityTemplate(name, schemaDir), cwd);
      lines.push(messages.wroteAuthority(relative(cwd, authorityFile)));
    }
    writeNew(files, target, firstYearTemplate(year, schemaDir), cwd);
    lines.push(messages.wroteTemplate(relative(cwd, target)));
  }
  lines.push(messages.then(relative(cwd, target)));
  return lines;
}
