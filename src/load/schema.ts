/**
 * What the YAML files may contain, as zod schemas. These types describe raw input
 * (`YearInput`, `AuthorityInput`); `model.ts` holds the normalised types the rest of the code uses.
 *
 * Every error message says what was expected ("expected a number of days"); the loader adds
 * what was found, from the YAML source.
 */
import { z } from 'zod';
import {
  ADOPTER_COUNTS,
  ADOPTER_TIMELINESS,
  CHILD_COUNTS,
  OTHER_COUNTS,
  PANEL_COUNTS,
  PROVISION_TYPES,
  SCORECARD_MEASURES,
  SUPPORT_FUND,
  measureKey,
  type Measure,
} from '../metrics/catalogue.js';
import { AUTHORITY_ID_HINT, FISCAL_YEAR_HINT, parseFiscalYear } from '../ids.js';

const nonNegative = (what: string) =>
  z.number({ error: `expected ${what}` }).nonnegative({ error: `expected ${what}, 0 or more` });

const days = () => nonNegative('a number of days');
const months = () => nonNegative('a number of months');
const count = () => nonNegative('a whole number').int({ error: 'expected a whole number' });
const pounds = () => nonNegative('an amount in pounds, as a plain number such as 1622481.01');
const text = (what = 'text') => z.string({ error: `expected ${what}` }).trim().min(1, { error: `expected ${what}, found an empty value` });
const markdown = () => text('Markdown text');

const valueFor = (m: Measure) => {
  const base = m.unit === 'days' ? days() : m.unit === 'months' ? months() : m.unit === 'gbp' ? pounds() : count();
  const code = m.code ? `${m.code}: ` : '';
  return base.describe(`${code}${m.label}. ${m.definition}${m.unit === 'count' ? '' : ` Unit: ${m.unit}.`}`);
};

/** A group of optional figures, one key per measure. */
const figures = (measures: readonly Measure[], description: string) =>
  z.strictObject(Object.fromEntries(measures.map((m) => [measureKey(m), valueFor(m).optional()]))).describe(description);

export const COMPARATOR_KINDS = ['england', 'statistical_neighbours', 'region', 'threshold'] as const;
export const COMPARATOR_NAMES: Record<(typeof COMPARATOR_KINDS)[number], string> = {
  england: 'the England average',
  statistical_neighbours: 'the statistical neighbours average',
  region: 'the regional figure',
  threshold: 'the threshold',
};

const comparator = z
  .strictObject({
    kind: z
      .enum(COMPARATOR_KINDS, { error: `expected one of ${COMPARATOR_KINDS.join(', ')}` })
      .describe('What the figure is compared with: england, statistical_neighbours, region or threshold.'),
    days: days().describe('The comparator value in days.'),
    period: text('a period such as 2021-24').optional().describe('The period the comparator covers, such as 2021-24. Leave out when the source does not say; never invent one.'),
    source: text('the source of this comparator, such as "DfE adoption scorecard"').describe('Who published the comparator and where, so a reader can check it.'),
  })
  .describe('A figure to compare against: its value, period and source.');

const timelinessMeasure = (m: Measure) =>
  z
    .strictObject({
      days: valueFor(m),
      three_year_days: days().optional().describe('The three-year figure: one mean over every child of the three years pooled.'),
      children: count().optional().describe('How many children the mean is over.'),
      commentary: markdown().optional().describe('What lies behind the figure, in a sentence or two of Markdown.'),
      comparators: z.array(comparator, { error: 'expected a list of comparators' }).optional().describe('England average, statistical neighbours, regional figure or threshold, each with its source.'),
    })
    .describe(`${m.code ? `${m.code}: ` : ''}${m.label}. ${m.definition}`);

const scorecard = z
  .strictObject(Object.fromEntries(SCORECARD_MEASURES.map((m) => [measureKey(m), timelinessMeasure(m).optional()])))
  .describe('The DfE adoption scorecard measures for the year, in days (lower is better).');

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

const narrative = z
  .strictObject(
    Object.fromEntries(
      Object.entries(NARRATIVE_SECTIONS).map(([key, description]) => [key, markdown().optional().describe(`${description} Markdown.`)]),
    ) as Record<NarrativeSection, z.ZodOptional<z.ZodString>>,
  )
  .describe('Narrative sections in Markdown. A section with no text and no figures is left out of the report.');

const recommendation = z.strictObject({
  action: markdown().describe('What will be done.'),
  owner: text('the role responsible, such as Service Manager').describe('The role responsible (a role title, not a person’s name).'),
  by: text('when, such as March 2026').describe('By when, such as March 2026.'),
});

const progressItem = z.strictObject({
  recommendation: markdown().describe('A recommendation from last year’s report.'),
  progress: markdown().describe('What was done about it this year.'),
});

export const yearSchema = z
  .strictObject({
    year: z
      .string({ error: `expected ${FISCAL_YEAR_HINT}` })
      .refine((v) => parseFiscalYear(v) !== undefined, { error: `expected ${FISCAL_YEAR_HINT}` })
      .describe('The fiscal year the dataset covers (1 April to 31 March), such as 2024-25. Must match the file name.'),
    author: z
      .strictObject({
        role: text('the author’s role, such as Service Manager').describe('The author’s role title (not a name).'),
        date: text('the month of publication, such as September 2025').optional().describe('When the report is published, such as September 2025.'),
      })
      .describe('Who wrote the report, by role.'),
    scorecard: scorecard.optional(),
    children: figures(CHILD_COUNTS, 'Children’s counts for the year.').optional(),
    adopters: figures(ADOPTER_COUNTS, 'Adopter recruitment counts for the year.').optional(),
    panel: figures(PANEL_COUNTS, 'Adoption panel activity for the year.').optional(),
    support_fund: figures(SUPPORT_FUND, 'Adoption and Special Guardianship Support Fund for the year.').optional(),
    adopter_timeliness: z
      .strictObject({
        households: count().optional().describe('Households with a child placed in the year: the households the means are over.'),
        ...Object.fromEntries(ADOPTER_TIMELINESS.map((m) => [measureKey(m), valueFor(m).optional()])),
      })
      .describe('Adopter timeliness by stage, in months, for households who had a child placed in the year.')
      .optional(),
    placements_by_provision: figures(PROVISION_TYPES, 'Children placed in the year, by who approved their adopters.').optional(),
    complaints: figures(OTHER_COUNTS.filter((m) => m.id.startsWith('complaints.')), 'Complaints for the year.').optional(),
    birth_records: figures(OTHER_COUNTS.filter((m) => m.id.startsWith('birth_records.')), 'Birth records counselling for the year.').optional(),
    narrative: narrative.optional(),
    progress: z.array(progressItem, { error: 'expected a list of recommendations with their progress' }).optional().describe('Progress against each of last year’s recommendations.'),
    recommendations: z.array(recommendation, { error: 'expected a list of actions' }).optional().describe('Recommendations for next year: action, owner (role) and by when.'),
  })
  .describe('One authority’s adoption service figures and narrative for one fiscal year.');

export type YearInput = z.infer<typeof yearSchema>;

const hexColour = z
  .string({ error: 'expected a colour written #rrggbb' })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour written #rrggbb, such as #00529b' });

export const authoritySchema = z
  .strictObject({
    id: z
      .string({ error: `expected an identifier: ${AUTHORITY_ID_HINT}` })
      .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: `expected an identifier: ${AUTHORITY_ID_HINT}` })
      .optional()
      .describe('The authority’s identifier; must match its folder name under data/. Defaults to the folder name.'),
    name: text('the authority’s full name, such as Example Borough Council').describe('Full name of the council.'),
    short_name: text('a short name, such as Example Borough').describe('Short name used in headers and tables.'),
    service_name: text('the adoption service’s name').optional().describe('Name of the adoption service, such as Example Borough Adoption Service.'),
    region: text('a region of England').optional().describe('Region of England, such as East Midlands.'),
    regional_agency: text('the regional adoption agency’s name').optional().describe('The regional adoption agency the authority is a partner of.'),
    contact: z
      .strictObject({
        team: text('the team’s name').describe('The team to contact (never a person’s name).'),
        email: text('an e-mail address').optional().describe('The team’s e-mail address.'),
        phone: text('a telephone number').optional().describe('The team’s telephone number.'),
        address: text('a postal address').optional().describe('The team’s postal address.'),
      })
      .describe('How readers contact the service.'),
    branding: z
      .strictObject({
        accent_colour: hexColour.optional().describe('Accent colour for headings and rules, #rrggbb; must have 4.5:1 contrast against white.'),
      })
      .optional()
      .describe('Branding for the authority’s documents.'),
  })
  .describe('What does not change from year to year for an authority.');

export type AuthorityInput = z.infer<typeof authoritySchema>;
