/**
 * What the YAML files may contain, as zod schemas. These types describe raw input
 * (`YearInput`, `AuthorityInput`); `model.ts` holds the normalised types the rest of the code uses.
 *
 * Every error message says what was expected ("expected a number of days"); the loader adds
 * what was found, from the YAML source.
 */
import { z } from 'zod';
import {
  A3,
  A5,
  BREAKDOWNS,
  type Breakdown,
  ADOPTER_COUNTS,
  ADOPTER_TIMELINESS,
  CHILD_COUNTS,
  OTHER_COUNTS,
  PANEL_COUNTS,
  PROVISION_KEYS,
  PROVISION_TYPES,
  SCORECARD_MEASURES,
  SUPPORT_FUND,
  measureKey,
  type Measure,
} from '../domain/measures.js';
import { AUTHORITY_ID_HINT, FISCAL_YEAR_HINT, parseFiscalYear } from '../domain/fiscal-year.js';
import { expected } from '../messages.js';

/**
 * A figure a report can print: 0 or more, and no larger than the largest a report of this kind
 * could hold (so 1e308 is a typing mistake, not £1e308), nor so small it would print as 0.
 */
const nonNegative = (what: string, largest = 1e12) =>
  z
    .number({ error: expected.value(what) })
    .nonnegative({ error: expected.zeroOrMore(what) })
    .max(largest, { error: expected.atMost(what, largest) })
    .refine((v) => !(v > 0 && v < 1e-6), { error: expected.notTiny(what) });

const days = () => nonNegative('a number of days', 36_525);
const months = () => nonNegative('a number of months', 1_200);
const count = () => nonNegative('a whole number', 1_000_000).int({ error: expected.wholeNumber() });
const pounds = () => nonNegative('an amount in pounds, as a plain number such as 1622481.01', 1e12);
const text = (what = 'text') =>
  z
    .string({ error: expected.value(what) })
    .trim()
    .min(1, { error: expected.value(what) });
const markdown = (what = 'Markdown text') => text(what);
const required = (section: string) => markdown(`${section}, in Markdown (a statement of purpose must have it)`);

/** A mapping of named fields; anything else is reported as what it is. */
function fields<T extends z.core.$ZodLooseShape>(shape: T, what = 'a mapping of fields') {
  return z.strictObject(shape, { error: (issue) => (issue.code === 'invalid_type' ? expected.value(what) : undefined) });
}

const valueFor = (m: Measure) => {
  const base = m.unit === 'days' ? days() : m.unit === 'months' ? months() : m.unit === 'gbp' ? pounds() : count();
  const code = m.code ? `${m.code}: ` : '';
  return base.describe(`${code}${m.label}. ${m.definition}${m.unit === 'count' ? '' : ` Unit: ${m.unit}.`}`);
};

/** A group of optional figures, one key per measure. */
const figures = (measures: readonly Measure[], description: string) =>
  fields(Object.fromEntries(measures.map((m) => [measureKey(m), valueFor(m).optional()]))).describe(description);

export const COMPARATOR_KINDS = ['england', 'statistical_neighbours', 'region', 'threshold'] as const;
export const COMPARATOR_NAMES: Record<(typeof COMPARATOR_KINDS)[number], string> = {
  england: 'the England average',
  statistical_neighbours: 'the statistical neighbours average',
  region: 'the regional figure',
  threshold: 'the threshold',
};

const comparator = fields({
  kind: z
    .enum(COMPARATOR_KINDS, { error: expected.oneOf(COMPARATOR_KINDS) })
    .describe('What the figure is compared with: england, statistical_neighbours, region or threshold.'),
  days: days().describe('The comparator value in days.'),
  period: text('a period such as 2021-24')
    .optional()
    .describe('The period the comparator covers, such as 2021-24. Leave out when the source does not say; never invent one.'),
  source: text('the source of this comparator, such as "DfE adoption scorecard"').describe('Who published the comparator and where, so a reader can check it.'),
}).describe('A figure to compare against: its value, period and source.');

const timelinessMeasure = (m: Measure) =>
  fields({
    days: valueFor(m).optional(),
    three_year_days: days().optional().describe('The three-year figure: one mean over every child of the three years pooled.'),
    children: count().optional().describe('How many children the mean is over.'),
    commentary: markdown().optional().describe('What lies behind the figure, in a sentence or two of Markdown.'),
    comparators: z
      .array(comparator, { error: expected.list('comparators') })
      .optional()
      .describe('England average, statistical neighbours, regional figure or threshold, each with its source.'),
  }).describe(`${m.code ? `${m.code}: ` : ''}${m.label}. ${m.definition}`);

/** A3 and A5: a share of children, typed as how many of how many (the percentage is computed), or as a percentage of how many. */
const shareFields = <K extends string>(numerator: K, what: string) => ({
  ...({ [numerator]: count().optional().describe(`How many children ${what}.`) } as Record<K, z.ZodOptional<ReturnType<typeof count>>>),
  children: count().optional().describe('How many children the share is over (its denominator).'),
  percent: nonNegative('a percentage from 0 to 100')
    .max(100, { error: expected.value('a percentage from 0 to 100') })
    .optional()
    .describe('The percentage, when how many children it counts is not given.'),
  commentary: markdown().optional().describe('What lies behind the figure, in a sentence or two of Markdown.'),
});

const a3Entry = fields(shareFields('within', 'moved in within 426 days of entering care, of the children adopted'))
  .refine((v) => v.within === undefined || v.children === undefined || v.within <= v.children, { error: expected.partOfTotal('within', 'children'), path: ['within'] })
  .describe(`A3: ${A3.label}. ${A3.definition}`);
const a5Entry = fields(shareFields('changed', 'whose plan changed away from adoption, of the children with a best interest decision'))
  .refine((v) => v.changed === undefined || v.children === undefined || v.changed <= v.children, { error: expected.partOfTotal('changed', 'children'), path: ['changed'] })
  .describe(`A5: ${A5.label}. ${A5.definition}`);

const scorecard = fields({
  ...(Object.fromEntries(SCORECARD_MEASURES.map((m) => [measureKey(m), timelinessMeasure(m).optional()])) as Record<
    string,
    z.ZodOptional<ReturnType<typeof timelinessMeasure>>
  >),
  a3: a3Entry.optional(),
  a5: a5Entry.optional(),
}).describe('The DfE adoption scorecard measures for the year: days (lower is better), and the shares A3 (higher is better) and A5.');

/** A breakdown's parts, each a count; parts that stand for others may not be given with them. */
const breakdownFields = (b: Breakdown) =>
  fields(Object.fromEntries(b.parts.map((p, i) => [p.key, count().optional().describe(b.measures[i]!.definition)])))
    .superRefine((v, context) => {
      for (const coarse of b.parts.filter((p) => p.covers && v[p.key] !== undefined))
        for (const fine of coarse.covers!.filter((key) => v[key] !== undefined))
          context.addIssue({ code: 'custom', message: expected.notBoth(coarse.key, fine), path: [fine] });
    })
    .describe(`${b.title}: a count for each part (they should add up to ${b.total}).`);

const breakdownGroup = (group: Breakdown['group'], description: string) =>
  fields(Object.fromEntries(BREAKDOWNS.filter((b) => b.group === group).map((b) => [b.key, breakdownFields(b).optional()]))).describe(description);

/** A key for a figure the year file names itself: lower-case letters, digits and underscores. */
const figureKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { error: expected.value('a name of lower-case letters, digits and underscores, such as life_story_books') });

const namedFigure = fields({
  label: text('a label, such as Life story books completed').describe('What the figure counts or measures, as a table row says it.'),
  value: nonNegative('a number').describe('The figure for this year.'),
  unit: z
    .enum(['count', 'days', 'months', 'gbp', 'percent'], { error: expected.oneOf(['count', 'days', 'months', 'gbp', 'percent']) })
    .optional()
    .describe('count (the default), days, months, gbp or percent.'),
  counts: z
    .enum(['children', 'families', 'none'], { error: expected.oneOf(['children', 'families', 'none']) })
    .optional()
    .describe('Whether it counts children or families (disclosure control then hides a small number), or neither (the default).'),
  better: z
    .enum(['higher', 'lower', 'neutral'], { error: expected.oneOf(['higher', 'lower', 'neutral']) })
    .optional()
    .describe('Which way is better: higher, lower, or neutral (the default: no right number).'),
}).describe('A figure the report states that the catalogue has no place for.');

const cohort = fields({
  label: text('what the cohort is, such as Children with a best interest decision in 2022-23').describe('Which children the table follows.'),
  total: count().describe('How many children the cohort has.'),
  parts: z
    .array(
      fields({
        label: text('what happened to these children, such as Adopted').describe('What happened to these children.'),
        count: count().describe('How many children.'),
      }),
      { error: expected.list('parts, each a label and a count') },
    )
    .min(1, { error: expected.atLeastOne('part') })
    .describe('What happened to the cohort: each part a label and a count; they add up to the total (give the rest as a part of its own).'),
}).describe('A cohort of children followed through, as regional dashboards publish it.');

/** Narrative sections of the annual report, in the order they are printed. */
export const NARRATIVE_SECTIONS = {
  executive_summary: 'Executive summary: the key messages of the year.',
  introduction: 'Introduction: the service, its vision, and the legal duty to report (NMS 25.6).',
  progress: 'Progress against last year’s recommendations: an introduction to the progress table.',
  regional_agency: 'The regional adoption agency: partnership, vision, governance and workstreams.',
  teams: 'The service’s teams and their roles.',
  recruitment: 'Recruitment, preparation and assessment of adopters.',
  panel: 'Adoption panel activity.',
  post_order_support: 'Post-order support and the Adoption and Special Guardianship Support Fund.',
  birth_records: 'Birth records counselling for adopted adults.',
  performance: 'Performance overview: plans, placement orders, children placed and adopted.',
  children_waiting: 'Children waiting for an adoptive family.',
  approvals: 'Adopter approvals and the adopter journey.',
  disruptions: 'Adoption disruptions and what was learned.',
  developments: 'Developments in the year.',
  feedback: 'Feedback from children, adopters, birth families and professionals.',
  complaints: 'Complaints and how they were handled.',
  achievements: 'Achievements of the year.',
  recommendations: 'Recommendations for next year: an introduction to the action plan.',
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;

const narrative = fields(
  Object.fromEntries(
    Object.entries(NARRATIVE_SECTIONS).map(([key, description]) => [key, markdown().optional().describe(`${description} Markdown.`)]),
  ) as Record<NarrativeSection, z.ZodOptional<z.ZodString>>,
).describe('Narrative sections in Markdown. A section with no text and no figures is left out of the report.');

const recommendation = fields({
  action: markdown().describe('What will be done.'),
  owner: text('the role responsible, such as Service Manager').describe('The role responsible (a role title, not a person’s name).'),
  by: text('when, such as March 2026').describe('By when, such as March 2026.'),
});

const progressItem = fields({
  recommendation: markdown().describe('A recommendation from last year’s report.'),
  progress: markdown().describe('What was done about it this year.'),
});

/** An ISO date, `2025-11-04`, that exists, from 1950 on (anything earlier is a typing mistake in an adoption service's records). */
const isoDate = (what: string) =>
  z
    .string({ error: expected.date(what) })
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
      error: expected.date(what),
    })
    .refine((v) => v >= '1950-01-01', { error: expected.dateFrom1950(what) });

const implication = (what: string) =>
  fields({
    text: markdown().describe(`The ${what} implications, in Markdown; each paragraph is numbered.`),
    officer: text('the role of the officer who cleared this, such as Head of Finance').describe(
      'The role of the officer who cleared this section (a role title, not a name).',
    ),
  }).describe(`${what.charAt(0).toUpperCase()}${what.slice(1)} implications and the officer who cleared them.`);

const yesNo = (what: string) =>
  fields({
    answer: z.boolean({ error: expected.yesOrNo() }).describe(`Whether this is ${what}.`),
    reason: markdown().optional().describe('Why (required when the answer is yes).'),
  }).refine((v) => !v.answer || Boolean(v.reason), { error: expected.reasonFor(what), path: ['reason'] });

export const coveringReportSchema = fields({
  committee: text('the committee, such as Children and Families Overview and Scrutiny Committee').describe('The committee the report goes to.'),
  meeting_date: isoDate('the date of the meeting').describe('Date of the meeting, yyyy-mm-dd.'),
  lead_director: text('the lead director’s role').describe('The lead director, by role.'),
  title: text('a report title').optional().describe('Report title; defaults to the annual report and statement of purpose it covers.'),
  wards: text('the wards affected, such as All').describe('Wards affected, such as All.'),
  author: fields({
    role: text('the report author’s role').describe('The report author’s role (not a name).'),
    contact: text('how to contact the author’s team').describe('A team telephone number or e-mail address.'),
  }).describe('The report author, by role, and how to contact them.'),
  version: text('a version such as v1').describe('Report version number, such as v1.'),
  key_decision: yesNo('a key decision').describe('Whether the report asks for a key decision, and why.'),
  private: yesNo('a private or exempt report').describe('Whether the report is private or exempt, and the reason.'),
  summary: markdown().describe('Summary, in Markdown; each paragraph and list item is numbered.'),
  recommended_actions: z
    .array(markdown(), { error: expected.list('recommended actions') })
    .min(1, { error: expected.atLeastOne('recommended action') })
    .describe('Recommended actions or decision, such as noting the report and approving the statement of purpose.'),
  scrutiny: markdown().describe('Scrutiny and stakeholder engagement.'),
  background: markdown().describe('Background and options with supporting evidence, including the duty to report (NMS 25.6).'),
  detailed_report: markdown().describe('Detailed report, in Markdown.'),
  include_scorecard: z
    .boolean({ error: expected.trueOrFalse() })
    .optional()
    .describe('Whether the detailed report includes the scorecard and key figures from the annual report’s data. Default true.'),
  implications: fields({
    financial: implication('financial'),
    legal: implication('legal'),
    equalities: implication('equalities'),
    climate_emergency: implication('climate emergency'),
    other: implication('other').optional(),
  }).describe('Financial, legal, equalities, climate emergency and other implications, each cleared by an officer.'),
  background_papers: z.array(text('a background paper'), { error: expected.list('background papers') }).optional().describe('Background papers.'),
  appendix: z
    .enum(['annual-report', 'agency-report'], { error: expected.oneOf(['annual-report', 'agency-report']) })
    .optional()
    .describe(
      'What the report takes to committee with the statement of purpose: annual-report (the default, the authority’s own) or agency-report (the regional adoption agency’s annual report for the year, as each partner’s).',
    ),
}).describe('The committee covering report that takes the annual report and statement of purpose to committee.');

export const statementOfPurposeSchema = fields({
  aims_and_objectives: required('the aims and objectives').describe(
    'Aims and objectives of the agency, focused on outcomes for children (Regulations 2003, Schedule 1).',
  ),
  manager: fields({
    name: text('the manager’s name').describe('Name of the manager, as the regulations require.'),
    address: text('the manager’s work address').describe('The manager’s work address.'),
    qualifications: required('the manager’s qualifications').describe('Relevant qualifications of the manager.'),
    experience: required('the manager’s experience').describe('Relevant experience of the manager.'),
  }).describe('The manager: name, address, qualifications and experience.'),
  staff: required('the numbers, qualifications and experience of staff').describe('Numbers, relevant qualifications and experience of the staff.'),
  organisational_structure: required('the organisational structure').describe('The organisational structure of the agency.'),
  quality_monitoring: required('how the quality of the service is monitored').describe('How the quality of the service is monitored and evaluated.'),
  adopter_procedures: required('the procedures for recruiting, preparing, assessing, approving and supporting adopters').describe(
    'Procedures for recruiting, preparing, assessing, approving and supporting adopters.',
  ),
  adopter_journey: z
    .array(text('a step of the adopter journey'), { error: expected.list('steps') })
    .min(1, { error: expected.atLeastOne('step of the adopter journey') })
    .describe('The adopter journey, step by step, in order.'),
  adoption_support: required('the adoption support services').describe('Adoption support services provided.'),
  complaints: required('the complaints procedure').describe('The complaints procedure.'),
  regulator: fields({
    name: text('the regulator’s name, Ofsted').describe('The regulator, Ofsted.'),
    address: text('the regulator’s address').describe('The regulator’s address.'),
    phone: text('the regulator’s telephone number').describe('The regulator’s telephone number.'),
  }).describe('The regulator’s contact details.'),
  approved: isoDate('the date the executive approved the statement').describe('Date the executive approved this statement, yyyy-mm-dd.'),
  next_review: isoDate('the next review date').describe('Date of the next review, at most a year after approval, yyyy-mm-dd.'),
})
  .refine((v) => v.next_review > v.approved, { error: expected.reviewAfterApproval(), path: ['next_review'] })
  .refine((v) => v.next_review <= addYears(v.approved, 1), {
    error: expected.reviewWithinAYear(),
    path: ['next_review'],
  })
  .describe('The statement of purpose required by the Local Authority Adoption Service (England) Regulations 2003, Schedule 1.');

function addYears(isoDate: string, years: number): string {
  return `${Number(isoDate.slice(0, 4)) + years}${isoDate.slice(4)}`;
}

export const CHILD_STATUSES = ['waiting', 'placed', 'adopted', 'plan_changed', 'disrupted'] as const;

const optionalDate = (what: string) => isoDate(what).optional();

/** The dates of a child's journey, in the order they should happen. */
export const CHILD_DATES = ['entered_care', 'best_interest_decision', 'placement_order', 'matched', 'placed', 'adoption_order'] as const;

const childRecord = fields({
  ref: text('a pseudonymised reference, such as C017').describe('A pseudonymised reference, unique in the dataset; never a name or a case number.'),
  birth_month: z
    .string({ error: expected.month() })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: expected.month() })
    .refine((v) => v >= '1950-01', { error: expected.dateFrom1950('a month of birth') })
    .describe('Month of birth, yyyy-mm (no day, to keep the record pseudonymous).'),
  sex: z.enum(['female', 'male'], { error: expected.oneOf(['female', 'male']) }).optional().describe('Sex as recorded; left out when not known.'),
  ethnicity: text('an ethnicity, such as White British').describe('Ethnicity as recorded (the 18 census categories).'),
  disability: z.boolean({ error: expected.trueOrFalse() }).optional().describe('Whether the child has a disability.'),
  sibling_group: text('a sibling group reference, such as S3').optional().describe('Reference shared by brothers and sisters who need adoption together.'),
  siblings_recorded: z
    .boolean({ error: expected.trueOrFalse() })
    .optional()
    .describe('False when the source does not say whether the child has siblings in adoption (the SSDA903 return does not): the child counts as not known in sibling breakdowns, not as alone.'),
  placed_together: z.boolean({ error: expected.trueOrFalse() }).optional().describe('Whether the child was placed with their siblings.'),
  entered_care: isoDate('the date the child entered care').describe('Date the child entered care.'),
  best_interest_decision: optionalDate('the date of the best interest decision').describe(
    'Date of the agency decision maker’s decision that adoption is in the child’s best interests.',
  ),
  placement_order: optionalDate('the date of the placement order').describe('Date of the placement order (a freeing order counts).'),
  matched: optionalDate('the date of the match').describe('Date the agency decision maker agreed the match.'),
  placed: optionalDate('the date the child moved in').describe('Date the child moved in with the adoptive family.'),
  adoption_order: optionalDate('the date of the adoption order').describe('Date of the adoption order.'),
  foster_carer_adoption: z
    .boolean({ error: expected.trueOrFalse() })
    .optional()
    .describe('Adopted by their foster carers (fostering for adoption or early permanence).'),
  foster_placement_start: optionalDate('the date the foster placement started').describe(
    'For a foster-carer adoption: the date that foster placement started; A10 uses it in place of the placement date.',
  ),
  provision: z
    .enum(PROVISION_KEYS, { error: expected.oneOf(PROVISION_KEYS) })
    .optional()
    .describe('Who approved the adopters the child was placed with.'),
  status: z.enum(CHILD_STATUSES, { error: expected.oneOf(CHILD_STATUSES) }).describe('The child’s status at the end of the year.'),
  note: text('a short note').optional().describe('A short note for the restricted version (never a name).'),
}).describe('One child, pseudonymised: restricted documents only show child-level rows.');

export const ADOPTER_DATES = ['enquiry', 'initial_visit', 'stage1_start', 'stage1_end', 'stage2_start', 'approval', 'match', 'placement'] as const;

const adopterRecord = fields({
  ref: text('a pseudonymised reference, such as H012').describe('A pseudonymised household reference, unique in the dataset.'),
  household: z.enum(['couple', 'single'], { error: expected.oneOf(['couple', 'single']) }).optional().describe('Household type.'),
  fast_track: z
    .boolean({ error: expected.trueOrFalse() })
    .optional()
    .describe('Second-time adopters and approved foster carers start at stage 2 and are left out of stage 1 measures.'),
  enquiry: optionalDate('the date of the enquiry').describe('Date of the first enquiry.'),
  initial_visit: optionalDate('the date of the initial visit').describe('Date of the initial visit.'),
  stage1_start: optionalDate('the date stage 1 started').describe('Date stage 1 started (registration of interest accepted).'),
  stage1_end: optionalDate('the date stage 1 ended').describe('Date stage 1 ended.'),
  stage2_start: optionalDate('the date stage 2 started').describe('Date stage 2 started.'),
  approval: optionalDate('the date of approval').describe('Date the agency decision maker approved the household.'),
  match: optionalDate('the date of the match').describe('Date the household was matched with a child.'),
  placement: optionalDate('the date a child moved in').describe('Date a child moved in.'),
}).describe('One adopter household, pseudonymised.');

export const yearSchema = fields({
  year: z
    .string({ error: expected.value(FISCAL_YEAR_HINT) })
    .refine((v) => parseFiscalYear(v) !== undefined, { error: expected.value(FISCAL_YEAR_HINT) })
    .describe('The fiscal year the dataset covers (1 April to 31 March), such as 2024-25. Must match the file name.'),
  author: fields({
    role: text('the author’s role, such as Service Manager').describe('The author’s role title (not a name).'),
    date: text('the month of publication, such as September 2025').optional().describe('When the report is published, such as September 2025.'),
  })
    .optional()
    .describe('Who wrote the report, by role. A year file of figures only (back-filling an earlier year) can leave it out.'),
  scorecard: scorecard.optional(),
  children: figures(CHILD_COUNTS, 'Children’s counts for the year.').optional(),
  adopters: figures(ADOPTER_COUNTS, 'Adopter recruitment counts for the year.').optional(),
  panel: figures(PANEL_COUNTS, 'Adoption panel activity for the year.').optional(),
  support_fund: figures(SUPPORT_FUND, 'Adoption and Special Guardianship Support Fund for the year.').optional(),
  adopter_timeliness: fields({
    households: count().optional().describe('Households with a child placed in the year: the households the means are over.'),
    ...Object.fromEntries(ADOPTER_TIMELINESS.map((m) => [measureKey(m), valueFor(m).optional()])),
  })
    .describe('Adopter timeliness by stage, in months, for households who had a child placed in the year.')
    .optional(),
  placements_by_provision: figures(PROVISION_TYPES, 'Children placed in the year, by who approved their adopters.').optional(),
  complaints: fields({
    ...Object.fromEntries(OTHER_COUNTS.filter((m) => m.id.startsWith('complaints.')).map((m) => [measureKey(m), valueFor(m).optional()])),
    by_subject: z
      .record(figureKey, count(), { error: expected.value('a mapping of subjects to counts, such as delay_in_assessment: 2') })
      .optional()
      .describe('Complaints by what they were about: a count for each subject (they should add up to the complaints received).'),
  })
    .describe('Complaints for the year.')
    .optional(),
  children_placed_by: breakdownGroup(
    'children_placed_by',
    'Children placed in the year by age, ethnicity, sibling group, sex and disability, when there are no child records.',
  ).optional(),
  children_waiting_by: breakdownGroup('children_waiting_by', 'Children waiting at year end by status, sex and sibling group.').optional(),
  figures: z
    .record(figureKey, namedFigure, { error: expected.value('a mapping of named figures') })
    .optional()
    .describe('Figures of your own, named once: each a label and a value (last year’s comes from last year’s file), used in narrative as {{figures.<name>}}.'),
  cohorts: z.array(cohort, { error: expected.list('cohorts') }).optional().describe('Cohort tables: of a number of children, what happened to them.'),
  birth_records: figures(
    OTHER_COUNTS.filter((m) => m.id.startsWith('birth_records.')),
    'Birth records counselling for the year.',
  ).optional(),
  narrative: narrative.optional(),
  progress: z
    .array(progressItem, { error: expected.list('recommendations with their progress') })
    .optional()
    .describe('Progress against each of last year’s recommendations.'),
  recommendations: z
    .array(recommendation, { error: expected.list('actions') })
    .optional()
    .describe('Recommendations for next year: action, owner (role) and by when.'),
  children_records: z
    .array(childRecord, { error: expected.list('child records') })
    .optional()
    .describe('Pseudonymised child records: children waiting, placed or adopted in the year. Figures are computed from them.'),
  adopter_records: z
    .array(adopterRecord, { error: expected.list('adopter household records') })
    .optional()
    .describe('Pseudonymised adopter household records: enquiries, assessments, approvals, matches and placements in the year.'),
  covering_report: coveringReportSchema.optional(),
  statement_of_purpose: statementOfPurposeSchema.optional(),
}).describe('One authority’s adoption service figures and narrative for one fiscal year.');

export type YearInput = z.infer<typeof yearSchema>;
/** A scorecard measure in days, as typed: its days, comparators and commentary. */
export type TimelinessEntry = z.infer<ReturnType<typeof timelinessMeasure>>;
export type ShareEntry = z.infer<typeof a3Entry> | z.infer<typeof a5Entry>;

/** A scorecard measure in days as a year file types it (the schema's shape has no index by key). */
export function scorecardDays(data: YearInput | undefined, key: string): TimelinessEntry | undefined {
  return key === 'a3' || key === 'a5' ? undefined : (data?.scorecard as Record<string, TimelinessEntry | undefined> | undefined)?.[key];
}

export function scorecardShare(data: YearInput | undefined, key: 'a3' | 'a5'): ShareEntry | undefined {
  return data?.scorecard?.[key];
}

const hexColour = z
  .string({ error: expected.colour() })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: expected.colourExample() });

/** An authority's identifier, its folder's name under data/. */
const authorityId = (what: string) =>
  z.string({ error: expected.value(`${what}: ${AUTHORITY_ID_HINT}`) }).regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: expected.value(`${what}: ${AUTHORITY_ID_HINT}`) });

export const authoritySchema = fields({
  id: authorityId('an identifier')
    .optional()
    .describe('The authority’s identifier; must match its folder name under data/. Defaults to the folder name.'),
  name: text('the authority’s full name, such as Example Borough Council').describe('Full name of the council.'),
  short_name: text('a short name, such as Example Borough').describe('Short name used in headers and tables.'),
  service_name: text('the adoption service’s name').optional().describe('Name of the adoption service, such as Example Borough Adoption Service.'),
  region: text('a region of England').optional().describe('Region of England, such as East Midlands.'),
  regional_agency: text('the regional adoption agency’s name').optional().describe('The regional adoption agency the authority is a partner of.'),
  contact: fields({
    team: text('the team’s name').describe('The team to contact (never a person’s name).'),
    email: text('an e-mail address').optional().describe('The team’s e-mail address.'),
    phone: text('a telephone number').optional().describe('The team’s telephone number.'),
    address: text('a postal address').optional().describe('The team’s postal address.'),
  }).describe('How readers contact the service.'),
  disclosure: fields({
    threshold: count()
      .max(10, { error: expected.threshold() })
      .describe(
        'Counts from 1 to this number are suppressed in public documents (default 5; 0 turns suppression off). Child-level rows stay restricted regardless.',
      ),
  })
    .optional()
    .describe('Disclosure control for public documents.'),
  glossary: z
    .array(
      fields({
        term: text('the term as written, such as RAA').describe('The term or abbreviation as the text writes it.'),
        expansion: text('what it stands for').describe('What it stands for, written out.'),
        explanation: text('a plain sentence saying what it is').describe('One plain sentence saying what it is.'),
      }),
      { error: expected.list('glossary entries') },
    )
    .optional()
    .describe('Terms the authority’s documents use, beyond (or in place of) the project’s own glossary: each written out at its first use and listed in a glossary.'),
  branding: fields({
    accent_colour: hexColour.optional().describe('Accent colour for headings and rules, #rrggbb; must have 4.5:1 contrast against white.'),
    logo: text('a logo file name, such as logo.svg').optional().describe('Logo file in the authority’s folder: an SVG or PNG image.'),
    logo_alt: text('a text alternative for the logo').optional().describe('Text alternative for the logo; defaults to the council’s name and "logo".'),
  })
    .optional()
    .describe('Branding for the authority’s documents.'),
}).describe('What does not change from year to year for an authority.');

export type AuthorityInput = z.infer<typeof authoritySchema>;

/** `data/<agency>/agency.yaml`: a regional adoption agency, a reporting body of its own. */
export const agencySchema = fields({
  name: text('the agency’s name, such as Family Adoption Links').describe('The agency’s name; its folder under data/ is this name in lower case with hyphens.'),
  short_name: text('a short name, such as FAL').optional().describe('Short name used in headers; defaults to the name.'),
  host_authority: text('the host authority’s name, such as Lincolnshire County Council').describe('The council that hosts the agency’s hub and employs its staff.'),
  partners: z
    .array(authorityId('an authority identifier'), { error: expected.list('partner authorities, by their folder names') })
    .min(1, { error: expected.atLeastOne('partner') })
    .describe('The partner authorities, by their folder names under data/; each one’s authority.yaml names this agency as its regional_agency.'),
  other_partners: z
    .array(text('a partner’s name'), { error: expected.list('names of partners') })
    .optional()
    .describe('Partners whose datasets this project does not hold, by name: named in the report, left out of its regional figures.'),
  contact: authoritySchema.shape.contact,
  disclosure: authoritySchema.shape.disclosure,
  glossary: authoritySchema.shape.glossary,
  branding: authoritySchema.shape.branding,
}).describe('A regional adoption agency: what does not change from year to year.');

export type AgencyInput = z.infer<typeof agencySchema>;

/** The sections of an agency's annual report, in the order they are printed. */
export const AGENCY_SECTIONS = {
  background: 'Background: the partnership, when it began and what it oversees.',
  governance: 'Governance and the pooled budget: the board (by role), the hub and how it is funded.',
  marketing: 'Marketing, recruitment and the website.',
  events: 'Events: information events, activity days and family-finding events.',
  family_finding: 'Family finding and matching across the region.',
  adoption_support: 'Adoption support: the core offer, training and the newsletter.',
  early_permanence: 'Early permanence.',
  data: 'Data: how the agency collects and uses it.',
  stakeholders: 'Stakeholder engagement, regional and national.',
  conclusion: 'Conclusion, including inspections in the year.',
  plans: 'Plans for next year.',
} as const;
export type AgencySection = keyof typeof AGENCY_SECTIONS;

/** `data/<agency>/<yyyy-yy>.yaml`: the agency hub's figures and narrative for one year. */
export const agencyYearSchema = fields({
  year: yearSchema.shape.year,
  author: yearSchema.shape.author,
  figures: yearSchema.shape.figures,
  sections: fields(
    Object.fromEntries(Object.entries(AGENCY_SECTIONS).map(([key, description]) => [key, markdown().optional().describe(`${description} Markdown.`)])) as Record<
      AgencySection,
      z.ZodOptional<z.ZodString>
    >,
  )
    .optional()
    .describe('The agency report’s sections, in Markdown; figures as {{figures.<name>}}. A section with no text is left out.'),
  workstreams: z
    .array(
      fields({
        name: text('the workstream’s name, such as Family Finding').describe('The workstream’s name.'),
        lead: text('the lead’s role and partner, such as Service Manager, Leicester City').describe('Who leads it, by role and partner (never a person’s name).'),
        text: markdown().describe('What the workstream did in the year, in Markdown.'),
      }),
      { error: expected.list('workstreams, each a name, a lead and text') },
    )
    .optional()
    .describe('The agency’s workstreams, each led by a partner.'),
  for_partners: markdown()
    .optional()
    .describe('The agency’s section of each partner’s annual report for the year, in Markdown: typed once here, printed in every partner’s report.'),
}).describe('A regional adoption agency’s hub figures and narrative for one fiscal year.');

export type AgencyYearInput = z.infer<typeof agencyYearSchema>;

/** `annual-report.config.yaml`: a council project's settings, each one a command-line default. */
export const projectSchema = fields({
  data: text('a folder, such as data').optional().describe('The folder holding one folder per authority (default data).'),
  out: text('a folder, such as out').optional().describe('The folder documents are written into (default out).'),
  years: count()
    .min(1, { error: expected.value('a number of years, 1 or more') })
    .max(10, { error: expected.value('a number of years, 10 or fewer') })
    .optional()
    .describe('Fiscal years shown in tables and charts, ending with the report’s own (default 3).'),
  chromium: text('the path of a Chromium, Chrome or Edge executable').optional().describe('The browser that prints PDFs, when it is not where the tool looks.'),
  look: fields({
    templates: text('a folder of template partials').optional().describe(
      'A folder of Handlebars partials (cover.hbs, document.hbs, ...) that replace the package’s of the same name: front sheet wording, cover, logo placement. The package’s are used for the rest.',
    ),
    stylesheet: text('a CSS file').optional().describe('A stylesheet added after the package’s: colours, fonts, spacing. Fonts it names must be embedded in it as data.'),
    word_styles: text('a Word document (.docx)').optional().describe('A Word document whose styles (fonts, sizes, heading colours) the Word output takes in place of the package’s.'),
  })
    .optional()
    .describe('The council’s own look, over the package’s.'),
}).describe('A council project’s settings (annual-report.config.yaml beside data/).');

export type ProjectInput = z.infer<typeof projectSchema>;

/** `<yyyy-yy>.children.yaml`: child records written by the SSDA903 import, beside the year file they join. */
export const recordsFileSchema = fields({
  year: yearSchema.shape.year,
  children_records: yearSchema.shape.children_records.unwrap(),
}).describe('Child records imported from the SSDA903 return for one fiscal year.');
