/**
 * What the stages after metrics work from: each loaded year with its figures resolved (from
 * records where it has them, as typed otherwise), and what disclosure control hides in it.
 */
import type { Problem } from '../errors.js';
import { namesAgency } from '../domain/text.js';
import type { AgencyInfo, Authority, LoadedDataset, LoadedYear } from '../load/model.js';
import { checkConsistency } from './consistency.js';
import { hiddenForOthers } from './disclosure.js';
import { resolveFigures, type Figures, type OwnMeasures } from './resolve.js';

export interface YearData extends LoadedYear {
  /** Every figure of the year: computed from records where there are records, else as typed. */
  figures: Figures;
  /** Measures for the figures the year file names itself (its `figures:`, complaint subjects, cohorts). */
  own: OwnMeasures;
  /**
   * What public documents hide of this year not for itself but so that it cannot give another
   * figure away (secondary suppression), by measure id or breakdown part: decided here, and
   * completed by the disclosure audit (audit.ts) before any document is made.
   */
  hiddenForOthers: Set<string>;

}

/** What a document is built from: one authority-year and the years before it that exist. */
export interface Dataset {
  authority: Authority;
  current: YearData;
  /** Earlier years with a dataset, most recent first. */
  earlier: YearData[];
  /** Set when this is a regional adoption agency's dataset. */
  agency?: AgencyInfo;
  /**
   * The regional adoption agency of the year, when it has a dataset: the agency's (whose section a
   * partner's report prints, and whose report an agency's dataset makes) and its partners'.
   */
  regional?: Regional;
}

export interface Regional {
  agency: Dataset;
  /** Every partner the agency lists, in its order, with its dataset of the year if there is one. */
  partners: { id: string; name: string; dataset: Dataset | undefined }[];
}

/** Resolves every year's figures once, however many datasets share it as an earlier year. */
export function resolveDatasets(loaded: readonly LoadedDataset[], options: { strict: boolean }): { datasets: Dataset[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const resolved = new Map<LoadedYear, YearData>();
  const resolve = (year: LoadedYear, authority: Authority): YearData => {
    let done = resolved.get(year);
    if (!done) {
      const result = resolveFigures(year.data, year.year, year.source, options);
      problems.push(...result.problems, ...checkConsistency(year.data, result.figures, result.own, year.source, options));
      const policy = { audience: 'public', threshold: authority.disclosureThreshold } as const;
      done = { ...year, figures: result.figures, own: result.own, hiddenForOthers: hiddenForOthers(result.figures, policy) };
      resolved.set(year, done);
    }
    return done;
  };
  // Every year file once, in file order, so its problems are reported once and in order.
  for (const d of loaded) for (const y of [...d.earlier].reverse().concat(d.current)) resolve(y, d.authority);
  const datasets = loaded.map((d) => ({
    authority: d.authority,
    current: resolve(d.current, d.authority),
    earlier: d.earlier.map((y) => resolve(y, d.authority)),
    ...(d.agency ? { agency: d.agency } : {}),
  }));
  return { datasets, problems };
}

/**
 * Joins each dataset to its regional adoption agency of the same year, when the agency has a
 * dataset among `all`: a partner's report prints the agency's section, and an agency's report
 * adds up its partners.
 */
export function withRegional(datasets: readonly Dataset[], all: readonly Dataset[]): Dataset[] {
  const regionalOf = (agency: Dataset): Regional => ({
    agency,
    partners: agency.agency!.partners.map((id) => {
      const any = all.find((d) => d.authority.id === id && !d.agency);
      const dataset = all.find((d) => d.authority.id === id && !d.agency && d.current.year.id === agency.current.year.id);
      return { id, name: any?.authority.shortName ?? id, dataset };
    }),
  });
  return datasets.map((d) => {
    const agency = d.agency
      ? d
      : all.find((a) => a.agency && namesAgency(d.authority.regionalAgency, a.authority) && a.current.year.id === d.current.year.id && a.agency.partners.includes(d.authority.id));
    return agency ? { ...d, regional: regionalOf(agency) } : d;
  });
}
