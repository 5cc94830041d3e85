/**
 * Synthetic but realistic datasets, from a seed: made-up authorities with pseudonymised child and
 * adopter records whose timelines follow the adoption journey. Used for the Example authorities
 * in data/ and by the benchmark. Never real data, never under a real council's name.
 */
import { stringify } from 'yaml';
import { fiscalYearStarting, type FiscalYear } from './domain/fiscal-year.js';
import { SCHEMA_LINE } from './json-schema.js';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ETHNICITIES: [string, number][] = [
  ['White British', 70],
  ['Any other White background', 6],
  ['White and Black Caribbean', 5],
  ['White and Asian', 3],
  ['Any other Mixed background', 4],
  ['Indian', 2],
  ['Pakistani', 2],
  ['Black African', 3],
  ['Black Caribbean', 2],
  ['Any other ethnic group', 3],
];
const PROVISIONS: [string, number][] = [
  ['in_house', 45],
  ['regional_partner', 20],
  ['other_regional_agency', 10],
  ['voluntary_agency', 20],
  ['other_local_authority', 4],
  ['outside_england', 1],
];

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + Math.round(days) * DAY).toISOString().slice(0, 10);

interface Child {
  ref: string;
  birth_month: string;
  sex: 'female' | 'male';
  ethnicity: string;
  disability: boolean;
  sibling_group?: string;
  placed_together?: boolean;
  dates: Record<'entered_care' | 'best_interest_decision' | 'placement_order' | 'matched' | 'placed' | 'adoption_order', string | undefined>;
  foster_carer_adoption: boolean;
  foster_placement_start?: string;
  provision: string;
  planChanged: boolean;
}

interface Household {
  ref: string;
  household: 'couple' | 'single';
  fast_track: boolean;
  dates: Record<'enquiry' | 'initial_visit' | 'stage1_start' | 'stage1_end' | 'stage2_start' | 'approval' | 'match' | 'placement', string | undefined>;
}

class Generator {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.random();
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick(weighted: [string, number][]): string {
    const total = weighted.reduce((s, [, w]) => s + w, 0);
    let r = this.random() * total;
    for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
    return weighted[0]![0];
  }
  /** A skewed delay: most short, a few long, as real waits are. */
  delay(typical: number, spread: number): number {
    return typical + spread * -Math.log(1 - this.random() * 0.98);
  }
}

function makeChildren(g: Generator, first: FiscalYear, years: number, perYear: number): Child[] {
  const children: Child[] = [];
  const spanStart = addDays(first.start, -900);
  const spanDays = 365 * years + 900;
  const total = Math.round((perYear * spanDays) / 365);
  let sibling = 0;
  for (let i = 0; i < total; i++) {
    const entered = addDays(spanStart, g.between(0, spanDays));
    const ageAtEntry = g.chance(0.55) ? 0 : g.between(0, 6);
    const birth = addDays(entered, -ageAtEntry * 365 - g.between(0, 60));
    const bid = addDays(entered, g.delay(110, 90));
    const po = addDays(bid, g.delay(60, 70));
    const matched = g.chance(0.08) ? addDays(po, -g.between(5, 40)) : addDays(po, g.delay(70, 160));
    const placed = addDays(matched < po ? po : matched, g.between(10, 50));
    const adoption = addDays(placed, g.delay(190, 90));
    const fosterCarer = g.chance(0.12);
    const groupSize = g.chance(0.2) ? 2 : 1;
    const group = groupSize > 1 ? `S${++sibling}` : undefined;
    for (let k = 0; k < groupSize; k++) {
      children.push({
        ref: `C${String(children.length + 1).padStart(3, '0')}`,
        birth_month: addDays(birth, -k * 500).slice(0, 7),
        sex: g.chance(0.5) ? 'female' : 'male',
        ethnicity: g.pick(ETHNICITIES),
        disability: g.chance(0.08),
        ...(group ? { sibling_group: group, placed_together: g.chance(0.8) } : {}),
        dates: { entered_care: entered, best_interest_decision: bid, placement_order: po, matched, placed, adoption_order: adoption },
        foster_carer_adoption: fosterCarer,
        ...(fosterCarer ? { foster_placement_start: addDays(entered, g.between(0, 20)) } : {}),
        provision: g.pick(PROVISIONS),
        planChanged: g.chance(0.05),
      });
    }
  }
  return children;
}

function makeHouseholds(g: Generator, first: FiscalYear, years: number, perYear: number): Household[] {
  const households: Household[] = [];
  const spanStart = addDays(first.start, -700);
  const spanDays = 365 * years + 700;
  const total = Math.round((perYear * spanDays) / 365);
  for (let i = 0; i < total; i++) {
    const fast = g.chance(0.15);
    const enquiry = addDays(spanStart, g.between(0, spanDays));
    const visit = addDays(enquiry, g.between(7, 40));
    const s1start = fast ? undefined : addDays(visit, g.delay(25, 40));
    const s1end = s1start ? addDays(s1start, g.delay(60, 30)) : undefined;
    const s2start = addDays(s1end ?? visit, g.delay(10, 25));
    const approval = addDays(s2start, g.delay(120, 50));
    const match = addDays(approval, g.delay(40, 150));
    const placement = addDays(match, g.between(14, 50));
    households.push({
      ref: `H${String(i + 1).padStart(3, '0')}`,
      household: g.chance(0.25) ? 'single' : 'couple',
      fast_track: fast,
      dates: { enquiry, initial_visit: visit, stage1_start: s1start, stage1_end: s1end, stage2_start: s2start, approval, match, placement },
    });
  }
  return households;
}

/** The child as the year's dataset records it: dates after the year left out, status at year end. */
function childInYear(c: Child, year: FiscalYear): Record<string, unknown> | undefined {
  const known = Object.fromEntries(Object.entries(c.dates).filter(([, d]) => d !== undefined && d <= year.end)) as Partial<Child['dates']>;
  if (!known.entered_care) return undefined;
  const active = Object.values(known).some((d) => d! >= year.start) || (known.placement_order && !known.adoption_order);
  if (!active) return undefined;
  if (!known.placement_order && !known.best_interest_decision) return undefined;
  let status: string;
  if (known.adoption_order) status = 'adopted';
  else if (known.placed) status = 'placed';
  else if (c.planChanged && known.placement_order) status = 'plan_changed';
  else if (known.placement_order) status = 'waiting';
  else return undefined;
  const record: Record<string, unknown> = { ref: c.ref, birth_month: c.birth_month, sex: c.sex, ethnicity: c.ethnicity, disability: c.disability };
  if (c.sibling_group) Object.assign(record, { sibling_group: c.sibling_group, ...(known.placed ? { placed_together: c.placed_together } : {}) });
  Object.assign(record, known);
  if (c.foster_carer_adoption && known.placed) Object.assign(record, { foster_carer_adoption: true, foster_placement_start: c.foster_placement_start });
  if (known.placed) record.provision = c.provision;
  record.status = status;
  return record;
}

function householdInYear(h: Household, year: FiscalYear): Record<string, unknown> | undefined {
  const known = Object.fromEntries(Object.entries(h.dates).filter(([, d]) => d !== undefined && d <= year.end));
  if (!Object.values(known).some((d) => d! >= year.start)) return undefined;
  return { ref: h.ref, household: h.household, ...(h.fast_track ? { fast_track: true } : {}), ...known };
}

export interface SyntheticAuthority {
  id: string;
  name: string;
  shortName: string;
  regionalAgency: string;
  accent: string;
}

export interface SyntheticOptions {
  seed: number;
  firstYear: number;
  years: number;
  /** Children entering care who will go on to adoption, a year. */
  childrenPerYear: number;
  householdsPerYear: number;
}

export function authorityYaml(a: SyntheticAuthority): string {
  return `${SCHEMA_LINE('authority')}# A made-up authority: every figure in this folder is synthetic, generated from a seed.\n${stringify({
    name: a.name,
    short_name: a.shortName,
    region: 'Example Region',
    regional_agency: a.regionalAgency,
    contact: { team: 'Adoption Service', email: 'adoption@example.org', phone: '01632 960000' },
    branding: { accent_colour: a.accent },
  })}`;
}

/** Complaints received, by what they were about. */
function complaintsOf(received: number): Record<string, unknown> {
  if (received === 0) return { received };
  const delay = Math.ceil(received / 2);
  return { received, by_subject: { delay_in_assessment: delay, ...(received > delay ? { communication: received - delay } : {}) } };
}

/** The children with a best interest decision in one year, and where they were at the end of a later one. */
function cohortOf(children: readonly Child[], decided: FiscalYear, at: FiscalYear): Record<string, unknown> {
  const cohort = children.filter((c) => c.dates.best_interest_decision && c.dates.best_interest_decision >= decided.start && c.dates.best_interest_decision <= decided.end);
  const by = (d: string | undefined) => d !== undefined && d <= at.end;
  const adopted = cohort.filter((c) => by(c.dates.adoption_order)).length;
  const placed = cohort.filter((c) => !by(c.dates.adoption_order) && by(c.dates.placed)).length;
  const changed = cohort.filter((c) => !by(c.dates.placed) && c.planChanged).length;
  const waiting = cohort.length - adopted - placed - changed;
  return {
    label: `Children with a best interest decision in ${decided.label}, at 31 March ${at.startYear + 1}`,
    total: cohort.length,
    parts: [
      { label: 'Adopted', count: adopted },
      { label: 'Placed, awaiting the adoption order', count: placed },
      { label: 'Still waiting, or before the court', count: waiting },
      { label: 'Plan changed away from adoption', count: changed },
    ],
  };
}

/** One YAML file per fiscal year: records, narrative, covering report and statement of purpose. */
export function syntheticYears(a: SyntheticAuthority, options: SyntheticOptions): Map<string, string> {
  const g = new Generator(options.seed);
  const first = fiscalYearStarting(options.firstYear);
  const children = makeChildren(g, first, options.years, options.childrenPerYear);
  const households = makeHouseholds(g, first, options.years, options.householdsPerYear);
  const files = new Map<string, string>();
  for (let k = 0; k < options.years; k++) {
    const year = fiscalYearStarting(options.firstYear + k);
    const next = fiscalYearStarting(options.firstYear + k + 1);
    const meeting = `${year.startYear + 1}-10-${String(7 + k).padStart(2, '0')}`;
    const approved = `${year.startYear + 1}-11-${String(4 + k).padStart(2, '0')}`;
    const review = `${year.startYear + 2}-11-${String(3 + k).padStart(2, '0')}`;
    const dataset = {
      year: year.id,
      author: { role: 'Service Manager, Adoption', date: `September ${year.startYear + 1}` },
      scorecard: {
        a10: { days: 0, comparators: [{ kind: 'england', days: 480, source: 'Example comparator for synthetic data' }] },
        a2: { days: 0, comparators: [{ kind: 'england', days: 197, source: 'Example comparator for synthetic data' }] },
      },
      panel: { meetings: Math.round(g.between(12, 24)), cases: Math.round(g.between(30, 60)) },
      support_fund: { drawdown: Math.round(g.between(300_000, 1_200_000) * 100) / 100, families: Math.round(g.between(150, 500)) },
      complaints: complaintsOf(Math.round(g.between(0, 6))),
      figures: { life_story_books: { label: 'Life story books completed', value: Math.round(g.between(8, 30)), counts: 'children' } },
      ...(k > 0 ? { cohorts: [cohortOf(children, fiscalYearStarting(options.firstYear + k - 1), year)] } : {}),
      narrative: syntheticNarrative(a, year, k > 0),
      recommendations: [
        { action: 'Reduce the time children wait between the placement order and a match.', owner: 'Service Manager', by: `March ${next.startYear + 1}` },
        { action: 'Recruit adopters for brothers and sisters and for older children.', owner: 'Recruitment Team Manager', by: `March ${next.startYear + 1}` },
      ],
      children_records: children.map((c) => childInYear(c, year)).filter(Boolean),
      adopter_records: households.map((h) => householdInYear(h, year)).filter(Boolean),
      covering_report: syntheticCovering(year, meeting),
      statement_of_purpose: syntheticStatement(a, approved, review),
    };
    // The scorecard's days come from the records; only the comparators are typed.
    for (const entry of Object.values(dataset.scorecard)) delete (entry as { days?: number }).days;
    files.set(
      year.id,
      `${SCHEMA_LINE('dataset')}# Synthetic data for ${a.name}, generated from seed ${options.seed}. Not real children or adopters.\n${stringify(dataset, { lineWidth: 100 })}`,
    );
  }
  return files;
}

/** Narrative that names its figures rather than typing them; the first year has no year before to compare with. */
function syntheticNarrative(a: SyntheticAuthority, year: FiscalYear, hasPrevious: boolean): Record<string, string> {
  const change = (name: string) => (hasPrevious ? `, {{${name} | change}} on the year before` : '');
  return {
    executive_summary: `This is the annual report of ${a.name}'s adoption service for ${year.label}. Its figures are computed from the service's pseudonymised records.\n\nIn the year {{children.placed}} children moved in with their adoptive families and {{children.adoption_orders}} adoption orders were made. The mean time from entering care to moving in was {{scorecard.a10}}${change('scorecard.a10')}.`,
    introduction: `${a.name} is a partner of ${a.regionalAgency}. This report meets the duty in standard 25.6 of the Adoption National Minimum Standards to report to the executive every year.`,
    performance: `Figures are computed from the child and adopter records in the dataset. {{placements.within_region}} of children placed in the year were placed within ${a.regionalAgency}.`,
    approvals: `{{adopters.approvals}} adopter households were approved in the year${change('adopters.approvals')}.`,
    teams: `A life story worker completed {{figures.life_story_books}} life story books${change('figures.life_story_books')}.`,
  };
}

function syntheticCovering(year: FiscalYear, meeting: string): Record<string, unknown> {
  const officer = (role: string, text: string) => ({ text, officer: role });
  return {
    committee: 'Children and Young People Scrutiny Committee',
    meeting_date: meeting,
    lead_director: 'Director of Children’s Services',
    wards: 'All',
    author: { role: 'Head of Service, Children in Care', contact: 'Adoption Service, 01632 960000' },
    version: 'v1',
    key_decision: { answer: false },
    private: { answer: false },
    summary: `This report presents the adoption service's annual report for ${year.label} and its statement of purpose.\n\n{{children.placed}} children moved in with their adoptive families in the year.`,
    recommended_actions: ['The committee is asked to note the annual report.', 'The committee is asked to note the statement of purpose.'],
    scrutiny: 'The report was prepared with the service’s managers and the regional adoption agency.',
    background: 'Standard 25.6 of the Adoption National Minimum Standards requires an annual report to the executive.',
    detailed_report: 'The annual report is Appendix A and the statement of purpose Appendix B.',
    implications: {
      financial: officer('Head of Finance', 'There are no financial implications arising from this report.'),
      legal: officer('Principal Solicitor', 'There are no direct legal implications.'),
      equalities: officer('Equalities Officer', 'The service has due regard to the public sector equality duty in all its work with children and adopters.'),
      climate_emergency: officer('Sustainability Officer', 'There are no significant climate emergency implications.'),
    },
  };
}

function syntheticStatement(a: SyntheticAuthority, approved: string, review: string): Record<string, unknown> {
  return {
    aims_and_objectives: 'Every child who cannot live with their birth family should grow up in a safe, loving, permanent family without delay.',
    manager: {
      name: 'A. Example (a made-up name)',
      address: `${a.name}, Example Street, Exampletown EX1 1AA`,
      qualifications: 'Qualified social worker.',
      experience: 'Experience of managing adoption services.',
    },
    staff: 'Social workers, support workers and managers, all registered or trained as their roles require.',
    organisational_structure: 'The service manager reports to the head of service, who reports to the director.',
    quality_monitoring: 'Managers track every child and adopter monthly; the panel and the regional agency review quality.',
    adopter_procedures: 'Information event, initial visit, stage 1 (two months), stage 2 (four months), panel and decision, matching and support.',
    adopter_journey: ['Enquiry', 'Initial visit', 'Stage 1', 'Stage 2', 'Panel and approval', 'Matching', 'Placement', 'Adoption order and support'],
    adoption_support: 'Assessment of support needs, training, groups, therapy through the support fund, and birth records counselling.',
    complaints: 'Complaints go first to the team manager, then through the council’s children’s complaints procedure.',
    regulator: { name: 'Ofsted', address: 'Piccadilly Gate, Store Street, Manchester M1 2WD', phone: '0300 123 1231' },
    approved,
    next_review: review,
  };
}

export const EXAMPLE_AUTHORITIES: SyntheticAuthority[] = [
  { id: 'example-borough', name: 'Example Borough Council', shortName: 'Example Borough', regionalAgency: 'Example Adoption Partnership', accent: '#0f5e5a' },
  { id: 'example-county', name: 'Example County Council', shortName: 'Example County', regionalAgency: 'Example Adoption Partnership', accent: '#5b2a86' },
  { id: 'example-city', name: 'Example City Council', shortName: 'Example City', regionalAgency: 'Example Adoption Partnership', accent: '#7a3b00' },
];

/**
 * A synthetic SSDA903 return for one year: `lookedAfter` children with their episodes (about five
 * each), about one in six on the adoption pathway, as the four CSV tables the import reads. Made
 * up from a seed; the IDs, UPNs and postcodes are fakes of the right shape.
 */
export function syntheticReturn(seed: number, lookedAfter: number, year: FiscalYear): Record<string, string> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const header = [['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']];
  const episodes = [['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN']];
  const ad1 = [['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR']];
  const decisions = [['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED']];
  const codes = ['WBRI', 'WBRI', 'WBRI', 'WBRI', 'WOTH', 'MWBC', 'MWAS', 'AIND', 'APKN', 'BAFR', 'BCRB', 'OOTH'];
  for (let n = 0; n < lookedAfter; n++) {
    const id = `SYN${String(seed).padStart(3, '0')}${String(n).padStart(6, '0')}`;
    const entered = addDays(year.start, -Math.floor(random() * 1400) - 30);
    const dob = addDays(entered, -Math.floor(random() * 3000) - 20);
    header.push([id, pick(['M', 'F']), dmy(dob), pick(codes), `A${String(Math.floor(random() * 1e12)).padStart(12, '0')}`, '', '']);
    const adoption = random() < 1 / 6;
    const steps = adoption ? 3 + Math.floor(random() * 3) : 3 + Math.floor(random() * 7);
    let start = entered;
    const add = (rne: string, ls: string, place: string, end: string | undefined, rec: string) =>
      episodes.push([id, dmy(start), rne, ls, 'N1', place, 'PR1', end && end <= year.end ? dmy(end) : '', end && end <= year.end ? rec : '', '', 'ZZ1 1ZZ', 'ZZ9 9ZZ', 'SC000000']);
    for (let s = 0; s < steps; s++) {
      const last = s === steps - 1;
      const end = last && !adoption ? undefined : addDays(start, 40 + Math.floor(random() * 200));
      if (adoption && last) {
        add('P', 'E1', 'A6', end, 'E11');
        if (end && end >= year.start && end <= year.end) ad1.push([id, dmy(dob), dmy(addDays(entered, 120)), dmy(addDays(start, -20)), '0', '2', 'MF', 'L0']);
      } else add(s === 0 ? 'S' : pick(['P', 'L', 'T']), adoption && s >= steps - 2 ? 'E1' : 'C2', pick(['U1', 'U3', 'U4', 'U5']), end, 'X1');
      if (!end || end > year.end) break;
      start = end;
    }
    if (adoption) decisions.push([id, dmy(dob), dmy(addDays(entered, 120)), '', '']);
  }
  const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  return { 'Header.csv': csv(header), 'Episodes.csv': csv(episodes), 'AD1.csv': csv(ad1), 'PlacedAdoption.csv': csv(decisions) };
}
