/**
 * The Word files of every example document, opened (unzipped) and held to the rules of Word's own
 * accessibility checker: alternative text on every picture, a header row on every table, headings
 * in order with none skipped, no empty paragraph for spacing, title and language set. And what
 * makes them committee papers: Word's list numbering, page numbers, the RESTRICTED header.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from './shared.js';

let out: string;
let files: string[];

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(folder, e.name)) : [join(folder, e.name)]));
}

function parts(file: string): Record<string, string> {
  const zip = unzipSync(readFileSync(file), { filter: (f) => f.name.endsWith('.xml') });
  return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

beforeAll(async () => {
  out = await examples('all');
  files = walk(out).filter((f) => f.endsWith('.docx'));
});

describe('Word output', () => {
  it('is written for every document and committee pack, restricted ones only under restricted/', () => {
    const names = files.map((f) => relative(out, f));
    for (const doc of ['annual-report', 'covering-report', 'statement-of-purpose']) expect(names).toContain(`leicestershire/2024-25/${doc}.docx`);
    expect(names).toContain('leicestershire/2024-25/restricted/annual-report.docx');
    // Each HTML links its PDF and Word file, with their sizes.
    const html = readFileSync(join(out, 'leicestershire/2024-25/annual-report.html'), 'utf8');
    expect(html).toMatch(/<a href="annual-report\.pdf" download>PDF \(\d+ KB\)<\/a>, <a href="annual-report\.docx" download>Word \(\d+ KB\)<\/a>/);
    for (const f of files) {
      const header = Object.entries(parts(f)).filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml).join('');
      expect(header.includes('RESTRICTED: not for publication'), f).toBe(f.includes('/restricted/'));
    }
  });

  it('passes the rules of Word’s accessibility checker, in every example document', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const name = relative(out, file);
      const xml = parts(file);
      const body = xml['word/document.xml']!;
      // Every picture has alternative text.
      for (const docPr of body.match(/<wp:docPr [^>]*>/g) ?? []) expect(docPr, `${name}: a picture without alternative text`).toMatch(/ descr="[^"]{10,}"/);
      // Every table's first row is a header row, repeated on each page.
      for (const table of body.split('<w:tbl>').slice(1)) expect(/^[\s\S]*?<w:tr>[\s\S]*?<w:trPr>[\s\S]*?<w:tblHeader/.test(table), `${name}: a table without a header row`).toBe(true);
      // Headings in order: none skips a level.
      const levels = [...body.matchAll(/<w:pStyle w:val="(Title|Heading(\d))"\/>/g)].map((m) => (m[1] === 'Title' ? 0 : Number(m[2])));
      expect(levels.length, `${name}: no headings`).toBeGreaterThan(1);
      levels.forEach((level, i) => i > 0 && expect(level - Math.max(...levels.slice(0, i)), `${name}: heading ${i} skips a level`).toBeLessThanOrEqual(1));
      // No empty paragraph used for spacing.
      expect(body.match(/<w:p>\s*<\/w:p>|<w:p\/>|<w:p>\s*<w:pPr>(?:(?!<w:r>)[\s\S])*?<\/w:pPr>\s*<\/w:p>/g) ?? [], `${name}: empty paragraphs`).toEqual([]);
      // Title and language.
      expect(xml['docProps/core.xml'], name).toMatch(/<dc:title>[^<]{10,}<\/dc:title>/);
      expect(xml['word/styles.xml'], name).toContain('<w:lang w:val="en-GB"');
      // Page X of Y in the footer.
      const footer = Object.entries(xml).filter(([n]) => /^word\/footer\d*\.xml$/.test(n)).map(([, x]) => x).join('');
      expect(footer, name).toMatch(/PAGE[\s\S]*NUMPAGES/);
    }
  });

  it('numbers the covering report’s paragraphs with Word’s own list numbering, and fills its contents on opening', () => {
    const xml = parts(join(out, 'leicestershire/2024-25/covering-report.docx'));
    expect(xml['word/numbering.xml']).toContain('w:val="%1.%2"');
    expect((xml['word/document.xml']!.match(/<w:numPr><w:ilvl w:val="1"\/>/g) ?? []).length).toBeGreaterThan(10);
    expect(xml["word/settings.xml"]).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
    const report = parts(join(out, 'leicestershire/2024-25/annual-report.docx'))['word/document.xml']!;
    expect(report).toMatch(/TOC \\h \\o/);
    // Its charts as pictures, each followed by its data table.
    expect((report.match(/<wp:docPr /g) ?? []).length).toBeGreaterThan(5);
    expect(report).toMatch(/<wp:docPr [\s\S]*?<w:tbl>/);
  });
});
