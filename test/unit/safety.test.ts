/**
 * Safe with any input: narrative is sanitised, templates are strict, outputs are replaced whole
 * or not at all, inputs are never written. (Printing in isolation and browser faults are in
 * test/e2e/browser.test.ts.)
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { resolveConfig } from '../../src/config.js';
import { nodeFiles, writeFileAtomic, type BuildEffects } from '../../src/effects.js';
import { markdownToHtml } from '../../src/render/markdown.js';
import { quietEffects, ROOT, runCli, tempDir, tempProject } from '../helpers.js';

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

  it('keeps headings, emphasis, lists, links and tables, and drops scripts, handlers, frames, forms, styles and javascript: links', async () => {
    const html = markdownToHtml(`# Heading\n\n*em* **strong** [link](https://example.org)\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${hostile}`);
    expect(html).toContain('<h3>Heading</h3>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<a href="https://example.org">link</a>');
    expect(html).toContain('<th scope="col">a</th>');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<form|<input|style=|<style|<meta|<link|<object|<svg|<img/i);
  });
});

describe('tables in narrative', () => {
  it('take their caption from a "Table:" line before them, and a table without one is reported', async () => {
    let uncaptioned = 0;
    const html = markdownToHtml('Table: Panel business\n\n| Business | Cases |\n|---|---|\n| Matches | 24 |\n\n| a | b |\n|---|---|\n| 1 | 2 |', {
      onUncaptionedTable: () => uncaptioned++,
    });
    expect(html).toContain('<table><caption>Panel business</caption><thead><tr><th scope="col">Business</th>');
    expect(html.includes('<p>Table:')).toBe(false);
    expect(uncaptioned).toBe(1);
  });
});

describe('images in narrative', () => {
  it('an image from the authority’s own folder is embedded', async () => {
    const dir = tempProject();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    writeFileSync(join(dir, 'data/leicester/dot.png'), png);
    const file = join(dir, 'data/leicester/2021-22.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('as reported in the regional dashboard.', 'as reported in the regional dashboard.\n\n    ![A dot](dot.png)'),
    );
    expect((await runCli(['build', '--no-pdf', '--only', 'annual-report', 'data/leicester/2021-22.yaml'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'out/leicester/2021-22/annual-report.html'), 'utf8');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="A dot"/);
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

  it('build and validate never write to the data folder', async () => {
    const dir = tempProject();
    const before = hashes(join(dir, 'data'));
    expect((await runCli(['validate'], dir)).code).toBe(0);
    expect((await runCli(['build', '--no-pdf', 'data/leicester'], dir)).code).toBe(0);
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
      files: {
        ...nodeFiles,
        write: (path, data) => {
          if (path.includes(`${join('leicester', '2022-23')}/`) && path.endsWith('annual-report.html')) throw new Error('disk full');
          nodeFiles.write(path, data);
        },
      },
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

  it('writes a file whole or not at all', async () => {
    const dir = tempDir();
    const target = join(dir, 'report.html');
    writeFileAtomic(target, 'first');
    mkdirSync(join(dir, 'blocked.html'));
    expect(() => writeFileAtomic(join(dir, 'blocked.html'), 'second')).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(readdirSync(dir).sort()).toEqual(['blocked.html', 'report.html']);
    expect(statSync(join(dir, 'blocked.html')).isDirectory()).toBe(true);
  });

  it('refuses identifiers that would write outside the output folder', async () => {
    const result = await runCli(['pack', '../etc', '2024-25'], tempProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected an authority written with lower-case letters');
  });
});


describe('outputs replaced as one unit', () => {
  const html = (dir: string, year: string) => readFileSync(join(dir, 'out/leicester', year, 'annual-report.html'), 'utf8');

  it('finishes a unit a killed build had marked complete, and removes one it had not, with any stray temporary file', async () => {
    const dir = tempProject();
    const config = resolveConfig(['data/leicester'], { pdf: false, only: ['annual-report'] }, {}, dir);
    await build(config, quietEffects());
    const folder = join(dir, 'out/leicester/2022-23');
    // Killed after marking its unit complete, before moving it into place:
    mkdirSync(join(folder, '.pending-annual-report'));
    writeFileSync(join(folder, '.pending-annual-report/annual-report.html'), 'the new one');
    writeFileSync(join(folder, '.pending-annual-report/.complete'), JSON.stringify(['annual-report.html']));
    // Killed while writing its unit, and in the middle of writing a file:
    const other = join(dir, 'out/leicester/2023-24');
    mkdirSync(join(other, '.pending-annual-report'));
    writeFileSync(join(other, '.pending-annual-report/annual-report.html'), 'half of it');
    writeFileSync(join(other, 'annual-report.html.1234.k3j4.tmp'), 'a half-written file');
    const before2324 = html(dir, '2023-24');
    await build({ ...config, targets: ['data/leicester/2021-22.yaml'], force: true }, quietEffects());
    expect(html(dir, '2022-23')).toBe('the new one');
    expect(html(dir, '2023-24')).toBe(before2324);
    expect(readdirSync(folder).filter((f) => f.startsWith('.pending'))).toEqual([]);
    expect(readdirSync(other).filter((f) => f.startsWith('.pending') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('two builds into one out/ at once: the second waits for the first, and each document is whole', async () => {
    const dir = tempProject();
    const first = quietEffects();
    const second = quietEffects();
    const config = resolveConfig(['data/leicester'], { pdf: false }, {}, dir);
    const [a, b] = await Promise.all([build({ ...config, force: true }, first), build({ ...config, force: true }, second)]);
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    expect([...first.lines, ...second.lines].some((line) => line.startsWith('waiting for the build writing into'))).toBe(true);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('symbolic links', () => {
  it('a year file or authority.yaml linked from outside the data folder is refused, and never quoted', async () => {
    const dir = tempProject();
    const secret = join(tempDir(), 'secret.yaml');
    writeFileSync(secret, 'year: 2024-25\npassword: hunter2\n');
    symlinkSync(secret, join(dir, 'data/leicester/2024-25.yaml'));
    const result = await runCli(['validate', 'data/leicester'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/leicester/2024-25.yaml  expected a file inside the data folder, found a link to a file outside it (not read)');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('a folder under out/ that is a symbolic link is refused, and nothing is written outside out/', async () => {
    const dir = tempProject();
    const elsewhere = tempDir();
    mkdirSync(join(dir, 'out/leicester'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'out/leicester/2022-23'));
    const result = await runCli(['build', '--no-pdf', 'data/leicester/2022-23.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is a symbolic link, and outputs are written only inside the output folder');
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
