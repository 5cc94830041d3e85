/**
 * Contents with real page numbers: print, read back the page each section starts on, fill the
 * numbers in, print again, until the printed numbers equal the pages read back.
 *
 * Pages are read by element id, not by bookmark title: Chromium writes a named destination for
 * every id that an internal link points to, and the contents links point at every section.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Printer, PrintOptions } from './browser.js';

export type PageMap = Map<string, number>;

/** 1-based page of every named destination, and the page count. */
export async function readPageMap(pdf: Uint8Array): Promise<{ pages: PageMap; pageCount: number }> {
  const document = await pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
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

const MAX_PRINTS = 4;

/**
 * Prints until the contents agree with the pages. The document is loaded once; page numbers are
 * set in place between prints. Without page numbers to start from, the first print is a draft:
 * everything hidden (the same layout, nothing painted) and untagged, read only for where each
 * section falls. `initial` is the page map a previous build read back: when the layout has not
 * changed, one print confirms it.
 */
export async function printWithContents(
  printer: Printer,
  html: string,
  ids: readonly string[],
  options: PrintOptions & { initial?: PageMap | null } = {},
): Promise<PrintedDocument> {
  return printer.withDocument(html, options, async (session) => {
    if (ids.length === 0) {
      await session.update({ pages: {}, draft: false });
      const pdf = await session.pdf(false);
      return { pdf, pageCount: (await readPageMap(pdf)).pageCount, pages: new Map(), prints: 1 };
    }
    let numbers: PageMap | null = options.initial ?? null;
    for (let prints = 1; prints <= MAX_PRINTS; prints++) {
      const draft = numbers === null;
      await session.update({ pages: Object.fromEntries(numbers ?? []), draft });
      const pdf = await session.pdf(draft);
      const { pages, pageCount } = await readPageMap(pdf);
      const missing = ids.filter((id) => !pages.has(id));
      if (missing.length > 0) throw new Error(`the PDF has no destination for ${missing.join(', ')}; every contents entry needs an element with that id`);
      const wanted = new Map(ids.map((id) => [id, pages.get(id)!]));
      if (!draft && numbers && sameNumbers(numbers, wanted, ids)) return { pdf, pageCount, pages: wanted, prints };
      numbers = wanted;
    }
    throw new Error(`the contents page numbers had not settled after ${MAX_PRINTS} prints`);
  });
}

function sameNumbers(a: PageMap, b: PageMap, ids: readonly string[]): boolean {
  return ids.every((id) => a.get(id) === b.get(id));
}
