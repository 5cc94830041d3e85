/**
 * The Adoption Service Annual Report, as a view: which sections, in which order, with which
 * tables, charts and narrative. Pure: a dataset in, a DocumentView out (charts not yet drawn).
 * Sections with neither narrative nor figures are left out, and numbering closes up.
 */
import type { FiscalYear } from '../ids.js';
import type { Dataset } from '../load/model.js';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../load/schema.js';
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
import { inlineMarkdownToHtml, markdownToHtml } from '../render/markdown.js';
import { comparatorTable, scorecardTable, trendChart, yearBarsChart, yearTable } from './tables.js';
import { block, rich, text, type Block, type ContentsEntry, type DocumentView, type SectionView, type TableView } from './view.js';

export interface ReportOptions {
  /** How many fiscal years tables and charts show, ending with the report's year. */
  years: number;
}

interface SectionSpec {
  id: string;
  title: string;
  numbered?: boolean;
  narrative?: NarrativeSection;
  figures?: (ctx: Context) => Block[];
  subsections?: SectionSpec[];
}

interface Context {
  dataset: Dataset;
  years: FiscalYear[];
  /** Measures that appear in the report, for the definitions appendix. */
  shown: Set<Measure>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A table of measures over the years and its chart, when any year gives any figure. */
function figuresWithChart(ctx: Context, id: string, title: string, measures: readonly Measure[], valueTitle: string): Block[] {
  const present = measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (present.length === 0) return [];
  present.forEach((m) => ctx.shown.add(m));
  const blocks = [block.table(yearTable(`${id}-table`, `${title}, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`, ctx.dataset, present, ctx.years))];
  const chart = yearBarsChart(`${id}-chart`, title, ctx.dataset, present, ctx.years, valueTitle);
  if (chart) blocks.push(block.chart(chart));
  return blocks;
}

function figuresTable(ctx: Context, id: string, title: string, measures: readonly Measure[]): Block[] {
  const present = measures.filter((m) => anyValue(ctx.dataset, [m], ctx.years));
  if (present.length === 0) return [];
  present.forEach((m) => ctx.shown.add(m));
  return [block.table(yearTable(`${id}-table`, `${title}, ${ctx.years[0]!.label} to ${ctx.years.at(-1)!.label}`, ctx.dataset, present, ctx.years))];
}

function scorecardMeasures(ctx: Context): Measure[] {
  const lastTwo = ctx.years.slice(-2);
  return SCORECARD_MEASURES.filter((m) => anyValue(ctx.dataset, [m], lastTwo));
}

function executiveSummaryFigures(ctx: Context): Block[] {
  const measures = scorecardMeasures(ctx);
  if (measures.length === 0) return [];
  measures.forEach((m) => ctx.shown.add(m));
  const blocks = [block.table(withMarkdownColumn(scorecardTable('scorecard-table', ctx.dataset, measures), 4))];
  const comparators = comparatorTable('comparator-table', ctx.dataset, measures);
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
    const chart = trendChart(`trend-${m.id.split('.')[1]}`, ctx.dataset, m, ctx.years);
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
      id: 'progress-table',
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
      id: 'recommendations-table',
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
      id: 'definitions-table',
      caption: 'Definitions of the measures in this report',
      columns: [text('Measure'), text('Definition'), text('Direction')],
      rows: [...ctx.shown].map((m) => ({ header: `${m.code ? `${m.code}: ` : ''}${m.label}`, cells: [text(m.definition), text(direction[m.direction])] })),
      notes: [
        'Rounding: days, months and pounds to two decimal places and percentages to whole numbers, half away from zero. Changes are taken between the figures as printed.',
      ],
    }),
  ];
}

function sectionsOf(dataset: Dataset): SectionSpec[] {
  const agency = dataset.authority.regionalAgency;
  return [
    { id: 'executive-summary', title: 'Executive summary', numbered: false, narrative: 'executive_summary', figures: executiveSummaryFigures },
    { id: 'introduction', title: 'Introduction and the duty to report', narrative: 'introduction' },
    { id: 'progress', title: 'Progress against last year’s recommendations', narrative: 'progress', figures: progressFigures },
    { id: 'regional-agency', title: agency ? `${agency}: the regional adoption agency` : 'The regional adoption agency', narrative: 'regional_agency' },
    { id: 'teams', title: 'Our service: teams and roles', narrative: 'teams' },
    {
      id: 'recruitment',
      title: 'Recruitment, preparation and assessment of adopters',
      narrative: 'recruitment',
      figures: (ctx) => [
        ...figuresWithChart(ctx, 'adopters', 'Adopter enquiries, starts and approvals', ADOPTER_COUNTS, 'Households'),
        ...figuresWithChart(ctx, 'adopter-timeliness', 'Adopter timeliness by stage (months)', ADOPTER_TIMELINESS, 'Months'),
      ],
    },
    { id: 'panel', title: 'Adoption panel', narrative: 'panel', figures: (ctx) => figuresTable(ctx, 'panel', 'Adoption panel activity', PANEL_COUNTS) },
    {
      id: 'post-order-support',
      title: 'Post-order support and the support fund',
      narrative: 'post_order_support',
      figures: (ctx) => figuresTable(ctx, 'support-fund', 'Adoption and Special Guardianship Support Fund', SUPPORT_FUND),
    },
    { id: 'birth-records', title: 'Birth records counselling', narrative: 'birth_records', figures: (ctx) => figuresTable(ctx, 'birth-records', 'Birth records counselling', OTHER_COUNTS.filter((m) => m.id.startsWith('birth_records.'))) },
    {
      id: 'performance',
      title: 'Performance',
      narrative: 'performance',
      figures: performanceFigures,
      subsections: [
        { id: 'children-waiting', title: 'Children waiting', narrative: 'children_waiting' },
        { id: 'approvals', title: 'Adopter approvals', narrative: 'approvals' },
        { id: 'disruptions', title: 'Disruptions', narrative: 'disruptions' },
      ],
    },
    { id: 'developments', title: 'Developments', narrative: 'developments' },
    { id: 'feedback', title: 'Feedback', narrative: 'feedback' },
    { id: 'complaints', title: 'Complaints', narrative: 'complaints', figures: (ctx) => figuresTable(ctx, 'complaints', 'Complaints', OTHER_COUNTS.filter((m) => m.id.startsWith('complaints.'))) },
    { id: 'achievements', title: 'Achievements', narrative: 'achievements' },
    { id: 'recommendations', title: `Recommendations for ${nextYearLabel(dataset)}`, narrative: 'recommendations', figures: recommendationFigures },
    { id: 'appendix-definitions', title: 'Appendix A: Definitions and rounding', numbered: false, figures: definitionsFigures },
  ];
}

function buildSection(spec: SectionSpec, ctx: Context, number: string | null, level: 2 | 3): SectionView | undefined {
  const blocks: Block[] = [];
  const markdown = spec.narrative ? ctx.dataset.current.data.narrative?.[spec.narrative] : undefined;
  if (markdown) blocks.push(block.html(markdownToHtml(markdown)));
  if (spec.figures) blocks.push(...spec.figures(ctx));
  const subsections: SectionView[] = [];
  for (const sub of spec.subsections ?? []) {
    const built = buildSection(sub, ctx, number ? `${number}.${subsections.length + 1}` : null, 3);
    if (built) subsections.push(built);
  }
  if (blocks.length === 0 && subsections.length === 0) return undefined;
  return { id: spec.id, number, title: spec.title, level, blocks, subsections };
}

export function annualReportView(dataset: Dataset, options: ReportOptions): DocumentView {
  const ctx: Context = { dataset, years: yearWindow(dataset, options.years), shown: new Set() };
  const sections: SectionView[] = [];
  let number = 0;
  for (const spec of sectionsOf(dataset)) {
    const numbered = spec.numbered !== false;
    const built = buildSection(spec, ctx, numbered ? String(number + 1) : null, 2);
    if (!built) continue;
    if (numbered) number++;
    sections.push(built);
  }
  const { authority, current } = dataset;
  const documentName = 'Adoption Service Annual Report';
  return {
    kind: 'annual-report',
    lang: 'en-GB',
    title: `${authority.serviceName}: ${documentName} ${current.year.label}`,
    documentName,
    authority: {
      name: authority.name,
      shortName: authority.shortName,
      serviceName: authority.serviceName,
      contactTeam: authority.contact.team,
      email: authority.contact.email,
      phone: authority.contact.phone,
      address: authority.contact.address,
    },
    yearLabel: current.year.label,
    authorRole: current.data.author.role,
    published: current.data.author.date ?? null,
    accentColour: authority.accentColour,
    contents: contentsOf(sections),
    sections,
  };
}

function contentsOf(sections: readonly SectionView[]): ContentsEntry[] {
  return sections.flatMap((s) => [
    { id: s.id, label: s.number ? `${s.number}. ${s.title}` : s.title, level: s.level, page: null },
    ...s.subsections.map((sub) => ({ id: sub.id, label: sub.number ? `${sub.number} ${sub.title}` : sub.title, level: sub.level, page: null })),
  ]);
}

/** For templates and tests: the narrative section keys and what each is for. */
export const ANNUAL_REPORT_NARRATIVE = NARRATIVE_SECTIONS;
