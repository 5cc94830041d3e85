/**
 * A year's figures, from records where the dataset has them and as typed otherwise; never both
 * silently. Where a figure is both typed and computed, or a breakdown does not add up to its
 * total, the problem names both values and both places (a warning; an error under --strict).
 * (The records themselves were checked by load: dates in order, references unique.)
 */
import type { Problem, Severity } from '../errors.js';
import type { FiscalYear } from '../domain/fiscal-year.js';
import { MEASURES, PROVISION_TYPES, findMeasure, type Measure } from '../domain/measures.js';
import { formatValue, roundFor } from '../domain/format.js';
import {
  adopterCountsFromRecords,
  adopterTimelinessFromRecords,
  childCountsFromRecords,
  householdsPlaced,
  scorecardFromRecords,
} from './records.js';
import type { YearInput } from '../load/schema.js';
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

/** The path in the dataset where a measure is typed. */
export function typedPath(m: Measure): DataPath {
  const [group, key] = m.id.split('.') as [string, string];
  return group === 'scorecard' ? ['scorecard', key, 'days'] : [group, key];
}

function typedFigures(data: YearInput): Map<string, Figure> {
  const out = new Map<string, Figure>();
  for (const m of MEASURES) {
    const [group, key] = m.id.split('.') as [string, string];
    const groupData = (data as unknown as Record<string, Record<string, unknown> | undefined>)[group];
    if (group === 'scorecard') {
      const entry = data.scorecard?.[key];
      if (entry?.days !== undefined) out.set(m.id, { value: entry.days, base: entry.children ?? null, path: typedPath(m), from: 'dataset' });
    } else if (typeof groupData?.[key] === 'number') {
      const base = group === 'adopter_timeliness' ? (data.adopter_timeliness?.households ?? null) : null;
      out.set(m.id, { value: groupData[key] as number, base, path: typedPath(m), from: 'dataset' });
    }
  }
  return out;
}

function computedFigures(data: YearInput, year: FiscalYear): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const children = data.children_records;
  if (children) {
    const path: DataPath = ['children_records'];
    for (const [id, mean] of scorecardFromRecords(children, [year])) out.set(id, { value: mean.value, base: mean.count, path, from: 'records' });
    for (const [id, count] of childCountsFromRecords(children, year)) out.set(id, { value: count, base: null, path, from: 'records' });
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

export function resolveFigures(data: YearInput, year: FiscalYear, source: SourceFile, options: { strict: boolean }): { figures: Figures; problems: Problem[] } {
  const problems: Problem[] = [];
  const severity: Severity = options.strict ? 'error' : 'warning';
  const typed = typedFigures(data);
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
  problems.push(...checkBreakdowns(figures, source, severity));
  return { figures, problems };
}

/** Parts that do not add up to their stated total. */
function checkBreakdowns(figures: Figures, source: SourceFile, severity: Severity): Problem[] {
  const placed = figures.get('children.placed');
  const parts = PROVISION_TYPES.map((m) => figures.get(m.id));
  if (!placed || parts.every((p) => p === undefined)) return [];
  const sum = parts.reduce((total, p) => total + (p?.value ?? 0), 0);
  if (sum === placed.value) return [];
  const first = parts.find(Boolean)!;
  const partsWhere = locate(source, first.path.length > 1 ? first.path.slice(0, 1) : first.path).position;
  return [
    problemAt(
      source,
      partsWhere,
      messages.partsDoNotAddUp(sum, placed.value, locate(source, placed.path).position?.line),
      {
        dataPath: first.path.slice(0, 1),
        severity,
      },
    ),
  ];
}

