/**
 * One Chromium per build, a small pool of pages printing at once, and nothing loaded but the
 * document: every request is refused and reported, the page is offline, and the page must still
 * be the document when it prints (a meta refresh would navigate away).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ExitCode, UserError } from '../errors.js';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The browser to print with: the configured path, else the usual places; a clear error if none. */
export function findChromium(configured: string | null): string {
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new UserError(`Chromium was not found at ${configured} (from --chromium or CHROMIUM_PATH). Point it at the browser's executable, or install Chromium: apt-get install -y --no-install-recommends chromium`, { exitCode: ExitCode.usage });
  }
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new UserError(
    `Chromium is needed to print PDFs and was not found (looked in ${CHROMIUM_CANDIDATES.join(', ')}). Install it with:\n  apt-get install -y --no-install-recommends chromium\nor set CHROMIUM_PATH to a Chromium or Chrome executable. Use --no-pdf to build HTML only.`,
    { exitCode: ExitCode.usage },
  );
}

export interface PrintOptions {
  /** Told of every request the document tried to make; all are refused. */
  onBlockedRequest?: (url: string) => void;
}

export class Printer {
  private readonly idle: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];
  private created = 0;
  /** Documents printed, and prints made (a contents page takes more than one). */
  prints = 0;

  private constructor(
    private readonly browser: Browser,
    private readonly userDataDir: string,
    readonly concurrency: number,
  ) {}

  static async launch(executablePath: string, concurrency: number): Promise<Printer> {
    const userDataDir = mkdtempSync(join(tmpdir(), 'annual-report-chromium-'));
    try {
      const browser = await puppeteer.launch({ executablePath, headless: true, userDataDir, args: CHROMIUM_FLAGS });
      return new Printer(browser, userDataDir, Math.max(1, concurrency));
    } catch (error) {
      rmSync(userDataDir, { recursive: true, force: true });
      throw new UserError(`Chromium at ${executablePath} could not be started: ${(error as Error).message.split('\n')[0]}`, { exitCode: ExitCode.usage, cause: error });
    }
  }

  /** Prints HTML to an A4 PDF: tagged, with a bookmarks outline, the page size from the CSS. */
  async print(html: string, options: PrintOptions = {}): Promise<Uint8Array> {
    const page = await this.acquire();
    const blocked = (url: string) => options.onBlockedRequest?.(url);
    const onRequest = (request: import('puppeteer-core').HTTPRequest) => {
      const url = request.url();
      if (url.startsWith('data:')) return void request.continue();
      blocked(url);
      void request.abort('blockedbyclient');
    };
    page.on('request', onRequest);
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      if (page.url() !== 'about:blank') throw new Error(`the document navigated away to ${page.url()} before printing`);
      const pdf = await page.pdf({ printBackground: true, outline: true, tagged: true, preferCSSPageSize: true, timeout: 120_000 });
      this.prints++;
      return pdf;
    } finally {
      page.off('request', onRequest);
      this.release(page);
    }
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop();
    if (page) return page;
    if (this.created < this.concurrency) {
      this.created++;
      const fresh = await this.browser.newPage();
      await fresh.setRequestInterception(true);
      await fresh.setOfflineMode(true);
      return fresh;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      rmSync(this.userDataDir, { recursive: true, force: true });
    }
  }
}
