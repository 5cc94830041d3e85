/**
 * Disclosure control for public documents, after the DfE conventions for children's statistics:
 * a count from 1 to the threshold (5) is shown as "c"; so is a percentage whose numerator is 1 to
 * the threshold or whose denominator is at most twice it (10), and a mean over the threshold or
 * fewer children. A true zero stays 0. Where a total is shown, a lone suppressed part is joined by
 * a second one (or the total) so it cannot be recovered by subtraction. Restricted documents show
 * everything; child-level rows appear only there, whatever the threshold.
 */

import { BREAKDOWNS, PROVISION_BREAKDOWN, type Measure } from '../domain/measures.js';
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
  // A figure the year file names itself is about people only when it says so (`counts:`).
  if ('counts' in m && m.counts === 'none') return false;
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

/** A count and the parts it splits into, as a year's figures give them. */
export interface FigureBreakdown {
  total: string;
  /** Measure ids of the parts. */
  parts: readonly string[];
}

/** Every breakdown a year's figures can have: the catalogue's, complaints by subject, and each cohort. */
export function yearBreakdowns(figures: Figures): FigureBreakdown[] {
  const ids = [...figures.keys()];
  const cohorts = new Set(ids.filter((id) => id.startsWith('cohorts.')).map((id) => id.split('.')[1]!));
  return [
    ...[PROVISION_BREAKDOWN, ...BREAKDOWNS].map((b) => ({ total: b.total, parts: b.measures.map((m) => m.id) })),
    { total: 'complaints.received', parts: ids.filter((id) => id.startsWith('complaints.by_subject.')) },
    ...[...cohorts].map((n) => ({ total: `cohorts.${n}.total`, parts: ids.filter((id) => id.startsWith(`cohorts.${n}.`) && !id.endsWith('.total')) })),
  ];
}

/**
 * Figures of one year that a public document hides not for themselves but for others (secondary
 * suppression). For every breakdown whose total is published (provision types, age, ethnicity,
 * sibling group, sex and disability of the children placed; children waiting by status; complaints
 * by subject; cohorts), the parts that the total would give away by subtraction are hidden; what
 * the parts leave of the total (a breakdown given only in part) counts as one more part, which is
 * never printed. When no choice of parts can protect them (every hidden part 1 and nothing else to
 * hide: six children of six ethnicities, say), the total is hidden instead, and so is a part of
 * every other breakdown that would add up to it. Decided once for each authority-year, when its
 * figures are resolved, so every table, chart, sentence and document hides a figure alike.
 */
export function hiddenForOthers(figures: Figures, policy: DisclosurePolicy): Set<string> {
  const hidden = new Set<string>();
  const REMAINDER = '';
  const withParts = yearBreakdowns(figures).flatMap((b) => {
    const parts = b.parts.flatMap((id) => ((v) => (v === undefined ? [] : [{ key: id, count: v }]))(figures.get(id)?.value));
    if (parts.length === 0) return [];
    const total = figures.get(b.total)?.value;
    const rest = total === undefined ? 0 : total - parts.reduce((sum, p) => sum + p.count, 0);
    return [{ total: b.total, parts: rest > 0 ? [...parts, { key: REMAINDER, count: rest }] : parts }];
  });
  const hiddenTotals = new Set<string>();
  for (const b of withParts) {
    const result = suppressBreakdown(
      b.parts.map((p) => p.count),
      policy,
    );
    b.parts.forEach((p, i) => result.hidden[i] && p.key !== REMAINDER && hidden.add(p.key));
    if (result.hideTotal) hiddenTotals.add(b.total);
  }
  for (const total of hiddenTotals) {
    hidden.add(total);
    // A hidden total must not be the sum of another breakdown's parts, all shown.
    for (const b of withParts.filter((x) => x.total === total)) {
      const counted = b.parts.filter((p) => p.count > 0 && p.key !== REMAINDER);
      if (counted.length > 0 && !counted.some((p) => hidden.has(p.key))) hidden.add(counted.reduce((a, c) => (c.count < a.count ? c : a)).key);
    }
  }
  return hidden;
}
