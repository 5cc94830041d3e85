/**
 * Reading a measure's value for each year from the datasets. A year's figure comes from that
 * year's own file; a report never holds a re-typed copy of last year's figure.
 */
import { previousFiscalYear, type FiscalYear } from '../domain/fiscal-year.js';
import type { Dataset, YearData } from './dataset.js';
import { scorecardDays, type YearInput } from '../load/schema.js';
import { findMeasure, measureKey, type Measure } from '../domain/measures.js';
import { scorecardFromRecords } from './records.js';

/** A measure of the catalogue, or one a year file names itself (the latest year that names it). */
export function measureIn(dataset: Dataset, id: string): Measure | undefined {
  return findMeasure(id) ?? [dataset.current, ...dataset.earlier].map((y) => y.own.get(id)).find(Boolean);
}

/** Why a year has no value: its dataset does not exist, or it does not give this figure. */
export type Gap = 'no dataset' | 'not given';

export interface YearValue {
  year: FiscalYear;
  value: number | undefined;
  /** Children or households a mean is over, when known. */
  base: number | null;
  gap: Gap | undefined;
}

/** The fiscal years a report shows, oldest first, ending with the dataset's own year. */
export function yearWindow(dataset: Dataset, years: number): FiscalYear[] {
  const out: FiscalYear[] = [];
  for (let back = years - 1; back >= 0; back--) out.push(previousFiscalYear(dataset.current.year, back));
  return out;
}

/** Every year the dataset has a file for, oldest first, ending with its own. */
export function yearsWithData(dataset: Dataset): FiscalYear[] {
  return [...dataset.earlier].reverse().map((y) => y.year).concat(dataset.current.year);
}

export function yearData(dataset: Dataset, year: FiscalYear): YearData | undefined {
  if (year.id === dataset.current.year.id) return dataset.current;
  return dataset.earlier.find((y) => y.year.id === year.id);
}

export function history(dataset: Dataset, m: Measure, years: readonly FiscalYear[]): YearValue[] {
  return years.map((year) => {
    const found = yearData(dataset, year);
    if (!found) return { year, value: undefined, base: null, gap: 'no dataset' };
    const figure = found.figures.get(m.id);
    return { year, value: figure?.value, base: figure?.base ?? null, gap: figure ? undefined : 'not given' };
  });
}

/** Whether any of the years gives a value for any of the measures. */
export function anyValue(dataset: Dataset, measures: readonly Measure[], years: readonly FiscalYear[]): boolean {
  return measures.some((m) => history(dataset, m, years).some((v) => v.value !== undefined));
}

/** A scorecard measure's whole entry (days, comparators, commentary) in one year's data. */
export function scorecardEntry(data: YearInput | undefined, m: Measure) {
  return scorecardDays(data, measureKey(m));
}

/**
 * Three-year figures: from the records of the three years pooled into one mean over every child
 * (a child in two years' files counted once, from the later file), or as the dataset types them
 * (`three_year_days`). Undefined when neither is there.
 */
export function threeYearFigure(dataset: Dataset, m: Measure): { value: number; base: number | null } | undefined {
  const years = [previousFiscalYear(dataset.current.year, 2), previousFiscalYear(dataset.current.year), dataset.current.year];
  const files = years.map((y) => yearData(dataset, y));
  if (files.every((f) => f?.data.children_records)) {
    const latestFirst = files.reverse().flatMap((f) => f!.data.children_records!);
    const pooled = scorecardFromRecords(latestFirst, years).get(m.id);
    if (pooled) return { value: pooled.value, base: pooled.count };
  }
  const typed = scorecardEntry(dataset.current.data, m)?.three_year_days;
  return typed === undefined ? undefined : { value: typed, base: null };
}
