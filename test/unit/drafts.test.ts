/** Drafts are never published by accident: sections still to write are listed, refused in public documents, and marked DRAFT when built anyway. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_YAML, runCli, tempProject } from '../helpers.js';

const draft = () =>
  tempProject({
    'data/example/authority.yaml': AUTHORITY_YAML,
    'data/example/2024-25.yaml': [
      'year: 2024-25',
      'author:',
      '  role: Service Manager',
      'children:',
      '  placed: 20',
      'narrative:',
      '  executive_summary: |',
      '    The year in brief.',
      '',
      '    To write for 2024/25.',
      '  performance: |',
      '    ## Timeliness',
      '',
      '    To write for 2024/25.',
      'recommendations:',
      '  - action: To write.',
      '    owner: Service Manager',
      '    by: March 2026',
      '',
    ].join('\n'),
  });

describe('sections still to write', () => {
  it('are listed by validate at their lines, as warnings, and as errors under --strict', async () => {
    const dir = draft();
    const run = await runCli(['validate'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('data/example/2024-25.yaml:10:5  narrative.executive_summary  warning: still to fill in: "To write for 2024/25."');
    expect(run.stderr).toContain('data/example/2024-25.yaml:14:5  narrative.performance  warning: still to fill in: "To write for 2024/25."');
    expect(run.stderr).toContain('data/example/2024-25.yaml:16:13  recommendations[0].action  warning: still to fill in: "To write."');
    expect((await runCli(['validate', '--strict'], dir)).code).toBe(1);
  });

  it('keep a public document from being built, and nothing is written', async () => {
    const dir = draft();
    const run = await runCli(['build', '--formats', 'html'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('narrative.executive_summary  still to fill in');
    expect(run.stderr).toContain('build a draft with --draft');
    expect(existsSync(join(dir, 'out/example'))).toBe(false);
    // A restricted document is for the committee's eyes, not publication: it builds.
    expect((await runCli(['build', '--formats', 'html', '--audience', 'restricted'], dir)).code).toBe(0);
  });

  it('build with --draft, saying DRAFT in the title, at the top and across the page', async () => {
    const dir = draft();
    const run = await runCli(['build', '--formats', 'html', '--draft'], dir);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out/example/2024-25/annual-report.html'), 'utf8');
    expect(/<title>([^<]*)<\/title>/.exec(html)![1]).toMatch(/^DRAFT: /);
    expect(html).toContain('<p class="draft-banner"><strong>Draft:</strong> not for publication.');
    expect(html).toContain('<div class="draft-mark" aria-hidden="true">DRAFT</div>');
    expect(html).toContain('@top-center { content: "DRAFT"');
    // A document built without --draft has none of it.
    const clean = tempProject({ 'data/example/authority.yaml': AUTHORITY_YAML, 'data/example/2024-25.yaml': 'year: 2024-25\nchildren:\n  placed: 20\n' });
    expect((await runCli(['build', '--formats', 'html'], clean)).code).toBe(0);
    expect(readFileSync(join(clean, 'out/example/2024-25/annual-report.html'), 'utf8')).not.toContain('DRAFT');
  });
});
