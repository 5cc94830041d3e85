/** Disclosure control in the built PDFs of the examples: small numbers hidden in public, child-level rows only in restricted. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, squash, type PdfFacts } from '../helpers.js';
import { examples } from './shared.js';

describe('disclosure control in built documents', () => {
  let publicPdf: PdfFacts;
  let restrictedPdf: PdfFacts;
  let publicHtml: string;

  beforeAll(async () => {
    const folder = join(await examples(), 'example-borough/2024-25');
    publicPdf = await readPdf(readFileSync(join(folder, 'annual-report.pdf')));
    restrictedPdf = await readPdf(readFileSync(join(folder, 'restricted/annual-report.pdf')));
    publicHtml = readFileSync(join(folder, 'annual-report.html'), 'utf8');
  });

  it('shows no count from 1 to 5 in a public breakdown, and explains the "c"', () => {
    const provision = /<table id="provision-table">([\s\S]*?)<\/table>/.exec(publicHtml)![1]!;
    const counts = [...provision.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter((n) => n >= 1 && n <= 5)).toEqual([]);
    expect(provision).toContain('<td>c</td>');
    expect(squash(publicPdf.text)).toContain('c: not shown, to protect children’s privacy');
  });

  it('keeps child-level rows out of the public version, and puts them in the restricted one', () => {
    expect(publicHtml.includes('Child-level detail')).toBe(false);
    expect(/\bC\d{3}\b/.test(publicPdf.text)).toBe(false);
    const text = squash(restrictedPdf.text);
    expect(text).toContain('The ten longest placements');
    expect(text).toContain('The ten fastest placements');
    expect(text).toMatch(/\bC\d{3}\b/);
  });

  it('says on every page of the restricted version that it is restricted', () => {
    restrictedPdf.pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain('RESTRICTED: not for publication'));
    expect(publicPdf.text.includes('RESTRICTED')).toBe(false);
    // It starts with its cover, which carries the notice too: the notice does not push the cover to page 2.
    const first = squash(restrictedPdf.pages[0]!);
    expect(first).toContain('Restricted: for the committee only');
    expect(first).toContain('Adoption Service Annual Report');
  });
});
