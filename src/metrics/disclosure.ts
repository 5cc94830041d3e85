/**
 * Disclosure control for public documents, after the DfE conventions for children's statistics:
 * a count from 1 to the threshold (5) is shown as "c"; so is a percentage whose numerator is 1 to
 * the threshold or whose denominator is at most twice it (10), and a mean over the threshold or
 * fewer children. A true zero stays 0. Where a total is shown, a lone suppressed part is joined by
 * a second one (or the total) so it cannot be recovered by subtraction. Restricted documents show
 * everything; child-level rows appear only there, whatever the threshold.
 */

import type { Measure } from '../domain/measures.js';
import { PROVISION_TYPES } from '../domain/measures.js';
import type { FiscalYear } from '../domain/fiscal-year.js';
import type { YearInput } from '../load/schema.js';
import { ageAtPlacement, ethnicityOfPlaced, siblingGroupsPlaced } from './records.js';
import type { Figures } from './resolve.js';

export type Audience = 'public' | 'restricted';

export interface DisclosurePolicy {
  audience: Audience;
  /** 0 turns suppression off. */
  threshold: number;
}

/** DfE's marker for a confidential (suppressed) cell. */
export const SUPPRESSED = 'c';

const active = (p: DisclosurePolicy) => p.audience === 'public' && p.threshold > 0;

export function suppressCount(value: number, policy: DisclosurePolicy): boolean {
  return active(policy) && value >= 1 && value <= policy.threshold;
}

/** A mean over `base` children; a mean whose base is unknown is shown. */
export function suppressMean(base: number | null, policy: DisclosurePolicy): boolean {
  return active(policy) && base !== null && base <= policy.threshold;
}

export function suppressShare(numerator: number, denominator: number, policy: DisclosurePolicy): boolean {
  return active(policy) && ((numerator >= 1 && numerator <= policy.threshold) || denominator <= 2 * policy.threshold);
}

/**
 * Which parts of a breakdown to hide, given the parts already hidden and whether their total is
 * published. A reader who has the total knows the sum of the hidden parts; that sum must not pin
 * any of them down, so at least two are hidden and they cannot all be 1. Zeros are never hidden
 * (a true zero stays 0); when nothing else can be hidden, the total is.
 */
export function secondarySuppression(parts: readonly number[], hidden: readonly boolean[], totalShown: boolean): { hidden: boolean[]; hideTotal: boolean } {
  const out = [...hidden];
  if (!totalShown) return { hidden: out, hideTotal: false };
  const pinned = () => {
    const hiddenParts = parts.filter((_, i) => out[i]);
    const sum = hiddenParts.reduce((a, b) => a + b, 0);
    return hiddenParts.length > 0 && (hiddenParts.length === 1 || sum === hiddenParts.length);
  };
  while (pinned()) {
    // The smallest other non-zero part hides least.
    let candidate = -1;
    parts.forEach((value, i) => {
      if (!out[i] && value > 0 && (candidate < 0 || value < parts[candidate]!)) candidate = i;
    });
    if (candidate < 0) return { hidden: out, hideTotal: true };
    out[candidate] = true;
  }
  return { hidden: out, hideTotal: false };
}

/** Whether a figure must be hidden for itself (primary suppression). */
export function isSuppressed(m: Measure, value: number, base: number | null, policy: DisclosurePolicy): boolean {
  switch (m.unit) {
    case 'count':
      return suppressCount(value, policy);
    case 'days':
    case 'months':
      return suppressMean(base, policy);
    case 'percent':
      return base !== null && suppressShare(Math.round((value * base) / 100), base, policy);
    default:
      return false;
  }
}

/** Primary and secondary suppression of a breakdown of counts whose total is published. */
export function suppressBreakdown(parts: readonly number[], policy: DisclosurePolicy): { hidden: boolean[]; hideTotal: boolean } {
  const total = parts.reduce((a, b) => a + b, 0);
  const primary = parts.map((v) => suppressCount(v, policy));
  const result = secondarySuppression(parts, primary, true);
  return { hidden: result.hidden, hideTotal: result.hideTotal || suppressCount(total, policy) };
}

/** The full rule, printed once (in the annual report's appendix); tables carry the short form. */
export function suppressionNote(policy: DisclosurePolicy, form: 'short' | 'full' = 'short'): string {
  const t = policy.threshold;
  if (form === 'short') return `c: not shown, to protect children’s privacy (a count from 1 to ${t}, or a figure that would reveal one).`;
  return `c: not shown, to protect children’s privacy: a count from 1 to ${t}, a percentage of ${t} or fewer children or out of ${2 * t} or fewer, or a mean over ${t} or fewer children; where a total is shown, one more figure is hidden so that none can be worked out from it.`;
}

const PLACED = 'children.placed';

/** Breakdowns of the children placed computed from the records, by the id of their tables. */
export const PLACED_BREAKDOWNS = { age: ageAtPlacement, ethnicity: ethnicityOfPlaced, siblings: siblingGroupsPlaced } as const;
export type PlacedBreakdownId = keyof typeof PLACED_BREAKDOWNS;

/** How one part of a records breakdown is named among hidden figures: `ethnicity:White British`. */
export const partKey = (breakdown: PlacedBreakdownId, label: string): string => `${breakdown}:${label}`;

/**
 * Figures of one year that a public document hides not for themselves but for others (secondary
 * suppression), with the small counts of the breakdowns of the children placed: provision types
 * as given, and age, ethnicity and sibling group from the records. A breakdown's parts that its
 * total would give away by subtraction are hidden; when no choice of parts can protect them
 * (every hidden part 1 and nothing else to hide: six children of six ethnicities, say), the
 * children placed is hidden instead, and so is a part of every other breakdown that would add up
 * to it. Decided once for each authority-year, when its figures are resolved, so every table,
 * chart, sentence and document hides a figure alike.
 */
export function hiddenForOthers(data: YearInput, figures: Figures, year: FiscalYear, policy: DisclosurePolicy): Set<string> {
  const records = data.children_records;
  const breakdowns: { key: string; count: number }[][] = [
    PROVISION_TYPES.flatMap((m) => {
      const count = figures.get(m.id)?.value;
      return count === undefined ? [] : [{ key: m.id, count }];
    }),
    ...(records
      ? (Object.keys(PLACED_BREAKDOWNS) as PlacedBreakdownId[]).map((id) =>
          PLACED_BREAKDOWNS[id](records, year).map((part) => ({ key: partKey(id, part.label), count: part.count })),
        )
      : []),
  ];
  const hidden = new Set<string>();
  let placedHidden = false;
  for (const parts of breakdowns) {
    const result = suppressBreakdown(
      parts.map((p) => p.count),
      policy,
    );
    parts.forEach((p, i) => result.hidden[i] && hidden.add(p.key));
    placedHidden ||= result.hideTotal;
  }
  if (placedHidden) {
    hidden.add(PLACED);
    for (const parts of breakdowns) {
      const counted = parts.filter((p) => p.count > 0);
      if (counted.length > 0 && !counted.some((p) => hidden.has(p.key))) hidden.add(counted.reduce((a, b) => (b.count < a.count ? b : a)).key);
    }
  }
  return hidden;
}
