/**
 * Contents with real page numbers: print, read back the page each section starts on, fill the
 * numbers in, print again, until the printed numbers equal the pages read back.
 *
 * Pages are read by element id, not by bookmark title: Chromium writes a named destination for
 * every id that an internal link points to, and the contents links point at every section.
 */
import type { Printer, PrintOptions } from './printer.js';
import { printing as messages } from '../messages.js';

export type PageMap = Map<string, number>;
export interface PdfPages {
  pages: PageMap;
  pageCount: number;
}

/**
 * 1-based page of every named destination, and the page count. Chromium's PDFs have a plain
 * cross-reference table and a /Dests dictionary, which a few lines read in well under a
 * millisecond; anything else goes to pdfjs. (pdfjs took 20 ms a document, and its polyfill of
 * Uint8Array.fromBase64 slowed puppeteer's own decoding of every PDF it received.)
 */
export async function readPageMap(pdf: Uint8Array): Promise<PdfPages> {
  return readChromiumPageMap(pdf) ?? (await readPageMapWithPdfjs(pdf));
}

/** The page map read straight from the file's objects, or null where the file is not laid out as Chromium writes it. */
export function readChromiumPageMap(pdf: Uint8Array): PdfPages | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (!start) return null;
  const xrefAt = Number(start[1]);
  const trailerAt = text.indexOf('trailer', xrefAt);
  if (!text.startsWith('xref', xrefAt) || trailerAt < 0) return null;
  const offsets = new Map<number, number>();
  for (const section of text.slice(xrefAt + 4, trailerAt).matchAll(/(\d+) (\d+)\s+((?:\d{10} \d{5} [nf]\s*)+)/g)) {
    [...section[3]!.matchAll(/(\d{10}) \d{5} ([nf])/g)].forEach((entry, i) => {
      if (entry[2] === 'n') offsets.set(Number(section[1]) + i, Number(entry[1]));
    });
  }
  const object = (ref: string | undefined): string | null => {
    const at = ref === undefined ? undefined : offsets.get(Number(ref));
    if (at === undefined || !new RegExp(`^${ref} 0 obj\\b`).test(text.slice(at, at + 32))) return null;
    const end = text.indexOf('endobj', at);
    return end < 0 ? null : text.slice(at, end);
  };
  const catalog = object(/\/Root (\d+) 0 R/.exec(text.slice(trailerAt))?.[1]);
  const root = catalog && /\/Pages (\d+) 0 R/.exec(catalog)?.[1];
  if (!catalog || !root) return null;

  const pageOf = new Map<string, number>();
  const walk = (ref: string, depth: number): boolean => {
    const node = object(ref);
    if (!node || depth > 32) return false;
    if (!/\/Type\s*\/Pages\b/.test(node)) return Boolean(pageOf.set(ref, pageOf.size + 1));
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1];
    return kids !== undefined && [...kids.matchAll(/(\d+) 0 R/g)].every((kid) => walk(kid[1]!, depth + 1));
  };
  if (!walk(root, 0)) return null;

  const pages: PageMap = new Map();
  const destsRef = /\/Dests (\d+) 0 R/.exec(catalog)?.[1];
  if (/\/Dests\s*<</.test(catalog) || (destsRef === undefined && /\/Names\b/.test(catalog))) return null;
  if (destsRef !== undefined) {
    const dests = object(destsRef);
    if (!dests) return null;
    for (const [, name, page] of dests.matchAll(/\/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
      const number = pageOf.get(page!);
      if (number === undefined) return null;
      pages.set(decodeName(name!), number);
    }
  }
  return { pages, pageCount: pageOf.size };
}

/** A PDF name's #xx escapes, then the percent-encoding Chromium gives ids outside ASCII. */
function decodeName(name: string): string {
  const bytes = Buffer.from(
    name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
  try {
    return decodeURIComponent(bytes);
  } catch {
    return bytes;
  }
}

export async function readPageMapWithPdfjs(pdf: Uint8Array): Promise<PdfPages> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const destinations = (await document.getDestinations()) as Record<string, unknown[]>;
    const pages: PageMap = new Map();
    for (const [id, destination] of Object.entries(destinations)) {
      const ref = destination?.[0];
      if (ref && typeof ref === 'object') pages.set(decodeURIComponent(id), (await document.getPageIndex(ref as never)) + 1);
    }
    return { pages, pageCount: document.numPages };
  } finally {
    await document.destroy();
  }
}

export interface PrintedDocument {
  pdf: Uint8Array;
  pageCount: number;
  pages: PageMap;
  /** How many times it was printed before the contents settled. */
  prints: number;
}

/**
 * Page numbers for a document to start from: those the last document of its kind read back.
 * Documents of a kind often break their pages alike, and then one print confirms the guess
 * instead of a draft and a real print. A wrong guess costs a real print where a draft costs
 * about half of one, so a kind whose documents have mostly not matched the one before (as annual
 * reports of different authorities do) is printed with drafts.
 */
export class PageGuesses {
  private readonly kinds = new Map<string, { pages: PageMap; compared: number; matched: number }>();

  guess(kind: string): PageMap | undefined {
    const known = this.kinds.get(kind);
    return known && (known.compared < 2 || known.matched * 2 >= known.compared) ? known.pages : undefined;
  }

  /** The pages a document read back, scored against the guess it had, or would have had. */
  record(kind: string, pages: PageMap): void {
    const known = this.kinds.get(kind);
    if (!known) return void this.kinds.set(kind, { pages, compared: 0, matched: 0 });
    const matched = known.pages.size === pages.size && [...pages].every(([id, page]) => known.pages.get(id) === page);
    this.kinds.set(kind, { pages, compared: known.compared + 1, matched: known.matched + (matched ? 1 : 0) });
  }
}

const MAX_PRINTS = 4;

/**
 * Prints until the contents agree with the pages. The document is loaded once; page numbers are
 * set in place between prints. Without page numbers to start from, the first print is a draft:
 * everything hidden (the same layout, nothing painted) and untagged, read only for where each
 * section falls. `guess` gives page numbers to start from instead (those a previous build, or a
 * like document, read back), asked for when printing starts; when they hold, one print confirms them.
 */
export async function printWithContents(
  printer: Printer,
  html: string,
  ids: readonly string[],
  options: PrintOptions & { guess?: () => PageMap | undefined } = {},
): Promise<PrintedDocument> {
  return printer.withDocument(html, options, async (session) => {
    if (ids.length === 0) {
      await session.update({ pages: {}, draft: false });
      const pdf = await session.pdf(false);
      return { pdf, pageCount: (await readPageMap(pdf)).pageCount, pages: new Map(), prints: 1 };
    }
    let numbers: PageMap | null = options.guess?.() ?? null;
    for (let prints = 1; prints <= MAX_PRINTS; prints++) {
      const draft = numbers === null;
      await session.update({ pages: Object.fromEntries(numbers ?? []), draft });
      const pdf = await session.pdf(draft);
      const { pages, pageCount } = await readPageMap(pdf);
      const missing = ids.filter((id) => !pages.has(id));
      if (missing.length > 0) throw new Error(messages.noDestination(missing));
      const wanted = new Map(ids.map((id) => [id, pages.get(id)!]));
      if (!draft && numbers && sameNumbers(numbers, wanted, ids)) return { pdf, pageCount, pages: wanted, prints };
      numbers = wanted;
    }
    throw new Error(messages.contentsUnsettled(MAX_PRINTS));
  });
}

function sameNumbers(a: PageMap, b: PageMap, ids: readonly string[]): boolean {
  return ids.every((id) => a.get(id) === b.get(id));
}
