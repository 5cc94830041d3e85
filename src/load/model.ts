/**
 * The normalised data the rest of the pipeline uses: one authority, its years, with defaults
 * applied here and nowhere else.
 */
import type { FiscalYear } from '../ids.js';
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
}

/** What a document is built from: one authority-year and the years before it that exist. */
export interface Dataset {
  authority: Authority;
  current: YearData;
  /** Earlier years with a dataset, most recent first. */
  earlier: YearData[];
}

export const DEFAULT_ACCENT = '#1d4f91';

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
    logo,
    folder,
    source,
  };
}
