/** Incremental builds: unchanged outputs are skipped without a browser; changed ones reuse their page numbers. */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { resolveConfig } from '../src/config.js';
import { writeFileAtomic, type BuildEffects } from '../src/effects.js';
import { manifestPath, readManifest } from '../src/manifest.js';
import { PageGuesses } from '../src/pdf/contents.js';
import { readPdf, ROOT, tempDir, tempProject } from './helpers.js';

const effects: BuildEffects = { writeFile: writeFileAtomic, logger: { info: () => undefined, problem: () => undefined } };

describe('incremental builds', () => {
  it('skips what has not changed, reuses page numbers for what has, and rebuilds everything with --force', async () => {
    const dir = tempProject();
    const config = resolveConfig(['data/leicester'], {}, {}, dir);

    const first = await build(config, effects);
    expect(first.documents).toHaveLength(9);
    expect(first.unchanged).toBe(0);
    // A covering report has no contents: one print.
    expect(first.documents.filter((d) => d.document === 'covering-report').map((d) => d.prints)).toEqual([1, 1, 1]);

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

    const forced = await build({ ...config, force: true }, effects);
    expect(forced.documents).toHaveLength(9);
  });

  it('starts from the pages a like document read back: one print when they hold, true contents when they do not', async () => {
    const dir = tempProject();
    // A twin lays out as Leicester does; a third has a long first section, which moves every later one.
    cpSync(join(dir, 'data/leicester'), join(dir, 'data/leicester-twin'), { recursive: true });
    cpSync(join(dir, 'data/leicester'), join(dir, 'data/leicester-wordy'), { recursive: true });
    const long = join(dir, 'data/leicester-wordy/2023-24.yaml');
    const paragraph = 'Timeliness figures for children and adopters, discussed with partners at length in every quarter of the year. ';
    writeFileSync(long, readFileSync(long, 'utf8').replace(/  performance: \|\n.*\n/, `  performance: |\n${`    ${paragraph.repeat(6)}\n\n`.repeat(12)}`));
    const targets = ['leicester', 'leicester-twin', 'leicester-wordy'].map((a) => `data/${a}/2023-24.yaml`);
    const result = await build({ ...resolveConfig(targets, { concurrency: 1 }, {}, dir), only: ['annual-report'] }, effects);
    expect(result.failures).toEqual([]);
    // A draft and a print; one print; a print on the twin's pages, found wrong, and a print on the right ones.
    expect(result.documents.map((d) => `${d.authority} ${d.prints}`)).toEqual(['leicester 2', 'leicester-twin 1', 'leicester-wordy 2']);

    const pagesOf = (authority: string) => readManifest(manifestPath(join(dir, 'out', authority, '2023-24'), 'annual-report'))!.pages;
    expect(pagesOf('leicester-twin')).toEqual(pagesOf('leicester'));
    expect(pagesOf('leicester-wordy')).not.toEqual(pagesOf('leicester'));
    const printed = await readPdf(readFileSync(join(dir, 'out/leicester-wordy/2023-24/annual-report.pdf')));
    for (const [id, page] of Object.entries(pagesOf('leicester-wordy'))) expect(printed.destinations.get(id), id).toBe(page);
  });

  it('guesses for a kind only while its documents mostly break their pages like the one before', () => {
    const guesses = new PageGuesses();
    const pages = (performance: number) => new Map([['performance', performance]]);
    expect(guesses.guess('annual-report')).toBeUndefined();
    guesses.record('annual-report', pages(3));
    expect(guesses.guess('annual-report')).toEqual(pages(3));
    guesses.record('annual-report', pages(4)); // unlike the one before
    expect(guesses.guess('annual-report')).toEqual(pages(4));
    guesses.record('annual-report', pages(5)); // unlike again: drafts from now on
    expect(guesses.guess('annual-report')).toBeUndefined();
    // Scored all the same while drafted, so a run of like documents brings guessing back.
    guesses.record('annual-report', pages(5));
    guesses.record('annual-report', pages(5));
    expect(guesses.guess('annual-report')).toEqual(pages(5));
    // Each kind keeps its own score.
    expect(guesses.guess('statement-of-purpose')).toBeUndefined();
  });

  it("builds an authority's documents the same alone as among all the others", async () => {
    const dir = tempProject();
    const all = await build(resolveConfig([], { pdf: false, out: 'out-all' }, {}, dir), effects);
    const alone = await build(resolveConfig(['data/leicester'], { pdf: false, out: 'out-alone' }, {}, dir), effects);
    expect(all.documents.length).toBeGreaterThan(alone.documents.length);
    for (const document of alone.documents) {
      const path = relative(join(dir, 'out-alone'), document.htmlPath!);
      expect(readFileSync(document.htmlPath!, 'utf8'), path).toBe(readFileSync(join(dir, 'out-all', path), 'utf8'));
    }
  });

  it('rebuilds when a template changes, and when an output has been deleted', async () => {
    const dir = tempProject();
    const templates = join(dir, 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const config = { ...resolveConfig(['data/leicester/2022-23.yaml'], { pdf: false }, {}, dir), templatesDir: templates };
    expect((await build(config, effects)).documents).toHaveLength(3);
    const css = join(templates, 'styles/report.css');
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* changed */\n`);
    expect((await build(config, effects)).documents).toHaveLength(3);
    expect((await build(config, effects)).documents).toHaveLength(0);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'out/leicester/2022-23/annual-report.html'));
    expect((await build(config, effects)).documents.map((d) => d.document)).toContain('annual-report');
  });

  it('npm run bench builds a synthetic country and writes its figures (the figures themselves are not judged here)', () => {
    const dir = tempDir();
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench.js'), '--authorities', '2', '--naive', '1'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('whole build');
    const figures = JSON.parse(readFileSync(join(dir, 'out', 'bench', 'latest.json'), 'utf8'));
    expect(figures).toMatchObject({ authorities: 2, documents: 6, failures: 0, noop_unchanged: 6 });
    expect(figures.pages).toBeGreaterThan(12);
    for (const key of ['total_s', 'html_ms_per_document', 'pdf_documents_per_s', 'naive_ratio', 'peak_rss_mb']) expect(figures[key], key).toBeGreaterThan(0);
    expect(figures.noop_rebuild_s).toBeGreaterThanOrEqual(0);
    // WeasyPrint is compared where it is installed, and said to be skipped where not.
    if (figures.weasyprint_ratio === null) expect(run.stdout).toContain('weasyprint is not installed');
    else expect(figures.weasyprint_ratio).toBeGreaterThan(0);

    const wrong = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench.js'), '--authorities', 'all'], { cwd: dir, encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--authorities expects a whole number from 1, found "all"');
  });
});
