/**
 * The disclosure audit: what a reader of every public document of every authority-year and
 * region could work out about a hidden count, by any combination of subtractions.
 *
 * Every count the public documents print (a table cell, a chart bar, a token in narrative, the
 * within-region share, a regional total) is known; every count they hide is an unknown whole
 * number of at least 1 (a true zero is always printed), and what a breakdown leaves of its total
 * (never printed) an unknown of at least 0. The relations a reader can use are the equations
 * between them: a breakdown's parts and remainder add up to its total, the within-region share's
 * count is in-house plus regional-partner placements, a regional total is the sum of the partners.
 * For each hidden count the solver finds the least and greatest value those equations allow;
 * where they meet, the figure is disclosed, and the audit hides one more printed count in an
 * equation that pins it (a derived figure first, then the smallest cell) and looks again, until
 * no hidden count is pinned down. Means are not in the equations: a pooled mean over a year or a
 * partner whose own mean is hidden is hidden by rule (shown.ts, comparison.ts).
 */
import type { FiscalYear } from '../domain/fiscal-year.js';
import { findMeasure, PROVISION_BREAKDOWN, type Measure } from '../domain/measures.js';
import type { Dataset, YearData } from './dataset.js';
import { isSuppressed, yearBreakdowns, type DisclosurePolicy } from './disclosure.js';
import { agencySlug } from '../domain/text.js';
import { REGION_GROUPS, regionHiding, regionPartners, regionTotalKey } from './region.js';
import { WITHIN_REGION, withinRegion } from './shown.js';
import { withSystem, type IntegerSystem } from './solver.js';

/** A hidden figure and what the public documents let a reader work out about it. */
export interface AuditedFigure {
  /** A measure id, or `rest:<total id>` for what a breakdown's printed parts leave of its total. */
  id: string;
  value: number;
  least: number;
  /** Null when nothing bounds it from above. */
  greatest: number | null;
}

/** A count a reader of the public documents either reads or does not. */
interface Cell {
  value: number;
  known: boolean;
  /** 1 for a hidden printed figure (zeros are printed), 0 for what is never printed. */
  lower: number;
  /** Hides it from now on; absent for what cannot be hidden further. */
  hide?: () => void;
  /** A figure made from others (a share, a regional total): hidden first, since it loses least. */
  derived: boolean;
  /** The authority-year it belongs to, for the restricted appendix. */
  owner?: { year: YearData; id: string };
}

/** The terms add up to zero: parts (+1) minus their total (-1). */
type Equation = { key: string; coefficient: number }[];

const publicPolicy = (d: Dataset): DisclosurePolicy => ({ audience: 'public', threshold: d.authority.disclosureThreshold });

function measureOf(year: YearData, id: string): Measure | undefined {
  return findMeasure(id) ?? year.own.get(id);
}

/** Every count and equation the public documents give a reader, as things stand. */
function readersView(datasets: readonly Dataset[]): { cells: Map<string, Cell>; equations: Equation[] } {
  const cells = new Map<string, Cell>();
  const equations: Equation[] = [];
  const years = new Map<string, Dataset>();
  for (const d of datasets) for (const y of [d.current, ...d.earlier]) years.set(`${d.authority.id}/${y.year.id}`, { authority: d.authority, current: y, earlier: [] });

  const figureCell = (prefix: string, d: Dataset, id: string): string | undefined => {
    const key = `${prefix}/${id}`;
    if (cells.has(key)) return key;
    const year = d.current;
    const figure = year.figures.get(id);
    const m = measureOf(year, id);
    if (!figure || !m || m.unit !== 'count') return undefined;
    const known = !(isSuppressed(m, figure.value, figure.base, publicPolicy(d)) || year.hiddenForOthers.has(id));
    cells.set(key, { value: figure.value, known, lower: 1, derived: false, hide: () => year.hiddenForOthers.add(id), owner: { year, id } });
    return key;
  };

  for (const [prefix, d] of years) {
    const year = d.current;
    for (const b of yearBreakdowns(year.figures)) {
      const total = figureCell(prefix, d, b.total);
      const parts = b.parts.map((id) => figureCell(prefix, d, id)).filter((k): k is string => k !== undefined);
      if (!total || parts.length === 0) continue;
      const rest = `${prefix}/rest:${b.total}`;
      const value = cells.get(total)!.value - parts.reduce((sum, k) => sum + cells.get(k)!.value, 0);
      // Parts that add up to more than their total (a warning when validating) tell a reader nothing exact.
      if (value < 0) continue;
      cells.set(rest, { value, known: false, lower: 0, derived: false, owner: { year, id: `rest:${b.total}` } });
      equations.push([...parts, rest].map((key) => ({ key, coefficient: 1 })).concat({ key: total, coefficient: -1 }));
    }
    // The within-region share prints the in-house and regional-partner placements together, over every provision type.
    const share = withinRegion(d, publicPolicy(d));
    if (share && !share.suppressed) {
      const provision = PROVISION_BREAKDOWN.measures.map((m) => figureCell(prefix, d, m.id));
      const hide = () => year.hiddenForOthers.add(WITHIN_REGION);
      cells.set(`${prefix}/share-count`, { value: share.count, known: true, lower: 1, derived: true, hide });
      cells.set(`${prefix}/share-total`, { value: share.total, known: true, lower: 1, derived: true, hide });
      const sum = (keys: (string | undefined)[], total: string): Equation =>
        keys.flatMap((key) => (key ? [{ key, coefficient: 1 }] : [])).concat({ key: total, coefficient: -1 });
      equations.push(sum(provision.slice(0, 2), `${prefix}/share-count`), sum(provision, `${prefix}/share-total`));
    }
  }

  // Each region comparison: a summed column's total is the sum of the partners' cells.
  const agencies = new Map(datasets.flatMap((d) => (d.authority.regionalAgency ? [[agencySlug(d.authority.regionalAgency), d.authority.regionalAgency]] : [])));
  for (const [slug, agency] of agencies) {
    const yearsOf = new Map<string, FiscalYear>();
    for (const d of datasets) if (d.authority.regionalAgency && agencySlug(d.authority.regionalAgency) === slug) yearsOf.set(d.current.year.id, d.current.year);
    for (const year of yearsOf.values()) {
      const partners = regionPartners(datasets, agency, year);
      if (partners.some((p) => !p.dataset)) continue;
      const strictest = { audience: 'public', threshold: Math.max(0, ...partners.map((p) => p.dataset!.authority.disclosureThreshold)) } as const;
      const { totals } = regionHiding(year, partners, strictest);
      for (const m of REGION_GROUPS.filter((g) => g.summable).flatMap((g) => g.measures)) {
        const keys = partners.map((p) => figureCell(`${p.dataset!.authority.id}/${year.id}`, p.dataset!, m.id));
        if (keys.some((k) => k === undefined) || totals.has(m.id)) continue;
        const total = `region/${slug}/${year.id}/${m.id}`;
        const value = keys.reduce((sum, k) => sum + cells.get(k!)!.value, 0);
        const hide = () => partners.forEach((p) => p.dataset!.current.hiddenForOthers.add(regionTotalKey(m.id)));
        cells.set(total, { value, known: true, lower: 0, derived: true, hide });
        equations.push(keys.map((key) => ({ key: key!, coefficient: 1 })).concat({ key: total, coefficient: -1 }));
      }
    }
  }
  return { cells, equations };
}

/** Hidden counts that share an equation, directly or through others, with the equations among them. */
function components(cells: Map<string, Cell>, equations: readonly Equation[]): { unknowns: string[]; equations: Equation[] }[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const hiddenIn = (e: Equation) => e.map((t) => t.key).filter((k) => !cells.get(k)!.known);
  for (const e of equations) {
    const hidden = hiddenIn(e);
    for (const k of hidden) if (!parent.has(k)) parent.set(k, k);
    for (const k of hidden.slice(1)) parent.set(find(k), find(hidden[0]!));
  }
  const groups = new Map<string, { unknowns: string[]; equations: Equation[] }>();
  for (const k of [...parent.keys()].sort()) {
    const root = find(k);
    if (!groups.has(root)) groups.set(root, { unknowns: [], equations: [] });
    groups.get(root)!.unknowns.push(k);
  }
  for (const e of equations) {
    const hidden = hiddenIn(e);
    if (hidden.length > 0) groups.get(find(hidden[0]!))!.equations.push(e);
  }
  return [...groups.values()];
}

interface Group {
  unknowns: string[];
  system: IntegerSystem;
  /** The true value of each unknown: one solution of the system. */
  truth: number[];
  signature: string;
}

function asSystem(cells: Map<string, Cell>, group: { unknowns: string[]; equations: Equation[] }): Group {
  const index = new Map(group.unknowns.map((k, i) => [k, i]));
  const system: IntegerSystem = {
    lower: group.unknowns.map((k) => cells.get(k)!.lower),
    equations: group.equations.map((e) => ({
      terms: e.filter((t) => !cells.get(t.key)!.known).map((t) => ({ variable: index.get(t.key)!, coefficient: t.coefficient })),
      constant: -e.filter((t) => cells.get(t.key)!.known).reduce((sum, t) => sum + t.coefficient * cells.get(t.key)!.value, 0),
    })),
  };
  return { unknowns: group.unknowns, system, truth: group.unknowns.map((k) => cells.get(k)!.value), signature: JSON.stringify(system) };
}

/** Answers already found, by the system they were found for: after one more hidden count, most groups are as they were. */
const pinnedBySystem = new Map<string, number>();
const rangesBySystem = new Map<string, [number, number | null][]>();
const remember = <T>(cache: Map<string, T>, key: string, value: T) => (cache.size > 10_000 && cache.clear(), cache.set(key, value), value);

/**
 * The first unknown (of value at least 1) that every solution gives the same value, or -1. Each
 * solution the solver returns shows every unknown it moves away from its true value to be free,
 * so most need no solving of their own.
 */
function firstPinned(group: Group): number {
  const cached = pinnedBySystem.get(group.signature);
  if (cached !== undefined) return cached;
  const free = new Set<number>();
  const pinned = withSystem(group.system, (extreme) => {
    for (let i = 0; i < group.unknowns.length; i++) {
      if (group.truth[i]! === 0) continue;
      for (const sense of ['least', 'greatest'] as const) {
        if (free.has(i)) break;
        const solution = extreme(i, sense);
        if (solution === null) free.add(i);
        else solution.forEach((v, j) => v !== group.truth[j] && free.add(j));
      }
      if (!free.has(i)) return i;
    }
    return -1;
  });
  return remember(pinnedBySystem, group.signature, pinned);
}

/** The least and greatest value of each unknown (greatest null for unbounded). */
function rangesOf(group: Group): [number, number | null][] {
  const cached = rangesBySystem.get(group.signature);
  if (cached) return cached;
  const ranges = withSystem(group.system, (extreme) =>
    group.unknowns.map((_, i): [number, number | null] => [extreme(i, 'least')![i]!, extreme(i, 'greatest')?.[i] ?? null]),
  );
  return remember(rangesBySystem, group.signature, ranges);
}

/** A printed count to hide so that `pinned` is no longer pinned down: nearest in the equations, a derived figure first, then the smallest. */
function toHide(pinned: string, cells: Map<string, Cell>, equations: readonly Equation[]): Cell | undefined {
  const seen = new Set([pinned]);
  let frontier = [pinned];
  while (frontier.length > 0) {
    const touching = equations.filter((e) => e.some((t) => frontier.includes(t.key)));
    const candidates = touching
      .flatMap((e) => e.map((t) => t.key))
      .filter((k, i, all) => all.indexOf(k) === i)
      .sort()
      .map((k) => cells.get(k)!)
      .filter((c) => c.known && c.hide && c.value > 0);
    if (candidates.length > 0) return candidates.reduce((best, c) => (Number(c.derived) > Number(best.derived) || (c.derived === best.derived && c.value < best.value) ? c : best));
    frontier = touching.flatMap((e) => e.map((t) => t.key)).filter((k) => !cells.get(k)!.known && !seen.has(k));
    frontier.forEach((k) => seen.add(k));
  }
  return undefined;
}

/** What the audit found for each year: the hidden counts a reader could narrow, worked out when a restricted document asks. */
const findings = new WeakMap<YearData, () => AuditedFigure[]>();

/**
 * Audits every public figure of the datasets (all the authorities and years a build can publish,
 * partners of a regional agency included), hiding more until no hidden count can be worked out.
 * Returns how many more counts it hid.
 */
export function auditDisclosure(datasets: readonly Dataset[]): number {
  let extra = 0;
  for (;;) {
    const { cells, equations } = readersView(datasets);
    const groups = components(cells, equations).map((g) => asSystem(cells, g));
    let hidMore = false;
    for (const group of groups) {
      const pinned = firstPinned(group);
      if (pinned < 0) continue;
      // One more hidden count a group at a time: it may free every pinned one of the group.
      const cell = toHide(group.unknowns[pinned]!, cells, equations);
      // Something printed pins it, so there is always a printed count to hide.
      if (!cell) throw new Error(`the disclosure audit found ${group.unknowns[pinned]} pinned down and nothing to hide`);
      cell.hide!();
      hidMore = true;
      extra++;
    }
    if (hidMore) continue;
    const years = new Set(datasets.flatMap((d) => [d.current, ...d.earlier]));
    for (const year of years)
      findings.set(year, () =>
        groups
          .flatMap((g) => {
            const owned = g.unknowns.map((k, i) => ({ cell: cells.get(k)!, i })).filter(({ cell }) => cell.owner?.year === year && cell.value > 0);
            if (owned.length === 0) return [];
            const ranges = rangesOf(g);
            return owned.map(({ cell, i }) => ({ id: cell.owner!.id, value: cell.value, least: ranges[i]![0], greatest: ranges[i]![1] }));
          })
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
    return extra;
  }
}

/** What a reader of the public documents could work out about each hidden count of a year, as the last audit left it. */
export function hiddenFigureRanges(year: YearData): AuditedFigure[] {
  return findings.get(year)?.() ?? [];
}
