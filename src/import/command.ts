/**
 * `annual-report import ssda903 <files or folders> --authority <id> --year <yyyy-yy>`: the
 * return's tables read, checked and turned into the year's child records, written to
 * `data/<authority>/<yyyy-yy>.children.yaml` beside the year file (which is never rewritten).
 * The same return gives the same file; `--dry-run` says what would change and writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { basename, join, relative, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { FileSystem } from '../effects.js';
import { errorsIn, ExitCode, formatProblems, UserError } from '../errors.js';
import type { FiscalYear } from '../domain/fiscal-year.js';
import { formatValue } from '../domain/format.js';
import { SCORECARD_MEASURES, A3 } from '../domain/measures.js';
import { childCountsFromRecords, scorecardFromRecords, type ChildRecord } from '../metrics/records.js';
import { building, ssda903 as messages } from '../messages.js';
import { childRecordsFrom, readTables, type ReturnFile } from './ssda903.js';

/** The council's pseudonymisation key: in the project's folder, never in data/ or out/. */
export const KEY_FILE = 'annual-report.key';

export interface ImportOptions {
  authority: string;
  year: FiscalYear;
  dataDir: string;
  cwd: string;
  dryRun: boolean;
}

/** Imports the return; returns what to tell the user, a line each. Throws a UserError, writing nothing, when the return has errors. */
export function importSsda903(files: FileSystem, inputs: readonly string[], options: ImportOptions): string[] {
  const lines: string[] = [];
  const shown = (path: string) => relative(options.cwd, path) || path;
  const paths = inputs.flatMap((input) => {
    const path = resolve(options.cwd, input);
    if (files.kind(path) === 'directory')
      return files
        .list(path)
        .filter((e) => e.kind === 'file' && /\.csv$/i.test(e.name))
        .map((e) => join(path, e.name));
    if (files.kind(path) === 'file') return [path];
    throw new UserError(messages.noInput(input), { exitCode: ExitCode.invalidInput });
  });
  const folder = join(options.dataDir, options.authority);
  if (files.kind(folder) !== 'directory') throw new UserError(messages.noAuthority(shown(folder), options.authority), { exitCode: ExitCode.invalidInput });

  const keyPath = join(options.cwd, KEY_FILE);
  let key = files.kind(keyPath) === 'file' ? files.readText(keyPath).trim() : undefined;
  if (!key && !options.dryRun) {
    key = randomBytes(32).toString('hex');
    files.write(keyPath, `${key}\n`);
    lines.push(messages.keyCreated(shown(keyPath)));
  }

  const returnFiles: ReturnFile[] = paths.map((path) => ({ path: shown(path), text: files.readText(path) }));
  const { tables, problems } = readTables(returnFiles);
  const imported = errorsIn(problems).length > 0 ? undefined : childRecordsFrom(tables, options.year, key ?? 'a key made by the first import');
  const all = [...problems, ...(imported?.problems ?? [])];
  if (!imported || errorsIn(all).length > 0)
    throw new UserError(`${building.problemsFound(formatProblems(all), errorsIn(all).length)}\n${messages.nothingWritten()}`, { exitCode: ExitCode.invalidInput, problems: all });
  lines.push(...all.map((p) => formatProblems([p])));

  const target = join(folder, `${options.year.id}.children.yaml`);
  const text = recordsFileText(imported.records, options.year, returnFiles.map((f) => basename(f.path)));
  const before = files.kind(target) === 'file' ? files.readText(target) : undefined;
  lines.push(...summary(imported.records, imported.childrenRead, options.year, typedScorecard(files, join(folder, `${options.year.id}.yaml`))));
  if (before === text) lines.push(messages.unchanged(shown(target)));
  else if (options.dryRun) lines.push(messages.wouldWrite(shown(target), changes(before, imported.records)));
  else {
    files.write(target, text);
    lines.push(messages.wrote(shown(target), imported.records.length));
  }
  return lines;
}

/** The records file: a note on where it came from, then the records, in the order of their references. */
function recordsFileText(records: readonly ChildRecord[], year: FiscalYear, from: readonly string[]): string {
  const note = [
    '# yaml-language-server: $schema=../../schema/children.schema.json',
    `# Child records for ${year.label}, written by \`annual-report import ssda903\` from the SSDA903 return`,
    `# (${from.join(', ')}). Do not edit: correct the return and import again. References are keyed`,
    '# hashes of the return\'s child IDs; only the council\'s key (annual-report.key) links them back.',
  ];
  return `${note.join('\n')}\n${stringify({ year: year.id, children_records: records }, { lineWidth: 100 })}`;
}

/** What the import found, and the scorecard computed from it beside any figure the year file types. */
function summary(records: readonly ChildRecord[], read: number, year: FiscalYear, typed: Map<string, number>): string[] {
  const counts = childCountsFromRecords(records, year);
  const scorecard = scorecardFromRecords(records, [year]);
  const adopted = records.filter((r) => r.adoption_order && r.adoption_order >= year.start && r.adoption_order <= year.end).length;
  const lines = [
    messages.read(read, records.length, year.label),
    messages.counts({
      adopted,
      placed: counts.get('children.placed')!,
      orders: counts.get('children.placement_orders')!,
      decisions: counts.get('children.best_interest_decisions')!,
      waiting: counts.get('children.waiting')!,
    }),
  ];
  for (const m of [...SCORECARD_MEASURES.filter((x) => ['scorecard.a1', 'scorecard.a10', 'scorecard.a2', 'scorecard.a20'].includes(x.id)), A3]) {
    const figure = scorecard.get(m.id);
    const typedValue = typed.get(m.id);
    lines.push(
      messages.measure(
        m.code ?? m.shortLabel,
        figure ? `${formatValue(m.unit, figure.value)} over ${figure.count} ${figure.count === 1 ? 'child' : 'children'}` : 'none (no child in its cohort)',
        typedValue === undefined ? undefined : formatValue(m.unit, typedValue),
      ),
    );
  }
  return lines;
}

/** The scorecard days the year file types, to show beside the computed ones. */
function typedScorecard(files: FileSystem, yearFile: string): Map<string, number> {
  const out = new Map<string, number>();
  if (files.kind(yearFile) !== 'file') return out;
  try {
    const data = parse(files.readText(yearFile)) as { scorecard?: Record<string, { days?: unknown; percent?: unknown }> } | null;
    for (const [key, entry] of Object.entries(data?.scorecard ?? {})) {
      const value = entry?.days ?? entry?.percent;
      if (typeof value === 'number') out.set(`scorecard.${key}`, value);
    }
  } catch {
    // A year file that does not parse says so when it is validated; the summary does without it.
  }
  return out;
}

function changes(before: string | undefined, records: readonly ChildRecord[]): { added: number; removed: number; changed: number } {
  const old = new Map<string, string>();
  if (before) for (const r of (parse(before) as { children_records?: ChildRecord[] })?.children_records ?? []) old.set(r.ref, JSON.stringify(r));
  const now = new Map(records.map((r) => [r.ref, JSON.stringify(r)]));
  return {
    added: [...now.keys()].filter((k) => !old.has(k)).length,
    removed: [...old.keys()].filter((k) => !now.has(k)).length,
    changed: [...now].filter(([k, v]) => old.has(k) && old.get(k) !== v).length,
  };
}
