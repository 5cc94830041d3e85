/** The installed command as its own process: what only a real process shows, its exit status and its error stream. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_YAML, readPdf, spawnCli, tempProject } from '../helpers.js';

describe('annual-report as a process', () => {
  it('exits 1 on a broken dataset, with the problem at its line on stderr', async () => {
    const dir = tempProject({ 'data/example/authority.yaml': AUTHORITY_YAML, 'data/example/2024-25.yaml': 'year: 2024-25\nadopters:\n  approvals: -1\n' });
    const result = await spawnCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/example/2024-25.yaml:3:14  adopters.approvals  expected a whole number, 0 or more, found -1');
    expect(result.stdout).toBe('');
  });

  it('exits 2 on a usage error, with the reason on stderr, and 0 on --help, on stdout', async () => {
    const usage = await spawnCli(['build', '--years', 'none']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("option '--years <n>' argument 'none' is invalid");
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: annual-report');
  });
});

describe('a draft', () => {
  it('says DRAFT on every page of its PDF and in the PDF’s title', async () => {
    const dir = tempProject({
      'data/example/authority.yaml': AUTHORITY_YAML,
      'data/example/2024-25.yaml': 'year: 2024-25\nchildren:\n  placed: 20\nnarrative:\n  performance: |\n    To write for 2024/25.\n',
    });
    expect((await spawnCli(['build', '--only', 'annual-report', '--formats', 'pdf'], dir)).code).toBe(1);
    const run = await spawnCli(['build', '--only', 'annual-report', '--formats', 'pdf', '--draft'], dir);
    expect(run.code, run.stderr).toBe(0);
    const pdf = await readPdf(readFileSync(join(dir, 'out/example/2024-25/annual-report.pdf')));
    expect(pdf.title).toMatch(/^DRAFT: /);
    expect(pdf.numPages).toBeGreaterThan(1);
    pdf.pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain('DRAFT'));
  });
});
