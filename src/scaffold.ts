/**
 * `annual-report new <authority> <yyyy-yy>`: next year's dataset from the latest one, or a
 * commented template for a new authority. Comments and structure are kept; last year's figures
 * become empty values marked "fill in" (with last year's figure beside them, so the author can
 * see what changed), narrative becomes "To write", last year's recommendations become this year's
 * progress to report, and dates move on a year. It never overwrites a file.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { nextFiscalYear, previousFiscalYear, type FiscalYear } from './domain/fiscal-year.js';
import { MEASURES, measureKey } from './domain/measures.js';
import { formatValue } from './domain/format.js';
import { DEFAULT_ACCENT } from './load/model.js';
import { AGENCY_SECTIONS, NARRATIVE_SECTIONS } from './load/schema.js';
import { SCHEMA_LINE } from './json-schema.js';

const FIGURE_GROUPS = ['children', 'adopters', 'panel', 'support_fund', 'adopter_timeliness', 'placements_by_provision', 'complaints', 'birth_records'];
const TO_WRITE = (year: FiscalYear) => `To write for ${year.label}.`;

const addYear = (iso: string) => `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;

function emptyFigure(map: YAMLMap, key: string, label: string, shown: string): void {
  const value = new Scalar(null);
  value.comment = ` fill in (${label}: ${shown})`;
  map.set(key, value);
}

/** Keeps a Markdown text's headings, so each section keeps its shape; the prose is to write. */
function toWrite(markdown: string, year: FiscalYear): string {
  const headings = markdown.split('\n').filter((line) => /^#{1,6} /.test(line));
  return [TO_WRITE(year), ...headings.flatMap((h) => ['', h, '', TO_WRITE(year)])].join('\n');
}

/** A Markdown text (a scalar of the document) becomes "To write", its headings kept; anything else is left. */
function textToWrite(node: unknown, year: FiscalYear, end = ''): void {
  if (isScalar(node) && typeof node.value === 'string') [node.value, node.type] = [`${toWrite(node.value, year)}${end}`, 'BLOCK_LITERAL'];
}

/** Each Markdown text of a mapping becomes "To write". */
function sectionsToWrite(map: unknown, year: FiscalYear): void {
  if (isMap(map)) for (const pair of map.items) textToWrite(pair.value, year);
}

/** Figures the year file names itself keep their label and unit; their values are to fill in. */
function emptyNamedFigures(doc: Document.Parsed, previous: FiscalYear): void {
  const named = doc.get('figures');
  if (!isMap(named)) return;
  for (const pair of named.items) {
    const figure = pair.value;
    const value = isMap(figure) ? figure.get('value') : undefined;
    if (isMap(figure) && typeof value === 'number') emptyFigure(figure, 'value', previous.label, String(value));
  }
}

/** A new year file from last year's: its top comment, year and author's date made new. */
function startedFrom(previousText: string, previous: FiscalYear, year: FiscalYear, schemaLine: string): Document.Parsed {
  const doc = parseDocument(previousText) as Document.Parsed;
  const root = doc.contents as YAMLMap;
  // Last year's notes explained last year's figures; the new file starts with its own.
  root.commentBefore = undefined;
  const first = root.items[0]?.key;
  if (isScalar(first)) first.commentBefore = undefined;
  doc.commentBefore = `${schemaLine.slice(1)} Started from ${previous.id} by \`annual-report new\`: fill in each value marked "fill in" (last year's\n figure is beside it), write each section marked "To write", and review the rest.\n \`annual-report validate\` lists what is still to do.`;
  doc.set('year', year.id);
  const author = doc.get('author') as YAMLMap | undefined;
  author?.delete('date');
  if (author) author.commentBefore = ' add date: the month of publication';
  return doc;
}

/** A regional adoption agency's next year file from its latest: figures to fill in, every text to write. */
export function nextAgencyYear(previousText: string, previous: FiscalYear, year: FiscalYear, schemaDir?: string): string {
  const doc = startedFrom(previousText, previous, year, SCHEMA_LINE('agency-year', schemaDir));
  emptyNamedFigures(doc, previous);
  sectionsToWrite(doc.get('sections'), year);
  const workstreams = doc.get('workstreams');
  // A workstream's name and lead stay: only its text is to write.
  if (isSeq(workstreams)) for (const item of workstreams.items) if (isMap(item)) textToWrite(item.get('text', true), year);
  textToWrite(doc.get('for_partners', true), year, '\n');
  return doc.toString({ lineWidth: 100 });
}

/** A regional adoption agency's first year file: every section to write, figures to name. */
export function firstAgencyYear(year: FiscalYear, schemaDir?: string): string {
  const sections = Object.keys(AGENCY_SECTIONS)
    .map((key) => `  ${key}: |\n    ${TO_WRITE(year)}\n`)
    .join('');
  return `${SCHEMA_LINE('agency-year', schemaDir)}# A regional adoption agency's year: write each section marked "To write", name the hub's figures
# under figures: (label, value, unit), and use them in the text as {{figures.<name>}}.
year: ${year.id}
author:
  role: Head of Service   # a role, never a name
figures: {}
sections:
${sections}workstreams: []   # each a name, a lead (by role and partner) and text
for_partners: |
  ${TO_WRITE(year)}
`;
}

export function nextYearDataset(previousText: string, previous: FiscalYear, year: FiscalYear, schemaDir?: string): string {
  const doc = startedFrom(previousText, previous, year, SCHEMA_LINE('dataset', schemaDir));

  const scorecard = doc.get('scorecard');
  if (isMap(scorecard)) {
    for (const pair of scorecard.items) {
      const entry = pair.value;
      if (!isMap(entry)) continue;
      const days = entry.get('days');
      if (typeof days === 'number') emptyFigure(entry, 'days', previous.label, formatValue('days', days));
      entry.delete('commentary');
      entry.delete('children');
      entry.delete('three_year_days');
      const comparators = entry.get('comparators', true);
      if (isSeq(comparators)) comparators.commentBefore = ' check each comparator is still the latest published';
    }
  }
  for (const group of FIGURE_GROUPS) {
    const map = doc.get(group);
    if (!isMap(map)) continue;
    map.commentBefore = undefined;
    for (const pair of [...map.items]) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value !== 'number') continue;
      const m = MEASURES.find((x) => x.id === `${group}.${key}`);
      if (isScalar(pair.key)) pair.key.commentBefore = undefined;
      emptyFigure(map, key, previous.label, m ? formatValue(m.unit, value) : String(value));
    }
  }

  emptyNamedFigures(doc, previous);
  sectionsToWrite(doc.get('narrative'), year);

  // Last year's recommendations are this year's progress to report.
  const recommendations = doc.toJS().recommendations as { action: string }[] | undefined;
  doc.delete('progress');
  if (recommendations?.length) {
    doc.set('progress', doc.createNode(recommendations.map((r) => ({ recommendation: r.action, progress: `To write: what was done in ${year.label}.` }))));
  }
  const next = doc.createNode([]) as YAMLSeq;
  next.commentBefore = ` add the recommendations for ${nextFiscalYear(year).label}: action, owner (a role), by when`;
  doc.set('recommendations', next);

  // Children still waiting or placed, and households not yet placed, carry on into the new year.
  for (const [key, done] of [
    ['children_records', (r: Record<string, unknown>) => r.status === 'adopted'],
    ['adopter_records', (r: Record<string, unknown>) => typeof r.placement === 'string'],
  ] as const) {
    const records = doc.get(key);
    if (!isSeq(records)) continue;
    records.items = records.items.filter((item) => !done((item as YAMLMap).toJSON() as Record<string, unknown>));
    records.commentBefore = ` carried on from ${previous.label}: update each status and add this year's dates and new ${key === 'children_records' ? 'children' : 'households'}`;
  }

  const covering = doc.get('covering_report');
  if (isMap(covering)) {
    const meeting = covering.get('meeting_date');
    if (typeof meeting === 'string') covering.set('meeting_date', addYear(meeting));
    covering.set('version', 'v1');
    covering.commentBefore = ` review every section for ${year.label}; the meeting date has moved on a year`;
  }
  const statement = doc.get('statement_of_purpose');
  if (isMap(statement)) {
    for (const key of ['approved', 'next_review']) {
      const value = statement.get(key);
      if (typeof value === 'string') statement.set(key, addYear(value));
    }
    statement.commentBefore = ' review the statement for this year; approval and review dates have moved on a year';
  }
  return doc.toString({ lineWidth: 100 });
}

/** A commented template for an authority's first year: every section, each value to fill in. */
export function firstYearTemplate(year: FiscalYear, schemaDir?: string): string {
  const previous = previousFiscalYear(year);
  const figures = (group: string) =>
    MEASURES.filter((m) => m.id.startsWith(`${group}.`))
      .map((m) => `  ${measureKey(m)}:   # ${m.label}${m.unit === 'count' ? '' : ` (${m.unit})`}`)
      .join('\n');
  const narrative = Object.entries(NARRATIVE_SECTIONS)
    .map(([key, what]) => `  # ${what}\n  ${key}: |\n    ${TO_WRITE(year)}`)
    .join('\n');
  // A10 replaced A1 in 2021-22: a year before it has A1.
  const [entered, code] = year.startYear >= 2021 ? ['a10', 'A10'] : ['a1', 'A1'];
  return `${SCHEMA_LINE('dataset', schemaDir)}# The ${year.label} dataset. Fill in each empty value (leave out a line you cannot fill), write each
# section marked "To write", and run \`annual-report validate\` to see what is left. Next year,
# \`annual-report new\` starts from this file. Every figure is optional; give what you have.
year: ${year.id}
author:
  role: Service Manager   # a role title, never a person's name
  date:                   # the month of publication, such as September ${year.startYear + 1}

scorecard:                # days; lower is better
  ${entered}:
    days:                 # ${code}: entering care to moving in with the adoptive family
    comparators:          # each with its source; a period only if the source gives one
      - kind: england
        days:
        source:
  a2:
    days:                 # A2: placement order to match
  a20:
    days:                 # A20: entering care to placement order

children:
${figures('children')}

adopters:
${figures('adopters')}

panel:
${figures('panel')}

support_fund:
${figures('support_fund')}

placements_by_provision:
${figures('placements_by_provision')}

adopter_timeliness:       # months, for the households who had a child placed in the year
${figures('adopter_timeliness')}

complaints:
${figures('complaints')}

birth_records:
${figures('birth_records')}

narrative:
${narrative}

# Progress against the recommendations of the ${previous.label} report, if there was one.
progress: []

recommendations:
  - action: To write.
    owner: Service Manager
    by: March ${year.startYear + 2}

# The report that takes the annual report to committee (leave the section out if there is none).
covering_report:
  committee: To write.    # such as Children and Young People Scrutiny Committee
  meeting_date:           # yyyy-mm-dd
  lead_director: Director of Children’s Services
  wards: All
  author:
    role: Service Manager
    contact: To write.    # a team telephone number or e-mail address
  version: v1
  key_decision:
    answer: false
  private:
    answer: false
  summary: To write.
  recommended_actions:
    - The committee is asked to note the annual report.
  scrutiny: To write.
  background: To write.
  detailed_report: The annual report is Appendix A.
  implications:
    financial:
      text: To write.
      officer: Head of Finance
    legal:
      text: To write.
      officer: Principal Solicitor
    equalities:
      text: To write.
      officer: Equalities Officer
    climate_emergency:
      text: To write.
      officer: Sustainability Officer

# The statement of purpose (Schedule 1 of the 2003 regulations); leave it out if it is published apart.
statement_of_purpose:
  aims_and_objectives: To write.
  manager:
    name: To write.       # the regulations ask for the manager's name
    address: To write.
    qualifications: To write.
    experience: To write.
  staff: To write.
  organisational_structure: To write.
  quality_monitoring: To write.
  adopter_procedures: To write.
  adopter_journey:
    - Enquiry
    - Initial visit
    - Stage 1
    - Stage 2
    - Panel and approval
    - Matching
    - Placement
    - Adoption order and support
  adoption_support: To write.
  complaints: To write.
  regulator:
    name: Ofsted
    address: Piccadilly Gate, Store Street, Manchester M1 2WD
    phone: 0300 123 1231
  approved:               # yyyy-mm-dd, when the executive approved it
  next_review:            # yyyy-mm-dd
`;
}

export function firstAuthorityTemplate(name: string, schemaDir?: string): string {
  return `${SCHEMA_LINE('authority', schemaDir)}# What does not change from year to year. Fill in the council's names and the team to contact.
name: ${name} Council      # the full name
short_name: ${name}        # for headers and tables
service_name: ${name} Adoption Service
region:                    # a region of England, such as East Midlands
regional_agency:           # the regional adoption agency the authority is a partner of
contact:
  team: Adoption Service   # a team, never a person
  email:
  phone:
branding:
  accent_colour: "${DEFAULT_ACCENT}" # needs 4.5:1 contrast against white
`;
}
