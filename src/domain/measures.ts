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

/** Computed from child records only; a dataset cannot type it. */
export const A3: Measure = {
  id: 'scorecard.a3',
  code: 'A3',
  label: 'Children adopted who moved in with their adoptive family within 14 months (426 days) of entering care',
  shortLabel: 'A3 placed within 14 months',
  unit: 'percent',
  direction: 'higher',
  definition: 'Percentage of children adopted in the period who moved in with their adoptive family within 426 days (14 months) of entering care.',
};

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
];

export const PANEL_COUNTS: readonly Measure[] = [
  neutralCount('panel.meetings', 'Adoption panel meetings', 'Panel meetings', 'Meetings of the adoption panel held in the year.'),
  neutralCount('panel.cases', 'Cases heard by the panel', 'Panel cases', 'Cases (approvals, matches and other business) the adoption panel heard in the year.'),
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
  A3,
  ...CHILD_COUNTS,
  ...ADOPTER_COUNTS,
  ...PANEL_COUNTS,
  ...SUPPORT_FUND,
  ...ADOPTER_TIMELINESS,
  HOUSEHOLDS_PLACED,
  ...PROVISION_TYPES,
  ...OTHER_COUNTS,
];

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));

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
