/** The `new` command's files: written only where nothing is, so an author's work is never replaced. */
import { join, relative } from 'node:path';
import type { FileSystem } from './effects.js';
import { ExitCode, UserError } from './errors.js';
import { parseFiscalYear, YEAR_FILE, type FiscalYear } from './domain/fiscal-year.js';
import { firstAuthorityTemplate, firstYearTemplate, nextYearDataset } from './scaffold.js';

function writeNew(files: FileSystem, path: string, text: string, cwd: string): void {
  if (!files.create(path, text))
    throw new UserError(`${relative(cwd, path)} already exists; \`annual-report new\` never overwrites a file`, { exitCode: ExitCode.invalidInput });
}

/** Returns what it did, a line each. */
export function startDataset(files: FileSystem, dataDir: string, authority: string, year: FiscalYear, cwd: string): string[] {
  const folder = join(dataDir, authority);
  const target = join(folder, `${year.id}.yaml`);
  if (files.kind(target) !== 'missing')
    throw new UserError(`${relative(cwd, target)} already exists; \`annual-report new\` never overwrites a file`, { exitCode: ExitCode.invalidInput });
  files.makeFolder(folder);
  const earlier = files
    .list(folder)
    .map(({ name }) => YEAR_FILE.exec(name))
    .map((m) => (m ? { name: m[0], year: parseFiscalYear(m[1]!) } : undefined))
    .filter((y): y is { name: string; year: FiscalYear } => y?.year !== undefined && y.year.startYear < year.startYear)
    .sort((a, b) => b.year.startYear - a.year.startYear);
  const lines: string[] = [];
  const latest = earlier[0];
  if (latest) {
    writeNew(files, target, nextYearDataset(files.readText(join(folder, latest.name)), latest.year, year), cwd);
    lines.push(
      `wrote ${relative(cwd, target)} from ${latest.name}: fill in the figures marked "fill in", write the sections marked "To write", review the rest`,
    );
  } else {
    const authorityFile = join(folder, 'authority.yaml');
    if (files.kind(authorityFile) === 'missing') {
      const name = authority
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' ');
      writeNew(files, authorityFile, firstAuthorityTemplate(name), cwd);
      lines.push(`wrote ${relative(cwd, authorityFile)}: check the names and fill in the contact`);
    }
    writeNew(files, target, firstYearTemplate(year), cwd);
    lines.push(`wrote ${relative(cwd, target)}: a template with every section; fill it in`);
  }
  lines.push(`then: annual-report validate ${relative(cwd, target)}`);
  return lines;
}
