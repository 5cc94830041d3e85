/**
 * Measures computed from pseudonymised child and adopter records. Pure functions; dates are ISO
 * strings (yyyy-mm-dd), compared as text and subtracted as UTC days.
 *
 * Definitions (also in catalogue.ts, printed in every report's appendix):
 * - A1: mean days from entering care to moving in with the adoptive family, over children adopted
 *   in the period (adoption order dated in the period).
 * - A10: as A1, but for a foster-carer adoption the start of that foster placement replaces the
 *   date the child moved in.
 * - A2: mean days from placement order to match, a match before the order counting 0, over
 *   children adopted in the period who had a placement order and moved in before the adoption order.
 * - A20: mean days from entering care to the placement order, over children adopted in the
 *   period who had one.
 * - A3: percentage of children adopted in the period who moved in within 426 days of entering care.
 * - Best interest decision to placement order: mean days, over children adopted who had both.
 * - Placement order to placed: mean days, over children who moved in during the period.
 * Three-year figures pool every child of the three years into one mean, not a mean of means.
 */
import type { FiscalYear } from '../domain/fiscal-year.js';
import { BREAKDOWNS, ethnicGroup, PROVISION_KEYS } from '../domain/measures.js';
import type { ADOPTER_DATES, YearInput } from '../load/schema.js';

type AdopterDate = (typeof ADOPTER_DATES)[number];

export type ChildRecord = NonNullable<YearInput['children_records']>[number];
export type AdopterRecord = NonNullable<YearInput['adopter_records']>[number];

const DAY_MS = 86_400_000;
/** Months as the regional dashboard counts them: days over the mean month length. */
export const DAYS_PER_MONTH = 365.25 / 12;
/** A3's limit: 14 months. */
export const A3_LIMIT_DAYS = 426;
/** Children waiting longer than this since their placement order are listed (restricted). */
export const LONG_WAIT_DAYS = 183;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function monthsBetween(from: string, to: string): number {
  return daysBetween(from, to) / DAYS_PER_MONTH;
}

export interface Mean {
  value: number;
  /** How many children or households the mean is over. */
  count: number;
}

export function mean(values: readonly number[]): Mean | undefined {
  if (values.length === 0) return undefined;
  return { value: values.reduce((a, b) => a + b, 0) / values.length, count: values.length };
}

export function inYear(date: string | undefined, year: FiscalYear): date is string {
  return date !== undefined && date >= year.start && date <= year.end;
}

const inAnyYear = (date: string | undefined, years: readonly FiscalYear[]) => years.some((y) => inYear(date, y));

/** Children adopted (adoption order dated) in any of the years; each child once. */
export function adoptedIn(children: readonly ChildRecord[], years: readonly FiscalYear[]): ChildRecord[] {
  return unique(children.filter((c) => inAnyYear(c.adoption_order, years)));
}

export function placedIn(children: readonly ChildRecord[], years: readonly FiscalYear[]): ChildRecord[] {
  return unique(children.filter((c) => inAnyYear(c.placed, years)));
}

function unique(children: ChildRecord[]): ChildRecord[] {
  const seen = new Set<string>();
  return children.filter((c) => (seen.has(c.ref) ? false : (seen.add(c.ref), true)));
}

// Per child: each returns undefined when the child lacks a date the measure needs.
export const enteredCareToPlacedDays = (c: ChildRecord) => (c.placed ? daysBetween(c.entered_care, c.placed) : undefined);
export const enteredCareToMovedInDays = (c: ChildRecord) => {
  const movedIn = c.foster_carer_adoption && c.foster_placement_start ? c.foster_placement_start : c.placed;
  return movedIn ? daysBetween(c.entered_care, movedIn) : undefined;
};
export const placementOrderToMatchDays = (c: ChildRecord) =>
  c.placement_order && c.matched ? Math.max(0, daysBetween(c.placement_order, c.matched)) : undefined;
export const enteredCareToPlacementOrderDays = (c: ChildRecord) => (c.placement_order ? daysBetween(c.entered_care, c.placement_order) : undefined);
export const decisionToPlacementOrderDays = (c: ChildRecord) =>
  c.best_interest_decision && c.placement_order ? daysBetween(c.best_interest_decision, c.placement_order) : undefined;
export const placementOrderToPlacedDays = (c: ChildRecord) => (c.placement_order && c.placed ? daysBetween(c.placement_order, c.placed) : undefined);

const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);

/** A2's cohort: adopted, with a placement order, and moved in before the adoption order. */
const a2Cohort = (c: ChildRecord) => c.placement_order !== undefined && c.placed !== undefined && c.adoption_order !== undefined && c.placed < c.adoption_order;

/** Scorecard measures over the children of the given years (one year, or three pooled). */
export function scorecardFromRecords(children: readonly ChildRecord[], years: readonly FiscalYear[]): Map<string, Mean> {
  const adopted = adoptedIn(children, years);
  const out = new Map<string, Mean>();
  const set = (id: string, m: Mean | undefined) => m && out.set(id, m);
  set('scorecard.a1', mean(defined(adopted.map(enteredCareToPlacedDays))));
  set('scorecard.a10', mean(defined(adopted.map(enteredCareToMovedInDays))));
  set('scorecard.a2', mean(defined(adopted.filter(a2Cohort).map(placementOrderToMatchDays))));
  set('scorecard.a20', mean(defined(adopted.map(enteredCareToPlacementOrderDays))));
  set('scorecard.bid_to_po', mean(defined(adopted.map(decisionToPlacementOrderDays))));
  set('scorecard.po_to_placed', mean(defined(placedIn(children, years).map(placementOrderToPlacedDays))));
  const withPlacement = defined(adopted.map(enteredCareToPlacedDays));
  if (withPlacement.length > 0) {
    const within = withPlacement.filter((d) => d <= A3_LIMIT_DAYS).length;
    out.set('scorecard.a3', { value: (100 * within) / withPlacement.length, count: withPlacement.length });
  }
  // A5: of the children with a best interest decision by the end of the period, those whose plan changed away from adoption.
  const end = years.reduce((last, y) => (y.end > last ? y.end : last), '');
  const decided = unique(children.filter((c) => c.best_interest_decision !== undefined && c.best_interest_decision <= end));
  if (decided.length > 0) out.set('scorecard.a5', { value: (100 * decided.filter((c) => c.status === 'plan_changed').length) / decided.length, count: decided.length });
  return out;
}

/** The year's counts, each dated in the year by its own event. */
export function childCountsFromRecords(children: readonly ChildRecord[], year: FiscalYear): Map<string, number> {
  const count = (pick: (c: ChildRecord) => boolean) => unique(children.filter(pick)).length;
  const placed = placedIn(children, [year]);
  const out = new Map<string, number>([
    ['children.best_interest_decisions', count((c) => inYear(c.best_interest_decision, year))],
    ['children.placement_orders', count((c) => inYear(c.placement_order, year))],
    ['children.placed', placed.length],
    ['children.adoption_orders', count((c) => inYear(c.adoption_order, year))],
    ['children.waiting', waitingAtYearEnd(children, year).length],
    ['children.disruptions', count((c) => c.status === 'disrupted')],
  ]);
  for (const key of PROVISION_KEYS) {
    out.set(`placements_by_provision.${key}`, placed.filter((c) => c.provision === key).length);
  }
  return out;
}

/** Children with a placement order who had not moved in at the end of the year. */
export function waitingAtYearEnd(children: readonly ChildRecord[], year: FiscalYear): ChildRecord[] {
  return unique(
    children.filter(
      (c) => c.status === 'waiting' && c.placement_order !== undefined && c.placement_order <= year.end && (c.placed === undefined || c.placed > year.end),
    ),
  );
}

export function waitingLongerThanSixMonths(children: readonly ChildRecord[], year: FiscalYear): ChildRecord[] {
  return waitingAtYearEnd(children, year)
    .filter((c) => daysBetween(c.placement_order!, year.end) > LONG_WAIT_DAYS)
    .sort((a, b) => a.placement_order!.localeCompare(b.placement_order!));
}

/** Whole years of age on a date, from a birth month (taken as the 1st). */
export function ageInYears(birthMonth: string, on: string): number {
  const [by, bm] = birthMonth.split('-').map(Number) as [number, number];
  const [y, m] = on.split('-').map(Number) as [number, number];
  return y - by - (m < bm ? 1 : 0);
}

export const AGE_BANDS = [
  { label: 'Under 1', min: 0, max: 0 },
  { label: '1 to 2', min: 1, max: 2 },
  { label: '3 to 4', min: 3, max: 4 },
  { label: '5 to 9', min: 5, max: 9 },
  { label: '10 and over', min: 10, max: Infinity },
] as const;

export interface Breakdown {
  label: string;
  count: number;
}

/** Children who moved in during the year, by age when they moved in. */
export function ageAtPlacement(children: readonly ChildRecord[], year: FiscalYear): Breakdown[] {
  const placed = placedIn(children, [year]);
  return AGE_BANDS.map((band) => ({
    label: band.label,
    count: placed.filter((c) => ((a) => a >= band.min && a <= band.max)(ageInYears(c.birth_month, c.placed!))).length,
  }));
}

/**
 * The breakdowns of the children placed in the year, and of the children waiting at its end, as
 * figures keyed like typed ones (`children_placed_by.age.under_1`): every fine part, zeros included.
 */
export function breakdownsFromRecords(children: readonly ChildRecord[], year: FiscalYear): Map<string, number> {
  const out = new Map<string, number>();
  const count = (id: string, list: readonly ChildRecord[], keyOf: (c: ChildRecord) => string) => {
    const b = BREAKDOWNS.find((x) => x.id === id)!;
    for (const part of b.parts.filter((p) => !p.covers)) out.set(`${id}.${part.key}`, list.filter((c) => keyOf(c) === part.key).length);
  };
  const placed = placedIn(children, [year]);
  const waiting = waitingAtYearEnd(children, year);
  const band = (c: ChildRecord) => AGE_BAND_KEYS[AGE_BANDS.findIndex((b) => ((a) => a >= b.min && a <= b.max)(ageInYears(c.birth_month, c.placed!)))]!;
  count('children_placed_by.age', placed, band);
  count('children_placed_by.ethnicity', placed, (c) => ethnicGroup(c.ethnicity));
  count('children_placed_by.sibling_group', placed, (c) => (c.siblings_recorded === false ? 'not_known' : !c.sibling_group ? 'alone' : c.placed_together === true ? 'together' : 'apart'));
  count('children_placed_by.sex', placed, (c) => c.sex ?? 'not_known');
  count('children_placed_by.disability', placed, (c) => (c.disability === undefined ? 'not_known' : c.disability ? 'disabled' : 'not_disabled'));
  count('children_waiting_by.status', waiting, (c) => (c.matched && c.matched <= year.end ? 'matched_not_placed' : 'family_finding'));
  count('children_waiting_by.sex', waiting, (c) => c.sex ?? 'not_known');
  count('children_waiting_by.sibling_group', waiting, (c) => (c.siblings_recorded === false ? 'not_known' : c.sibling_group ? 'in_sibling_group' : 'alone'));
  return out;
}

/** The age bands' keys in a breakdown, in the order of AGE_BANDS. */
const AGE_BAND_KEYS = ['under_1', '1_to_2', '3_to_4', '5_to_9', '10_and_over'] as const;

export function ethnicityOfPlaced(children: readonly ChildRecord[], year: FiscalYear): Breakdown[] {
  const counts = new Map<string, number>();
  for (const c of placedIn(children, [year])) counts.set(c.ethnicity, (counts.get(c.ethnicity) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function siblingGroupsPlaced(children: readonly ChildRecord[], year: FiscalYear): Breakdown[] {
  const placed = placedIn(children, [year]);
  const inGroups = placed.filter((c) => c.sibling_group);
  return [
    { label: 'Placed on their own (no sibling group)', count: placed.length - inGroups.length },
    { label: 'In a sibling group, placed together', count: inGroups.filter((c) => c.placed_together === true).length },
    { label: 'In a sibling group, placed apart', count: inGroups.filter((c) => c.placed_together !== true).length },
  ];
}

/** One row of the dashboard's placement timeliness tables. */
export interface PlacementTimeliness {
  child: ChildRecord;
  year: FiscalYear;
  ageAtPlacement: number;
  enteredCareToPlacementOrder: number | undefined;
  enteredCareToPlaced: number;
  placementOrderToMatch: number;
  placementOrderToPlaced: number | undefined;
}

/** Children who moved in during the years, ranked by placement order to match: longest or fastest ten. */
export function rankedPlacements(
  children: readonly ChildRecord[],
  years: readonly FiscalYear[],
  order: 'longest' | 'fastest',
  limit = 10,
): PlacementTimeliness[] {
  const rows: PlacementTimeliness[] = [];
  for (const c of placedIn(children, years)) {
    const toMatch = placementOrderToMatchDays(c);
    if (toMatch === undefined) continue;
    rows.push({
      child: c,
      year: years.find((y) => inYear(c.placed, y))!,
      ageAtPlacement: ageInYears(c.birth_month, c.placed!),
      enteredCareToPlacementOrder: enteredCareToPlacementOrderDays(c),
      enteredCareToPlaced: enteredCareToPlacedDays(c)!,
      placementOrderToMatch: toMatch,
      placementOrderToPlaced: placementOrderToPlacedDays(c),
    });
  }
  rows.sort(
    (a, b) =>
      (order === 'longest' ? b.placementOrderToMatch - a.placementOrderToMatch : a.placementOrderToMatch - b.placementOrderToMatch) ||
      a.child.ref.localeCompare(b.child.ref),
  );
  return rows.slice(0, limit);
}

/** Adopter timeliness in months, over households who had a child move in during the year. */
export function adopterTimelinessFromRecords(households: readonly AdopterRecord[], year: FiscalYear): Map<string, Mean> {
  const placed = households.filter((h) => inYear(h.placement, year));
  const notFastTrack = placed.filter((h) => !h.fast_track);
  const months = (list: readonly AdopterRecord[], from: AdopterDate, to: AdopterDate) =>
    mean(list.flatMap((h) => ((a, b) => (a && b ? [monthsBetween(a, b)] : []))(h[from], h[to])));
  // Stage 1 is skipped on the fast track, so its stages are over the other households.
  const stages: [key: string, over: readonly AdopterRecord[], from: AdopterDate, to: AdopterDate][] = [
    ['enquiry_to_stage1', notFastTrack, 'enquiry', 'stage1_start'],
    ['stage1_length', notFastTrack, 'stage1_start', 'stage1_end'],
    ['stage1_to_stage2', notFastTrack, 'stage1_end', 'stage2_start'],
    ['stage2_length', placed, 'stage2_start', 'approval'],
    ['approval_to_match', placed, 'approval', 'match'],
    ['approval_to_placement', placed, 'approval', 'placement'],
  ];
  const out = new Map<string, Mean>();
  for (const [key, over, from, to] of stages) {
    const m = months(over, from, to);
    if (m) out.set(`adopter_timeliness.${key}`, m);
  }
  return out;
}

/** The funnel: initial visits, stage 1 starts and approvals dated in the year. */
export function adopterCountsFromRecords(households: readonly AdopterRecord[], year: FiscalYear): Map<string, number> {
  return new Map([
    ['adopters.initial_visits', households.filter((h) => inYear(h.initial_visit, year)).length],
    ['adopters.stage1_starts', households.filter((h) => !h.fast_track && inYear(h.stage1_start, year)).length],
    ['adopters.approvals', households.filter((h) => inYear(h.approval, year)).length],
  ]);
}

export function householdsPlaced(households: readonly AdopterRecord[], year: FiscalYear): number {
  return households.filter((h) => inYear(h.placement, year)).length;
}
