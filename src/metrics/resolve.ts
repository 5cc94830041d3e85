/**
 * A year's figures, from records where the dataset has them and as typed otherwise; never both
 * silently. Where a figure is both typed and computed the problem names both values and both
 * places (a warning; an error under --strict). The figures the year file names itself (its
 * `figures:`, complaint subjects, cohorts) get measures of their own here.
 * (The records themselves were checked by load: dates in order, references unique.)
 */
import type { Problem, Severity } from '../errors.js';
import type { FiscalYear } from '../domain/fiscal-year.js';
import { BREAKDOWNS, MEASURES, SCORECARD_SHARES, findMeasure, measureKey, type Direction, type Measure, type Unit } from '../domain/measures.js';
import { formatValue, roundFor } from '../domain/format.js';
import {
  adopterCountsFromRecords,
  adopterTimelinessFromRecords,
  breakdownsFromRecords,
  childCountsFromRecords,
  householdsPlaced,
  scorecardFromRecords,
} from './records.js';
import { scorecardDays, scorecardShare, type YearInput } from '../load/schema.js';
import { locate, problemAt, type DataPath, type SourceFile } from '../load/yaml.js';
import { figures as messages } from '../messages.js';

export interface Figure {
  value: number;
  /** Children or households a mean or share is over, when known: disclosure control needs it. */
  base: number | null;
  /** Where it came from, for messages. */
  path: DataPath;
  from: 'records' | 'dataset';
}

export type Figures = ReadonlyMap<string, Figure>;

/** What the figures the year file names itself measure: `figures.<name>`, `complaints.by_subject.<subject>`, `cohorts.<n>.…`. */
export type OwnMeasures = ReadonlyMap<string, Measure & { counts: 'children' | 'families' | 'none' }>;

/** The path in the dataset where a measure is typed. */
export function typedPath(m: Measure): DataPath {
  const parts = m.id.split('.');
  if (parts[0] === 'scorecard') return ['scorecard', parts[1]!, SCORECARD_SHARES.includes(m) ? 'children' : 'days'];
  return parts;
}

const humanise = (key: string) => {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Measures for the figures a year file names itself. */
export function ownMeasures(data: YearInput): OwnMeasures {
  const out = new Map<string, Measure & { counts: 'children' | 'families' | 'none' }>();
  const add = (id: string, label: string, unit: Unit, direction: Direction, counts: 'children' | 'families' | 'none', definition: string, shortLabel = label) =>
    out.set(id, { id, label, shortLabel, unit, direction, definition, counts });
  for (const [key, f] of Object.entries(data.figures ?? {}))
    add(`figures.${key}`, f.label, f.unit ?? 'count', f.better ?? 'neutral', f.counts ?? 'none', `${f.label}, as the dataset names it.`);
  for (const subject of Object.keys(data.complaints?.by_subject ?? {}))
    add(`complaints.by_subject.${subject}`, `Complaints: ${humanise(subject).toLowerCase()}`, 'count', 'neutral', 'none', 'Complaints received in the year about this subject.');
  (data.cohorts ?? []).forEach((cohort, i) => {
    add(`cohorts.${i}.total`, cohort.label, 'count', 'neutral', 'children', `${cohort.label}: how many children.`, 'The cohort');
    cohort.parts.forEach((part, j) =>
      add(`cohorts.${i}.${j}`, `${cohort.label}: ${part.label}`, 'count', 'neutral', 'children', `${cohort.label}: ${part.label}.`, part.label),
    );
  });
  return out;
}

const percentOf = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

function typedFigures(data: YearInput, own: OwnMeasures): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const typed = (id: string, value: number, path: DataPath, base: number | null = null) => out.set(id, { value, base, path, from: 'dataset' });
  const raw = data as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const m of MEASURES) {
    const [group, key] = m.id.split('.') as [string, string];
    if (group === 'scorecard') {
      if (SCORECARD_SHARES.includes(m)) {
        const share = scorecardShare(data, key as 'a3' | 'a5');
        const count = share && ('within' in share ? share.within : 'changed' in share ? share.changed : undefined);
        if (share?.children !== undefined && count !== undefined) typed(m.id, percentOf(count, share.children), typedPath(m), share.children);
        else if (share?.percent !== undefined) typed(m.id, share.percent, [...typedPath(m).slice(0, 2), 'percent'], share.children ?? null);
        continue;
      }
      const entry = scorecardDays(data, key);
      if (entry?.days !== undefined) typed(m.id, entry.days, typedPath(m), entry.children ?? null);
    } else if (typeof raw[group]?.[key] === 'number') {
      typed(m.id, raw[group]![key] as number, typedPath(m), group === 'adopter_timeliness' ? (data.adopter_timeliness?.households ?? null) : null);
    }
  }
  for (const b of BREAKDOWNS) {
    const given = (raw[b.group]?.[b.key] ?? {}) as Record<string, number | undefined>;
    for (const m of b.measures) {
      const value = given[measureKey(m)];
      if (value !== undefined) typed(m.id, value, typedPath(m));
    }
  }
  for (const [key, f] of Object.entries(data.figures ?? {})) typed(`figures.${key}`, f.value, ['figures', key, 'value']);
  for (const [subject, count] of Object.entries(data.complaints?.by_subject ?? {})) typed(`complaints.by_subject.${subject}`, count, ['complaints', 'by_subject', subject]);
  (data.cohorts ?? []).forEach((cohort, i) => {
    typed(`cohorts.${i}.total`, cohort.total, ['cohorts', i, 'total']);
    cohort.parts.forEach((part, j) => typed(`cohorts.${i}.${j}`, part.count, ['cohorts', i, 'parts', j, 'count']));
  });
  for (const id of out.keys()) if (!findMeasure(id) && !own.has(id)) throw new Error(`no measure for the figure ${id}`);
  return out;
}

function computedFigures(data: YearInput, year: FiscalYear): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const children = data.children_records;
  if (children) {
    const path: DataPath = ['children_records'];
    for (const [id, mean] of scorecardFromRecords(children, [year])) out.set(id, { value: mean.value, base: mean.count, path, from: 'records' });
    for (const [id, count] of [...childCountsFromRecords(children, year), ...breakdownsFromRecords(children, year)])
      out.set(id, { value: count, base: null, path, from: 'records' });
  }
  const households = data.adopter_records;
  if (households) {
    const path: DataPath = ['adopter_records'];
    const base = householdsPlaced(households, year);
    for (const [id, mean] of adopterTimelinessFromRecords(households, year)) out.set(id, { value: mean.value, base: mean.count, path, from: 'records' });
    for (const [id, count] of adopterCountsFromRecords(households, year)) out.set(id, { value: count, base: null, path, from: 'records' });
    if (base > 0) out.set('adopter_timeliness.households', { value: base, base: null, path, from: 'records' });
  }
  return out;
}

export function resolveFigures(
  data: YearInput,
  year: FiscalYear,
  source: SourceFile,
  options: { strict: boolean },
): { figures: Figures; own: OwnMeasures; problems: Problem[] } {
  const problems: Problem[] = [];
  const severity: Severity = options.strict ? 'error' : 'warning';
  const own = ownMeasures(data);
  const typed = typedFigures(data, own);
  const figures = new Map(typed);
  for (const [id, computed] of computedFigures(data, year)) {
    const given = typed.get(id);
    const m = findMeasure(id);
    if (given && m && roundFor(m.unit, given.value) !== roundFor(m.unit, computed.value)) {
      const where = locate(source, computed.path).position;
      problems.push(
        problemAt(
          source,
          locate(source, given.path).position,
          messages.typedDisagreesWithRecords(m.label, formatValue(m.unit, given.value), String(computed.path[0]), where?.line, formatValue(m.unit, computed.value)),
          { dataPath: given.path, severity },
        ),
      );
    }
    figures.set(id, computed);
  }
  return { figures, own, problems };
}
