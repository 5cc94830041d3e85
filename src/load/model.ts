/**
 * The normalised data the rest of the pipeline uses: one authority, its years, with defaults
 * applied here and nowhere else.
 */
import type { FiscalYear } from '../ids.js';
import type { Figures } from './figures.js';
import type { AuthorityInput, YearInput } from './schema.js';
import type { SourceFile } from './yaml.js';

export interface Authority {
  id: string;
  name: string;
  shortName: string;
  serviceName: string;
  region: string | null;
  regionalAgency: string | null;
  contact: { team: string; email: string | null; phone: string | null; address: string | null };
  accentColour: string;
  /** Counts from 1 to this are suppressed in public documents; 0 for none. */
  disclosureThreshold: number;
  /** Embedded as a data URL: documents load nothing from outside themselves. */
  logo: { dataUrl: string; alt: string } | null;
  /** Folder holding authority.yaml and the year files. */
  folder: string;
  source: SourceFile;
}

export interface YearData {
  year: FiscalYear;
  data: YearInput;
  source: SourceFile;
  /** Every figure of the year: computed from records where there are records, else as typed. */
  figures: Figures;
}

/** What a document is built from: one authority-year and the years before it that exist. */
export interface Dataset {
  authority: Authority;
  current: YearData;
  /** Earlier years with a dataset, most recent first. */
  earlier: YearData[];
}

export const DEFAULT_ACCENT = '#1d4f91';
/** DfE's convention for children's statistics: counts from 1 to 5 are suppressed. */
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;

export function normaliseAuthority(id: string, input: AuthorityInput, folder: string, source: SourceFile, logo: Authority['logo']): Authority {
  return {
    id,
    name: input.name,
    shortName: input.short_name,
    serviceName: input.service_name ?? `${input.short_name} Adoption Service`,
    region: input.region ?? null,
    regionalAgency: input.regional_agency ?? null,
    contact: {
      team: input.contact.team,
      email: input.contact.email ?? null,
      phone: input.contact.phone ?? null,
      address: input.contact.address ?? null,
    },
    accentColour: input.branding?.accent_colour ?? DEFAULT_ACCENT,
    disclosureThreshold: input.disclosure?.threshold ?? DEFAULT_DISCLOSURE_THRESHOLD,
    logo,
    folder,
    source,
  };
}
