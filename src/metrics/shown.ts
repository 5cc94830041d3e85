/**
 * Figures as a document may show them: each value with whether disclosure control hides it, for
 * itself (a small count, a mean over few children) or for others (decided once per
 * authority-year in dataset.ts); and the changes between shown figures, none across a hidden one.
 */
import type { FiscalYear } from '../domain/fiscal-year.js';
import { PROVISION_TYPES, type Measure } from '../domain/measures.js';
import { yearOnYearChange, type Change } from './change.js';
import type { Dataset } from './dataset.js';
import { isSuppressed, suppressShare, type DisclosurePolicy } from './disclosure.js';
import { history, threeYearFigure, yearData, type YearValue } from './history.js';
import { previousFiscalYear } from '../domain/fiscal-year.js';

/** A figure as a document may show it: its value, or why it is not shown. */
export interface Shown extends YearValue {
  suppressed: boolean;
}

/** The key in `hiddenForOthers` that hides the within-region share. */
export const WITHIN_REGION = 'within-region-share';

/** Whether a public document hides a figure of a year so that it cannot give another away. */
export function hiddenForOthersIn(dataset: Dataset, year: FiscalYear, key: string, policy: DisclosurePolicy): boolean {
  if (policy.audience !== 'public' || policy.threshold === 0) return false;
  return yearData(dataset, year)?.hiddenForOthers.has(key) === true;
}

/** Rows of measures by columns of years, each figure hidden for itself or for others. */
export function shownFigures(dataset: Dataset, measures: readonly Measure[], years: readonly FiscalYear[], policy: DisclosurePolicy): Shown[][] {
  return measures.map((m) =>
    history(dataset, m, years).map((v): Shown => ({
      ...v,
      suppressed: v.value !== undefined && (isSuppressed(m, v.value, v.base, policy) || hiddenForOthersIn(dataset, v.year, m.id, policy)),
    })),
  );
}

/**
 * The three-year figure as a document may show it: hidden for itself (a mean over few children)
 * and whenever one of the three years' own figures is hidden, since the pooled figure less the
 * years shown would give that year's back.
 */
export function shownThreeYear(dataset: Dataset, m: Measure, policy: DisclosurePolicy): { value: number; base: number | null; suppressed: boolean } | undefined {
  const pooled = threeYearFigure(dataset, m);
  if (!pooled) return undefined;
  const years = [2, 1, 0].map((back) => previousFiscalYear(dataset.current.year, back));
  const yearHidden = shownFigures(dataset, [m], years, policy)[0]!.some((v) => v.suppressed);
  return { ...pooled, suppressed: yearHidden || isSuppressed(m, pooled.value, pooled.base, policy) };
}

/** The change between two shown values; none when either is missing, "suppressed" when either is hidden. */
export function shownChange(m: Measure, before: Shown | undefined, after: Shown | undefined): Change | 'suppressed' | undefined {
  if (before?.value === undefined || after?.value === undefined) return undefined;
  if (before.suppressed || after.suppressed) return 'suppressed';
  return yearOnYearChange(m, before.value, after.value);
}

/**
 * The share of the children placed who were placed within the regional agency: with the
 * authority's own adopters or a partner's, over every provision type. Undefined when the year
 * gives no breakdown; suppressed when the share, or the count beside it, would give away a
 * small number or a children placed hidden for others.
 */
export function withinRegion(dataset: Dataset, policy: DisclosurePolicy): { count: number; total: number; suppressed: boolean } | undefined {
  const given = PROVISION_TYPES.map((m) => dataset.current.figures.get(m.id)?.value);
  if (given.every((v) => v === undefined)) return undefined;
  // A breakdown that leaves a provision type out has none of it.
  const values = given.map((v) => v ?? 0);
  const count = values[0]! + values[1]!;
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  const year = dataset.current.year;
  const suppressed = suppressShare(count, total, policy) || hiddenForOthersIn(dataset, year, 'children.placed', policy) || hiddenForOthersIn(dataset, year, WITHIN_REGION, policy);
  return { count, total, suppressed };
}
