/** Text as HTML and SVG need it: the five characters that could open markup, as numeric references. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An agency's name as a folder or command line gives it: `family-adoption-links`. */
export const agencySlug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Whether an authority's `regional_agency` names this agency: by its name, its short name or its
 * folder under data/, written any way that gives the same slug ("Family Adoption Links",
 * "family-adoption-links", "FAL" for an agency whose short name is FAL).
 */
export function namesAgency(regionalAgency: string | null | undefined, agency: { id: string; name: string; shortName?: string | undefined }): boolean {
  if (!regionalAgency) return false;
  const named = agencySlug(regionalAgency);
  return [agency.id, agencySlug(agency.name), ...(agency.shortName ? [agencySlug(agency.shortName)] : [])].includes(named);
}
