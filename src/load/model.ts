/**
 * The normalised data the rest of the pipeline uses: one authority, its years, with defaults
 * applied here and nowhere else.
 */
import type { FiscalYear } from '../domain/fiscal-year.js';
import { glossaryWith, type GlossaryEntry } from '../domain/glossary.js';
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
  /** The project's glossary with the authority's own entries. */
  glossary: GlossaryEntry[];
  /** Embedded as a data URL: documents load nothing from outside themselves. */
  logo: { dataUrl: string; alt: string } | null;
  /** Files beside authority.yaml, read as images for narrative to show: name to data URL, or why not. */
  images: AuthorityImages;
  /** Folder holding authority.yaml and the year files. */
  folder: string;
  source: SourceFile;
}

/** One year file, validated. Its figures are resolved by metrics/ (from records, or as typed). */
export interface LoadedYear {
  year: FiscalYear;
  data: YearInput;
  source: SourceFile;
}

/** One authority-year as loaded, and the years before it that exist. */
export interface LoadedDataset {
  authority: Authority;
  current: LoadedYear;
  /** Earlier years with a dataset, most recent first. */
  earlier: LoadedYear[];
}

export type ImageFile = { dataUrl: string } | { reason: string };
export type AuthorityImages = ReadonlyMap<string, ImageFile>;

export const DEFAULT_ACCENT = '#1d4f91';
/** DfE's convention for children's statistics: counts from 1 to 5 are suppressed. */
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;

export function normaliseAuthority(
  id: string,
  input: AuthorityInput,
  folder: string,
  source: SourceFile,
  logo: Authority['logo'],
  images: AuthorityImages,
): Authority {
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
    glossary: glossaryWith(input.glossary ?? []),
    logo,
    images,
    folder,
    source,
  };
}
