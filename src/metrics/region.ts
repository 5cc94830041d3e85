/**
 * What a comparison of the partners of a regional adoption agency hides in one year, decided here
 * once for the whole region, so that no partner's hidden figure comes back from a regional total
 * or from its own children placed.
 */
import type { FiscalYear } from '../domain/fiscal-year.js';
import { ADOPTER_COUNTS, CHILD_COUNTS, PROVISION_TYPES, SCORECARD_MEASURES, type Measure } from '../domain/measures.js';
import { agencySlug } from '../domain/text.js';
import type { Dataset } from './dataset.js';
import { secondarySuppression, suppressCount, type DisclosurePolicy } from './disclosure.js';
import { shownFigures } from './shown.js';

/** A regional total that public documents hide, as a key of each partner's `hiddenForOthers`. */
export const regionTotalKey = (measureId: string): string => `region-total:${measureId}`;

/** The partners of an agency (as authority.yaml names it, or its slug) in one year, by name, each with its dataset of that year if any. */
export function regionPartners(datasets: readonly Dataset[], agency: string, year: FiscalYear): { name: string; dataset: Dataset | undefined }[] {
  const members = datasets.filter((d) => d.authority.regionalAgency && agencySlug(d.authority.regionalAgency) === agencySlug(agency));
  const authorities = [...new Map(members.map((d) => [d.authority.id, d.authority])).values()].sort((a, b) => a.name.localeCompare(b.name));
  return authorities.map((a) => ({ name: a.shortName, dataset: members.find((d) => d.authority.id === a.id && d.current.year.id === year.id) }));
}

/** The groups of measures a region comparison shows; summable groups get a regional total. */
export const REGION_GROUPS: { id: string; title: string; measures: readonly Measure[]; summable: boolean }[] = [
  { id: 'provision', title: 'Children placed by provision type', measures: PROVISION_TYPES, summable: true },
  { id: 'children', title: 'Children’s plans, placements and orders', measures: CHILD_COUNTS, summable: true },
  { id: 'approvals', title: 'Adopter recruitment and approvals', measures: ADOPTER_COUNTS, summable: true },
  { id: 'scorecard', title: 'The adoption scorecard (days)', measures: SCORECARD_MEASURES, summable: false },
];

/**
 * What a regional comparison hides: each partner's figures by its own rules (its threshold, its
 * breakdowns), counts in summed columns by the strictest partner's threshold; then, until nothing
 * changes, the partners of each summed column as parts of its regional total, and each partner's
 * provision types as parts of its children placed (which is hidden too when nothing else protects
 * them, and which, once hidden, they must not add up to). Hiding in one direction can expose a
 * figure in the other; hence the loop.
 */
export function regionHiding(
  year: FiscalYear,
  partners: readonly { dataset: Dataset | undefined }[],
  strictest: DisclosurePolicy,
): { hidden: Set<string>[]; totals: Set<string> } {
  const summed = REGION_GROUPS.filter((g) => g.summable).flatMap((g) => g.measures);
  const measures = REGION_GROUPS.flatMap((g) => g.measures);
  const figure = (i: number, id: string) => partners[i]!.dataset?.current.figures.get(id);
  const hidden = partners.map(({ dataset }, i) => {
    if (!dataset) return new Set<string>();
    const shown = shownFigures(dataset, measures, [year], { audience: 'public', threshold: dataset.authority.disclosureThreshold });
    return new Set(
      measures.filter((m, r) => shown[r]![0]!.suppressed || (summed.includes(m) && suppressCount(figure(i, m.id)?.value ?? 0, strictest))).map((m) => m.id),
    );
  });
  // Totals the disclosure audit hid (audit.ts), in the partners' own records; and a regional total that is itself a small count.
  const total = (m: Measure) => partners.reduce((n, p) => n + (p.dataset?.current.figures.get(m.id)?.value ?? 0), 0);
  const totals = new Set(
    summed.filter((m) => partners.some((p) => p.dataset?.current.hiddenForOthers.has(regionTotalKey(m.id))) || suppressCount(total(m), strictest)).map((m) => m.id),
  );
  let changed = true;
  const protect = (parts: number[], partHidden: boolean[], totalShown: boolean, hide: (index: number) => void) => {
    const result = secondarySuppression(parts, partHidden, totalShown);
    result.hidden.forEach((h, index) => h && !partHidden[index] && (hide(index), (changed = true)));
    return result.hideTotal;
  };
  while (changed) {
    changed = false;
    for (const m of summed) {
      const value = (i: number) => figure(i, m.id)?.value ?? 0;
      const hideTotal = protect(
        partners.map((_, i) => value(i)),
        partners.map((_, i) => hidden[i]!.has(m.id)),
        true,
        (i) => hidden[i]!.add(m.id),
      );
      if (hideTotal) totals.add(m.id);
    }
    partners.forEach((_, i) => {
      const parts = PROVISION_TYPES.map((m) => figure(i, m.id)?.value ?? 0);
      const placedShown = figure(i, 'children.placed') !== undefined && !hidden[i]!.has('children.placed');
      const hideTotal = protect(
        parts,
        PROVISION_TYPES.map((m) => hidden[i]!.has(m.id)),
        placedShown,
        (index) => hidden[i]!.add(PROVISION_TYPES[index]!.id),
      );
      if (hideTotal && placedShown) (hidden[i]!.add('children.placed'), (changed = true));
      // A hidden children placed must not be the sum of provision types all shown.
      const counted = PROVISION_TYPES.filter((_, index) => parts[index]! > 0);
      if (!placedShown && counted.length > 0 && !counted.some((m) => hidden[i]!.has(m.id))) {
        hidden[i]!.add(counted.reduce((a, b) => (figure(i, b.id)!.value < figure(i, a.id)!.value ? b : a)).id);
        changed = true;
      }
    });
  }
  return { hidden, totals };
}

