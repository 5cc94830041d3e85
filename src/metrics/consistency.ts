/**
 * Figures checked against each other within a year: parts against their totals (provision types,
 * the breakdowns of the children placed and waiting, complaints by subject, cohorts), and the
 * relationships that hold between the scorecard's measures for one cohort, and between adopter
 * timeliness stages. Each problem names both figures and both lines. Parts that do not add up are
 * warnings (errors under --strict); relationships are warnings always, since published measures
 * can be over slightly different children.
 */
import type { Problem, Severity } from '../errors.js';
import { findMeasure, measure } from '../domain/measures.js';
import { formatValue } from '../domain/format.js';
import { scorecardDays, type YearInput } from '../load/schema.js';
import { locate, problemAt, type DataPath, type SourceFile } from '../load/yaml.js';
import { consistency as messages } from '../messages.js';
import { yearBreakdowns } from './disclosure.js';
import type { Figure, Figures, OwnMeasures } from './resolve.js';

/** Where a figure is written: the field itself when typed, its records otherwise. */
const lineOf = (source: SourceFile, f: Figure) => locate(source, f.path).position?.line;

export function checkConsistency(data: YearInput, figures: Figures, own: OwnMeasures, source: SourceFile, options: { strict: boolean }): Problem[] {
  const problems: Problem[] = [];
  const label = (id: string) => (findMeasure(id) ?? own.get(id))?.label ?? id;
  const shortLabel = (id: string) => (findMeasure(id) ?? own.get(id))?.shortLabel ?? id;
  const at = (path: DataPath, message: string, severity: Severity) => problems.push(problemAt(source, locate(source, path).position, message, { dataPath: path, severity }));

  for (const b of yearBreakdowns(figures)) {
    const total = figures.get(b.total);
    const parts = b.parts.flatMap((id) => ((f) => (f ? [f] : []))(figures.get(id)));
    // Parts computed from records add up by construction; typed parts are what an author can get wrong.
    if (!total || parts.length === 0 || parts.every((p) => p.from === 'records')) continue;
    const sum = parts.reduce((n, p) => n + p.value, 0);
    if (sum === total.value) continue;
    const first = parts.find((p) => p.from === 'dataset')!;
    at(first.path.slice(0, -1), messages.partsDoNotAddUp(partsName(b.parts[0]!, label), sum, shortLabel(b.total), total.value, lineOf(source, total)), options.strict ? 'error' : 'warning');
  }

  const value = (id: string) => figures.get(id);
  const relation = (smaller: string[], larger: string, message: (a: string, b: string) => string) => {
    const parts = smaller.map(value);
    const whole = value(larger);
    // From records, each child's dates were checked; an early-permanence child can move in before its order, as A10 counts it.
    if (!whole || parts.some((p) => !p) || [whole, ...parts].some((f) => f!.from === 'records')) return;
    const sum = parts.reduce((n, p) => n + p!.value, 0);
    if (sum <= whole.value + 0.005) return;
    const unit = measure(larger).unit;
    const shown = smaller.map((id, i) => `${measure(id).code ?? label(id)} ${formatValue(unit, parts[i]!.value)} (line ${lineOf(source, parts[i]!)})`).join(' + ');
    at(parts[0]!.path, message(shown, `${measure(larger).code ?? label(larger)} ${formatValue(unit, whole.value)} (line ${lineOf(source, whole)})`), 'warning');
  };
  // For each child, entering care → order → match ≤ entering care → moving in.
  for (const journey of ['scorecard.a10', 'scorecard.a1']) relation(['scorecard.a20', 'scorecard.a2'], journey, messages.ordersAndMatchesLongerThanJourney);
  relation(['scorecard.a2'], 'scorecard.po_to_placed', messages.matchAfterMovingIn);
  relation(['adopter_timeliness.approval_to_match'], 'adopter_timeliness.approval_to_placement', messages.matchAfterPlacement);

  // The A1 or A10 cohort is children adopted in the year: no more than the adoption orders.
  const orders = value('children.adoption_orders');
  for (const key of ['a10', 'a1']) {
    const children = scorecardDays(data, key)?.children;
    if (orders && children !== undefined && children > orders.value)
      at(['scorecard', key, 'children'], messages.cohortLargerThanOrders(key.toUpperCase(), children, orders.value, lineOf(source, orders)), 'warning');
  }

  // A comparator over several years is compared with the figure over as many years, never with one year's.
  for (const key of ['a10', 'a1', 'a2', 'a20', 'bid_to_po', 'po_to_placed']) {
    const entry = scorecardDays(data, key);
    const pooled = entry?.three_year_days !== undefined || data.children_records !== undefined;
    entry?.comparators?.forEach((c, i) => {
      const span = c.period ? periodYears(c.period) : 1;
      if (span > 1 && !pooled) at(['scorecard', key, 'comparators', i, 'period'], messages.comparatorPeriod(c.period!, span, key.toUpperCase()), 'warning');
    });
  }
  return problems;
}

/** How many fiscal years a period such as 2021-24 or 2015-18 covers; one for 2023-24 or 2024. */
export function periodYears(period: string): number {
  const match = /^(\d{4})\s*[-–/]\s*(\d{2}|\d{4})$/.exec(period.trim());
  if (!match) return 1;
  const start = Number(match[1]);
  const end = match[2]!.length === 2 ? Math.floor(start / 100) * 100 + Number(match[2]) : Number(match[2]);
  return Math.max(1, end - start);
}

/** What a breakdown is, for messages: its first part's label up to the colon ("Children placed in the year"), or the group. */
function partsName(firstPart: string, label: (id: string) => string): string {
  if (firstPart.startsWith('placements_by_provision.')) return 'placements by provision type';
  if (firstPart.startsWith('complaints.by_subject.')) return 'complaints by subject';
  if (firstPart.startsWith('cohorts.')) return `the parts of "${label(firstPart).split(':')[0]}"`;
  const [group, key] = firstPart.split('.');
  return `${group === 'children_placed_by' ? 'children placed' : 'children waiting'} by ${key!.replace(/_/g, ' ')}`;
}
