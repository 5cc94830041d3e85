/**
 * Printing in isolation and browser faults, in real Chromium: a document loads nothing, a crashed
 * browser is started again, a hung page fails alone, a browser that dies mid-build costs only its
 * documents.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { resolveConfig } from '../../src/config.js';
import { nodeFiles } from '../../src/effects.js';
import { ChromiumPrinter } from '../../src/pdf/browser.js';
import { findChromium } from '../../src/pdf/chromium.js';
import { CLI, quietEffects, readPdf, tempProject } from '../helpers.js';

const chromium = () => findChromium(nodeFiles, process.env.CHROMIUM_PATH ?? null);

describe('printing loads nothing but the document', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a dataset’s web and file images reach nobody, and the warning names the field', async () => {
    const dir = tempProject();
    const file = join(dir, 'data/leicester/2021-22.yaml');
    const text = readFileSync(file, 'utf8').replace(
      '    Timeliness figures for children and adopters as reported in the regional dashboard.',
      `    Timeliness figures.\n\n    ![chart](http://127.0.0.1:${port}/markdown.png) ![secrets](file:///etc/passwd)\n\n    <img src="http://127.0.0.1:${port}/raw.png"> <link rel="prefetch" href="http://127.0.0.1:${port}/prefetch"> <meta http-equiv="refresh" content="0;url=http://127.0.0.1:${port}/refresh"> <iframe src="http://127.0.0.1:${port}/frame"></iframe>`,
    );
    writeFileSync(file, text);
    const effects = quietEffects();
    const config = resolveConfig(['data/leicester/2021-22.yaml'], { only: ['annual-report'], formats: ['html', 'pdf'] }, {}, dir);
    const result = await build(config, effects);
    expect(result.failures).toEqual([]);
    expect(received).toEqual([]);
    const html = readFileSync(join(dir, 'out/leicester/2021-22/annual-report.html'), 'utf8');
    const pdf = await readPdf(readFileSync(join(dir, 'out/leicester/2021-22/annual-report.pdf')));
    for (const output of [html, pdf.text]) {
      expect(output.includes('root:x:0:0')).toBe(false);
      expect(output.includes(`127.0.0.1:${port}`)).toBe(false);
    }
    const messages = effects.warnings.map((w) => `${w.dataPath} ${w.message}`);
    expect(messages).toContain('narrative.performance image "chart" left out: images must be files in the authority’s folder, not addresses');
    expect(messages).toContain('narrative.performance image "secrets" left out: images must be files in the authority’s folder, not addresses');
  });

  it('the printer refuses every request a page makes, and reports it', async () => {
    const printer = await ChromiumPrinter.launch(chromium(), 1, { env: process.env });
    const blocked: string[] = [];
    try {
      const base = `http://127.0.0.1:${port}`;
      await printer.print(
        `<!doctype html><html lang="en"><head><title>t</title><link rel="prefetch" href="${base}/p"><link rel="stylesheet" href="${base}/s.css"></head><body><img src="${base}/i.png"><img src="file:///etc/passwd"><iframe src="${base}/f"></iframe><p style="background:url(${base}/bg.png)">x</p></body></html>`,
        { onBlockedRequest: (url) => blocked.push(url) },
      );
    } finally {
      await printer.close();
    }
    expect(received).toEqual([]);
    // Chromium never asks for file: from a document set as content; the rest are asked for and refused.
    expect(blocked).toEqual(
      expect.arrayContaining([
        `http://127.0.0.1:${port}/i.png`,
        `http://127.0.0.1:${port}/s.css`,
        `http://127.0.0.1:${port}/f`,
        `http://127.0.0.1:${port}/bg.png`,
      ]),
    );
  });
});

describe('browser faults', () => {
  it('a crashed browser is started again for the next document', async () => {
    const printer = await ChromiumPrinter.launch(chromium(), 1, { env: process.env });
    try {
      const html = '<!doctype html><html lang="en"><head><title>t</title></head><body><p>hello</p></body></html>';
      expect((await printer.print(html)).length).toBeGreaterThan(500);
      process.kill(printer.pid!, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await printer.print(html)).length).toBeGreaterThan(500);
      expect(printer.launches).toBe(2);
    } finally {
      await printer.close();
    }
  });

  it('a page that hangs past the timeout fails alone', async () => {
    const printer = await ChromiumPrinter.launch(chromium(), 1, { env: process.env, timeoutMs: 1 });
    try {
      await expect(printer.print('<!doctype html><title>t</title><p>x</p>')).rejects.toThrow('printing took too long');
    } finally {
      await printer.close();
    }
  });

  it('when Chromium dies during a build, the others are still built, the failure is named, and the exit is non-zero', async () => {
    const dir = tempProject();
    const child = spawn(
      process.execPath,
      // One page at a time: the kill fails the one document printing, and the next starts a new browser.
      // The covering reports: three documents, each printed once.
      [CLI, 'build', '--only', 'covering-report', '--formats', 'html,pdf', '--concurrency', '1', 'data/example-borough'],
      { cwd: dir },
    );
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!killed && stderr.includes('built ')) {
        killed = true;
        // Only this build's browser: other test files print at the same time.
        spawn('pkill', ['-KILL', '-P', String(child.pid), '-f', 'chromium']);
      }
    });
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    expect(killed).toBe(true);
    expect(code).toBe(1);
    const failed = /(\d+) document\(s\) failed:\n((?:  .*\n)+)/.exec(stderr);
    expect(failed, stderr).not.toBeNull();
    expect(failed![2]).toMatch(/ {2}[a-z-]+ \d{4}-\d{2} covering-report: /);
    const built = stderr.match(/^built /gm)?.length ?? 0;
    expect(built + Number(failed![1])).toBe(3);
    expect(built).toBeGreaterThan(Number(failed![1]));
  });

  it('a build killed outright leaves no Chromium running, no DevTools port and no profile folder', async () => {
    const dir = tempProject();
    const child = spawn(process.execPath, [CLI, 'build', '--only', 'covering-report', '--formats', 'html,pdf', '--concurrency', '1', 'data/example-borough'], { cwd: dir });
    const profile = `annual-report-chromium-${child.pid}-`;
    const chromium = () => spawnSync('pgrep', ['-a', '-f', `user-data-dir=[^ ]*${profile}`], { encoding: 'utf8' }).stdout.trim();
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk) => String(chunk).includes('built ') && resolve()));
    // Spoken to over a pipe: no port for another local process to use.
    const running = chromium();
    expect(running).toContain('--remote-debugging-pipe');
    expect(running).not.toContain('--remote-debugging-port');
    // Chromium's own temporary folders (its singleton socket's) are made inside the profile, which goes.
    const folder = join(tmpdir(), readdirSync(tmpdir()).find((name) => name.startsWith(profile))!);
    expect(dirname(dirname(readlinkSync(join(folder, 'SingletonSocket'))))).toBe(folder);
    child.kill('SIGKILL');
    let left = '';
    for (let waited = 0; waited < 5000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      left = `${chromium()}${readdirSync(tmpdir()).filter((name) => name.startsWith(profile)).join(' ')}`;
      if (left === '') break;
    }
    expect(left).toBe('');
  });
});
