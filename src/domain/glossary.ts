/**
 * The adoption terms a reader may not know, written out: the project's default list (the terms of
 * ../shared/DOMAIN.md and the seed reports), which an authority extends or rewords in its
 * authority.yaml. Documents expand each at its first use and list those they use in a glossary.
 */
export interface GlossaryEntry {
  /** As written in text: RAA, SGO. */
  term: string;
  /** What it stands for: regional adoption agency. */
  expansion: string;
  /** One plain sentence saying what it is. */
  explanation: string;
}

export const DEFAULT_GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'ADM', expansion: 'agency decision maker', explanation: 'The senior manager who decides, after the panel’s recommendation, on adoption plans, approvals of adopters and matches.' },
  { term: 'ASGLB', expansion: 'Adoption and Special Guardianship Leadership Board', explanation: 'The national board of leaders from the sector that publishes adoption data each quarter.' },
  { term: 'ASF', expansion: 'Adoption and Special Guardianship Support Fund', explanation: 'Government money for therapy and other support for adopted children and children under special guardianship.' },
  { term: 'ASGSF', expansion: 'Adoption and Special Guardianship Support Fund', explanation: 'Government money for therapy and other support for adopted children and children under special guardianship.' },
  { term: 'BID', expansion: 'best interest decision', explanation: 'The agency decision maker’s decision that adoption is in a child’s best interests.' },
  { term: 'CAMHS', expansion: 'Child and Adolescent Mental Health Services', explanation: 'The NHS services for children and young people with emotional or mental health needs.' },
  { term: 'CLA', expansion: 'children looked after', explanation: 'Children in the care of the council.' },
  { term: 'CPR', expansion: 'Child’s Permanence Report', explanation: 'The report on a child’s history and needs that supports the decision that adoption is right for them.' },
  { term: 'DfE', expansion: 'Department for Education', explanation: 'The government department responsible for children’s services in England.' },
  { term: 'EP', expansion: 'early permanence', explanation: 'Placing a baby or young child with carers who may go on to adopt them, before the court decides.' },
  { term: 'FfA', expansion: 'Fostering for Adoption', explanation: 'Placing a child with approved adopters, who are also approved as foster carers, before the court decides on adoption.' },
  { term: 'IRO', expansion: 'independent reviewing officer', explanation: 'A social worker, independent of the child’s case, who chairs the reviews of a looked-after child’s plan.' },
  { term: 'LAC', expansion: 'looked-after children', explanation: 'Children in the care of the council.' },
  { term: 'NHS', expansion: 'National Health Service', explanation: 'The public health service.' },
  { term: 'PAR', expansion: 'Prospective Adopter’s Report', explanation: 'The assessment of people who want to adopt, which the panel reads before it recommends approval.' },
  { term: 'RAA', expansion: 'regional adoption agency', explanation: 'A partnership of councils, and sometimes charities, that recruits adopters and finds families for children across its area.' },
  { term: 'SGO', expansion: 'special guardianship order', explanation: 'A court order giving a carer, often a relative, parental responsibility for a child until they are 18.' },
  { term: 'SSDA903', expansion: 'the children looked after return', explanation: 'The data on children in care that every council sends the Department for Education each year.' },
  { term: 'VAA', expansion: 'voluntary adoption agency', explanation: 'A charity approved to recruit, assess and support adopters.' },
];

/** Capitals a reader needs no glossary for. */
export const WELL_KNOWN = new Set(['UK', 'PDF', 'HTML', 'CSV', 'OK', 'TV', 'AM', 'PM', 'GOV']);

/** The project's glossary with an authority's own entries, which replace the project's of the same term. */
export function glossaryWith(own: readonly GlossaryEntry[]): GlossaryEntry[] {
  const byTerm = new Map(DEFAULT_GLOSSARY.map((e) => [e.term, e]));
  for (const e of own) byTerm.set(e.term, e);
  return [...byTerm.values()].sort((a, b) => a.term.localeCompare(b.term));
}

/** Where a term stands as a word of its own in a text (not inside another word). */
export function termPattern(term: string, flags = 'u'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, flags);
}
