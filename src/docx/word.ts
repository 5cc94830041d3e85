/**
 * A page as a Word document, from the same views the HTML is made from (never from the HTML):
 * Word's own Heading 1 to 3 styles and a contents field Word fills on opening; the covering
 * report's paragraphs numbered with Word's list numbering (insert one and the rest renumber);
 * tables with a repeating header row, captions and figures aligned right; each chart as SVG with
 * a PNG fallback, its description as alternative text, then its data table; "Page X of Y" in the
 * footer, the running header (and RESTRICTED or DRAFT) on every page; title, subject and language
 * in the document's properties. No empty paragraph is used for spacing.
 */
import { renderAsync, Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { pictureOf } from '../charts/render.js';
import { Marked, type Token, type Tokens } from 'marked';
import { chartsOf, type RenderedBlock, type RenderedDocument, type RenderedPage, type RenderedSection, type RenderedTable } from '../render/prepare.js';

/** The committee paragraphs' numbering, 6. then 6.1 then 6.1.1, as Word's own list. */
const COMMITTEE_NUMBERING = 'committee-paragraphs';
const BULLETS = 'bullets';
const FONT = 'Atkinson Hyperlegible';
/** The widest a picture may be: the text width of an A4 page with 2 cm margins, in pixels at 96 per inch. */
const MAX_IMAGE_WIDTH = 642;

const lexer = new Marked({ gfm: true, breaks: false });

type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel];
const HEADINGS: Level[] = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
const heading = (depth: number): Level => HEADINGS[Math.min(2, Math.max(0, depth - 1))]!;

export interface WordOptions {
  /** A council's own Word styles (styles.xml of a reference document), over the defaults. */
  styles?: string;
  /** Font files to draw charts' PNG fallbacks with; the system's fonts when there are none. */
  fontFiles?: readonly string[];
}

/** The styles of a reference Word document (its word/styles.xml), for the output to take. */
export function stylesOf(docx: Uint8Array): string {
  const styles = unzipSync(docx, { filter: (file) => file.name === 'word/styles.xml' })['word/styles.xml'];
  if (!styles) throw new Error('the reference Word document has no styles (word/styles.xml)');
  return strFromU8(styles);
}

/** The Word file of a page whose charts are drawn. */
export async function wordDocument(page: RenderedPage, options: WordOptions = {}): Promise<Uint8Array> {
  const pngs = await pngsOf(page, options.fontFiles ?? []);
  const first = page.documents[0]!;
  const marks = [page.restricted ? 'RESTRICTED: not for publication' : '', page.draft ? 'DRAFT' : ''].filter(Boolean).join('   ');
  const document = new Document({
    title: page.title,
    subject: first.documentName,
    // The author by role, as the cover gives it (never a name).
    creator: first.coverFields.find((f) => f.label === 'Report author')?.text ?? first.authority.serviceName,
    description: `${first.documentName}, ${first.subtitle}`,
    features: { updateFields: true },
    // A council's reference document's styles in place of these: its fonts, sizes and colours.
    ...(options.styles ? { externalStyles: options.styles } : { styles: ownStyles(page) }),
    numbering: {
      config: [
        {
          reference: COMMITTEE_NUMBERING,
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 567 } } } },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 567 } } } },
            { level: 2, format: LevelFormat.DECIMAL, text: '%1.%2.%3', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 1134, hanging: 567 } } } },
          ],
        },
        { reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 283 } } } }] },
      ],
    },
    sections: page.documents.map((doc, i) => ({
      properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      headers: {
        default: new Header({
          children: [new Paragraph({ children: [new TextRun({ text: doc.runningHeader, size: 18 }), ...(marks ? [new TextRun({ text: `   ${marks}`, bold: true, color: '9B1C1C', size: 18 })] : [])] })],
        }),
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })],
        }),
      },
      children: documentChildren(doc, page, i === 0, pngs),
    })),
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** The package's styles: the project's font, with Word's own in its place where it is not installed; headings in the authority's colour. */
function ownStyles(page: RenderedPage) {
  const accent = page.accentColour.replace('#', '');
  const keep = { keepNext: true };
  return {
    default: {
      document: { run: { font: FONT, size: 22, language: { value: page.lang } } },
      heading1: { run: { font: FONT, size: 32, bold: true, color: accent }, paragraph: { spacing: { before: 360, after: 120 }, ...keep } },
      heading2: { run: { font: FONT, size: 28, bold: true, color: accent }, paragraph: { spacing: { before: 240, after: 120 }, ...keep } },
      heading3: { run: { font: FONT, size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, ...keep } },
      title: { run: { font: FONT, size: 48, bold: true, color: accent }, paragraph: { spacing: { after: 200 } } },
    },
    paragraphStyles: [{ id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 20 }, paragraph: { spacing: { before: 200, after: 80 }, ...keep } }],
  };
}

function documentChildren(doc: RenderedDocument, page: RenderedPage, firstInPage: boolean, pngs: Pngs): (Paragraph | Table | TableOfContents)[] {
  const out: (Paragraph | Table | TableOfContents)[] = [];
  if (firstInPage && page.packHeading) out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(page.packHeading)] }));
  if (page.draft) out.push(banner('Draft: not for publication. Sections are still to be written.'));
  if (page.restricted) out.push(banner('Restricted: for the committee only. This version shows small numbers and child-level rows; do not publish it.'));
  if (doc.logo) {
    const logo = image(doc.logo.src, doc.logo.alt, 180);
    if (logo) out.push(new Paragraph({ children: [logo] }));
  }
  out.push(new Paragraph({ children: [new TextRun({ text: doc.authority.serviceName, bold: true })] }));
  // In a pack, each document's title is a heading of the pack; alone, the document's title.
  out.push(
    new Paragraph({
      heading: page.packHeading ? HeadingLevel.HEADING_1 : HeadingLevel.TITLE,
      children: [new TextRun(`${doc.documentName}${doc.subtitle ? ` ${doc.subtitle}` : ''}`)],
    }),
  );
  if (doc.coverFields.length > 0) out.push(fieldsTable(doc.coverFields.map((f) => [f.label, f.markdown ? inline(lexer.Lexer.lexInline(f.markdown.text)) : [new TextRun(f.text)]])));
  if (doc.showContents || (firstInPage && page.packContents)) {
    // Not a heading, so the contents do not list themselves.
    out.push(new Paragraph({ style: 'Caption', children: [new TextRun({ text: 'Contents', size: 32 })] }));
    out.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }));
  }
  // A pack's documents sit one heading level down, under their titles.
  const shift = page.packHeading ? 1 : 0;
  const committee = doc.kind === 'covering-report';
  for (const section of doc.sections) out.push(...sectionChildren(section, shift, committee, pngs));
  return out;
}

function banner(text: string): Paragraph {
  return new Paragraph({
    border: { top: { style: 'single', size: 12, color: '9B1C1C' }, bottom: { style: 'single', size: 12, color: '9B1C1C' } },
    children: [new TextRun({ text, bold: true, color: '9B1C1C' })],
  });
}

function sectionChildren(section: RenderedSection, shift: number, committee: boolean, pngs: Pngs): (Paragraph | Table)[] {
  const depth = section.level - 1 + shift;
  // The covering report's numbered sections number themselves in Word's list, so paragraphs follow on.
  const numbered = committee && section.level === 2 && section.number !== null;
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      heading: heading(depth),
      ...(numbered ? { numbering: { reference: COMMITTEE_NUMBERING, level: 0 } } : {}),
      children: [new TextRun(numbered || !section.numberLabel ? section.title : `${section.numberLabel} ${section.title}`)],
    }),
  ];
  for (const block of section.blocks) out.push(...blockChildren(block, depth, pngs));
  for (const sub of section.subsections) out.push(...sectionChildren(sub, shift, committee, pngs));
  return out;
}

function blockChildren(block: RenderedBlock, depth: number, pngs: Pngs): (Paragraph | Table)[] {
  if (block.table) return tableChildren(block.table);
  if (block.chart) {
    const picture = block.chart.svg ? chartImage(block.chart.svg, block.chart.title, block.chart.description, pngs) : undefined;
    return [
      new Paragraph({ style: 'Caption', children: [new TextRun(block.chart.title)] }),
      ...(picture ? [new Paragraph({ children: [picture] })] : []),
      new Paragraph({ children: [new TextRun({ text: block.chart.description, italics: true })] }),
      // As on paper: figures a table beside already gives are named, not repeated.
      ...(block.chart.sameAs ? [new Paragraph({ children: [new TextRun(`The figures of this chart are in the table “${block.chart.sameAs}”.`)] })] : tableChildren(block.chart.table)),
    ];
  }
  if (block.paragraphs)
    return block.paragraphs.map(
      (p) => new Paragraph({ numbering: { reference: COMMITTEE_NUMBERING, level: Math.min(2, p.number.split('.').length - 1) }, children: htmlRuns(p.html) }),
    );
  if (block.markdown) return markdownChildren(block.markdown.text, depth);
  if (block.fields) return [fieldsTable(block.fields.map((f) => [f.label, f.html ? htmlRuns(f.html) : [new TextRun(f.text)]]))];
  if (block.paragraph) return [new Paragraph({ children: block.paragraph.parts.map((part) => new TextRun({ text: part.text, bold: part.strong })) })];
  if (block.list) {
    const list = block.list;
    return [
      ...(list.heading ? [new Paragraph({ heading: heading(depth + 1), children: [new TextRun(list.heading)] })] : []),
      ...(list.intro ? [new Paragraph({ children: [new TextRun(list.intro)] })] : []),
      ...list.items.map((item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [new TextRun(item)] })),
    ];
  }
  return [];
}

function tableChildren(table: RenderedTable): (Paragraph | Table)[] {
  const text = (cell: { text: string; html: string | null }) => (cell.html ? htmlText(cell.html) : cell.text);
  const numericColumn = table.columns.map((_, c) => c > 0 && table.rows.some((r) => r.cells[c - 1]?.numeric));
  const cellOf = (value: string, options: { header?: boolean; right?: boolean }) =>
    new TableCell({
      children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: value, bold: options.header === true })] })],
    });
  return [
    new Paragraph({ style: 'Caption', children: [new TextRun(table.caption)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((c, i) => cellOf(c.text, { header: true, right: numericColumn[i] })) }),
        ...table.rows.map(
          (row) => new TableRow({ cantSplit: true, children: [cellOf(row.header, { header: true }), ...row.cells.map((cell) => cellOf(text(cell), { right: cell.numeric }))] }),
        ),
      ],
    }),
    ...table.notes.map((note) => new Paragraph({ children: [new TextRun({ text: note, size: 18 })] })),
  ];
}

/** Label and value pairs (a cover, a front sheet): a table whose first column heads each row. */
function fieldsTable(pairs: readonly [string, ParagraphChild[]][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['Item', 'Detail'].map((t) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold: true })] })] })),
      }),
      ...pairs.map(
        ([label, value]) =>
          new TableRow({
            children: [
              new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })] }),
              new TableCell({ children: [new Paragraph({ children: value })] }),
            ],
          }),
      ),
    ],
  });
}

/** The author's Markdown as Word paragraphs: its headings one level under the section's. */
function markdownChildren(markdown: string, depth: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const token of lexer.lexer(markdown)) {
    if (token.type === 'heading') out.push(new Paragraph({ heading: heading(depth + 1), children: inline((token as Tokens.Heading).tokens) }));
    else if (token.type === 'paragraph') out.push(new Paragraph({ children: inline((token as Tokens.Paragraph).tokens) }));
    else if (token.type === 'list') {
      const list = token as Tokens.List;
      list.items.forEach((item, n) =>
        out.push(
          new Paragraph({
            ...(list.ordered ? {} : { numbering: { reference: BULLETS, level: 0 } }),
            children: [...(list.ordered ? [new TextRun(`${Number(list.start || 1) + n}. `)] : []), ...inline(item.tokens.flatMap((t) => ('tokens' in t && t.tokens ? t.tokens : [t])))],
          }),
        ),
      );
    } else if (token.type === 'table') {
      const t = token as Tokens.Table;
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: t.header.map((c) => new TableCell({ children: [new Paragraph({ children: inline(c.tokens, { bold: true }) })] })) }),
            ...t.rows.map((row) => new TableRow({ children: row.map((c) => new TableCell({ children: [new Paragraph({ children: inline(c.tokens) })] })) })),
          ],
        }),
      );
    } else if (token.type === 'blockquote') out.push(...markdownChildren((token as Tokens.Blockquote).text, depth));
    else if (token.type === 'code') out.push(new Paragraph({ children: [new TextRun({ text: (token as Tokens.Code).text, font: 'Courier New' })] }));
  }
  return out;
}

/** Inline Markdown as runs: emphasis kept, links as links, images as their alternative text. */
function inline(tokens: readonly Token[] | undefined, style: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const t of tokens ?? []) {
    if (t.type === 'strong') out.push(...inline((t as Tokens.Strong).tokens, { ...style, bold: true }));
    else if (t.type === 'em') out.push(...inline((t as Tokens.Em).tokens, { ...style, italics: true }));
    else if (t.type === 'link') {
      const link = t as Tokens.Link;
      const runs = inline(link.tokens, style);
      if (/^https?:/.test(link.href)) out.push(new ExternalHyperlink({ link: link.href, children: runs.filter((r): r is TextRun => r instanceof TextRun) }));
      else out.push(...runs);
    } else if (t.type === 'image') out.push(new TextRun({ text: `[${(t as Tokens.Image).text}]`, ...style }));
    else if (t.type === 'br') out.push(new TextRun({ break: 1 }));
    else if (t.type === 'codespan') out.push(new TextRun({ text: decode((t as Tokens.Codespan).text), font: 'Courier New', ...style }));
    else if ('tokens' in t && t.tokens) out.push(...inline(t.tokens, style));
    else if (t.type !== 'html') out.push(new TextRun({ text: decode('text' in t ? String(t.text) : ''), ...style }));
  }
  return out;
}

/** Inline HTML the render stage made (committee paragraphs, cells): its text, emphasis kept. */
function htmlRuns(html: string): TextRun[] {
  const runs: TextRun[] = [];
  let bold = 0;
  let italics = 0;
  for (const part of html.split(/(<[^>]+>)/)) {
    if (part.startsWith('<')) {
      const tag = /^<(\/?)(\w+)/.exec(part);
      const delta = tag?.[1] ? -1 : 1;
      if (tag?.[2] === 'strong' || tag?.[2] === 'b') bold += delta;
      if (tag?.[2] === 'em' || tag?.[2] === 'i') italics += delta;
    } else if (part) runs.push(new TextRun({ text: decode(part), bold: bold > 0, italics: italics > 0 }));
  }
  return runs;
}

const htmlText = (html: string) => decode(html.replace(/<[^>]+>/g, ''));

function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/** A chart: its SVG, a PNG of it at one and a half times its size for applications that cannot show SVG, and its description as alternative text. */
function chartImage(svg: string, title: string, description: string, pngs: Pngs): ImageRun {
  const width = Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  const height = Number(/^<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 400);
  const scale = Math.min(1, MAX_IMAGE_WIDTH / width);
  const png = pngs.get(svg)!;
  return new ImageRun({
    type: 'svg',
    data: new TextEncoder().encode(svg),
    fallback: { type: 'png', data: png },
    transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
    altText: { name: title, title, description },
  });
}

/**
 * PNGs already made, by the picture they show: a chart drawn the same in another document or build
 * is not rasterised again. Fonts come from one file where the system has it (scanning every system
 * font took longer than drawing the chart).
 */
const PNGS = new Map<string, Uint8Array>();
/** Debian's DejaVu Sans: the build passes the ones the machine has (WordOptions.fontFiles). */
export const CHART_FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

/** A page's charts' PNGs, by their SVG. */
type Pngs = ReadonlyMap<string, Uint8Array>;

/** The PNGs of a page's charts, those not made before drawn off the main thread, all at once. */
async function pngsOf(page: RenderedPage, fontFiles: readonly string[]): Promise<Pngs> {
  const font = fontFiles.length > 0 ? { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: 'DejaVu Sans' } : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };
  const svgs = chartsOf(page).flatMap((chart) => (chart.svg ? [chart.svg] : []));
  const pngs = await Promise.all(
    svgs.map(async (svg) => {
      // The title, description and their ids are not drawn: the same picture in another chart is the same PNG.
      const picture = pictureOf(svg);
      let png = PNGS.get(picture);
      if (!png) {
        png = (await renderAsync(svg, { fitTo: { mode: 'zoom', value: 1.5 }, font })).asPng();
        if (PNGS.size > 2000) PNGS.clear();
        PNGS.set(picture, png);
      }
      return [svg, png] as const;
    }),
  );
  return new Map(pngs);
}

/** An image from a data URL (the logo): PNG or JPEG as it is, SVG with a PNG beside it. */
function image(src: string, alt: string, maxWidth: number): ImageRun | undefined {
  const match = /^data:image\/(png|jpeg|svg\+xml);base64,(.+)$/.exec(src);
  if (!match) return undefined;
  const bytes = Buffer.from(match[2]!, 'base64');
  const altText = { name: alt, title: alt, description: alt };
  if (match[1] === 'svg+xml') {
    const rendered = new Resvg(bytes.toString('utf8'), { fitTo: { mode: 'width', value: maxWidth * 2 } }).render();
    const size = { width: maxWidth, height: Math.round((rendered.height / rendered.width) * maxWidth) };
    return new ImageRun({ type: 'svg', data: bytes, fallback: { type: 'png', data: rendered.asPng() }, transformation: size, altText });
  }
  // A PNG says its size in its header; a JPEG is given the logo's usual shape.
  const [w, h] = match[1] === 'png' ? [bytes.readUInt32BE(16), bytes.readUInt32BE(20)] : [2, 1];
  return new ImageRun({ type: match[1] === 'png' ? 'png' : 'jpg', data: bytes, transformation: { width: maxWidth, height: Math.round((h / w) * maxWidth) }, altText });
}
