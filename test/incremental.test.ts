/** Incremental builds: unchanged outputs are skipped without a browser; changed ones reuse their page numbers. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { resolveConfig } from '../src/config.js';
import { writeFileAtomic, type BuildEffects } from '../src/effects.js';
import { ROOT, tempProject } from './helpers.js';

const effects: BuildEffects = { writeFile: writeFileAtomic, logger: { info: () => undefined, problem: () => undefined } };

describe('incremental builds', () => {
  it('skips what has not changed, reuses page numbers for what has, and rebuilds everything with --force', async () => {
    const dir = tempProject();
    const config = resolveConfig(['data/leicester'], {}, {}, dir);

    const first = await build(config, effects);
    expect(first.documents).toHaveLength(9);
    expect(first.unchanged).toBe(0);
    // A first build prints each document with a contents twice (a draft for the page numbers, then the real one).
    expect(first.documents.filter((d) => d.document === 'annual-report').map((d) => d.prints)).toEqual([2, 2, 2]);
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
});
