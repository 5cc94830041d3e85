/**
 * Every HTML document the examples build, public and restricted, checked with axe-core in real
 * Chromium against the WCAG 2.2 A and AA rules: zero violations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findChromium } from '../src/pdf/chromium.js';
import { runCli, tempDir, tempProject } from './helpers.js';

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
  const dir = tempProject();
  const run = runCli(['build', '--no-pdf', '--audience', 'all'], dir);
  expect(run.code, run.stderr).toBe(0);
  expect(runCli(['compare', 'leicestershire', '--no-pdf'], dir).code).toBe(0);
  expect(runCli(['compare', '--region', 'Example Adoption Partnership', '2024-25', '--no-pdf'], dir).code).toBe(0);
  const out = join(dir, 'out');
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(folder, e.name)) : e.name.endsWith('.html') ? [join(folder, e.name)] : [],
    );
  files = walk(out);
  browser = await puppeteer.launch({
    executablePath: findChromium(process.env.CHROMIUM_PATH ?? null),
    headless: true,
    userDataDir: tempDir('axe-chromium-'),
    args: CHROMIUM_FLAGS,
  });
});

afterAll(async () => {
  await browser?.close();
});

/** axe needs JavaScript, which the documents' own policy forbids: it runs in its own page, policy bypassed. */
async function axeViolations(html: string): Promise<Violation[]> {
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => void (request.url().startsWith('data:') ? request.continue() : request.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(AXE_SOURCE);
    return (await page.evaluate(
      (tags) =>
        (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe
          .run(document, { runOnly: { type: 'tag', values: tags } })
          .then((r) => r.violations),
      WCAG_22_AA,
    )) as Violation[];
  } finally {
    await page.close();
  }
}

describe('accessibility', () => {
  it('builds every example document, public and restricted, and two comparisons', () => {
    expect(files.length).toBe(14 * 3 * 2 + 2);
  });

  it('finds no WCAG 2.2 A or AA violation in any of them', async () => {
    const failures: string[] = [];
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const violations = await axeViolations(readFileSync(file, 'utf8'));
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
    const violations = await axeViolations(
      '<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
    );
    expect(violations.map((v) => v.id)).toContain('image-alt');
  });
});
