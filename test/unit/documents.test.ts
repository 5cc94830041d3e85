/** The document builders, without a browser: numbering, required sections, logos, cross-references. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/metrics/dataset.js';
import { preparePage } from '../../src/render/prepare.js';
import { coveringReportView } from '../../src/report/covering-report.js';
import { documentPages, singleDocumentPage } from '../../src/report/pages.js';
import { allSections } from '../../src/report/view.js';
import { loadData, ROOT, runCli, tempProject } from '../helpers.js';

function example(authority: string, year: string, cwd = ROOT): Dataset {
  const { datasets, problems } = loadData([`data/${authority}/${year}.yaml`], { dataDir: 'data', cwd });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return datasets[0]!;
}

const numbers = (dataset: Dataset) => {
  const { view } = coveringReportView(dataset, dataset.current.data.covering_report!, [], { years: 3, audience: 'public' as const });
  return allSections(preparePage(singleDocumentPage(view, false)).page.documents[0]!.sections).flatMap((s) =>
    s.blocks.flatMap((b) =>
      (b.paragraphs ?? []).map(
        (p) =>
          `${p.number} ${p.html
            .replace(/<[^>]+>/g, '')
            .split(' ')
            .slice(0, 3)
            .join(' ')}`,
      ),
    ),
  );
};

describe('covering report paragraph numbers', () => {
  it('renumber the rest when a paragraph is inserted', async () => {
    const dataset = example('leicestershire', '2024-25');
    const before = numbers(dataset);
    expect(before.slice(0, 2)).toEqual(['1.1 This report presents', '1.2 All three headline']);
    expect(before).toContain('6.3.2 Adopters are recruited');
    const covering = dataset.current.data.covering_report!;
    const edited = {
      ...dataset,
      current: {
        ...dataset.current,
        data: { ...dataset.current.data, covering_report: { ...covering, summary: `A new first paragraph.\n\n${covering.summary}` } },
      },
    };
    const after = numbers(edited);
    expect(after.slice(0, 3)).toEqual(['1.1 A new first', '1.2 This report presents', '1.3 All three headline']);
    expect(after.filter((n) => n.startsWith('2.'))).toEqual(before.filter((n) => n.startsWith('2.')));
  });

  it('number list items one by one, as the seeds do', async () => {
    expect(numbers(example('leicester', '2022-23')).filter((n) => n.startsWith('2.'))).toEqual(['2.1 The committee is', '2.2 The committee is']);
  });
});

describe('which documents an authority-year has', () => {
  it('builds all three when the dataset has them, and says why one is skipped', async () => {
    const dataset = example('leicestershire', '2024-25');
    expect(documentPages(dataset, { years: 3, audience: 'public' as const }, null).plans.map((p) => p.kind)).toEqual([
      'covering-report',
      'annual-report',
      'statement-of-purpose',
    ]);
    const without = { ...dataset, current: { ...dataset.current, data: { ...dataset.current.data, statement_of_purpose: undefined } } };
    const planned = documentPages(without, { years: 3, audience: 'public' as const }, null);
    expect(planned.plans.map((p) => p.kind)).toEqual(['covering-report', 'annual-report']);
    expect(planned.skipped).toEqual([{ kind: 'statement-of-purpose', reason: 'the dataset has no statement_of_purpose' }]);
  });
});

function editExample(dir: string, file: string, edit: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

describe('statement of purpose validation', () => {
  it('names a required section left empty', async () => {
    const dir = tempProject();
    editExample(dir, 'data/leicester/2022-23.yaml', (t) => t.replace(/  complaints: \|\n(    .*\n)+/, '  complaints: ""\n'));
    const result = await runCli(['validate', 'data/leicester/2022-23.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /data\/leicester\/2022-23\.yaml:\d+:\d+ {2}statement_of_purpose\.complaints {2}expected the complaints procedure, in Markdown \(a statement of purpose must have it\), found an empty value/,
    );
  });

  it('requires the next review within a year of approval', async () => {
    const dir = tempProject();
    editExample(dir, 'data/leicester/2022-23.yaml', (t) => t.replace('next_review: 2025-04-15', 'next_review: 2026-04-15'));
    const result = await runCli(['validate', 'data/leicester/2022-23.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('statement_of_purpose.next_review  expected the next review within a year of approval');
  });
});

describe('branding', () => {
  const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1d4f91"/></svg>';

  it('embeds a logo as an image with a text alternative', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'data/leicester/logo.svg'), svg);
    editExample(dir, 'data/leicester/authority.yaml', (t) => t.replace('  accent_colour: "#8a1538"', '  accent_colour: "#8a1538"\n  logo: logo.svg'));
    expect((await runCli(['build', '--formats', 'html', '--only', 'annual-report', 'data/leicester/2022-23.yaml'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'out/leicester/2022-23/annual-report.html'), 'utf8');
    const img = /<img class="logo" src="data:image\/svg\+xml;base64,([^"]+)" alt="Leicester City Council logo">/.exec(html);
    // Handlebars writes "=" as an entity in attributes; the browser reads it back.
    expect(Buffer.from(img![1]!.replace(/&#x3D;/g, '='), 'base64').toString()).toBe(svg);
  });

  it('refuses a logo that is not an image, and one that is missing', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'data/leicester/logo.svg'), 'this is not an image');
    editExample(dir, 'data/leicester/authority.yaml', (t) => t.replace('  accent_colour: "#8a1538"', '  accent_colour: "#8a1538"\n  logo: logo.svg'));
    const notImage = await runCli(['validate', 'data/leicester'], dir);
    expect(notImage.code).toBe(1);
    expect(notImage.stderr).toContain(
      'data/leicester/authority.yaml:13:9  branding.logo  expected the logo to be an SVG or PNG image: logo.svg is not a PNG, JPEG, GIF or SVG image',
    );
    editExample(dir, 'data/leicester/authority.yaml', (t) => t.replace('logo: logo.svg', 'logo: crest.png'));
    expect((await runCli(['validate', 'data/leicester'], dir)).stderr).toContain('expected a logo file crest.png beside authority.yaml, found no such file');
  });
});

describe('cross-references', () => {
  it('are an error, at the narrative that holds them, when they point at nothing', async () => {
    const dir = tempProject();
    editExample(dir, 'data/leicestershire/2024-25.yaml', (t) => t.replace('(#appendix-definitions)', '(#appendix-z)'));
    const result = await runCli(['build', '--formats', 'html', 'data/leicestershire/2024-25.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /data\/leicestershire\/2024-25\.yaml:\d+:\d+ {2}narrative\.executive_summary {2}the link "#appendix-z" points at nothing in the adoption service annual report; expected one of .*appendix-definitions/,
    );
    expect(result.stderr).toContain('nothing was written');
  });
});
