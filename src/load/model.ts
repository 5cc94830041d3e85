/**
 * The normalised data the rest of the pipeline uses: one authority, its years, with defaults
 * applied here and nowhere else.
 */
import type { FiscalYear } from '../domain/fiscal-year.js';
import { glossaryWith, type GlossaryEntry } from '../domain/glossary.js';
import type { AgencyInput, AgencyYearInput, AuthorityInput, YearInput } from './schema.js';
import type { SourceFile } from './yaml.js';

export interface Authority {
  id: string;
  name: string;
  shortName: string;
  serviceName: string;
  region: string | null;
  regionalAgency: string | null;
  /** The folder of that agency under data/, when it has one and lists the authority (set by the loader). */
  agencyFolder?: string;
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

/** An agency year's own text: its report's sections, workstreams, and its section of each partner's report. */
export type AgencyHub = Omit<AgencyYearInput, 'year' | 'author' | 'figures'>;

/** One year file, validated. Its figures are resolved by metrics/ (from records, or as typed). */
export interface LoadedYear {
  year: FiscalYear;
  /** An agency's year file gives only its year, author and named figures here; the rest is its `hub`. */
  data: YearInput;
  source: SourceFile;
  hub?: AgencyHub;
}

/** What makes a reporting body a regional adoption agency: its host and its partners, by authority id. */
export interface AgencyInfo {
  /** The council that hosts the hub, by name. */
  hostAuthority: string;
  /** Partners by authority id, each with a folder under data/. */
  partners: string[];
  /** Partners whose datasets the project does not hold, by name. */
  otherPartners: string[];
}

/** One authority-year (or agency-year) as loaded, and the years before it that exist. */
export interface LoadedDataset {
  /** For an agency, the agency as a reporting body: its name, contact, colours and glossary. */
  authority: Authority;
  current: LoadedYear;
  /** Earlier years with a dataset, most recent first. */
  earlier: LoadedYear[];
  /** Set when the dataset is a regional adoption agency's (data/<agency>/agency.yaml). */
  agency?: AgencyInfo;
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

/** A regional adoption agency as a reporting body: the same shape as an authority, so every document stage serves both. */
export function normaliseAgency(id: string, input: AgencyInput, folder: string, source: SourceFile, logo: Authority['logo'], images: AuthorityImages): Authority {
  return normaliseAuthority(
    id,
    { ...input, short_name: input.short_name ?? input.name, service_name: input.name },
    folder,
    source,
    logo,
    images,
  );
}
