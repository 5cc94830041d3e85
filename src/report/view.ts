/**
 * What templates receive: plain data, every optional value present as `null`, every figure
 * already formatted. Templates lay things out; they never compute or format numbers.
 */
import type { ChartRequest } from '../charts/render.js';

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

export interface Block {
  table: TableView | null;
  chart: ChartView | null;
  /** Sanitised HTML from the author's Markdown. */
  html: string | null;
}

export interface SectionView {
  id: string;
  /** "1", "9.2"; null for unnumbered sections such as the executive summary. */
  number: string | null;
  title: string;
  /** 2 for a section, 3 for a subsection. */
  level: 2 | 3;
  blocks: Block[];
  subsections: SectionView[];
}

export interface ContentsEntry {
  id: string;
  label: string;
  level: 2 | 3;
  /** Page number in the PDF; null in HTML and on the first print. */
  page: number | null;
}

export interface DocumentView {
  kind: 'annual-report';
  lang: 'en-GB';
  /** The <title>, and the PDF's title. */
  title: string;
  documentName: string;
  authority: {
    name: string;
    shortName: string;
    serviceName: string;
    contactTeam: string;
    email: string | null;
    phone: string | null;
    address: string | null;
  };
  yearLabel: string;
  authorRole: string;
  published: string | null;
  accentColour: string;
  contents: ContentsEntry[];
  sections: SectionView[];
}

export const block = {
  table: (table: TableView): Block => ({ table, chart: null, html: null }),
  chart: (chart: ChartView): Block => ({ table: null, chart, html: null }),
  html: (html: string): Block => ({ table: null, chart: null, html }),
};

export const text = (value: string): Cell => ({ text: value, html: null, numeric: false });
export const numeric = (value: string): Cell => ({ text: value, html: null, numeric: true });
export const rich = (plain: string, html: string): Cell => ({ text: plain, html, numeric: false });
