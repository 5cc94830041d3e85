/**
 * Every HTML document the examples build, public and restricted, checked with axe-core in real
 * Chromium against the WCAG 2.2 A and AA rules: zero violations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFiles } from '../../src/effects.js';
import { CHROMIUM_FLAGS, findChromium } from '../../src/pdf/chromium.js';
import { tempDir } from '../helpers.js';
import { examples } from './shared.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

let browser: Browser;
let files: string[] = [];

beforeAll(async () => {
  const out = await examples('html');
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(folder, e.name)) : e.name.endsWith('.html') ? [join(folder, e.name)] : [],
    );
  files = walk(out);
  browser = await puppeteer.launch({
    executablePath: findChromium(nodeFiles, process.env.CHROMIUM_PATH ?? null),
    headless: true,
    userDataDir: tempDir('axe-chromium-'),
    args: CHROMIUM_FLAGS,
  });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * A page that checks documents: axe needs JavaScript, which the documents' own policy forbids, so
 * the policy is bypassed here; axe is loaded once and each document is written into the page in
 * turn (as puppeteer's setContent does), keeping the window and axe with it.
 */
async function documentPage(): Promise<{ write: (html: string) => Promise<void>; axe: () => Promise<Violation[]>; page: Page }> {
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.setRequestInterception(true);
  page.on('request', (request) => void (request.url().startsWith('data:') || request.url() === 'about:blank' ? request.continue() : request.abort()));
  await page.evaluate(AXE_SOURCE);
  return {
    page,
    write: (html) =>
      page.evaluate((text) => {
        document.open();
        document.write(text);
        document.close();
        return document.fonts.ready.then(() => undefined);
      }, html),
    axe: async () =>
      (await page.evaluate(
        (tags) =>
          (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe
            .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
            .then((r) => r.violations),
        WCAG_22_AA,
      )) as Violation[],
  };
}

async function checker(): Promise<(html: string) => Promise<Violation[]>> {
  const { write, axe } = await documentPage();
  return async (html) => {
    await write(html);
    return axe();
  };
}

/** A document's markup without its text, its styles or the restricted banner. */
const skeleton = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<p class="restricted-banner">[\s\S]*?<\/p>/, '')
    .replace(/<title>[^<]*<\/title>|<desc[^>]*>[^<]*<\/desc>/g, '')
    .replace(/>[^<]+</g, '><');

describe('accessibility', () => {
  it('has every example document, public and restricted, and three comparisons', async () => {
    // 14 authority-years of three documents and 4 agency-years of one, each public and restricted.
    expect(files.length).toBe(14 * 3 * 2 + 4 * 2 + 3);
  });

  it('finds no WCAG 2.2 A or AA violation in any of them', async () => {
    const failures: string[] = [];
    // A restricted document whose markup is its public version's (the same elements and attributes,
    // other numbers in the text, the banner apart) has the same results: it is checked by that.
    const same = files.filter((f) => f.includes('/restricted/') && skeleton(readFileSync(f, 'utf8')) === skeleton(readFileSync(f.replace('/restricted/', '/'), 'utf8')));
    expect(same.length).toBeGreaterThan(0);
    const queue = files.filter((f) => !same.includes(f));
    const worker = async () => {
      const check = await checker();
      for (let file = queue.shift(); file; file = queue.shift()) {
        // Left out, to halve the time: the embedded font's data, which no rule reads, and what a chart
        // draws inside its <svg role="img"> (presentational for assistive technology, and the same
        // vega marks in every chart; the full charts are checked in one document below).
        const html = readFileSync(file, 'utf8')
          .replace(/@font-face\{[^}]*\}/g, '')
          .replace(/(<svg role="img"[^>]*>)(<title[\s\S]*?<\/desc>)[\s\S]*?<\/svg>/g, '$1$2</svg>');
        const violations = await check(html);
        for (const v of violations)
          failures.push(
            `${file.split('/out/')[1]}: ${v.id} (${v.help}) at ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
          );
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
  });

  it('finds none in a whole annual report, its charts drawn in full', async () => {
    const file = files.find((f) => f.endsWith('example-city/2024-25/annual-report.html'))!;
    const html = readFileSync(file, 'utf8');
    expect((html.match(/<svg role="img"/g) ?? []).length).toBeGreaterThan(10);
    expect(await (await checker())(html)).toEqual([]);
  });

  it('would notice a violation: an image without alt text fails', async () => {
    const violations = await (await checker())(
      '<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
    );
    expect(violations.map((v) => v.id)).toContain('image-alt');
  });
});

/** What a reader at this width sees of the document in the page: whether it scrolls sideways, and the smallest chart text. */
async function measureAt(page: Page, width: number): Promise<{ scrollWidth: number; smallestChartText: number | null }> {
  await page.setViewport({ width, height: 900 });
  return page.evaluate(() => {
    let smallest: number | null = null;
    for (const svg of document.querySelectorAll('figure.chart svg')) {
      // The size a reader sees: the text's size times how far the picture is scaled.
      const drawn = Number(svg.getAttribute('width'));
      const scale = drawn > 0 ? svg.getBoundingClientRect().width / drawn : 1;
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent?.trim()) continue;
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        smallest = smallest === null ? size : Math.min(smallest, size);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, smallestChartText: smallest };
  });
}

describe('on a phone', () => {
  const WIDTHS = [320, 390, 1280];

  it('no example document scrolls sideways at 320, 390 or 1280 px, and chart text is 12 px or more as drawn', async () => {
    const problems: string[] = [];
    const { page, write } = await documentPage();
    for (const file of files.filter((f) => !f.includes('/restricted/'))) {
      // Written once and laid out again at each width, as a reader turning a phone or resizing a window sees it.
      await write(readFileSync(file, 'utf8'));
      for (const width of WIDTHS) {
        const name = `${file.split('/out/')[1]} at ${width} px`;
        const { scrollWidth, smallestChartText } = await measureAt(page, width);
        if (scrollWidth > width) problems.push(`${name}: the page is ${scrollWidth} px wide`);
        if (smallestChartText !== null && smallestChartText < 12) problems.push(`${name}: chart text as small as ${smallestChartText.toFixed(1)} px`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds no WCAG 2.2 A or AA violation at 320, 390 and 1280 px in a document of each kind', async () => {
    const kinds = ['leicestershire/2024-25/annual-report.html', 'leicestershire/2024-25/covering-report.html', 'leicestershire/2024-25/statement-of-purpose.html', 'comparison.html'];
    const chosen = kinds.map((k) => files.find((f) => f.endsWith(k))!);
    expect(chosen.every(Boolean)).toBe(true);
    const failures: string[] = [];
    const { page, write, axe } = await documentPage();
    for (const file of chosen) {
      await write(readFileSync(file, 'utf8').replace(/@font-face\{[^}]*\}/g, ''));
      for (const width of WIDTHS) {
        await measureAt(page, width);
        for (const v of await axe()) failures.push(`${file.split('/out/')[1]} at ${width} px: ${v.id} (${v.help})`);
      }
    }
    expect(failures).toEqual([]);
  });
});
