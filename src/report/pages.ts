/**
 * Which documents an authority-year has, as pages ready to render: each document on its own,
 * and the committee pack (covering report, then its appendices, in one PDF with one contents).
 */
import type { Problem } from '../errors.js';
import { locate, problemAt } from '../load/yaml.js';
import { formatDate } from '../domain/format.js';
import type { Dataset } from '../metrics/dataset.js';
import { ANNUAL_REPORT_NAME, annualReportView, type ReportOptions } from './annual-report.js';
import { coveringReportView, type Appendix } from './covering-report.js';
import { AGENCY_REPORT_NAME, agencyReportView } from './agency-report.js';
import { STATEMENT_OF_PURPOSE_NAME, statementOfPurposeView } from './statement-of-purpose.js';
import type { ContentsEntry, DocumentKind, DocumentView } from './view.js';
import { documents as messages } from '../messages.js';

/** One HTML file (and its PDF): one document, or several printed together. */
export interface PageView {
  lang: 'en-GB';
  /** Restricted documents say so on every page. */
  restricted: boolean;
  /** Drafts (built with sections still to write) say so on every page and in the title. */
  draft: boolean;
  title: string;
  accentColour: string;
  documents: PageDocument[];
  /** The pack's own contents, covering every document; null for a single document. */
  packContents: ContentsEntry[] | null;
  packHeading: string | null;
}

export interface PageDocument extends DocumentView {
  /** The CSS named page its pages use, for its running header. */
  pageName: string;
  showContents: boolean;
  /** Its first page starts a new sheet (every document in a pack after the first). */
  breakBefore: boolean;
}

export interface DocumentPlan {
  kind: DocumentKind;
  page: PageView;
}

export interface Skipped {
  kind: DocumentKind;
  reason: string;
}

const PREFIX: Record<DocumentKind, string> = { 'covering-report': 'cr-', 'annual-report': 'ar-', 'statement-of-purpose': 'sop-' };

function statementTitle(dataset: Dataset): string | undefined {
  return dataset.current.data.statement_of_purpose ? STATEMENT_OF_PURPOSE_NAME : undefined;
}

/** Whether the covering report takes the regional agency's report to committee instead of the authority's own. */
const takesAgencyReport = (dataset: Dataset) => dataset.current.data.covering_report?.appendix === 'agency-report';

function appendicesOf(dataset: Dataset, inPack: boolean): Appendix[] {
  const agency = takesAgencyReport(dataset) ? dataset.regional?.agency : undefined;
  const annualReport = agency ? `${agency.authority.name} ${AGENCY_REPORT_NAME} ${dataset.current.year.label}` : `${ANNUAL_REPORT_NAME} ${dataset.current.year.label}`;
  const appendices: Appendix[] = [{ letter: 'A', title: annualReport, targetId: inPack ? `${PREFIX['annual-report']}cover` : null }];
  const statement = statementTitle(dataset);
  if (statement) appendices.push({ letter: 'B', title: statement, targetId: inPack ? `${PREFIX['statement-of-purpose']}cover` : null });
  return appendices;
}

/** The views of the documents a dataset can have; those it lacks the data for are skipped, with why. */
function documentViews(dataset: Dataset, options: ReportOptions, inPack: boolean): { views: DocumentView[]; skipped: Skipped[]; problems: Problem[] } {
  const views: DocumentView[] = [];
  const skipped: Skipped[] = [];
  const problems: Problem[] = [];
  const prefix = (kind: DocumentKind) => (inPack ? PREFIX[kind] : '');
  const add = (result: { view: DocumentView; problems: Problem[] }) => {
    views.push(result.view);
    problems.push(...result.problems);
  };
  // An agency has one document: its annual report.
  if (dataset.agency) {
    add(agencyReportView(dataset, options));
    return { views, skipped, problems };
  }
  const covering = dataset.current.data.covering_report;
  if (takesAgencyReport(dataset) && !dataset.regional) {
    const source = dataset.current.source;
    problems.push(problemAt(source, locate(source, ['covering_report', 'appendix']).position, messages.noAgencyReport(dataset.authority.regionalAgency, dataset.current.year.label), { dataPath: ['covering_report', 'appendix'] }));
  }
  if (covering) add(coveringReportView(dataset, covering, appendicesOf(dataset, inPack), options, prefix('covering-report')));
  else skipped.push({ kind: 'covering-report', reason: messages.noCoveringReport() });
  // In the pack, the report the covering report takes to committee: the authority's own, or its agency's.
  const agency = inPack && takesAgencyReport(dataset) ? dataset.regional?.agency : undefined;
  add(agency ? agencyReportView(agency, options, prefix('annual-report')) : annualReportView(dataset, options, prefix('annual-report')));
  const statement = dataset.current.data.statement_of_purpose;
  if (statement) add(statementOfPurposeView(dataset, statement, options, prefix('statement-of-purpose')));
  else skipped.push({ kind: 'statement-of-purpose', reason: messages.noStatementOfPurpose() });
  return { views, skipped, problems };
}

/** A draft's title says so first, in the browser's tab and the PDF's properties. */
export const draftTitle = (title: string, draft: boolean) => (draft ? `DRAFT: ${title}` : title);

function pageDocument(view: DocumentView, index: number, inPack: boolean): PageDocument {
  return { ...view, pageName: `document-${index}`, showContents: !inPack && view.contents.length > 0, breakBefore: index > 0 };
}

/** One document on a page of its own. */
export function singleDocumentPage(view: DocumentView, restricted: boolean, draft = false): PageView {
  return {
    lang: 'en-GB',
    restricted,
    draft,
    title: draftTitle(view.title, draft),
    accentColour: view.accentColour,
    documents: [pageDocument(view, 0, false)],
    packContents: null,
    packHeading: null,
  };
}

/** Each document as its own page. */
export function documentPages(
  dataset: Dataset,
  options: ReportOptions,
  only: readonly DocumentKind[] | null,
): { plans: DocumentPlan[]; skipped: Skipped[]; problems: Problem[] } {
  const { views, skipped, problems } = documentViews(dataset, options, false);
  const plans = views
    .filter((v) => !only || only.includes(v.kind as DocumentKind))
    .map((view) => ({ kind: view.kind as DocumentKind, page: singleDocumentPage(view, options.audience === 'restricted', options.draft === true) }));
  return { plans, skipped: skipped.filter((s) => !only || only.includes(s.kind)), problems };
}

/** The committee pack: covering report, then the annual report and statement of purpose as appendices. */
export function committeePack(dataset: Dataset, options: ReportOptions): { page?: PageView; problems: Problem[]; missing: Skipped[] } {
  const { views, skipped, problems } = documentViews(dataset, options, true);
  const missing = skipped.filter((s) => s.kind === 'covering-report');
  if (missing.length > 0) return { problems, missing };
  const documents = views.map((v, i) => pageDocument(v, i, true));
  const appendices = appendicesOf(dataset, true);
  const packContents: ContentsEntry[] = documents.flatMap((doc) => {
    const appendix = appendices.find((a) => a.targetId === `${doc.idPrefix}cover`);
    const label = appendix ? `Appendix ${appendix.letter}: ${appendix.title}` : `Covering report: ${doc.documentName}`;
    return [{ id: `${doc.idPrefix}cover`, label, level: 2 as const }, ...doc.contents.filter((c) => c.level === 2).map((c) => ({ ...c, level: 3 as const }))];
  });
  const covering = dataset.current.data.covering_report!;
  return {
    page: {
      lang: 'en-GB',
      restricted: options.audience === 'restricted',
      draft: options.draft === true,
      title: draftTitle(`${dataset.authority.name}: ${covering.committee}, committee papers`, options.draft === true),
      accentColour: dataset.authority.accentColour,
      documents,
      packContents,
      packHeading: `Committee papers: ${covering.committee}, ${formatDate(covering.meeting_date)}`,
    },
    problems,
    missing,
  };
}

