/**
 * The committee covering report: the council's front sheet, then numbered sections whose
 * paragraphs number themselves (1.1, 1.2, 6.3.1), so an inserted paragraph renumbers the rest.
 * Its summary of appendices is generated from the documents that go with it, so it cannot
 * say "none" while the pack has several.
 */
import type { Problem } from '../errors.js';
import { previousFiscalYear } from '../domain/fiscal-year.js';
import type { Dataset } from '../metrics/dataset.js';
import type { YearInput } from '../load/schema.js';
import { ADOPTER_COUNTS, CHILD_COUNTS } from '../domain/measures.js';
import { anyValue } from '../metrics/history.js';
import { formatDate } from '../domain/format.js';
import { executiveSummaryFigures, reportContext, type ReportOptions } from './annual-report.js';
import { buildSections, brandOf, runningHeader, type SectionSpec, withGlossary } from './sections.js';
import { yearTable } from './tables.js';
import { block, field, type Block, type DocumentView, type NumberedPart } from './view.js';

export const COVERING_REPORT_NAME = 'Committee Report';

/** A document that goes with the covering report as an appendix. */
export interface Appendix {
  letter: string;
  title: string;
  /** Id of the appendix's cover when it is in the same PDF (the committee pack), else null. */
  targetId: string | null;
}

type CoveringInput = NonNullable<YearInput['covering_report']>;
type Implication = CoveringInput['implications']['financial'];

export function coveringReportView(
  dataset: Dataset,
  input: CoveringInput,
  appendices: readonly Appendix[],
  options: ReportOptions,
  idPrefix = '',
): { view: DocumentView; problems: Problem[] } {
  const ctx = reportContext(dataset, options, idPrefix);
  const { narrative } = ctx;
  const path = (...rest: (string | number)[]) => ['covering_report', ...rest];
  const md = (markdown: string, at: (string | number)[], firstOnly = false): NumberedPart => ({ markdown: narrative.markdown(markdown, at), firstOnly });
  const numbered = (markdown: string, at: (string | number)[], number: string): Block[] => [block.numbered(number, [md(markdown, at)])];
  // Each recommended action is one paragraph.
  const list = (items: readonly string[], at: (string | number)[], number: string): Block[] => [
    block.numbered(
      number,
      items.map((item, i) => md(item, [...at, i], true)),
    ),
  ];
  const plain = (number: string, texts: string[]): Block[] => [
    block.numbered(
      number,
      texts.map((text) => ({ text })),
    ),
  ];
  const implication = (key: keyof CoveringInput['implications'], value: Implication | undefined, number: string): Block[] => {
    if (!value) return plain(number, ['None.']);
    return [block.numbered(number, [md(value.text, path('implications', key, 'text'))]), block.paragraph('cleared-by', `Cleared by: ${value.officer}`)];
  };
  const yesNo = (value: CoveringInput['key_decision'], number: string, key: string): Block[] =>
    value.answer && value.reason ? [block.numbered(number, [{ text: 'Yes.' }, md(value.reason, path(key, 'reason'))])] : plain(number, ['No.']);

  // Numbers are the sections' own: a section's paragraphs carry its number, decided by position.
  const specs: SectionSpec[] = [
    { id: 'summary', title: 'Summary', blocks: () => numbered(input.summary, path('summary'), '1') },
    { id: 'recommended-actions', title: 'Recommended actions or decision', blocks: () => list(input.recommended_actions, path('recommended_actions'), '2') },
    { id: 'scrutiny', title: 'Scrutiny and stakeholder engagement', blocks: () => numbered(input.scrutiny, path('scrutiny'), '3') },
    { id: 'background', title: 'Background and options with supporting evidence', blocks: () => numbered(input.background, path('background'), '4') },
    {
      id: 'detailed-report',
      title: 'Detailed report',
      blocks: () => [
        ...numbered(input.detailed_report, path('detailed_report'), '5'),
        ...(input.include_scorecard === false ? [] : [...executiveSummaryFigures(ctx), ...keyFigures(ctx)]),
      ],
    },
    {
      id: 'implications',
      title: 'Financial, legal, equalities, climate emergency and other implications',
      blocks: () => [],
      subsections: [
        { id: 'financial', title: 'Financial implications', blocks: () => implication('financial', input.implications.financial, '6.1') },
        { id: 'legal', title: 'Legal implications', blocks: () => implication('legal', input.implications.legal, '6.2') },
        { id: 'equalities', title: 'Equalities implications', blocks: () => implication('equalities', input.implications.equalities, '6.3') },
        {
          id: 'climate-emergency',
          title: 'Climate emergency implications',
          blocks: () => implication('climate_emergency', input.implications.climate_emergency, '6.4'),
        },
        { id: 'other', title: 'Other implications', blocks: () => implication('other', input.implications.other, '6.5') },
      ],
    },
    {
      id: 'background-papers',
      title: 'Background information and other papers',
      blocks: () => plain('7', input.background_papers?.length ? input.background_papers : ['None.']),
    },
    {
      id: 'appendices',
      title: 'Summary of appendices',
      blocks: () => [
        block.numbered(
          '8',
          appendices.length === 0
            ? [{ text: 'None.' }]
            : appendices.map((a) => {
                const text = `Appendix ${a.letter}: ${a.title}`;
                return a.targetId ? { link: { text, target: a.targetId } } : { text };
              }),
        ),
      ],
    },
    { id: 'private', title: 'Is this a private report?', blocks: () => yesNo(input.private, '9', 'private') },
    { id: 'key-decision', title: 'Is this a key decision?', blocks: () => yesNo(input.key_decision, '10', 'key_decision') },
  ];
  const { sections, used: glossary } = withGlossary(buildSections(specs, idPrefix), dataset.authority.glossary, idPrefix);
  const { authority, current } = dataset;
  const title = input.title ?? `${authority.serviceName}: annual report ${current.year.label}${appendices.length > 1 ? ' and statement of purpose' : ''}`;
  const view: DocumentView = {
    kind: 'covering-report',
    idPrefix,
    title,
    documentName: title,
    subtitle: '',
    runningHeader: runningHeader(authority, COVERING_REPORT_NAME, formatDate(input.meeting_date)),
    ...brandOf(authority),
    coverFields: [
      field('Committee', input.committee),
      field('Date of meeting', formatDate(input.meeting_date)),
      field('Lead director', input.lead_director),
      field('Wards affected', input.wards),
      field('Report author', input.author.role),
      field('Author contact', input.author.contact),
      field('Report version', input.version),
      field('Key decision', input.key_decision.answer ? 'Yes' : 'No'),
      field('Private or exempt report', input.private.answer ? 'Yes' : 'No'),
    ],
    coverPage: false,
    contents: [],
    sections,
    glossary,
  };
  return { view, problems: ctx.narrative.problems };
}

/** This year beside last year for the counts councillors ask about first. */
function keyFigures(ctx: ReturnType<typeof reportContext>): Block[] {
  const years = [previousFiscalYear(ctx.dataset.current.year), ctx.dataset.current.year];
  const measures = [...CHILD_COUNTS, ...ADOPTER_COUNTS].filter((m) => anyValue(ctx.dataset, [m], years));
  if (measures.length === 0) return [];
  return [
    block.table(yearTable(ctx.id('key-figures-table'), `Key figures, ${years[0]!.label} and ${years[1]!.label}`, ctx.dataset, measures, years, ctx.policy)),
  ];
}
