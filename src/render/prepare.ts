/**
 * A page's views made ready for the templates: the author's Markdown turned into sanitised HTML
 * (images from the authority's folder, as data), committee paragraphs split and numbered,
 * internal links made cross-references that print their page number, compared texts marked.
 * Problems are found here, at the narrative that holds them: a link to nothing in the document,
 * an image that cannot be shown, a table without a caption.
 */
import type { Problem } from '../errors.js';
import { escapeHtml } from '../domain/text.js';
import { termPattern } from '../domain/glossary.js';
import { readImage } from '../load/images.js';
import { locate, locateText, problemAt } from '../load/yaml.js';
import type { PageDocument, PageView } from '../report/pages.js';
import { allSections, type Block, type Cell, type ChartView, type DiffPart, type Field, type Markdown, type SectionView, type TableView } from '../report/view.js';
import { inlineMarkdownToHtml, markdownToHtml, markdownToNumberableBlocks, type MarkdownOptions } from './markdown.js';
import { xrefPagePlaceholder } from './page-numbers.js';
import { images, narrative } from '../messages.js';

export type RenderedCell = Cell & { html: string | null };
export type RenderedTable = Omit<TableView, 'rows'> & { rows: { header: string; cells: RenderedCell[] }[] };
export type RenderedChart = Omit<ChartView, 'table'> & { table: RenderedTable };
export type RenderedField = Field & { html: string | null };
export interface RenderedBlock extends Omit<Block, 'table' | 'chart' | 'fields'> {
  table: RenderedTable | null;
  chart: RenderedChart | null;
  fields: RenderedField[] | null;
  /** The Markdown block as HTML. */
  html: string | null;
  /** Committee paragraphs, numbered. */
  paragraphs: { number: string; html: string }[] | null;
}
export interface RenderedSection extends Omit<SectionView, 'blocks' | 'subsections'> {
  blocks: RenderedBlock[];
  subsections: RenderedSection[];
}
export interface RenderedDocument extends Omit<PageDocument, 'sections'> {
  sections: RenderedSection[];
  /** Element ids that internal links point to, for their page numbers in print. */
  crossReferences: string[];
}
export interface RenderedPage extends Omit<PageView, 'documents'> {
  documents: RenderedDocument[];
  /** The page's other formats, linked from its HTML (filled in by the build, which knows their sizes). */
  downloads: Download[];
  /** Its charts' data as CSV files, linked likewise. */
  chartData: Download[];
}

/** A file beside the HTML: its PDF, its Word file, a chart's data. */
export interface Download {
  label: string;
  /** Relative to the HTML. */
  href: string;
  size: string;
}

/** Every id a document has: its cover, sections, tables and charts. */
export function documentIds(document: Pick<PageDocument, 'idPrefix' | 'sections'>): Set<string> {
  const ids = new Set<string>([`${document.idPrefix}cover`]);
  for (const section of allSections(document.sections)) {
    ids.add(section.id);
    for (const b of section.blocks) {
      if (b.table) ids.add(b.table.id);
      if (b.chart) ids.add(b.chart.id);
    }
  }
  return ids;
}

/** A removed or added piece, marked for sight and, in words, for screen readers. */
export function diffHtml(parts: readonly DiffPart[]): string {
  const hidden = (label: string) => `<span class="visually-hidden">${label} </span>`;
  const html = parts
    .map((p) => {
      // Blocks of the text a blank line apart, as the reader saw them.
      const text = escapeHtml(p.text).replace(/\n\n/g, '<br><br>').replace(/\n/g, '<br>');
      if (p.change === null) return text;
      const tag = p.change === 'removed' ? 'del' : 'ins';
      return `<${tag}>${hidden(p.change === 'removed' ? '[removed:' : '[added:')}${text}${hidden(']')}</${tag}>`;
    })
    .join('');
  return html || '<em>none</em>';
}

/** Renders one document's Markdown, collecting its cross-references and problems. */
class DocumentRenderer {
  readonly references: { target: string; markdown: Markdown }[] = [];
  readonly linked: string[] = [];

  constructor(
    private readonly document: PageDocument,
    private readonly problems: Problem[],
  ) {}

  private options(markdown: Markdown): MarkdownOptions {
    const { source, path } = markdown;
    return {
      images: (href, alt) => {
        const image = readImage(this.document.images, href);
        if ('dataUrl' in image) return image.dataUrl;
        this.problems.push(
          problemAt(source, locateText(source, path, href), images.leftOut(alt || href, image.reason), { dataPath: path, severity: 'warning' }),
        );
        return null;
      },
      onUncaptionedTable: () =>
        this.problems.push(
          problemAt(source, locate(source, path).position, narrative.uncaptionedTable(), {
            dataPath: path,
            severity: 'warning',
          }),
        ),
    };
  }

  /** Internal links become cross-references, to ids in this document's namespace, with a place for their page. */
  private crossReferences(html: string, markdown: Markdown): string {
    // sanitize-html writes attributes double-quoted and escaped, so its links have this shape.
    return html.replace(/<a href="#([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g, (_, target: string, rest: string, inner: string) => {
      this.references.push({ target, markdown });
      const id = `${this.document.idPrefix}${target}`;
      this.linked.push(id);
      return `<a href="#${id}" class="xref"${rest}>${inner}</a>${xrefPagePlaceholder(id)}`;
    });
  }

  /** Terms of the glossary written out where the reader first meets them, and marked as abbreviations wherever they are. */
  private readonly expanded = new Set<string>();

  private abbreviate(html: string): string {
    if (this.document.glossary.length === 0) return html;
    let inside = 0;
    return html
      .split(/(<[^>]+>)/)
      .map((part) => {
        if (part.startsWith('<')) {
          // Not inside a link's text, an abbreviation already, or code.
          if (/^<(a|abbr|code)\b/.test(part)) inside++;
          else if (/^<\/(a|abbr|code)>/.test(part)) inside--;
          return part;
        }
        if (inside > 0) return part;
        let text = part;
        for (const entry of this.document.glossary) {
          const pattern = termPattern(entry.term, 'gu');
          text = text.replace(pattern, (term) => {
            const abbr = `<abbr title="${escapeHtml(entry.expansion)}">${term}</abbr>`;
            if (this.expanded.has(entry.term)) return abbr;
            this.expanded.add(entry.term);
            return `${escapeHtml(entry.expansion)} (${abbr})`;
          });
        }
        return text;
      })
      .join('');
  }

  block(markdown: Markdown): string {
    return this.abbreviate(this.crossReferences(markdownToHtml(markdown.text, this.options(markdown)), markdown));
  }

  inline(markdown: Markdown): string {
    return this.abbreviate(this.crossReferences(inlineMarkdownToHtml(markdown.text), markdown));
  }

  numbered(number: string, parts: NonNullable<Block['numbered']>['parts']): { number: string; html: string }[] {
    const paragraphs: string[] = [];
    for (const part of parts) {
      if ('markdown' in part) {
        const blocks = markdownToNumberableBlocks(part.markdown.text, this.options(part.markdown)).map((html) => this.crossReferences(html, part.markdown));
        paragraphs.push(...(part.firstOnly ? blocks.slice(0, 1) : blocks));
      } else if ('text' in part) paragraphs.push(`<p>${escapeHtml(part.text)}</p>`);
      else {
        this.linked.push(part.link.target);
        paragraphs.push(`<p><a href="#${part.link.target}" class="xref">${escapeHtml(part.link.text)}</a>${xrefPagePlaceholder(part.link.target)}</p>`);
      }
    }
    return paragraphs.map((html, i) => ({ number: `${number}.${i + 1}`, html: this.abbreviate(html) }));
  }

  cell(cell: Cell): RenderedCell {
    return { ...cell, html: cell.markdown ? this.inline(cell.markdown) : cell.diff ? diffHtml(cell.diff) : null };
  }

  table(table: TableView): RenderedTable {
    return { ...table, rows: table.rows.map((row) => ({ header: row.header, cells: row.cells.map((c) => this.cell(c)) })) };
  }

  section(section: SectionView): RenderedSection {
    return {
      ...section,
      blocks: section.blocks.map(
        (b): RenderedBlock => ({
          ...b,
          table: b.table ? this.table(b.table) : null,
          chart: b.chart ? { ...b.chart, table: this.table(b.chart.table) } : null,
          fields: b.fields ? b.fields.map((f) => ({ ...f, html: f.markdown ? this.block(f.markdown) : null })) : null,
          html: b.markdown ? this.block(b.markdown) : null,
          paragraphs: b.numbered ? this.numbered(b.numbered.number, b.numbered.parts) : null,
        }),
      ),
      subsections: section.subsections.map((s) => this.section(s)),
    };
  }

  /** Cross-references to ids the document does not have, at the narrative that holds them. */
  check(): void {
    const ids = documentIds(this.document);
    const prefix = this.document.idPrefix;
    for (const r of this.references) {
      if (ids.has(`${prefix}${r.target}`)) continue;
      const known = [...ids].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
      this.problems.push(
        problemAt(
          r.markdown.source,
          locate(r.markdown.source, r.markdown.path).position,
          narrative.linkToNowhere(r.target, this.document.documentName, known),
          { dataPath: r.markdown.path },
        ),
      );
    }
  }
}

/** The page with its HTML made, and the problems its Markdown has. */
export function preparePage(page: PageView): { page: RenderedPage; problems: Problem[] } {
  const problems: Problem[] = [];
  const documents = page.documents.map((document): RenderedDocument => {
    const renderer = new DocumentRenderer(document, problems);
    const sections = document.sections.map((s) => renderer.section(s));
    renderer.check();
    return { ...document, sections, crossReferences: renderer.linked };
  });
  return { page: { ...page, documents, downloads: [], chartData: [] }, problems };
}

/** Every chart of a rendered page, for the chart stage to draw and the build to write. */
export function chartsOf(page: RenderedPage): RenderedChart[] {
  return page.documents.flatMap((document) => allSections(document.sections).flatMap((section) => section.blocks.flatMap((b) => (b.chart ? [b.chart] : []))));
}

/** Every id whose page number the page prints: contents entries and cross-references. */
export function trackedIds(page: RenderedPage): string[] {
  const ids = new Set<string>();
  for (const entry of page.packContents ?? []) ids.add(entry.id);
  for (const doc of page.documents) {
    if (doc.showContents) doc.contents.forEach((c) => ids.add(c.id));
    doc.crossReferences.forEach((id) => ids.add(id));
  }
  return [...ids];
}
