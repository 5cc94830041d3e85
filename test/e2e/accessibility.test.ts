/**
 * Every HTML document the examples build, public and restricted, checked with axe-core in real
 * Chromium against the WCAG 2.2 A and AA rules: zero violations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
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
async function checker(): Promise<(html: string) => Promise<Violation[]>> {
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.setRequestInterception(true);
  page.on('request', (request) => void (request.url().startsWith('data:') || request.url() === 'about:blank' ? request.continue() : request.abort()));
  await page.evaluate(AXE_SOURCE);
  return async (html) => {
    await page.evaluate((text) => {
      document.open();
      document.write(text);
      document.close();
      return document.fonts.ready.then(() => undefined);
    }, html);
    return (await page.evaluate(
      (tags) =>
        (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe
          .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((r) => r.violations),
      WCAG_22_AA,
    )) as Violation[];
  };
}

describe('accessibility', () => {
  it('has every example document, public and restricted, and three comparisons', async () => {
    expect(files.length).toBe(14 * 3 * 2 + 3);
  });

  it('finds no WCAG 2.2 A or AA violation in any of them', async () => {
    const failures: string[] = [];
    const queue = [...files];
    const worker = async () => {
      const check = await checker();
      for (let file = queue.shift(); file; file = queue.shift()) {
        const violations = await check(readFileSync(file, 'utf8'));
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

  it('would notice a violation: an image without alt text fails', async () => {
    const violations = await (await checker())(
      '<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
    );
    expect(violations.map((v) => v.id)).toContain('image-alt');
  });
});
