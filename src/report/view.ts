/**
 * What templates receive: plain data, every optional value present as `null`, every figure
 * already formatted. Templates lay things out; they never compute or format numbers.
 */
import type { ChartRequest } from '../charts/render.js';

export type DocumentKind = 'covering-report' | 'annual-report' | 'statement-of-purpose';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['covering-report', 'annual-report', 'statement-of-purpose'];

export interface Cell {
  text: string;
  /** Sanitised inline HTML from the author's Markdown, shown instead of `text`. */
  html: string | null;
  numeric: boolean;
}

export interface TableView {
  id: string;
  caption: string;
  /** Header cells of the column header row; the first heads the row-header column. */
  columns: Cell[];
  rows: { header: string; cells: Cell[] }[];
  /** Footnotes printed under the table (missing years, sources). */
  notes: string[];
}

export interface ChartView {
  id: string;
  title: string;
  description: string;
  /** Filled in by the chart stage. */
  svg: string | null;
  table: TableView;
  request: ChartRequest;
}

/** A paragraph numbered as committee reports number them: 1.1, 6.3.2. */
export interface NumberedParagraph {
  number: string;
  html: string;
}

export interface Field {
  label: string;
  text: string;
  /** Sanitised HTML shown instead of `text`, or null. */
  html: string | null;
}

/** One piece of a section: exactly one of its members is not null. */
export interface Block {
  table: TableView | null;
  chart: ChartView | null;
  /** Sanitised HTML from the author's Markdown, or HTML the report builds and escapes itself. */
  html: string | null;
  paragraphs: NumberedParagraph[] | null;
  fields: Field[] | null;
}

export interface SectionView {
  id: string;
  /** "1", "9.2"; null for unnumbered sections such as the executive summary. */
  number: string | null;
  /** The number as the heading prints it: "9." for a section, "9.1" for a subsection. */
  numberLabel: string | null;
  title: string;
  level: 2 | 3;
  blocks: Block[];
  subsections: SectionView[];
}

export interface ContentsEntry {
  id: string;
  label: string;
  level: 2 | 3;
}

export interface DocumentView {
  kind: DocumentKind;
  /** Prefixed to every id, so documents printed together in one pack do not collide. */
  idPrefix: string;
  /** The <title>, and the PDF's title. */
  title: string;
  /** "Adoption Service Annual Report" */
  documentName: string;
  /** What the cover's heading says under the document name, such as "2024/25". */
  subtitle: string;
  runningHeader: string;
  authority: { name: string; serviceName: string };
  accentColour: string;
  logo: { src: string; alt: string } | null;
  /** Label and value pairs on the cover, or the covering report's front sheet. */
  coverFields: Field[];
  /** A cover fills its page; the covering report's front sheet flows into its text. */
  coverPage: boolean;
  contents: ContentsEntry[];
  sections: SectionView[];
  /** Element ids that internal links in the text point to, for their page numbers in print. */
  crossReferences: string[];
}

const EMPTY: Block = { table: null, chart: null, html: null, paragraphs: null, fields: null };

export const block = {
  table: (table: TableView): Block => ({ ...EMPTY, table }),
  chart: (chart: ChartView): Block => ({ ...EMPTY, chart }),
  html: (html: string): Block => ({ ...EMPTY, html }),
  paragraphs: (paragraphs: NumberedParagraph[]): Block => ({ ...EMPTY, paragraphs }),
  fields: (fields: Field[]): Block => ({ ...EMPTY, fields }),
};

export const text = (value: string): Cell => ({ text: value, html: null, numeric: false });
export const numeric = (value: string): Cell => ({ text: value, html: null, numeric: true });
export const rich = (plain: string, html: string): Cell => ({ text: plain, html, numeric: false });
export const field = (label: string, value: string, html: string | null = null): Field => ({ label, text: value, html });

export function allSections(sections: readonly SectionView[]): SectionView[] {
  return sections.flatMap((s) => [s, ...allSections(s.subsections)]);
}

export function contentsOf(sections: readonly SectionView[]): ContentsEntry[] {
  return allSections(sections).map((s) => ({
    id: s.id,
    label: s.numberLabel ? `${s.numberLabel} ${s.title}` : s.title,
    level: s.level,
  }));
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
