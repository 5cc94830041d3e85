/** Incremental builds: unchanged outputs are skipped without a browser; changed ones reuse their page numbers. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { resolveConfig } from '../../src/config.js';
import { nodeFiles } from '../../src/effects.js';
import { manifestPath, readManifest } from '../../src/manifest.js';
import { quietEffects, readPdf, ROOT, tempDir, tempProject } from '../helpers.js';
import { examples } from './shared.js';

const effects = quietEffects();

describe('incremental builds', () => {
  it('skips what has not changed (in an out/ folder built elsewhere), reuses page numbers for what has, and rebuilds everything with --force', async () => {
    const dir = tempProject();
    // The examples were built by the compiled command: this build is that program's, run from its sources.
    const config = { ...resolveConfig(['data/leicester'], {}, {}, dir), codeDir: join(ROOT, 'dist') };
    // The examples' outputs, built in another folder from another copy of the data, carry over.
    cpSync(join(await examples(), 'leicester'), join(dir, 'out/leicester'), { recursive: true });

    const nothing = await build(config, effects);
    expect(nothing.documents).toEqual([]);
    expect(nothing.unchanged).toBe(9);
    expect(nothing.browserLaunches).toBe(0);

    // Change one year's narrative: its documents are rebuilt, and start from the pages they had.
    const file = join(dir, 'data/leicester/2023-24.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Timeliness figures for children and adopters', 'Timeliness figures for the children and adopters'));
    const changed = await build(config, effects);
    expect(changed.documents.map((d) => `${d.year} ${d.document} ${d.prints}`).sort()).toEqual([
      '2023-24 annual-report 1',
      '2023-24 covering-report 1',
      '2023-24 statement-of-purpose 1',
    ]);
    expect(changed.unchanged).toBe(6);

    // Unchanged outputs are rebuilt when forced (the covering reports: the quickest, one print each, having no contents).
    const forced = await build({ ...config, force: true, only: ['covering-report'] }, effects);
    expect(forced.documents.map((d) => `${d.year} ${d.prints}`).sort()).toEqual(['2021-22 1', '2022-23 1', '2023-24 1']);
  });

  it('starts from the pages a like document read back: one print when they hold, true contents when they do not', async () => {
    const dir = tempProject();
    // A twin lays out as Leicester does; a third has a long first section, which moves every later one.
    cpSync(join(dir, 'data/leicester'), join(dir, 'data/leicester-twin'), { recursive: true });
    cpSync(join(dir, 'data/leicester'), join(dir, 'data/leicester-wordy'), { recursive: true });
    // Partners of the regional agency too, as Leicester is, so that they lay out as it does.
    const agency = join(dir, 'data/family-adoption-links/agency.yaml');
    writeFileSync(agency, readFileSync(agency, 'utf8').replace('  - leicester\n', '  - leicester\n  - leicester-twin\n  - leicester-wordy\n'));
    const long = join(dir, 'data/leicester-wordy/2023-24.yaml');
    const paragraph = 'Timeliness figures for children and adopters, discussed with partners at length in every quarter of the year. ';
    writeFileSync(long, readFileSync(long, 'utf8').replace(/  performance: \|\n.*\n/, `  performance: |\n${`    ${paragraph.repeat(6)}\n\n`.repeat(12)}`));
    const targets = ['leicester', 'leicester-twin', 'leicester-wordy'].map((a) => `data/${a}/2023-24.yaml`);
    const result = await build({ ...resolveConfig(targets, { concurrency: 1, formats: ['html', 'pdf'] }, {}, dir), only: ['annual-report'] }, effects);
    expect(result.failures).toEqual([]);
    // A draft and a print; one print; a print on the twin's pages, found wrong, and a print on the right ones.
    expect(result.documents.map((d) => `${d.authority} ${d.prints}`)).toEqual(['leicester 2', 'leicester-twin 1', 'leicester-wordy 2']);

    const pagesOf = (authority: string) => readManifest(nodeFiles, manifestPath(join(dir, 'out', authority, '2023-24'), 'annual-report'))!.pages;
    expect(pagesOf('leicester-twin')).toEqual(pagesOf('leicester'));
    expect(pagesOf('leicester-wordy')).not.toEqual(pagesOf('leicester'));
    const printed = await readPdf(readFileSync(join(dir, 'out/leicester-wordy/2023-24/annual-report.pdf')));
    for (const [id, page] of Object.entries(pagesOf('leicester-wordy'))) expect(printed.destinations.get(id), id).toBe(page);
  });


  it("builds an authority's documents the same alone as among all the others", async () => {
    const among = await examples('html');
    const alone = join(tempDir(), 'out');
    const result = await build(resolveConfig(['data/leicester'], { pdf: false, out: alone }, {}, ROOT), effects);
    expect(result.documents.length).toBe(9);
    // The same, but for the links to the other formats (this build prints no PDF, and Word files' sizes vary by a few bytes).
    const content = (file: string) => readFileSync(file, 'utf8').replace(/<nav class="downloads"[\s\S]*?<\/nav>/, '');
    for (const document of result.documents) {
      const path = relative(alone, document.htmlPath!);
      expect(content(document.htmlPath!), path).toBe(content(join(among, path)));
    }
  });
});
