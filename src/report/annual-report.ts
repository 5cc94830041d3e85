/**
 * The Adoption Service Annual Report, as a view: which sections, in which order, with which
 * tables, charts and narrative. Pure: a dataset in, a DocumentView out (charts not yet drawn).
 * Sections with neither narrative nor figures are left out, and numbering closes up.
 */
import { nextFiscalYear, type FiscalYear } from '../domain/fiscal-year.js';
import type { Problem } from '../errors.js';
import type { Dataset } from '../metrics/dataset.js';
import { scorecardDays, type NarrativeSection } from '../load/schema.js';
import {
  BREAKDOWNS,
  measure,
  SCORECARD_SHARES,
  ADOPTER_COUNTS,
  ADOPTER_TIMELINESS,
  CHILD_COUNTS,
  OTHER_COUNTS,
  PANEL_COUNTS,
  PROVISION_TYPES,
  SCORECARD_MEASURES,
  SUPPORT_FUND,
  type Breakdown,
  type Measure,
} from '../domain/measures.js';
import { suppressionNote, type Audience, type DisclosurePolicy } from '../metrics/disclosure.js';
import { anyValue, measureIn, yearData, yearWindow } from '../metrics/history.js';
import { hiddenFigureRanges } from '../metrics/audit.js';
import { formatDate, formatNumber } from '../domain/format.js';
import { ageInYears, rankedPlacements, waitingLongerThanSixMonths } from '../metrics/records.js';
import { buildSections, brandOf, Narrative, runningHeader, type SectionSpec, withGlossary } from './sections.js';
import { withinRegionText } from './tokens.js';
import {
  breakdownTable,
  comparatorTable,
  scorecardTable,
  trendChart,
  yearBarsChart,
  yearTable,
} from './tables.js';
import { block, contentsOf, field, numeric, rich, text, type Block, type DocumentView, type Field, type TableView } from './view.js';

export interface ReportOptions {
  /** How many fiscal years tables and charts show, ending with the report's year. */
  years: number;
  audience: Audience;
  /** Marked DRAFT on every page and in the title. */
  draft?: boolean;
  /** Show every year of the span, those with no dataset as "no data", instead of leaving them out. */
  fixedYears?: boolean;
}

export interface Context {
  dataset: Dataset;
  years: FiscalYear[];
  /** Years of the span left out for having no dataset. */
  leftOut: FiscalYear[];
  /** The author asked for every year of the span, those without a dataset as "no data". */
  fixedYears: boolean;
  /** Measures that appear in the report, for the definitions appendix. */
  shown: Set<Measure>;
  narrative: Narrative;
  policy: DisclosurePolicy;
  /** Prefixes an id with the document's namespace. */
  id: (local: string) => string;
}

export function disclosurePolicy(dataset: Dataset, audience: Audience): DisclosurePolicy {
  return { audience, threshold: dataset.authority.disclosureThreshold };
}

export function reportContext(dataset: Dataset, options: ReportOptions, idPrefix: string): Context {
  const policy = disclosurePolicy(dataset, options.audience);
  // A year with no dataset would be a column of "no data" in every table: it is left out, and said once.
  const window = yearWindow(dataset, options.years);
  const leftOut = options.fixedYears ? [] : window.filter((y) => !yearData(dataset, y));
  return {
    dataset,
    years: window.filter((y) => !leftOut.includes(y)),
    leftOut,
    fixedYears: options.fixedYears === true,
    shown: new Set(),
    narrative: new Narrative(dataset, policy),
    policy,
    id: (local) => `${idPrefix}${local}`,
  };
}

/** A table of measures over the years and its chart, when any year gives any figure. */
export function figuresWithChart(ctx: Context, id: string, title: string, measures: readonly Measure[], valueTitle: string): Block[] {
  const present = measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (!anyValue(ctx.dataset, present, ctx.years)) return [];
  present.forEach((m) => ctx.shown.add(m));
  const table = yearTable(ctx.id(`${id}-table`), `${title}, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`, ctx.dataset, present, ctx.years, ctx.policy);
  const blocks = [block.table(table)];
  const chart = yearBarsChart(ctx.id(`${id}-chart`), title, ctx.dataset, present, ctx.years, valueTitle, ctx.policy);
  if (chart) blocks.push(block.chart({ ...chart, sameAs: table.caption }));
  return blocks;
}

export function figuresTable(ctx: Context, id: string, title: string, measures: readonly Measure[]): Block[] {
  const present = measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (present.length === 0) return [];
  present.forEach((m) => ctx.shown.add(m));
  return [
    block.table(
      yearTable(ctx.id(`${id}-table`), `${title}, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`, ctx.dataset, present, ctx.years, ctx.policy),
    ),
  ];
}

function scorecardMeasures(ctx: Context): Measure[] {
  const lastTwo = ctx.years.slice(-2);
  return [...SCORECARD_MEASURES, ...SCORECARD_SHARES].filter((m) => anyValue(ctx.dataset, [m], lastTwo));
}

export function executiveSummaryFigures(ctx: Context): Block[] {
  const leftOut = ctx.leftOut.length
    ? [block.paragraph(null, `There is no dataset for ${ctx.leftOut.map((y) => y.label).join(' or ')}: ${ctx.leftOut.length === 1 ? 'that year is' : 'those years are'} left out of this report’s tables and charts.`)]
    : [];
  const measures = scorecardMeasures(ctx);
  if (measures.length === 0) return leftOut;
  measures.forEach((m) => ctx.shown.add(m));
  const scorecard = scorecardTable(ctx.id('scorecard-table'), ctx.dataset, measures, ctx.policy, ctx.fixedYears);
  const blocks = [
    ...leftOut,
    block.table(withMarkdownColumn(ctx, scorecard, scorecard.columns.length - 2, (row) => ['scorecard', measures[row]!.id.split('.')[1]!, 'commentary'])),
  ];
  const comparators = comparatorTable(ctx.id('comparator-table'), ctx.dataset, measures, ctx.policy);
  if (comparators) blocks.push(block.table(comparators));
  return blocks;
}

/** Cells of one column hold the author's Markdown: render it, figures and all. */
function withMarkdownColumn(ctx: Context, table: TableView, column: number, pathOf: (row: number) => (string | number)[]): TableView {
  return {
    ...table,
    rows: table.rows.map((row, r) => ({
      ...row,
      cells: row.cells.map((cell, i) => (i === column && cell.text ? rich(ctx.narrative.markdown(cell.text, pathOf(r))) : cell)),
    })),
  };
}

function performanceFigures(ctx: Context): Block[] {
  const blocks = figuresWithChart(ctx, 'children', 'Children’s plans, placements and orders', CHILD_COUNTS, 'Children');
  for (const m of scorecardMeasures(ctx)) {
    if (m.unit !== 'days') continue;
    const chart = trendChart(ctx.id(`trend-${m.id.split('.')[1]}`), ctx.dataset, m, ctx.years, ctx.policy);
    if (chart) blocks.push(block.chart(chart));
  }
  blocks.push(...figuresWithChart(ctx, 'provision', 'Children placed by provision type', PROVISION_TYPES, 'Children placed'));
  const share = withinRegionText(ctx.dataset, ctx.policy);
  if (share) {
    const agency = ctx.dataset.authority.regionalAgency ?? 'the regional adoption agency';
    blocks.push(
      block.paragraph(
        'key-figure',
        `Placed within ${agency} (with the authority’s own adopters or a partner’s) in ${ctx.dataset.current.year.label}: `,
        { strong: share },
        ' of the children placed.',
      ),
    );
  }
  for (const b of breakdownsOf('children_placed_by')) blocks.push(...breakdownBlocks(ctx, b, 'Children placed'));
  blocks.push(...cohortTables(ctx));
  return blocks;
}

/** The table id a breakdown has always had (`siblings-table`), so links and tests keep working. */
const BREAKDOWN_TABLE_IDS: Record<string, string> = { 'children_placed_by.sibling_group': 'siblings', 'children_placed_by.age': 'age', 'children_placed_by.ethnicity': 'ethnicity' };

/** A breakdown's table (counts by year, and shares) and chart, from typed parts or the records. */
export function breakdownBlocks(ctx: Context, b: Breakdown, valueTitle: string): Block[] {
  const present = b.measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (present.length === 0) return [];
  present.forEach((m) => ctx.shown.add(m));
  const id = BREAKDOWN_TABLE_IDS[b.id] ?? b.id.replace(/[._]/g, '-');
  const span = `${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`;
  const table = breakdownTable(ctx.id(`${id}-table`), `${b.title}, ${span}`, b.partsTitle, ctx.dataset, present, measure(b.total), ctx.years, ctx.policy);
  const blocks = [block.table(table)];
  const chart = yearBarsChart(ctx.id(`${id}-chart`), b.title, ctx.dataset, present, ctx.years, valueTitle, ctx.policy);
  if (chart) blocks.push(block.chart({ ...chart, sameAs: table.caption }));
  return blocks;
}

export const breakdownsOf = (group: Breakdown['group']) => BREAKDOWNS.filter((b) => b.group === group);

/** The measures of figures the year files name themselves, by a prefix of their ids, over the report's years (labels from the latest). */
export function ownMeasuresIn(ctx: Context, prefix: string): Measure[] {
  const byId = new Map<string, Measure>();
  for (const y of [...ctx.years].reverse()) for (const [id, m] of yearData(ctx.dataset, y)?.own ?? []) if (id.startsWith(prefix) && !byId.has(id)) byId.set(id, m);
  return [...byId.values()];
}

/** Each cohort of the year: what happened to its children, with each part's share of it. */
function cohortTables(ctx: Context): Block[] {
  const year = ctx.dataset.current.year;
  return (ctx.dataset.current.data.cohorts ?? []).map((cohort, i) => {
    const own = ctx.dataset.current.own;
    const parts = cohort.parts.map((_, j) => own.get(`cohorts.${i}.${j}`)!);
    const total = own.get(`cohorts.${i}.total`)!;
    parts.forEach((m) => ctx.shown.add(m));
    return block.table(breakdownTable(ctx.id(`cohort-${i + 1}-table`), cohort.label, 'What happened', ctx.dataset, [...parts, total], total, [year], ctx.policy));
  });
}

/** Child-level tables, as the regional dashboard has them: only ever in restricted documents. */
function childLevelFigures(ctx: Context): Block[] {
  if (ctx.policy.audience !== 'restricted') return [];
  const windowRecords = ctx.years.flatMap((y) => yearData(ctx.dataset, y)?.data.children_records ?? []);
  if (windowRecords.length === 0) return [];
  const england = (key: string) => scorecardDays(ctx.dataset.current.data, key)?.comparators?.find((c) => c.kind === 'england')?.days;
  const [a10England, a2England] = [england('a10'), england('a2')];
  const days = (n: number | undefined) => (n === undefined ? text('not recorded') : numeric(formatNumber('days', n)));
  const ranked = (order: 'longest' | 'fastest'): TableView => ({
    id: ctx.id(`${order}-placements-table`),
    caption: `The ten ${order === 'longest' ? 'longest' : 'fastest'} placements, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}, ranked by placement order to match (restricted)`,
    columns: [
      text('Child'),
      text('Year'),
      text('Age'),
      text('Sex'),
      text('Sibling group'),
      text('Ethnicity'),
      text('Entered care to placement order'),
      text('Entered care to placed (A1)'),
      ...(a10England !== undefined ? [text(`Difference from ${a10England} days (A10)`)] : []),
      text('Placement order to match (A2)'),
      ...(a2England !== undefined ? [text(`Difference from ${a2England} days (A2)`)] : []),
      text('Placement order to placed'),
    ],
    rows: rankedPlacements(windowRecords, ctx.years, order).map((r) => ({
      header: r.child.ref,
      cells: [
        text(r.year.short),
        numeric(String(r.ageAtPlacement)),
        text(r.child.sex ?? 'not known'),
        text(r.child.sibling_group ? (r.child.placed_together ? 'yes, placed together' : 'yes, placed apart') : 'no'),
        text(r.child.ethnicity),
        days(r.enteredCareToPlacementOrder),
        days(r.enteredCareToPlaced),
        ...(a10England !== undefined ? [numeric(formatNumber('days', r.enteredCareToPlaced - a10England))] : []),
        days(r.placementOrderToMatch),
        ...(a2England !== undefined ? [numeric(formatNumber('days', r.placementOrderToMatch - a2England))] : []),
        days(r.placementOrderToPlaced),
      ],
    })),
    notes: ['Child-level rows: this table appears only in the restricted version.'],
  });
  const blocks = [block.table(ranked('longest')), block.table(ranked('fastest'))];
  const current = ctx.dataset.current.data.children_records;
  if (current) {
    const waiting = waitingLongerThanSixMonths(current, ctx.dataset.current.year);
    blocks.push(
      block.table({
        id: ctx.id('waiting-table'),
        caption: `Children waiting more than six months since their placement order at 31 March ${ctx.dataset.current.year.startYear + 1} (restricted)`,
        columns: [text('Child'), text('Sex'), text('Age'), text('Placement order'), text('Note')],
        rows: waiting.map((c) => ({
          header: c.ref,
          cells: [
            text(c.sex ?? 'not known'),
            numeric(String(ageInYears(c.birth_month, ctx.dataset.current.year.end))),
            text(formatDate(c.placement_order!)),
            text(c.note ?? ''),
          ],
        })),
        notes: [waiting.length === 0 ? 'No child had waited more than six months.' : 'Child-level rows: this table appears only in the restricted version.'],
      }),
    );
  }
  return blocks;
}

function progressFigures(ctx: Context): Block[] {
  const items = ctx.dataset.current.data.progress ?? [];
  if (items.length === 0) return [];
  return [
    block.table({
      id: ctx.id('progress-table'),
      caption: `Progress against the recommendations of the ${ctx.years.at(-2)?.label ?? 'previous'} report`,
      columns: [text('Recommendation'), text('Progress')],
      rows: items.map((item, i) => ({
        header: item.recommendation,
        cells: [rich(ctx.narrative.markdown(item.progress, ['progress', i, 'progress']))],
      })),
      notes: [],
    }),
  ];
}

function recommendationFigures(ctx: Context): Block[] {
  const items = ctx.dataset.current.data.recommendations ?? [];
  if (items.length === 0) return [];
  return [
    block.table({
      id: ctx.id('recommendations-table'),
      caption: `Recommendations for ${nextFiscalYear(ctx.dataset.current.year).label}`,
      columns: [text('Action'), text('Responsible (role)'), text('By when')],
      rows: items.map((item) => ({ header: item.action, cells: [text(item.owner), text(item.by)] })),
      notes: [],
    }),
  ];
}


function definitionsFigures(ctx: Context): Block[] {
  if (ctx.shown.size === 0) return [];
  const direction = { lower: 'Lower is better', higher: 'Higher is better', neutral: 'No better direction' } as const;
  return [
    block.table({
      id: ctx.id('definitions-table'),
      caption: 'Definitions of the measures in this report',
      columns: [text('Measure'), text('Definition'), text('Direction')],
      rows: [...ctx.shown].map((m) => ({ header: `${m.code ? `${m.code}: ` : ''}${m.label}`, cells: [text(m.definition), text(direction[m.direction])] })),
      notes: [
        'Rounding: days, months and pounds to two decimal places and percentages to whole numbers, half away from zero. Changes are taken between the figures as printed.',
        ...(ctx.policy.audience === 'public' && ctx.policy.threshold > 0 ? [suppressionNote(ctx.policy, 'full')] : []),
      ],
    }),
  ];
}

/** The disclosure audit's finding for this year: each figure the public version hides and what its reader could work out. */
function disclosureAuditFigures(ctx: Context): Block[] {
  if (ctx.policy.audience !== 'restricted') return [];
  const found = hiddenFigureRanges(ctx.dataset.current);
  const label = (id: string) => {
    const rest = id.startsWith('rest:') ? id.slice('rest:'.length) : undefined;
    const m = measureIn(ctx.dataset, rest ?? id);
    const name = m ? `${m.code ? `${m.code}: ` : ''}${m.label}` : (rest ?? id);
    return rest ? `${name}: the part not listed in its breakdown` : name;
  };
  const range = (least: number, greatest: number | null) => (greatest === null ? `${formatNumber('count', least)} or more` : `${formatNumber('count', least)} to ${formatNumber('count', greatest)}`);
  return [
    block.table({
      id: ctx.id('disclosure-audit-table'),
      caption: `Figures of ${ctx.dataset.current.year.label} the public documents hide, and what their readers could work out`,
      columns: [text('Figure'), text('Value'), text('What the public documents allow')],
      rows: found.map((f) => ({ header: label(f.id), cells: [numeric(formatNumber('count', f.value)), text(range(f.least, f.greatest))] })),
      notes: [
        found.length === 0
          ? 'The public documents hide no count of this year.'
          : 'Worked out from every public document of every authority and year this build covers, partners of the regional adoption agency included: each range is what all their printed figures together allow, found by an integer linear solver. No hidden count is narrowed to a single value.',
      ],
    }),
  ];
}

/**
 * The agency's section of a partner's report: its text for the partners, typed once in the
 * agency's year file, its figures filled from the agency's dataset, marked as the agency's.
 */
function agencySection(ctx: Context): Block[] {
  const agency = ctx.dataset.regional?.agency;
  const text = agency?.current.hub?.for_partners;
  if (!agency || !text) return [];
  const narrative = new Narrative(agency, disclosurePolicy(agency, ctx.policy.audience));
  const blocks = [
    block.paragraph('written-by', `Written by ${agency.authority.name} for each partner’s annual report, ${agency.current.year.label}.`),
    block.markdown(narrative.markdown(text, ['for_partners'])),
  ];
  ctx.narrative.problems.push(...narrative.problems);
  return blocks;
}

function sectionsOf(ctx: Context): SectionSpec[] {
  const { dataset } = ctx;
  const narrative = (key: NarrativeSection): Block[] => {
    const markdown = dataset.current.data.narrative?.[key];
    return markdown ? [block.markdown(ctx.narrative.markdown(markdown, ['narrative', key]))] : [];
  };
  const section = (
    id: string,
    title: string,
    key: NarrativeSection | undefined,
    figures?: (ctx: Context) => Block[],
    extra: Partial<SectionSpec> = {},
  ): SectionSpec => ({
    id,
    title,
    blocks: () => [...(key ? narrative(key) : []), ...(figures?.(ctx) ?? [])],
    ...extra,
  });
  const agency = dataset.authority.regionalAgency;
  return [
    section('executive-summary', 'Executive summary', 'executive_summary', executiveSummaryFigures, { numbered: false }),
    section('introduction', 'Introduction and the duty to report', 'introduction'),
    section('progress', 'Progress against last year’s recommendations', 'progress', progressFigures),
    // The agency's text first, as it wrote it; the authority's own paragraphs after.
    section('regional-agency', agency ? `${agency}: the regional adoption agency` : 'The regional adoption agency', undefined, (c) => [...agencySection(c), ...narrative('regional_agency')]),
    section('teams', 'Our service: teams and roles', 'teams'),
    section('recruitment', 'Recruitment, preparation and assessment of adopters', 'recruitment', (c) => [
      ...figuresWithChart(c, 'adopters', 'Adopter enquiries, starts and approvals', ADOPTER_COUNTS, 'Households'),
      ...figuresWithChart(c, 'adopter-timeliness', 'Adopter timeliness by stage (months)', ADOPTER_TIMELINESS, 'Months'),
    ]),
    section('panel', 'Adoption panel', 'panel', (c) => figuresTable(c, 'panel', 'Adoption panel activity', PANEL_COUNTS)),
    section('post-order-support', 'Post-order support and the support fund', 'post_order_support', (c) =>
      figuresTable(c, 'support-fund', 'Adoption and Special Guardianship Support Fund', SUPPORT_FUND),
    ),
    section('birth-records', 'Birth records counselling', 'birth_records', (c) =>
      figuresTable(
        c,
        'birth-records',
        'Birth records counselling',
        OTHER_COUNTS.filter((m) => m.id.startsWith('birth_records.')),
      ),
    ),
    section('performance', 'Performance', 'performance', performanceFigures, {
      subsections: [
        section('children-waiting', 'Children waiting', 'children_waiting', (c) => breakdownsOf('children_waiting_by').flatMap((b) => breakdownBlocks(c, b, 'Children waiting'))),
        section('approvals', 'Adopter approvals', 'approvals'),
        section('disruptions', 'Disruptions', 'disruptions'),
        section('child-level', 'Child-level detail (restricted)', undefined, childLevelFigures),
      ],
    }),
    section('developments', 'Developments', 'developments'),
    section('feedback', 'Feedback', 'feedback'),
    section('complaints', 'Complaints', 'complaints', (c) => [
      ...figuresTable(
        c,
        'complaints',
        'Complaints',
        OTHER_COUNTS.filter((m) => m.id.startsWith('complaints.')),
      ),
      ...figuresTable(c, 'complaints-by-subject', 'Complaints by subject', ownMeasuresIn(c, 'complaints.by_subject.')),
    ]),
    section('other-figures', 'Other figures', undefined, (c) => figuresTable(c, 'other-figures', 'Other figures', ownMeasuresIn(c, 'figures.'))),
    section('achievements', 'Achievements', 'achievements'),
    section('recommendations', `Recommendations for ${nextFiscalYear(dataset.current.year).label}`, 'recommendations', recommendationFigures),
    // Last, so that it lists every measure the sections above showed.
    section('appendix-definitions', 'Appendix A: Definitions and rounding', undefined, definitionsFigures, { numbered: false }),
    section('appendix-disclosure', 'Appendix B: What the public version hides (restricted)', undefined, disclosureAuditFigures, { numbered: false }),
  ];
}

export const ANNUAL_REPORT_NAME = 'Adoption Service Annual Report';

export function annualReportView(dataset: Dataset, options: ReportOptions, idPrefix = ''): { view: DocumentView; problems: Problem[] } {
  const ctx = reportContext(dataset, options, idPrefix);
  const { sections, used: glossary } = withGlossary(buildSections(sectionsOf(ctx), idPrefix), dataset.authority.glossary, idPrefix);
  const { authority, current } = dataset;
  const view: DocumentView = {
    kind: 'annual-report',
    idPrefix,
    title: `${authority.serviceName}: ${ANNUAL_REPORT_NAME} ${current.year.label}`,
    documentName: ANNUAL_REPORT_NAME,
    subtitle: current.year.label,
    runningHeader: runningHeader(authority, ANNUAL_REPORT_NAME, current.year.label),
    ...brandOf(authority),
    coverFields: [
      field('Authority', authority.name),
      ...authorAndContact(dataset),
    ],
    coverPage: true,
    contents: contentsOf(sections),
    sections,
    glossary,
  };
  return { view, problems: ctx.narrative.problems };
}

/** The cover's report author (by role), date of publication and contact. */
export function authorAndContact(dataset: Dataset): Field[] {
  const author = dataset.current.data.author;
  return [
    ...(author ? [field('Report author', author.role)] : []),
    ...(author?.date ? [field('Published', author.date)] : []),
    field('Contact', contactText(dataset)),
  ];
}

export function contactText(dataset: Dataset): string {
  const c = dataset.authority.contact;
  return [c.team, c.email, c.phone, c.address].filter(Boolean).join(', ');
}
