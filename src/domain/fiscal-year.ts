/**
 * Fiscal years, and the identifiers that become parts of output paths (authority ids and fiscal
 * years), checked here so nothing is ever written outside the output folder.
 */

/** A fiscal year such as `2024-25`: 1 April 2024 to 31 March 2025. */
export interface FiscalYear {
  /** `2024-25` */
  id: string;
  startYear: number;
  /** ISO date of 1 April. */
  start: string;
  /** ISO date of 31 March. */
  end: string;
  /** `2024/25`, as reports write it in prose. */
  label: string;
  /** `24-25`, as dashboards label it. */
  short: string;
}

const FISCAL_YEAR = /^(\d{4})-(\d{2})$/;
const AUTHORITY_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isAuthorityId(value: string): boolean {
  return AUTHORITY_ID.test(value) && value.length <= 60;
}

/** Returns the fiscal year, or undefined when `id` is not `yyyy-yy` with consecutive years. */
export function parseFiscalYear(id: string): FiscalYear | undefined {
  const match = FISCAL_YEAR.exec(id);
  if (!match) return undefined;
  const startYear = Number(match[1]);
  if ((startYear + 1) % 100 !== Number(match[2])) return undefined;
  return fiscalYearStarting(startYear);
}

export function fiscalYearStarting(startYear: number): FiscalYear {
  const end = startYear + 1;
  const two = (n: number) => String(n % 100).padStart(2, '0');
  return {
    id: `${startYear}-${two(end)}`,
    startYear,
    start: `${startYear}-04-01`,
    end: `${end}-03-31`,
    label: `${startYear}/${two(end)}`,
    short: `${two(startYear)}-${two(end)}`,
  };
}

export function previousFiscalYear(year: FiscalYear, back = 1): FiscalYear {
  return fiscalYearStarting(year.startYear - back);
}

export function nextFiscalYear(year: FiscalYear, ahead = 1): FiscalYear {
  return fiscalYearStarting(year.startYear + ahead);
}

/** A year file's name, `2024-25.yaml`; the first group is the fiscal year. */
export const YEAR_FILE = /^(\d{4}-\d{2})\.ya?ml$/;

export const FISCAL_YEAR_HINT = 'a fiscal year written yyyy-yy with consecutive years, such as 2024-25';
export const AUTHORITY_ID_HINT = 'lower-case letters, digits and single hyphens, such as leicestershire or north-lincolnshire';
