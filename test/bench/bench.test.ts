/** The benchmark's smoke run (`npm run test:bench`): it builds a small synthetic country and writes its figures; the figures themselves are not judged. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

describe('npm run bench', () => {
  it('builds a synthetic country and writes its figures', async () => {
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
    for (const key of ['total_s', 'html_ms_per_document', 'pdf_documents_per_s', 'naive_ratio', 'peak_rss_mb', 'ssda903_import_ms']) expect(figures[key], key).toBeGreaterThan(0);
    expect(figures).toMatchObject({ ssda903_children: 2000 });
    expect(figures.ssda903_episodes).toBeGreaterThan(9000);
    expect(figures.noop_rebuild_s).toBeGreaterThanOrEqual(0);
    // WeasyPrint is compared where it is installed, and said to be skipped where not.
    if (figures.weasyprint_ratio === null) expect(run.stdout).toContain('weasyprint is not installed');
    else expect(figures.weasyprint_ratio).toBeGreaterThan(0);

    const wrong = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench.js'), '--authorities', 'all'], { cwd: dir, encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--authorities expects a whole number from 1, found "all"');
  });
});
