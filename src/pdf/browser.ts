/**
 * The printer effect: one Chromium per build, a small pool of pages printing at once, and nothing
 * loaded but the document: every request is refused and reported, the page is offline, and the
 * page must still be the document when it prints (a meta refresh would navigate away).
 *
 * Chromium is spoken to over a pipe, not a DevTools port: no port is ever open for another local
 * process to use, and the browser exits when the build does, however the build ends. Its profile
 * folder is removed when the printer closes, and a folder a killed build left behind is removed by
 * the next build that starts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { ExitCode, UserError } from '../errors.js';
import { CHROMIUM_FLAGS } from './chromium.js';
import { fillPageNumbers } from '../render/page-numbers.js';
import type { Printer, PrintOptions, PrintSession } from './printer.js';
import { printing as messages } from '../messages.js';

/**
 * Prints with one browser and at most `concurrency` pages at once. If Chromium dies, the next
 * print starts a new one; a page that fails or hangs past the timeout is thrown away, so one bad
 * document never stops the others.
 */
export class ChromiumPrinter implements Printer {
  private browser: Browser | null;
  private relaunching: Promise<Browser> | null = null;
  private idle: Page[] = [];
  /** Prints each page has made: a page is replaced after RECYCLE_AFTER, which bounds Chromium's memory over a long build. */
  private readonly uses = new WeakMap<Page, number>();
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  /** Prints made (a contents page takes more than one), and browsers started. */
  prints = 0;
  launches = 1;

  private constructor(
    browser: Browser,
    private readonly executablePath: string,
    private readonly userDataDir: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.browser = browser;
    this.watch(browser);
  }

  /** `env` is the environment Chromium starts in (the command's), its temporary folder apart. */
  static async launch(executablePath: string, concurrency: number, options: { env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ChromiumPrinter> {
    removeStaleProfiles();
    const userDataDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    watchOver(userDataDir);
    const env = browserEnvironment(options.env, userDataDir);
    try {
      const browser = await ChromiumPrinter.start(executablePath, userDataDir, env);
      return new ChromiumPrinter(browser, executablePath, userDataDir, env, Math.max(1, concurrency), options.timeoutMs ?? 60_000);
    } catch (error) {
      rmSync(userDataDir, { recursive: true, force: true });
      throw new UserError(messages.chromiumWouldNotStart(executablePath, (error as Error).message.split('\n')[0]!), {
        exitCode: ExitCode.usage,
        cause: error,
      });
    }
  }

  private static start(executablePath: string, userDataDir: string, env: NodeJS.ProcessEnv): Promise<Browser> {
    return puppeteer.launch({ executablePath, headless: true, userDataDir, args: CHROMIUM_FLAGS, pipe: true, env });
  }

  /** The browser's process id, for tests that make it crash. */
  get pid(): number | undefined {
    return this.browser?.process()?.pid;
  }

  private watch(browser: Browser): void {
    browser.once('disconnected', () => {
      if (this.browser === browser) {
        this.browser = null;
        this.idle = [];
      }
    });
  }

  private async currentBrowser(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.relaunching ??= (async () => {
      removeSingleton(this.userDataDir);
      const browser = await ChromiumPrinter.start(this.executablePath, this.userDataDir, this.env);
      this.launches++;
      this.browser = browser;
      this.idle = [];
      this.watch(browser);
      return browser;
    })().finally(() => {
      this.relaunching = null;
    });
    return this.relaunching;
  }

  /** Prints HTML to an A4 PDF: tagged, with a bookmarks outline, the page size from the CSS. */
  print(html: string, options: PrintOptions = {}): Promise<Uint8Array> {
    return this.withDocument(html, options, (session) => session.pdf(false));
  }

  /**
   * Loads a document once and lets `work` print it as often as it needs, changing page numbers in
   * place between prints: a contents that needs a second print does not load the document again.
   */
  async withDocument<T>(html: string, options: PrintOptions, work: (session: PrintSession) => Promise<T>): Promise<T> {
    await this.slot();
    let page: Page | undefined;
    let healthy = false;
    const onRequest = (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith('data:')) return void request.continue();
      options.onBlockedRequest?.(url);
      void request.abort('blockedbyclient');
    };
    try {
      page = this.idle.pop() ?? (await this.newPage());
      page.on('request', onRequest);
      const loaded = page;
      const session: PrintSession = {
        pdf: async (draft) => {
          // A meta refresh or a script could have navigated away: never print anything else.
          if (loaded.url() !== 'about:blank') throw new Error(messages.navigatedAway(loaded.url()));
          // Fonts were awaited once, when the document loaded; puppeteer would ask again in every print.
          const pdf = await loaded.pdf({
            printBackground: true,
            outline: !draft,
            tagged: !draft,
            preferCSSPageSize: true,
            waitForFonts: false,
            timeout: this.timeoutMs,
          });
          this.prints++;
          return pdf;
        },
        update: (state) => loaded.evaluate(fillPageNumbers, state),
      };
      // A renderer that crashes, or a browser that dies, fails the document at once, not at the timeout.
      const crashed = new Promise<never>((_, reject) => {
        loaded.once('error', (error) => reject(new Error(messages.rendererCrashed(error.message))));
        loaded.browser().once('disconnected', () => reject(new Error(messages.browserDied())));
      });
      crashed.catch(() => undefined);
      const result = await withTimeout(
        Promise.race([
          (async () => {
            await loaded.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
            await loaded.evaluate(() => document.fonts.ready.then(() => undefined));
            return work(session);
          })(),
          crashed,
        ]),
        this.timeoutMs,
      );
      healthy = true;
      return result;
    } finally {
      page?.off('request', onRequest);
      const uses = page ? (this.uses.get(page) ?? 0) + 1 : 0;
      if (page && healthy && this.browser?.connected && uses < RECYCLE_AFTER) {
        this.uses.set(page, uses);
        this.idle.push(page);
      } else if (page) void page.close().catch(() => undefined);
      this.release();
    }
  }

  private async newPage(): Promise<Page> {
    const page = await (await this.currentBrowser()).newPage();
    await page.setRequestInterception(true);
    await page.setOfflineMode(true);
    // Laid out for print from the start: printing then needs no restyle into print media and back,
    // which was a third of every print's time.
    await page.emulateMediaType('print');
    return page;
  }

  private async slot(): Promise<void> {
    if (this.busy < this.concurrency) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }

  async close(): Promise<void> {
    try {
      await this.browser?.close();
    } catch {
      // Already gone.
    } finally {
      removeProfile(this.userDataDir);
    }
  }
}

const RECYCLE_AFTER = 25;
const PROFILE_PREFIX = 'annual-report-chromium-';

/**
 * Should the build be killed outright, a small watcher (a shell loop, started detached) removes
 * its profile folder, and any Chromium still using it, within a second of the build's end.
 */
function watchOver(userDataDir: string): void {
  if (process.platform === 'win32') return;
  // Chromium's singleton socket lives in a folder of its own, which its profile links to.
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; pkill -KILL -f -- "--user-data-dir=$1" 2>/dev/null; s=$(readlink "$1/SingletonSocket" 2>/dev/null) && rm -rf -- "$(dirname "$s")"; rm -rf -- "$1"`;
  spawn('/bin/sh', ['-c', script, 'watcher', userDataDir], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * Chromium's environment, with its temporary folder inside the profile: what Chromium puts there
 * (its singleton socket's folder, which a Chromium killed while closing leaves behind) goes with
 * the profile. Not where the socket's path would be longer than a Unix socket's (about 100 bytes).
 */
function browserEnvironment(env: NodeJS.ProcessEnv, userDataDir: string): NodeJS.ProcessEnv {
  return join(userDataDir, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket').length < 100 ? { ...env, TMPDIR: userDataDir } : env;
}

/** Profile folders of builds that no longer run (killed before they could remove theirs). */
function removeStaleProfiles(): void {
  for (const name of readdirSync(tmpdir())) {
    const owner = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (owner && Number(owner) !== process.pid && !alive(Number(owner))) removeProfile(join(tmpdir(), name));
  }
}

/** The folder of the singleton socket a profile links to, which Chromium leaves when it is killed. */
function removeSingleton(profile: string): void {
  try {
    const socket = readlinkSync(join(profile, 'SingletonSocket'));
    if (socket.startsWith(tmpdir())) rmSync(dirname(socket), { recursive: true, force: true });
  } catch {
    // No socket: Chromium removed it, or never made one.
  }
}

/**
 * Removes a profile folder. Chromium's children, left running by a browser that crashed, can still
 * be writing in it: then it is left to the watcher, which kills them and removes it once the build
 * has ended, rather than failing the build.
 */
function removeProfile(folder: string): void {
  removeSingleton(folder);
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // The watcher's (watchOver).
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(messages.tooLong(Math.round(ms / 1000)))), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
