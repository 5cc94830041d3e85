/**
 * Every figure a document can show, named by its path in a year's dataset. Labels, units,
 * which way is better, and the official definition live here once; tables, charts, change
 * wording, comparisons and the JSON Schema descriptions all read them from here.
 */

export type Unit = 'days' | 'months' | 'count' | 'gbp' | 'percent';

/**
 * Which way is better. `neutral` for counts with no right number (adoption orders, fund money):
 * a report states their change without praising or blaming it.
 */
export type Direction = 'lower' | 'higher' | 'neutral';

export interface Measure {
  id: string;
  label: string;
  /** For chart axes and narrow table cells. */
  shortLabel: string;
  unit: Unit;
  direction: Direction;
  definition: string;
  /** DfE scorecard code, where the measure has one. */
  code?: string;
  /**
   * Measures with the same family and different `definition` versions are not compared with
   * each other (A1 was replaced by A10 in the returns from 2021-22).
   */
  family?: string;
}

const timeliness = (key: string, code: string | undefined, label: string, shortLabel: string, definition: string, family?: string): Measure => ({
  id: `scorecard.${key}`,
  label,
  shortLabel,
  unit: 'days',
  direction: 'lower',
  definition,
  ...(code ? { code } : {}),
  ...(family ? { family } : {}),
});

const neutralCount = (id: string, label: string, shortLabel: string, definition: string): Measure => ({
  id,
  label,
  shortLabel,
  unit: 'count',
  direction: 'neutral',
  definition,
});

const adopterMonths = (key: string, label: string, shortLabel: string, definition: string): Measure => ({
  id: `adopter_timeliness.${key}`,
  label,
  shortLabel,
  unit: 'months',
  direction: 'lower',
  definition,
});

export const SCORECARD_MEASURES: readonly Measure[] = [
  timeliness(
    'a10',
    'A10',
    'Average time between a child entering care and moving in with its adoptive family',
    'A10 entered care to placed',
    'Mean days from entering care to moving in with the adoptive family, over children adopted in the period; for a foster-carer adoption the start of that foster placement replaces the placement date.',
    'entered-care-to-placed',
  ),
  timeliness(
    'a1',
    'A1',
    'Average time between a child entering care and moving in with its adoptive family (A1 definition)',
    'A1 entered care to placed',
    'Mean days from entering care to moving in with the adoptive family, over children adopted in the period (the definition used before A10 replaced it in 2021-22).',
    'entered-care-to-placed',
  ),
  timeliness(
    'a2',
    'A2',
    'Average time between a local authority receiving court authority to place a child and deciding on a match to an adoptive family',
    'A2 placement order to match',
    'Mean days from placement order to match (0 when matched before the order), over children adopted who had a placement order and were placed before the adoption order.',
  ),
  timeliness(
    'a20',
    'A20',
    'Average time between a child entering care and the local authority receiving court authority to place the child',
    'A20 entered care to placement order',
    'Mean days from entering care to the placement order, over children adopted in the period.',
  ),
  timeliness(
    'bid_to_po',
    undefined,
    'Average time between the best interest decision and the placement order',
    'Best interest decision to placement order',
    'Mean days from the agency decision maker’s best interest decision to the placement order, over children adopted in the period who had both.',
  ),
  timeliness(
    'po_to_placed',
    undefined,
    'Average time between the placement order and the child moving in with the adoptive family',
    'Placement order to placed',
    'Mean days from placement order to moving in with the adoptive family, over children placed in the period.',
  ),
];

/** A share of children: typed as a count over a number of children, or computed from child records. */
export const A3: Measure = {
  id: 'scorecard.a3',
  code: 'A3',
  label: 'Children adopted who moved in with their adoptive family within 14 months (426 days) of entering care',
  shortLabel: 'A3 placed within 14 months',
  unit: 'percent',
  direction: 'higher',
  definition: 'Percentage of children adopted in the period who moved in with their adoptive family within 426 days (14 months) of entering care.',
};

export const A5: Measure = {
  id: 'scorecard.a5',
  code: 'A5',
  label: 'Children with a best interest decision whose plan changed away from adoption',
  shortLabel: 'A5 plans changed',
  unit: 'percent',
  direction: 'lower',
  definition:
    'Percentage of children with a best interest decision for adoption whose plan changed away from adoption in the period (lower is better: read from the DfE scorecard, where no official direction was found).',
};

/** Shares typed as a number of children and how many of them: A3 and A5. */
export const SCORECARD_SHARES: readonly Measure[] = [A3, A5];

export const CHILD_COUNTS: readonly Measure[] = [
  neutralCount(
    'children.best_interest_decisions',
    'Best interest decisions (adoption)',
    'Best interest decisions',
    'Decisions by the agency decision maker in the year that a child should be placed for adoption.',
  ),
  neutralCount('children.placement_orders', 'Placement orders granted', 'Placement orders', 'Placement orders granted by the court in the year.'),
  neutralCount('children.placed', 'Children placed with adoptive families', 'Children placed', 'Children who moved in with their adoptive family in the year.'),
  neutralCount('children.adoption_orders', 'Adoption orders granted', 'Adoption orders', 'Adoption orders made by the court in the year.'),
  neutralCount(
    'children.waiting',
    'Children waiting at year end',
    'Children waiting',
    'Children with a placement order who had not moved in with an adoptive family on 31 March.',
  ),
  neutralCount(
    'children.bid_at_year_end',
    'Children with a best interest decision at year end',
    'Best interest decision at year end',
    'Children with an agency decision maker’s decision that adoption is in their best interests, not yet placed, on 31 March.',
  ),
  neutralCount(
    'children.inter_agency_placements',
    'Inter-agency placements',
    'Inter-agency placements',
    'Children placed in the year with adopters approved by another agency (another regional agency, a voluntary agency or a local authority outside the region), for which an inter-agency fee is paid.',
  ),
  {
    id: 'children.disruptions',
    label: 'Adoption disruptions',
    shortLabel: 'Disruptions',
    unit: 'count',
    direction: 'lower',
    definition: 'Placements that ended after the child moved in and before the adoption order.',
  },
];

export const ADOPTER_COUNTS: readonly Measure[] = [
  neutralCount(
    'adopters.initial_visits',
    'Initial visits completed',
    'Initial visits',
    'Initial visits to people interested in adopting, completed in the year.',
  ),
  neutralCount('adopters.stage1_starts', 'Stage 1 starts', 'Stage 1 starts', 'Households who started stage 1 (checks and preparation) in the year.'),
  neutralCount(
    'adopters.approvals',
    'Adopter households approved',
    'Households approved',
    'Adopter households approved by the agency decision maker in the year.',
  ),
  neutralCount('adopters.in_assessment', 'Households in assessment at year end', 'In assessment at year end', 'Adopter households in stage 1 or stage 2 on 31 March.'),
];

export const PANEL_COUNTS: readonly Measure[] = [
  neutralCount('panel.meetings', 'Adoption panel meetings', 'Panel meetings', 'Meetings of the adoption panel held in the year.'),
  neutralCount('panel.cases', 'Cases heard by the panel', 'Panel cases', 'Cases (approvals, matches and other business) the adoption panel heard in the year.'),
  neutralCount('panel.applications', 'Adopter applications presented to panel', 'Applications', 'Prospective adopters’ applications presented to the panel for approval in the year.'),
  neutralCount('panel.matches', 'Matches presented to panel', 'Matches', 'Matches of children with adopters presented to the panel in the year.'),
  neutralCount(
    'panel.negative_recommendations',
    'Negative recommendations',
    'Negative recommendations',
    'Applications the panel recommended against in the year.',
  ),
  neutralCount('panel.withdrawn', 'Cases withdrawn', 'Withdrawn', 'Applications or matches withdrawn before or at panel in the year.'),
];

export const SUPPORT_FUND: readonly Measure[] = [
  {
    id: 'support_fund.drawdown',
    label: 'Adoption and Special Guardianship Support Fund drawn down',
    shortLabel: 'Fund drawn down',
    unit: 'gbp',
    direction: 'neutral',
    definition: 'Money drawn down from the Adoption and Special Guardianship Support Fund in the year, in pounds.',
  },
  neutralCount(
    'support_fund.families',
    'Families supported by the fund',
    'Families supported',
    'Families whose therapy or assessment the fund paid for in the year.',
  ),
];

export const ADOPTER_TIMELINESS: readonly Measure[] = [
  adopterMonths(
    'enquiry_to_stage1',
    'Enquiry to stage 1 start',
    'Enquiry to stage 1',
    'Mean months from first enquiry to the start of stage 1, over households who had a child placed in the year.',
  ),
  adopterMonths(
    'stage1_length',
    'Stage 1 (start to end)',
    'Stage 1 length',
    'Mean months from the start to the end of stage 1, over households who had a child placed; fast-track households are left out.',
  ),
  adopterMonths(
    'stage1_to_stage2',
    'Stage 1 end to stage 2 start',
    'Gap between stages',
    'Mean months from the end of stage 1 to the start of stage 2, over households who had a child placed; fast-track households are left out.',
  ),
  adopterMonths(
    'stage2_length',
    'Stage 2 (start to approval)',
    'Stage 2 length',
    'Mean months from the start of stage 2 to approval, over households who had a child placed.',
  ),
  adopterMonths(
    'approval_to_match',
    'Approval to match',
    'Approval to match',
    'Mean months from approval to being matched with a child, over households who had a child placed.',
  ),
  adopterMonths(
    'approval_to_placement',
    'Approval to placement',
    'Approval to placement',
    'Mean months from approval to a child moving in, over households who had a child placed.',
  ),
];

/** The households the adopter timeliness means are over. */
export const HOUSEHOLDS_PLACED: Measure = neutralCount(
  'adopter_timeliness.households',
  'Households who had a child placed',
  'Households with a child placed',
  'Adopter households who had a child move in during the year: the households the adopter timeliness means are over.',
);

/** Who approved the adopters a child was placed with: the keys of `placements_by_provision` and of a child record's `provision`. */
export const PROVISION_KEYS = ['in_house', 'regional_partner', 'other_regional_agency', 'voluntary_agency', 'other_local_authority', 'outside_england'] as const;
export type ProvisionKey = (typeof PROVISION_KEYS)[number];

/** The provision types, in the order of PROVISION_KEYS. */
export const PROVISION_TYPES: readonly Measure[] = [
  neutralCount('placements_by_provision.in_house', 'With the authority’s own adopters', 'In-house', 'Children placed with adopters the authority approved.'),
  neutralCount(
    'placements_by_provision.regional_partner',
    'With a partner in the regional adoption agency',
    'Regional partner',
    'Children placed with adopters approved by another partner of the regional adoption agency.',
  ),
  neutralCount(
    'placements_by_provision.other_regional_agency',
    'With another regional adoption agency',
    'Other regional agency',
    'Children placed with adopters approved by a regional adoption agency outside the region.',
  ),
  neutralCount(
    'placements_by_provision.voluntary_agency',
    'With a voluntary adoption agency',
    'Voluntary agency',
    'Children placed with adopters approved by a voluntary adoption agency.',
  ),
  neutralCount(
    'placements_by_provision.other_local_authority',
    'With another local authority',
    'Other local authority',
    'Children placed with adopters approved by a local authority outside the regional adoption agency.',
  ),
  neutralCount('placements_by_provision.outside_england', 'Outside England', 'Outside England', 'Children placed with adopters outside England.'),
];

export const OTHER_COUNTS: readonly Measure[] = [
  neutralCount('complaints.received', 'Complaints received', 'Complaints', 'Formal complaints about the adoption service received in the year.'),
  neutralCount(
    'birth_records.referrals',
    'Birth records counselling referrals',
    'Birth records referrals',
    'Referrals of adopted adults for birth records counselling received in the year.',
  ),
];

export const MEASURES: readonly Measure[] = [
  ...SCORECARD_MEASURES,
  ...SCORECARD_SHARES,
  ...CHILD_COUNTS,
  ...ADOPTER_COUNTS,
  ...PANEL_COUNTS,
  ...SUPPORT_FUND,
  ...ADOPTER_TIMELINESS,
  HOUSEHOLDS_PLACED,
  ...PROVISION_TYPES,
  ...OTHER_COUNTS,
];

/** One part of a breakdown; a coarse part stands for several fine ones, which it may not be given with. */
export interface BreakdownPart {
  key: string;
  label: string;
  covers?: readonly string[];
}

/**
 * A count split into parts that add up to it: children placed by age, ethnicity, sibling group,
 * sex and disability, and children waiting by status, sex and sibling group. Typed under
 * `<group>.<key>` (`children_placed_by.age.under_1`), or computed from child records.
 */
export interface Breakdown {
  /** `children_placed_by.age` */
  id: string;
  group: 'children_placed_by' | 'children_waiting_by';
  key: string;
  title: string;
  /** The heading of the first column of its table. */
  partsTitle: string;
  /** The measure the parts add up to. */
  total: string;
  parts: readonly BreakdownPart[];
  /** A measure for each part, id `<breakdown id>.<part key>`. */
  measures: readonly Measure[];
}

const NOT_KNOWN: BreakdownPart = { key: 'not_known', label: 'Not known or not recorded' };

function breakdown(group: Breakdown['group'], key: string, title: string, partsTitle: string, parts: BreakdownPart[]): Breakdown {
  const total = group === 'children_placed_by' ? 'children.placed' : 'children.waiting';
  const of = group === 'children_placed_by' ? 'Children placed in the year' : 'Children waiting at year end';
  const id = `${group}.${key}`;
  return {
    id,
    group,
    key,
    title,
    partsTitle,
    total,
    parts,
    measures: parts.map((p) => neutralCount(`${id}.${p.key}`, `${of}: ${p.label.charAt(0).toLowerCase()}${p.label.slice(1)}`, p.label, `${of}, ${partsTitle.toLowerCase()}: ${p.label.toLowerCase()}.`)),
  };
}

export const BREAKDOWNS: readonly Breakdown[] = [
  breakdown('children_placed_by', 'age', 'Children placed by age when they moved in', 'Age band', [
    { key: 'under_1', label: 'Under 1' },
    { key: '1_to_2', label: '1 to 2' },
    { key: '3_to_4', label: '3 to 4' },
    { key: '5_to_9', label: '5 to 9' },
    { key: '10_and_over', label: '10 and over' },
    { key: 'under_5', label: 'Under 5', covers: ['under_1', '1_to_2', '3_to_4'] },
    { key: '5_and_over', label: '5 and over', covers: ['5_to_9', '10_and_over'] },
    NOT_KNOWN,
  ]),
  breakdown('children_placed_by', 'ethnicity', 'Children placed by ethnicity', 'Ethnic group', [
    { key: 'white_british', label: 'White British' },
    { key: 'white_other', label: 'Other White backgrounds' },
    { key: 'mixed', label: 'Mixed or multiple ethnic groups' },
    { key: 'asian', label: 'Asian or Asian British' },
    { key: 'black', label: 'Black, Black British, Caribbean or African' },
    { key: 'other', label: 'Other ethnic groups' },
    { key: 'minority_ethnic', label: 'Minority ethnic groups (all but White British)', covers: ['white_other', 'mixed', 'asian', 'black', 'other'] },
    NOT_KNOWN,
  ]),
  breakdown('children_placed_by', 'sibling_group', 'Children placed, by sibling group', 'Sibling group', [
    { key: 'alone', label: 'Placed on their own (no sibling group)' },
    { key: 'together', label: 'In a sibling group, placed together' },
    { key: 'apart', label: 'In a sibling group, placed apart' },
    { key: 'in_sibling_group', label: 'In a sibling group', covers: ['together', 'apart'] },
    NOT_KNOWN,
  ]),
  breakdown('children_placed_by', 'sex', 'Children placed by sex', 'Sex', [{ key: 'female', label: 'Female' }, { key: 'male', label: 'Male' }, NOT_KNOWN]),
  breakdown('children_placed_by', 'disability', 'Children placed by disability', 'Disability', [
    { key: 'disabled', label: 'Disabled' },
    { key: 'not_disabled', label: 'Not disabled' },
    NOT_KNOWN,
  ]),
  breakdown('children_waiting_by', 'status', 'Children waiting at year end, by where they are in their journey', 'Status', [
    { key: 'placed_awaiting_order', label: 'Placed, awaiting the adoption order' },
    { key: 'matched_not_placed', label: 'Matched, not yet placed' },
    { key: 'linked', label: 'Linked with prospective adopters' },
    { key: 'family_finding', label: 'Family finding' },
    { key: 'plan_changing', label: 'Plan changing away from adoption' },
    { key: 'other', label: 'Other' },
  ]),
  breakdown('children_waiting_by', 'sex', 'Children waiting at year end, by sex', 'Sex', [{ key: 'female', label: 'Female' }, { key: 'male', label: 'Male' }, NOT_KNOWN]),
  breakdown('children_waiting_by', 'sibling_group', 'Children waiting at year end, by sibling group', 'Sibling group', [
    { key: 'alone', label: 'Not in a sibling group' },
    { key: 'in_sibling_group', label: 'In a sibling group needing adoption together' },
    NOT_KNOWN,
  ]),
];

/** Placements by provision type are a breakdown of the children placed too. */
export const PROVISION_BREAKDOWN: Breakdown = {
  id: 'placements_by_provision',
  group: 'children_placed_by',
  key: 'provision',
  title: 'Children placed by provision type',
  partsTitle: 'Provision type',
  total: 'children.placed',
  parts: PROVISION_KEYS.map((key, i) => ({ key, label: PROVISION_TYPES[i]!.shortLabel })),
  measures: PROVISION_TYPES,
};

/** Which of DfE's ethnic groups a recorded ethnicity (the census categories, in words) belongs to. */
export function ethnicGroup(ethnicity: string): string {
  const e = ethnicity.toLowerCase();
  if (/not (known|obtained|recorded)|refused|unknown/.test(e)) return 'not_known';
  if (/^white (british|english|scottish|welsh|northern irish)|^british$/.test(e)) return 'white_british';
  if (/mixed|white and |multiple/.test(e)) return 'mixed';
  // After "mixed", so "White and Asian" is not here; "Any other White background" is.
  if (/\bwhite\b|irish|gypsy|roma|traveller/.test(e)) return 'white_other';
  if (/asian|indian|pakistani|bangladeshi|chinese/.test(e)) return 'asian';
  if (/black|caribbean|african/.test(e)) return 'black';
  return 'other';
}

const BY_ID = new Map([...MEASURES, ...BREAKDOWNS.flatMap((b) => b.measures)].map((m) => [m.id, m]));

export function measure(id: string): Measure {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown measure ${id}`);
  return found;
}

export function findMeasure(id: string): Measure | undefined {
  return BY_ID.get(id);
}

/** The last segment of a measure id: the key it has in its group of the dataset. */
export function measureKey(m: Measure): string {
  return m.id.slice(m.id.lastIndexOf('.') + 1);
}
