/**
 * Opens what the examples' build wrote (test/e2e/examples.ts, the real command and Chromium):
 * the three documents of every authority-year, a committee pack and a comparison.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readChromiumPageMap, readPageMap, readPageMapWithPdfjs } from '../../src/pdf/contents.js';
import { STATUTORY_HEADINGS } from '../../src/report/statement-of-purpose.js';
import { expectIn, readPdf, squash, type PdfFacts } from '../helpers.js';
import { examples } from './shared.js';

let out: string;
let pdf: PdfFacts;
let html: string;
let covering: PdfFacts;
let statement: PdfFacts;
let pack: PdfFacts;

const DOCUMENTS = ['covering-report', 'annual-report', 'statement-of-purpose'];
const readOut = (path: string) => readPdf(readFileSync(join(out, 'leicestershire', '2024-25', path)));

beforeAll(async () => {
  out = await examples();
  pdf = await readOut('annual-report.pdf');
  html = readFileSync(join(out, 'leicestershire', '2024-25', 'annual-report.html'), 'utf8');
  covering = await readOut('covering-report.pdf');
  statement = await readOut('statement-of-purpose.pdf');
  pack = await readOut('committee-pack.pdf');
});

/** Every contents entry's printed page is the page its destination is on, and that page shows the heading. */
function expectContentsTrue(facts: PdfFacts, contentsPage: number, entries: [label: string, id: string, heading?: string][]): void {
  const contents = squash(facts.pages[contentsPage - 1]!);
  for (const [label, id, heading] of entries) {
    const page = facts.destinations.get(id);
    expect(page, id).toBeGreaterThan(contentsPage);
    expect(contents).toContain(`${label} ${page}`);
    expect(squash(facts.pages[page! - 1]!)).toContain(heading ?? label);
  }
}

describe('building the examples', () => {
  it('writes the three documents, HTML and PDF, for every example authority-year (test/e2e/examples.ts checked the build exited 0, with nothing failed or skipped)', async () => {
    const built = readdirSync(out)
      .filter((authority) => authority !== 'regions')
      .flatMap((authority) =>
        readdirSync(join(out, authority))
          .filter((year) => /^\d{4}-\d{2}$/.test(year))
          .map((year) => `${authority}/${year}`),
      );
    expect(built.sort()).toEqual([
      ...['example-borough', 'example-city', 'example-county'].flatMap((a) => ['2022-23', '2023-24', '2024-25'].map((y) => `${a}/${y}`)),
      'leicester/2021-22',
      'leicester/2022-23',
      'leicester/2023-24',
      'leicestershire/2023-24',
      'leicestershire/2024-25',
    ]);
    for (const folder of built) {
      for (const doc of DOCUMENTS) for (const ext of ['html', 'pdf']) expect(statSync(join(out, folder, `${doc}.${ext}`)).size).toBeGreaterThan(10_000);
    }
  });
});

describe('reading page numbers back', () => {
  const built = () =>
    readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => readFileSync(join(out, f)));

  it('the quick reader finds what pdfjs finds, in every PDF the build wrote', async () => {
    const pdfs = built();
    expect(pdfs.length).toBeGreaterThan(40);
    for (const data of pdfs) {
      const quick = readChromiumPageMap(data);
      const slow = await readPageMapWithPdfjs(data);
      expect(quick).not.toBeNull();
      expect(quick!.pageCount).toBe(slow.pageCount);
      expect([...quick!.pages].sort()).toEqual([...slow.pages].sort());
    }
  });

  it('a PDF laid out otherwise goes to pdfjs, which gives the same pages', async () => {
    const data = readFileSync(join(out, 'leicestershire', '2024-25', 'annual-report.pdf'));
    const expected = readChromiumPageMap(data)!;
    // No cross-reference table where the trailer says: pdfjs rebuilds it by scanning.
    const moved = Buffer.from(data.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n9'), 'latin1');
    expect(readChromiumPageMap(moved)).toBeNull();
    const read = await readPageMap(moved);
    expect(read.pageCount).toBe(expected.pageCount);
    expect([...read.pages].sort()).toEqual([...expected.pages].sort());
    expect(read.pages.get('performance')).toBeGreaterThan(2);
  });
});

describe('the Leicestershire 2024-25 PDF', () => {
  it('is a tagged, titled, English PDF of several pages with a bookmark per section', async () => {
    expect(pdf.numPages).toBeGreaterThan(5);
    expect(pdf.tagged).toBe(true);
    expect(pdf.title).toBe('Leicestershire Adoption Service: Adoption Service Annual Report 2024/25');
    expect(pdf.language).toBe('en-GB');
    for (const heading of [
      'Executive summary',
      '1. Introduction and the duty to report',
      '9. Performance',
      '9.1 Children waiting',
      'Appendix A: Definitions and rounding',
    ]) {
      expect(pdf.outline.map(squash)).toContain(heading);
    }
  });

  it('is printed in the bundled Atkinson Hyperlegible, regular and bold, each embedded once', async () => {
    const raw = readFileSync(join(out, 'leicestershire', '2024-25', 'annual-report.pdf')).toString('latin1');
    // A font's subset tag and name, once per embedded font (a Type0 font and its descendant share them).
    const embedded = new Set([...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]!));
    const atkinson = [...embedded].map((f) => f.slice(7)).filter((f) => f.startsWith('AtkinsonHyperlegible'));
    expect(atkinson.sort()).toEqual(['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular']);
  });

  it("never ends a page with a heading or a data table's label cut off from what follows", async () => {
    for (const document of ['annual-report', 'statement-of-purpose', 'covering-report']) {
      for (const authority of ['leicestershire/2024-25', 'leicester/2023-24', 'example-county/2024-25']) {
        const facts = await readPdf(readFileSync(join(out, authority, `${document}.pdf`)));
        const headings = new Set(facts.outline.map((t) => squash(t).trim()));
        facts.pages.slice(1, -1).forEach((text, i) => {
          const lines = text
            .split('\n')
            .map((l) => squash(l).trim())
            .filter((l) => l && !/^Page \d+ of \d+$/.test(l));
          const last = lines.at(-1) ?? '';
          expect(last === 'Data table for this chart' || headings.has(last), `${authority} ${document} page ${i + 2} ends with "${last}"`).toBe(false);
        });
      }
    }
  });

  it('carries the running header and "Page X of Y" footer on inner pages, not on the cover', async () => {
    expect(pdf.pages[0]).not.toContain('Page 1 of');
    expect(pdf.pages[1]).toContain(`Page 2 of ${pdf.numPages}`);
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.numPages} of ${pdf.numPages}`);
    expect(pdf.pages[1]).toContain('Leicestershire — Adoption Service Annual Report 2024/25');
  });

  it('prints the scorecard with last year from last year’s file and the change computed', async () => {
    const text = squash(pdf.text);
    expect(text).toContain('878.75 days');
    expect(text).toContain('682.61 days');
    expect(text).toContain('a decrease of 196.14 days (better)');
    expect(text).toContain('a decrease of 191.9 days (better)');
    expect(text).toContain('a decrease of 42 days (better)');
    // Fund money fell: the seed called it an increase; the generated wording cannot.
    expect(text).toContain('a decrease of £28,859.15');
    expect(text).not.toMatch(/an increase of £/);
    expect(text).toContain('57% (16)');
  });

  it('compares with the England figure, arrow and judgement apart', async () => {
    const text = squash(pdf.text);
    expect(text).toContain('↑ 202.61 days above the England average');
    expect(text).toContain('↑ 79.14 days above the England average');
  });

  it('lists contents with the page each section really starts on', async () => {
    expectContentsTrue(pdf, 2, [
      ['Executive summary', 'executive-summary'],
      ['9. Performance', 'performance'],
      ['9.1 Children waiting', 'children-waiting'],
      ['15. Recommendations for 2025/26', 'recommendations'],
      ['Appendix A: Definitions and rounding', 'appendix-definitions'],
    ]);
  });

  it('prints every row of a long table, across pages (guards the print CSS that once hid them)', async () => {
    const definitions = pdf.pages.slice(pdf.destinations.get('appendix-definitions')! - 1).join('\n');
    expect(squash(definitions).match(/No better direction/g)!.length).toBeGreaterThanOrEqual(15);
    expect(squash(definitions)).toContain('Complaints received Formal complaints');
  });

  it('prints the page number of a cross-reference, and links it', async () => {
    const page = pdf.destinations.get('appendix-definitions');
    expect(squash(pdf.text)).toContain(`Every measure in this report is defined in Appendix A (page ${page}).`);
    expectIn(html, '<a href="#appendix-definitions" class="xref">Appendix A</a>');
  });

  it('leaves out sections with no narrative and no figures', async () => {
    const leicester = readFileSync(join(out, 'leicester', '2021-22', 'annual-report.html'), 'utf8');
    expect(leicester.includes('id="complaints"')).toBe(false);
    expectIn(leicester, 'id="performance"');
  });
});

describe('the Leicestershire 2024-25 HTML', () => {
  it('is one self-contained file in British English with semantic structure', async () => {
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en-GB">/);
    expect(html).not.toMatch(/<link\b|<script\b|src="http/);
    expectIn(html, '<main>');
    expect((html.match(/<h1[ >]/g) ?? []).length).toBe(1);
  });

  it('has one inline SVG per chart, each an image with a title, a description and a data table', async () => {
    const figures = [...html.matchAll(/<figure class="chart" id="([^"]+)">([\s\S]*?)<\/figure>\s*<details class="chart-data">([\s\S]*?)<\/details>/g)];
    expect(figures.length).toBeGreaterThanOrEqual(6);
    expect((html.match(/<svg\b/g) ?? []).length).toBe(figures.length);
    for (const [, id, figure, details] of figures) {
      expect(figure).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(figure).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]{40,}</desc>`));
      expect(details).toContain('<table');
      expect(details).toContain('<th scope="col">');
    }
    expectIn(html, 'Bar chart of children placed by provision type by fiscal year. In-house: not given in 2023/24, 14 in 2024/25; Regional partner: not given in 2023/24, 2 in 2024/25');
  });

  it('prints each figure once: a chart whose figures are in the table beside it names that table instead of repeating them', () => {
    const text = squash(pdf.text);
    expect(text).toContain('The figures of this chart are in the table “Children placed by provision type, 2023/24 to 2024/25”.');
    expect(text).not.toContain('Data for the chart: Children placed by provision type');
    // A chart whose figures no table beside gives (the scorecard against England) keeps its data table.
    expect(text).toContain('Data for the chart: A10');
    // On screen every chart keeps its data table, in a disclosure.
    expect((html.match(/<details class="chart-data">/g) ?? []).length).toBe((html.match(/<figure class="chart"/g) ?? []).length);
  });

  it('leaves a year with no dataset out, saying so once, never showing it as zero', async () => {
    expectIn(html, 'There is no dataset for 2022/23: that year is left out of this report’s tables and charts.');
    expect(html.match(/There is no dataset for 2022\/23/g)).toHaveLength(1);
    expect(html).not.toMatch(/<th scope="col">2022\/23<\/th>/);
  });
});

describe('the covering report', () => {
  it('has the front sheet of a committee report', async () => {
    const front = squash(covering.pages[0]!);
    for (const passage of [
      'Committee Children and Families Overview and Scrutiny Committee',
      'Date of meeting 4 November 2025',
      'Lead director Director of Children and Family Services',
      'Wards affected All',
      'Report author Service Manager, Adoption and Permanence',
      'Report version v1',
      'Key decision No',
      'Private or exempt report No',
    ])
      expect(front).toContain(passage);
  });

  it('numbers its paragraphs within their sections, down to implications', async () => {
    const text = squash(covering.text);
    for (const passage of [
      '1. Summary 1.1 This report presents',
      '1.2 All three headline',
      '2.1 The committee is asked to note the annual report',
      '2.2 The committee',
      '6.1 Financial implications 6.1.1 There are no financial',
      '6.3.1 The service has due regard',
      '6.3.2 Adopters are recruited',
      '10. Is this a key decision? 10.1 No.',
    ]) {
      expect(text).toContain(passage);
    }
    expect(text).toContain('Cleared by: Head of Finance');
  });

  it('lists its appendices from the documents that go with it, and pulls the scorecard from the same data', async () => {
    const text = squash(covering.text);
    expect(text).toContain('8.1 Appendix A: Adoption Service Annual Report 2024/25');
    expect(text).toContain('8.2 Appendix B: Adoption Service Statement of Purpose');
    expect(text).toContain('a decrease of 196.14 days (better)');
  });
});

describe('the statement of purpose', () => {
  it('has every heading the regulations require, with contents page numbers that are true', async () => {
    const entries = STATUTORY_HEADINGS.map((h, i): [string, string] => [
      `${i + 1}. ${h}`,
      ['aims', 'manager', 'staff', 'structure', 'quality', 'adopters', 'support', 'complaints', 'regulator', 'approval'][i]!,
    ]);
    expectContentsTrue(statement, 2, entries);
    const text = squash(statement.text);
    expect(text).toContain('Approved by the executive 9 December 2025');
    expect(text).toContain('Next review 8 December 2026');
    expect(text).toContain('Piccadilly Gate, Store Street, Manchester M1 2WD');
    expect(statement.title).toBe('Leicestershire Adoption Service: Adoption Service Statement of Purpose, approved 9 December 2025');
  });
});

describe('the committee pack', () => {
  it('is one PDF: covering report, then the annual report and statement of purpose, numbered continuously', async () => {
    expect(pack.numPages).toBeGreaterThanOrEqual(covering.numPages + pdf.numPages + statement.numPages - 2);
    pack.pages.slice(1).forEach((text, i) => expect(text).toContain(`Page ${i + 2} of ${pack.numPages}`));
    const order = ['cr-cover', 'ar-cover', 'sop-cover'].map((id) => pack.destinations.get(id)!);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(pack.tagged).toBe(true);
    expect(readdirSync(join(out, 'leicestershire', '2024-25'))).toContain('committee-pack.pdf');
  });

  it('has one contents, true for every document', async () => {
    expect(squash(pack.pages[0]!)).toContain('Committee papers: Children and Families Overview and Scrutiny Committee, 4 November 2025 Contents');
    expect(pack.pages.filter((p) => squash(p).includes('Contents')).length).toBe(1);
    expectContentsTrue(pack, 1, [
      ['Covering report: Leicestershire Adoption Service: annual report 2024/25 and statement of purpose', 'cr-cover', 'Date of meeting 4 November 2025'],
      ['Appendix A: Adoption Service Annual Report 2024/25', 'ar-cover', 'Adoption Service Annual Report 2024/25'],
      ['9. Performance', 'ar-performance'],
      ['Appendix B: Adoption Service Statement of Purpose', 'sop-cover', 'Adoption Service Statement of Purpose Approved 9 December 2025'],
      ['8. Complaints procedure', 'sop-complaints'],
    ]);
  });

  it('gives each document its own running header', async () => {
    const arPage = pack.destinations.get('ar-performance')!;
    const sopPage = pack.destinations.get('sop-complaints')!;
    expect(pack.pages[arPage - 1]).toContain('Leicestershire — Adoption Service Annual Report 2024/25');
    expect(pack.pages[sopPage - 1]).toContain('Leicestershire — Statement of Purpose 9 December 2025');
  });

  it('links the covering report’s appendices to where they start, with their pages', async () => {
    expect(squash(pack.text)).toContain(`8.1 Appendix A: Adoption Service Annual Report 2024/25 (page ${pack.destinations.get('ar-cover')})`);
  });
});

describe('the year comparison PDF', () => {
  it('is tagged, several pages long, and lists the largest changes', async () => {
    const comparison = await readPdf(readFileSync(join(out, 'leicester', 'comparison.pdf')));
    expect(comparison.numPages).toBeGreaterThanOrEqual(3);
    expect(comparison.tagged).toBe(true);
    expect(squash(comparison.text)).toContain(
      'The 6 largest changes from 2022/23 to 2023/24, by percentage: 1. Enquiry to stage 1 start: a decrease of 1.35 months (-49.8%)',
    );
  });
});
