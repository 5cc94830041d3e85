/**
 * The Adoption Service Annual Report, as a view: which sections, in which order, with which
 * tables, charts and narrative. Pure: a dataset in, a DocumentView out (charts not yet drawn).
 * Sections with neither narrative nor figures are left out, and numbering closes up.
 */
import type { FiscalYear } from '../ids.js';
import type { Problem } from '../errors.js';
import type { Dataset } from '../load/model.js';
import type { NarrativeSection } from '../load/schema.js';
import {
  ADOPTER_COUNTS,
  ADOPTER_TIMELINESS,
  CHILD_COUNTS,
  OTHER_COUNTS,
  PANEL_COUNTS,
  PROVISION_TYPES,
  SCORECARD_MEASURES,
  SUPPORT_FUND,
  type Measure,
} from '../metrics/catalogue.js';
import { anyValue, valueOf, yearWindow } from '../metrics/figures.js';
import { formatNumber, formatShare } from '../metrics/format.js';
import { inlineMarkdownToHtml } from '../render/markdown.js';
import { buildSections, logoOf, Narrative, runningHeader, type SectionSpec } from './document.js';
import { comparatorTable, scorecardTable, trendChart, yearBarsChart, yearTable } from './tables.js';
import { block, contentsOf, escapeHtml, field, rich, text, type Block, type DocumentView, type TableView } from './view.js';

export interface ReportOptions {
  /** How many fiscal years tables and charts show, ending with the report's year. */
  years: number;
}

export interface Context {
  dataset: Dataset;
  years: FiscalYear[];
  /** Measures that appear in the report, for the definitions appendix. */
  shown: Set<Measure>;
  narrative: Narrative;
  /** Prefixes an id with the document's namespace. */
  id: (local: string) => string;
}

export function reportContext(dataset: Dataset, options: ReportOptions, idPrefix: string): Context {
  return { dataset, years: yearWindow(dataset, options.years), shown: new Set(), narrative: new Narrative(dataset, idPrefix), id: (local) => `${idPrefix}${local}` };
}

/** A table of measures over the years and its chart, when any year gives any figure. */
function figuresWithChart(ctx: Context, id: string, title: string, measures: readonly Measure[], valueTitle: string): Block[] {
  const present = measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (present.length === 0) return [];
  present.forEach((m) => ctx.shown.add(m));
  const blocks = [block.table(yearTable(ctx.id(`${id}-table`), `${title}, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`, ctx.dataset, present, ctx.years))];
  const chart = yearBarsChart(ctx.id(`${id}-chart`), title, ctx.dataset, present, ctx.years, valueTitle);
  if (chart) blocks.push(block.chart(chart));
  return blocks;
}

function figuresTable(ctx: Context, id: string, title: string, measures: readonly Measure[]): Block[] {
  const present = measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (present.length === 0) return [];
  present.forEach((m) => ctx.shown.add(m));
  return [block.table(yearTable(ctx.id(`${id}-table`), `${title}, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`, ctx.dataset, present, ctx.years))];
}

function scorecardMeasures(ctx: Context): Measure[] {
  const lastTwo = ctx.years.slice(-2);
  return SCORECARD_MEASURES.filter((m) => anyValue(ctx.dataset, [m], lastTwo));
}

export function executiveSummaryFigures(ctx: Context): Block[] {
  const measures = scorecardMeasures(ctx);
  if (measures.length === 0) return [];
  measures.forEach((m) => ctx.shown.add(m));
  const blocks = [block.table(withMarkdownColumn(scorecardTable(ctx.id('scorecard-table'), ctx.dataset, measures), 4))];
  const comparators = comparatorTable(ctx.id('comparator-table'), ctx.dataset, measures);
  if (comparators) blocks.push(block.table(comparators));
  return blocks;
}

/** Cells of one column hold the author's Markdown: render it. */
function withMarkdownColumn(table: TableView, column: number): TableView {
  return {
    ...table,
    rows: table.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell, i) => (i === column && cell.text ? rich(cell.text, inlineMarkdownToHtml(cell.text)) : cell)),
    })),
  };
}

function performanceFigures(ctx: Context): Block[] {
  const blocks = figuresWithChart(ctx, 'children', 'Children’s plans, placements and orders', CHILD_COUNTS, 'Children');
  for (const m of scorecardMeasures(ctx)) {
    const chart = trendChart(ctx.id(`trend-${m.id.split('.')[1]}`), ctx.dataset, m, ctx.years);
    if (chart) blocks.push(block.chart(chart));
  }
  blocks.push(...figuresWithChart(ctx, 'provision', 'Children placed by provision type', PROVISION_TYPES, 'Children placed'));
  const within = withinRegionSentence(ctx.dataset);
  if (within) blocks.push(block.html(within));
  return blocks;
}

/** Share placed within the regional agency = (in-house + regional partner) / all placements. */
function withinRegionSentence(dataset: Dataset): string | undefined {
  const data = dataset.current.data;
  const values = PROVISION_TYPES.map((m) => valueOf(data, m));
  if (values.some((v) => v === undefined)) return undefined;
  const [inHouse, partner] = values as number[];
  const total = (values as number[]).reduce((a, b) => a + b, 0);
  const share = formatShare(inHouse! + partner!, total);
  if (!share) return undefined;
  const agency = dataset.authority.regionalAgency ?? 'the regional adoption agency';
  return `<p class="key-figure">Placed within ${escapeHtml(agency)} (with the authority’s own adopters or a partner’s) in ${escapeHtml(dataset.current.year.label)}: <strong>${escapeHtml(share)}</strong> of ${escapeHtml(formatNumber('count', total))} children placed.</p>`;
}

function progressFigures(ctx: Context): Block[] {
  const items = ctx.dataset.current.data.progress ?? [];
  if (items.length === 0) return [];
  return [
    block.table({
      id: ctx.id('progress-table'),
      caption: `Progress against the recommendations of the ${ctx.years.at(-2)?.label ?? 'previous'} report`,
      columns: [text('Recommendation'), text('Progress')],
      rows: items.map((item) => ({ header: item.recommendation, cells: [rich(item.progress, inlineMarkdownToHtml(item.progress))] })),
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
      caption: `Recommendations for ${nextYearLabel(ctx.dataset)}`,
      columns: [text('Action'), text('Responsible (role)'), text('By when')],
      rows: items.map((item) => ({ header: item.action, cells: [text(item.owner), text(item.by)] })),
      notes: [],
    }),
  ];
}

function nextYearLabel(dataset: Dataset): string {
  const start = dataset.current.year.startYear + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
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
      ],
    }),
  ];
}

function sectionsOf(ctx: Context): SectionSpec[] {
  const { dataset } = ctx;
  const narrative = (key: NarrativeSection): Block[] => {
    const markdown = dataset.current.data.narrative?.[key];
    return markdown ? [block.html(ctx.narrative.html(markdown, ['narrative', key]))] : [];
  };
  const section = (id: string, title: string, key: NarrativeSection | undefined, figures?: (ctx: Context) => Block[], extra: Partial<SectionSpec> = {}): SectionSpec => ({
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
    section('regional-agency', agency ? `${agency}: the regional adoption agency` : 'The regional adoption agency', 'regional_agency'),
    section('teams', 'Our service: teams and roles', 'teams'),
    section('recruitment', 'Recruitment, preparation and assessment of adopters', 'recruitment', (c) => [
      ...figuresWithChart(c, 'adopters', 'Adopter enquiries, starts and approvals', ADOPTER_COUNTS, 'Households'),
      ...figuresWithChart(c, 'adopter-timeliness', 'Adopter timeliness by stage (months)', ADOPTER_TIMELINESS, 'Months'),
    ]),
    section('panel', 'Adoption panel', 'panel', (c) => figuresTable(c, 'panel', 'Adoption panel activity', PANEL_COUNTS)),
    section('post-order-support', 'Post-order support and the support fund', 'post_order_support', (c) => figuresTable(c, 'support-fund', 'Adoption and Special Guardianship Support Fund', SUPPORT_FUND)),
    section('birth-records', 'Birth records counselling', 'birth_records', (c) => figuresTable(c, 'birth-records', 'Birth records counselling', OTHER_COUNTS.filter((m) => m.id.startsWith('birth_records.')))),
    section('performance', 'Performance', 'performance', performanceFigures, {
      subsections: [
        section('children-waiting', 'Children waiting', 'children_waiting'),
        section('approvals', 'Adopter approvals', 'approvals'),
        section('disruptions', 'Disruptions', 'disruptions'),
      ],
    }),
    section('developments', 'Developments', 'developments'),
    section('feedback', 'Feedback', 'feedback'),
    section('complaints', 'Complaints', 'complaints', (c) => figuresTable(c, 'complaints', 'Complaints', OTHER_COUNTS.filter((m) => m.id.startsWith('complaints.')))),
    section('achievements', 'Achievements', 'achievements'),
    section('recommendations', `Recommendations for ${nextYearLabel(dataset)}`, 'recommendations', recommendationFigures),
    // Last, so that it lists every measure the sections above showed.
    section('appendix-definitions', 'Appendix A: Definitions and rounding', undefined, definitionsFigures, { numbered: false }),
  ];
}

export const ANNUAL_REPORT_NAME = 'Adoption Service Annual Report';

export function annualReportView(dataset: Dataset, options: ReportOptions, idPrefix = ''): { view: DocumentView; problems: Problem[] } {
  const ctx = reportContext(dataset, options, idPrefix);
  const sections = buildSections(sectionsOf(ctx), idPrefix);
  const { authority, current } = dataset;
  const view: DocumentView = {
    kind: 'annual-report',
    idPrefix,
    title: `${authority.serviceName}: ${ANNUAL_REPORT_NAME} ${current.year.label}`,
    documentName: ANNUAL_REPORT_NAME,
    subtitle: current.year.label,
    runningHeader: runningHeader(authority, ANNUAL_REPORT_NAME, current.year.label),
    authority: { name: authority.name, serviceName: authority.serviceName },
    accentColour: authority.accentColour,
    logo: logoOf(authority),
    coverFields: [
      field('Authority', authority.name),
      field('Report author', current.data.author.role),
      ...(current.data.author.date ? [field('Published', current.data.author.date)] : []),
      field('Contact', contactText(dataset)),
    ],
    coverPage: true,
    contents: contentsOf(sections),
    sections,
    crossReferences: ctx.narrative.references.map((r) => `${idPrefix}${r.target}`),
  };
  return { view, problems: ctx.narrative.check(view) };
}

export function contactText(dataset: Dataset): string {
  const c = dataset.authority.contact;
  return [c.team, c.email, c.phone, c.address].filter(Boolean).join(', ');
}
