/**
 * What the report stage hands on: plain data, every optional value present as `null`, every
 * figure already formatted, and the author's Markdown as Markdown, with where it was written (the
 * render stage turns it into HTML and reports its problems there). Templates lay things out; they
 * never compute or format numbers. No HTML is made here.
 */
import type { GlossaryEntry } from '../domain/glossary.js';
import type { AuthorityImages } from '../load/model.js';
import type { DataPath, SourceFile } from '../load/yaml.js';

export type DocumentKind = 'covering-report' | 'annual-report' | 'statement-of-purpose';
export type ComparisonKind = 'year-comparison' | 'region-comparison';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['covering-report', 'annual-report', 'statement-of-purpose'];

/** Markdown an author wrote (figure tokens already filled in), and where: for its problems' positions. */
export interface Markdown {
  text: string;
  source: SourceFile;
  path: DataPath;
}

/** A piece of a text compared with an earlier version: kept, removed or added. */
export interface DiffPart {
  text: string;
  change: 'removed' | 'added' | null;
}

export interface Cell {
  text: string;
  /** One line of the author's Markdown, shown instead of `text`. */
  markdown: Markdown | null;
  /** A text compared with another, shown instead of `text`; empty for none. */
  diff: DiffPart[] | null;
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

/** One bar or point of a chart, with the text printed beside it. */
export interface ChartDatum {
  category: string;
  series: string;
  value: number | null;
  /** Text printed beside the mark, so colour is never the only cue. */
  label: string;
  /** Why a value is missing where the reader should see that it is: hidden for privacy, or not given by the dataset. */
  gap?: 'hidden' | 'not given';
}

export type ChartKind = 'grouped-bars' | 'trend-lines';

/** What the chart stage draws: a spec (charts/<kind>.vl.json), its placeholders, and the rows. */
export interface ChartRequest {
  /** Unique in its document; used for the SVG's title and description ids. */
  id: string;
  kind: ChartKind;
  title: string;
  /** One sentence saying what the chart shows, generated from its data. */
  description: string;
  placeholders: Record<string, string>;
  rows: ChartDatum[];
}

export interface ChartView {
  id: string;
  title: string;
  description: string;
  /** Filled in by the chart stage. */
  svg: string | null;
  table: TableView;
  request: ChartRequest;
  /** The caption of a table beside the chart that gives the same figures: print and Word name it instead of repeating them. */
  sameAs: string | null;
}

/**
 * What a committee report numbers 1.1, 6.3.2: each paragraph and list item of Markdown, and each
 * plain text, in order. The render stage numbers them (it alone splits Markdown into paragraphs).
 */
export type NumberedPart =
  | { markdown: Markdown; firstOnly: boolean }
  | { text: string }
  /** A cross-reference to another part of the page, printed with its page number. */
  | { link: { text: string; target: string } };

export interface NumberedParagraphs {
  /** The section's number: its paragraphs are `${number}.1`, `${number}.2`... */
  number: string;
  parts: NumberedPart[];
}

export interface Field {
  label: string;
  text: string;
  /** The author's Markdown shown instead of `text`, or null. */
  markdown: Markdown | null;
}

/** A short paragraph the report writes itself: plain text, some of it strong. */
export interface Paragraph {
  className: 'key-figure' | 'cleared-by' | 'written-by' | null;
  parts: { text: string; strong: boolean }[];
}

export interface ListView {
  heading: string | null;
  /** A sentence before the list. */
  intro: string | null;
  className: 'journey' | null;
  items: string[];
}

/** One piece of a section: exactly one of its members is not null. */
export interface Block {
  table: TableView | null;
  chart: ChartView | null;
  markdown: Markdown | null;
  numbered: NumberedParagraphs | null;
  fields: Field[] | null;
  paragraph: Paragraph | null;
  list: ListView | null;
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
  kind: DocumentKind | ComparisonKind;
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
  /** The authority's images, for the Markdown that shows them. */
  images: AuthorityImages;
  /** The glossary's terms the document uses: written out at first use, listed in its glossary. */
  glossary: GlossaryEntry[];
}

const EMPTY: Block = { table: null, chart: null, markdown: null, numbered: null, fields: null, paragraph: null, list: null };

export const block = {
  table: (table: TableView): Block => ({ ...EMPTY, table }),
  chart: (chart: ChartView): Block => ({ ...EMPTY, chart }),
  markdown: (markdown: Markdown): Block => ({ ...EMPTY, markdown }),
  numbered: (number: string, parts: NumberedPart[]): Block => ({ ...EMPTY, numbered: { number, parts } }),
  fields: (fields: Field[]): Block => ({ ...EMPTY, fields }),
  paragraph: (className: Paragraph['className'], ...parts: (string | { strong: string })[]): Block => ({
    ...EMPTY,
    paragraph: { className, parts: parts.map((p) => (typeof p === 'string' ? { text: p, strong: false } : { text: p.strong, strong: true })) },
  }),
  list: (list: ListView): Block => ({ ...EMPTY, list }),
};

export const text = (value: string): Cell => ({ text: value, markdown: null, diff: null, numeric: false });
export const numeric = (value: string): Cell => ({ text: value, markdown: null, diff: null, numeric: true });
export const rich = (markdown: Markdown): Cell => ({ text: markdown.text, markdown, diff: null, numeric: false });
export const field = (label: string, value: string, markdown: Markdown | null = null): Field => ({ label, text: value, markdown });

/** Every section and subsection, in order (of views, or of what the render stage makes of them). */
export function allSections<S extends { subsections: readonly S[] }>(sections: readonly S[]): S[] {
  return sections.flatMap((s) => [s, ...allSections(s.subsections)]);
}

export function contentsOf(sections: readonly SectionView[]): ContentsEntry[] {
  return allSections(sections).map((s) => ({
    id: s.id,
    label: s.numberLabel ? `${s.numberLabel} ${s.title}` : s.title,
    level: s.level,
  }));
}
