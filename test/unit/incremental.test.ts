/** Incremental builds without a browser: what a build skips, and page guesses from like documents. */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { resolveConfig } from '../../src/config.js';
import { PageGuesses } from '../../src/pdf/contents.js';
import { quietEffects, ROOT, tempProject } from '../helpers.js';

const effects = quietEffects();

describe('incremental builds', () => {
  it('guesses for a kind only while its documents mostly break their pages like the one before', async () => {
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
    rmSync(join(dir, 'out/leicester/2022-23/annual-report.html'));
    expect((await build(config, effects)).documents.map((d) => d.document)).toContain('annual-report');
  });

  it("rebuilds an authority's documents when a regional partner's dataset changes, since what they hide depends on it", async () => {
    const dir = tempProject();
    const config = resolveConfig(['data/leicester/2023-24.yaml'], { pdf: false, only: ['annual-report'] }, {}, dir);
    expect((await build(config, effects)).documents).toHaveLength(1);
    expect((await build(config, effects)).documents).toHaveLength(0);
    // Leicestershire is Leicester's partner in Family Adoption Links; Example Borough is not.
    const unrelated = join(dir, 'data/example-borough/2023-24.yaml');
    writeFileSync(unrelated, `${readFileSync(unrelated, 'utf8')}\n# edited\n`);
    expect((await build(config, effects)).documents).toHaveLength(0);
    const partner = join(dir, 'data/leicestershire/2023-24.yaml');
    writeFileSync(partner, `${readFileSync(partner, 'utf8')}\n# edited\n`);
    expect((await build(config, effects)).documents).toHaveLength(1);
  });

});
