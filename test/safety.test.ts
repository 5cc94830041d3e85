/**
 * Safe with any input: narrative is sanitised, printing loads nothing, templates are strict,
 * outputs are replaced whole or not at all, inputs are never written, and a browser that
 * crashes or hangs costs one document, not the build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { resolveConfig } from '../src/config.js';
import { writeFileAtomic, type BuildEffects } from '../src/effects.js';
import type { Problem } from '../src/errors.js';
import { Printer } from '../src/pdf/browser.js';
import { findChromium } from '../src/pdf/chromium.js';
import { markdownToHtml } from '../src/render/markdown.js';
import { CLI, readPdf, ROOT, runCli, tempDir, tempProject } from './helpers.js';

const chromium = () => findChromium(process.env.CHROMIUM_PATH ?? null);

function quietEffects(): BuildEffects & { warnings: Problem[]; writes: string[] } {
  const warnings: Problem[] = [];
  const writes: string[] = [];
  return {
    warnings,
    writes,
    writeFile: (path, data) => (writes.push(path), writeFileAtomic(path, data)),
    logger: { info: () => undefined, problem: (p) => warnings.push(p) },
  };
}

describe('narrative is sanitised', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '[md link](javascript:alert(1))',
    '<iframe src="https://example.org"></iframe>',
    '<form action="https://example.org"><input name="q"></form>',
    '<p style="display:none">hidden</p>',
    '<style>body{display:none}</style>',
    '<meta http-equiv="refresh" content="0;url=https://example.org">',
    '<link rel="prefetch" href="https://example.org/x">',
    '<object data="https://example.org/x"></object>',
    '<svg><script>alert(1)</script></svg>',
    '<div onclick="alert(1)">div</div>',
  ].join('\n\n');

  it('keeps headings, emphasis, lists, links and tables, and drops scripts, handlers, frames, forms, styles and javascript: links', () => {
    const html = markdownToHtml(`# Heading\n\n*em* **strong** [link](https://example.org)\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${hostile}`);
    expect(html).toContain('<h3>Heading</h3>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<a href="https://example.org">link</a>');
    expect(html).toContain('<th scope="col">a</th>');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<form|<input|style=|<style|<meta|<link|<object|<svg/i);
  });
});

describe('tables in narrative', () => {
  it('take their caption from a "Table:" line before them, and a table without one is reported', () => {
    let uncaptioned = 0;
    const html = markdownToHtml('Table: Panel business\n\n| Business | Cases |\n|---|---|\n| Matches | 24 |\n\n| a | b |\n|---|---|\n| 1 | 2 |', {
      onUncaptionedTable: () => uncaptioned++,
    });
    expect(html).toContain('<table><caption>Panel business</caption><thead><tr><th scope="col">Business</th>');
    expect(html.includes('<p>Table:')).toBe(false);
    expect(uncaptioned).toBe(1);
  });
});

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
    const config = resolveConfig(['data/leicester/2021-22.yaml'], { only: ['annual-report'] }, {}, dir);
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

  it('an image from the authority’s own folder is embedded', async () => {
    const dir = tempProject();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    writeFileSync(join(dir, 'data/leicester/dot.png'), png);
    const file = join(dir, 'data/leicester/2021-22.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('as reported in the regional dashboard.', 'as reported in the regional dashboard.\n\n    ![A dot](dot.png)'),
    );
    expect(runCli(['build', '--no-pdf', '--only', 'annual-report', 'data/leicester/2021-22.yaml'], dir).code).toBe(0);
    const html = readFileSync(join(dir, 'out/leicester/2021-22/annual-report.html'), 'utf8');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="A dot"/);
  });

  it('the printer refuses every request a page makes, and reports it', async () => {
    const printer = await Printer.launch(chromium(), 1);
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

describe('templates are strict', () => {
  it('a template naming a field the view lacks fails the document with the template file and line', async () => {
    const dir = tempProject();
    const templates = join(dir, 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const section = join(templates, 'partials/section.hbs');
    writeFileSync(section, readFileSync(section, 'utf8').replace('  {{#each blocks}}', '  <p>{{subtitel}}</p>\n  {{#each blocks}}'));
    const config = { ...resolveConfig(['data/leicester/2021-22.yaml'], { pdf: false, only: ['annual-report'] }, {}, dir), templatesDir: templates };
    const result = await build(config, quietEffects());
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.document).toBe('leicester 2021-22 annual-report');
    expect(result.failures[0]!.message).toMatch(/templates\/partials\/section\.hbs: "subtitel" not defined .* - 3:/);
  });
});

describe('nothing is lost', () => {
  const hashes = (folder: string) => {
    const out = new Map<string, string>();
    // Outputs only: build manifests (dot files) record what was built, and change with it.
    const walk = (f: string) =>
      readdirSync(f, { withFileTypes: true }).forEach((e) =>
        e.isDirectory()
          ? walk(join(f, e.name))
          : e.name.startsWith('.')
            ? undefined
            : out.set(
                join(f, e.name),
                createHash('sha256')
                  .update(readFileSync(join(f, e.name)))
                  .digest('hex'),
              ),
      );
    walk(folder);
    return out;
  };

  it('build and validate never write to the data folder', () => {
    const dir = tempProject();
    const before = hashes(join(dir, 'data'));
    expect(runCli(['validate'], dir).code).toBe(0);
    expect(runCli(['build', '--no-pdf', 'data/leicester'], dir).code).toBe(0);
    expect(hashes(join(dir, 'data'))).toEqual(before);
  });

  it('a build that fails half-way leaves the outputs it did not finish as they were, and no temporary files', async () => {
    const dir = tempProject();
    const config = resolveConfig(['data/leicester'], { pdf: false, only: ['annual-report'] }, {}, dir);
    await build(config, quietEffects());
    const before = hashes(join(dir, 'out'));
    // Change every dataset, then fail the write of one document's HTML.
    for (const year of ['2021-22', '2022-23', '2023-24']) {
      const file = join(dir, `data/leicester/${year}.yaml`);
      writeFileSync(file, readFileSync(file, 'utf8').replace('Head of Service, Corporate Parenting', 'Head of Service'));
    }
    const failing: BuildEffects = {
      ...quietEffects(),
      writeFile: (path, data) =>
        path.endsWith(join('2022-23', 'annual-report.html'))
          ? (() => {
              throw new Error('disk full');
            })()
          : writeFileAtomic(path, data),
    };
    const result = await build({ ...config, concurrency: 1 }, failing);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.message).toBe('disk full');
    const failed = join(dir, 'out', 'leicester', result.failures[0]!.document.split(' ')[1]!, 'annual-report.html');
    const after = hashes(join(dir, 'out'));
    const changed = [...after]
      .filter(([path, hash]) => before.get(path) !== hash)
      .map(([path]) => path)
      .filter((p) => p.endsWith('.html'));
    // The other two were rebuilt; the one whose write failed is as it was.
    expect(changed).toHaveLength(2);
    expect(changed).not.toContain(failed);
    expect(after.get(failed)).toBe(before.get(failed));
    expect([...after.keys()].filter((p) => p.endsWith('.tmp'))).toEqual([]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('writes a file whole or not at all', () => {
    const dir = tempDir();
    const target = join(dir, 'report.html');
    writeFileAtomic(target, 'first');
    mkdirSync(join(dir, 'blocked.html'));
    expect(() => writeFileAtomic(join(dir, 'blocked.html'), 'second')).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(readdirSync(dir).sort()).toEqual(['blocked.html', 'report.html']);
    expect(statSync(join(dir, 'blocked.html')).isDirectory()).toBe(true);
  });

  it('refuses identifiers that would write outside the output folder', () => {
    const result = runCli(['pack', '../etc', '2024-25'], tempProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected an authority written with lower-case letters');
  });
});

describe('browser faults', () => {
  it('a crashed browser is started again for the next document', async () => {
    const printer = await Printer.launch(chromium(), 1);
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
    const printer = await Printer.launch(chromium(), 1, { timeoutMs: 1 });
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
      [CLI, 'build', '--only', 'annual-report', 'data/example-borough', 'data/example-city', 'data/example-county', 'data/leicester'],
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
    expect(failed![2]).toMatch(/ {2}[a-z-]+ \d{4}-\d{2} annual-report: /);
    const built = stderr.match(/^built /gm)?.length ?? 0;
    expect(built + Number(failed![1])).toBe(12);
    expect(built).toBeGreaterThan(Number(failed![1]));
  });
});
