/** The live preview, in real Chromium: the document, an edit followed, a broken edit's problems in the page, recovery, PDFs on demand. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { nodeFiles } from '../../src/effects.js';
import { CHROMIUM_FLAGS, findChromium } from '../../src/pdf/chromium.js';
import { startPreview } from '../../src/preview.js';
import { quietEffects, readPdf, tempDir, tempProject } from '../helpers.js';

describe('preview', () => {
  it('shows the document, follows an edit, shows the error of a broken edit in the page, and recovers', async () => {
    const dir = tempProject();
    const quiet = quietEffects();
    const preview = await startPreview(resolveConfig(['data/leicester'], { pdf: false }, {}, dir), quiet, { port: 0 });
    const browser = await puppeteer.launch({
      executablePath: findChromium(nodeFiles, process.env.CHROMIUM_PATH ?? null),
      headless: true,
      userDataDir: tempDir('preview-chromium-'),
      args: CHROMIUM_FLAGS,
    });
    try {
      expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await browser.newPage();
      await page.goto(`${preview.url}/leicester/2021-22/annual-report`);
      const bodyHas = (text: string) => page.waitForFunction((t) => document.body?.innerText.includes(t), { timeout: 15_000 }, text);
      await bodyHas('Timeliness figures for children and adopters');
      const file = join(dir, 'data/leicester/2021-22.yaml');
      const original = readFileSync(file, 'utf8');

      writeFileSync(file, original.replace('Timeliness figures for children and adopters', 'Edited while previewing'));
      await bodyHas('Edited while previewing');

      writeFileSync(file, original.replace('days: 663.63', 'days: soon'));
      await bodyHas('expected a number of days, found "soon"');
      expect(await page.evaluate(() => document.body.innerText)).toMatch(/data\/leicester\/2021-22\.yaml:\d+:\d+ {2}scorecard\.a10\.days/);

      writeFileSync(file, original);
      await bodyHas('Timeliness figures for children and adopters');
      expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toContain('Adoption Service Annual Report');

      // PDFs are printed when asked for, by a browser the preview keeps warm.
      const pdf = await fetch(`${preview.url}/leicester/2021-22/annual-report.pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const printed = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
      expect(printed.numPages).toBeGreaterThan(5);
      expect(printed.text).toContain('Timeliness figures for children and adopters');
      const pack = await readPdf(new Uint8Array(await (await fetch(`${preview.url}/leicester/2021-22/committee-pack.pdf`)).arrayBuffer()));
      expect(pack.numPages).toBeGreaterThan(printed.numPages);
      expect(pack.text).toContain('Statement of Purpose');
    } finally {
      await browser.close();
      await preview.close();
    }
  });
});

