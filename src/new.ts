/** The `new` command's files: written only where nothing is, so an author's work is never replaced. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ExitCode, UserError } from './errors.js';
import { parseFiscalYear, type FiscalYear } from './ids.js';
import { firstAuthorityTemplate, firstYearTemplate, nextYearDataset } from './scaffold.js';

function writeNew(path: string, text: string, cwd: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UserError(`${relative(cwd, path)} already exists; \`annual-report new\` never overwrites a file`, { exitCode: ExitCode.invalidInput });
    throw error;
  }
}

/** Returns what it did, a line each. */
export function startDataset(dataDir: string, authority: string, year: FiscalYear, cwd: string): string[] {
  const folder = join(dataDir, authority);
  const target = join(folder, `${year.id}.yaml`);
  if (existsSync(target))
    throw new UserError(`${relative(cwd, target)} already exists; \`annual-report new\` never overwrites a file`, { exitCode: ExitCode.invalidInput });
  mkdirSync(folder, { recursive: true });
  const earlier = readdirSync(folder)
    .map((name) => /^(\d{4}-\d{2})\.ya?ml$/.exec(name))
    .map((m) => (m ? { name: m[0], year: parseFiscalYear(m[1]!) } : undefined))
    .filter((y): y is { name: string; year: FiscalYear } => y?.year !== undefined && y.year.startYear < year.startYear)
    .sort((a, b) => b.year.startYear - a.year.startYear);
  const lines: string[] = [];
  const latest = earlier[0];
  if (latest) {
    writeNew(target, nextYearDataset(readFileSync(join(folder, latest.name), 'utf8'), latest.year, year), cwd);
    lines.push(
      `wrote ${relative(cwd, target)} from ${latest.name}: fill in the figures marked "fill in", write the sections marked "To write", review the rest`,
    );
  } else {
    const authorityFile = join(folder, 'authority.yaml');
    if (!existsSync(authorityFile)) {
      const name = authority
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' ');
      writeNew(authorityFile, firstAuthorityTemplate(name), cwd);
      lines.push(`wrote ${relative(cwd, authorityFile)}: check the names and fill in the contact`);
    }
    writeNew(target, firstYearTemplate(year), cwd);
    lines.push(`wrote ${relative(cwd, target)}: a template with every section; fill it in`);
  }
  lines.push(`then: annual-report validate ${relative(cwd, target)}`);
  return lines;
}
