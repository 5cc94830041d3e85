/**
 * A year's figures, from records where the dataset has them and as typed otherwise; never both
 * silently. Where a figure is both typed and computed, or a breakdown does not add up to its
 * total, the problem names both values and both places (a warning; an error under --strict).
 * Records are checked first: dates out of order, or after the year, are errors at their line.
 */
import type { Problem, Severity } from '../errors.js';
import type { FiscalYear } from '../ids.js';
import { MEASURES, PROVISION_TYPES, findMeasure, type Measure } from '../metrics/catalogue.js';
import { formatValue, roundFor } from '../metrics/format.js';
import {
  adopterCountsFromRecords,
  adopterTimelinessFromRecords,
  childCountsFromRecords,
  householdsPlaced,
  scorecardFromRecords,
  type AdopterRecord,
  type ChildRecord,
} from '../metrics/records.js';
import { ADOPTER_DATES, CHILD_DATES, type YearInput } from './schema.js';
import { locate, problemAt, type DataPath, type SourceFile } from './yaml.js';

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
  const problems = checkRecords(data, year, source);
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
          `${m.label}: the dataset gives ${formatValue(m.unit, given.value)} here, but its ${computed.path[0]} (line ${where?.line}) give ${formatValue(m.unit, computed.value)}; the records' figure is used`,
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
      `placements by provision type add up to ${sum}, but children placed is ${placed.value} (line ${locate(source, placed.path).position?.line}); they should agree`,
      {
        dataPath: first.path.slice(0, 1),
        severity,
      },
    ),
  ];
}

/** Dates out of order or after the year, duplicate references, statuses their dates contradict. */
function checkRecords(data: YearInput, year: FiscalYear, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: DataPath, message: string, severity: Severity = 'error') =>
    problems.push(problemAt(source, locate(source, path).position, message, { dataPath: path, severity }));
  const label: Record<string, string> = {
    entered_care: 'entering care',
    best_interest_decision: 'the best interest decision',
    placement_order: 'the placement order',
    matched: 'the match',
    placed: 'moving in',
    adoption_order: 'the adoption order',
    enquiry: 'the enquiry',
    initial_visit: 'the initial visit',
    stage1_start: 'stage 1 starting',
    stage1_end: 'stage 1 ending',
    stage2_start: 'stage 2 starting',
    approval: 'approval',
    match: 'the match',
    placement: 'the placement',
  };
  const checkDates = (group: string, index: number, record: Record<string, unknown>, order: readonly string[], exempt: (a: string, b: string) => boolean) => {
    const dated = order.filter((key) => typeof record[key] === 'string');
    for (const key of dated) {
      if ((record[key] as string) > year.end)
        at([group, index, key], `expected a date by the end of ${year.label} (${year.end}), found ${record[key] as string}`);
    }
    for (let i = 0; i < dated.length; i++) {
      for (let j = i + 1; j < dated.length; j++) {
        const [a, b] = [dated[i]!, dated[j]!];
        if ((record[b] as string) < (record[a] as string) && !exempt(a, b)) {
          at([group, index, b], `expected ${label[b]} on or after ${label[a]} (${record[a] as string}), found ${record[b] as string}`);
        }
      }
    }
  };
  const duplicates = (group: string, records: readonly { ref: string }[]) => {
    const seen = new Map<string, number>();
    records.forEach((r, i) => {
      if (seen.has(r.ref)) at([group, i, 'ref'], `expected each reference once, found ${r.ref} again (first at record ${seen.get(r.ref)! + 1})`);
      else seen.set(r.ref, i);
    });
  };
  const children: readonly ChildRecord[] = data.children_records ?? [];
  duplicates('children_records', children);
  children.forEach((c, i) => {
    // A child can be matched before the placement order (A2 then counts 0), and a decision can precede entering care.
    checkDates(
      'children_records',
      i,
      c,
      CHILD_DATES,
      (a, b) =>
        (a === 'placement_order' && b === 'matched') ||
        (a === 'entered_care' && b === 'best_interest_decision') ||
        (a === 'best_interest_decision' && b === 'entered_care'),
    );
    if (c.status === 'adopted' && !c.adoption_order)
      at(['children_records', i, 'status'], 'expected an adoption_order date for a child whose status is adopted');
    if ((c.status === 'placed' || c.status === 'adopted') && !c.placed)
      at(['children_records', i, 'status'], `expected a placed date for a child whose status is ${c.status}`);
    if (c.status === 'waiting' && !c.placement_order) at(['children_records', i, 'status'], 'expected a placement_order date for a child waiting for adoption');
    if (c.foster_carer_adoption && !c.foster_placement_start)
      at(['children_records', i, 'foster_carer_adoption'], 'expected foster_placement_start for a foster-carer adoption (A10 uses it)');
    if (c.foster_placement_start && c.placed && c.foster_placement_start > c.placed)
      at(
        ['children_records', i, 'foster_placement_start'],
        `expected the foster placement to start on or before moving in (${c.placed}), found ${c.foster_placement_start}`,
      );
    if (c.placed && !c.provision)
      at(['children_records', i, 'placed'], 'a placed child needs a provision (who approved the adopters) for the placements by provision type', 'warning');
  });
  const households: readonly AdopterRecord[] = data.adopter_records ?? [];
  duplicates('adopter_records', households);
  households.forEach((h, i) => {
    checkDates('adopter_records', i, h, ADOPTER_DATES, () => false);
    if (h.fast_track && (h.stage1_start || h.stage1_end))
      at(['adopter_records', i, 'fast_track'], 'fast-track households start at stage 2; their stage 1 dates are left out of stage 1 measures', 'warning');
  });
  return problems;
}
