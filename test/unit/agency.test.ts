/**
 * The regional adoption agency as a reporting body: its files checked at their lines, its report's
 * regional figures worked out again here from the partners' datasets (sums, and means pooled over
 * every child), its section typed once and printed in every partner's report, disclosure across
 * the partners, and an edit to its year file rebuilding exactly the documents that print it.
 */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROVISION_TYPES, SCORECARD_MEASURES } from '../../src/domain/measures.js';
import { formatValue, roundFor } from '../../src/domain/format.js';
import { readerText } from '../../src/report/comparison.js';
import { loadData, runCli, tableRowsByCaption, tempProject } from '../helpers.js';

const bodyText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('a regional adoption agency’s files', () => {
  const agencyYaml = (partners: string) => `name: Example Adoption Partnership\nhost_authority: Example County Council\npartners:\n${partners}contact:\n  team: Hub\n`;

  it('names partners that exist and name it back, each problem at its line', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'data/example-adoption-partnership/agency.yaml'), agencyYaml('  - example-borough\n  - example-town\n  - leicester\n'));
    const run = await runCli(['validate', 'data/example-adoption-partnership'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('data/example-adoption-partnership/agency.yaml:5:5  partners[1]  expected "example-town" to be a partner authority with a folder of its own, found no data/example-town/authority.yaml');
    expect(run.stderr).toContain('data/example-adoption-partnership/agency.yaml:6:5  partners[2]  expected leicester\'s authority.yaml to name Example Adoption Partnership as its regional_agency, found "Family Adoption Links"');
  });

  it('says so at regional_agency when an authority names an agency that does not list it', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'data/example-adoption-partnership/agency.yaml'), agencyYaml('  - example-borough\n  - example-county\n'));
    const run = await runCli(['validate', 'data/example-city'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/data\/example-city\/authority\.yaml:\d+:18 {2}regional_agency {2}Example Adoption Partnership \(data\/example-adoption-partnership\/agency\.yaml\) does not list "example-city" among its partners/);
  });

  it('is found by any of its names: its own, its short name or its folder’s', async () => {
    const dir = tempProject();
    renameSync(join(dir, 'data/example-adoption-partnership'), join(dir, 'data/eap'));
    const city = join(dir, 'data/example-city/authority.yaml');
    writeFileSync(city, readFileSync(city, 'utf8').replace('regional_agency: Example Adoption Partnership', 'regional_agency: EAP'));
    const run = await runCli(['build', '--no-pdf', '--formats', 'html', 'data/example-city/2024-25.yaml', 'data/eap/2024-25.yaml'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/example-city/2024-25/annual-report.html'), 'utf8')).toContain('Written by Example Adoption Partnership');
    expect(bodyText(readFileSync(join(dir, 'out/regions/eap/2024-25/annual-report.html'), 'utf8'))).toContain('Added up from the datasets of the partners this report holds for 2024/25 (Example Borough, Example City, Example County)');
    // One region still: an edit to a partner that names it in full rebuilds the one that calls it EAP.
    appendFileSync(join(dir, 'data/example-borough/2024-25.yaml'), '# edited\n');
    const again = await runCli(['build', '--no-pdf', '--formats', 'html', '--verbose', 'data/example-city/2024-25.yaml'], dir);
    expect(again.stderr).toMatch(/^built example-city 2024-25 annual-report/m);
  });

  it('checks its year file’s fields and typed numbers at their lines', async () => {
    const dir = tempProject();
    const year = join(dir, 'data/example-adoption-partnership/2024-25.yaml');
    writeFileSync(year, readFileSync(year, 'utf8').replace('    The newsletter for adopters', '    People booked 455 places. The newsletter for adopters').replace('workstreams:', 'workstream:'));
    const run = await runCli(['validate', 'data/example-adoption-partnership'], dir);
    expect(run.stderr).toMatch(/2024-25\.yaml:\d+:1 {2}workstream {2}warning: unknown field "workstream" is ignored; did you mean "workstreams"\?/);
    expect(run.stderr).toMatch(/2024-25\.yaml:\d+:\d+ {2}sections\.adoption_support {2}warning: .*455.*\{\{figures\.event_places_booked\}\}/);
  });
});

describe('the agency’s annual report and its section in every partner’s', () => {
  let dir: string;
  let agencyHtml: string;
  const partnerIds = ['example-borough', 'example-city', 'example-county'];
  const REGION = ['example-adoption-partnership', ...partnerIds].map((id) => `data/${id}`);

  beforeAll(async () => {
    dir = tempProject();
    // The agency and its partners: what the agency's files can change (the other examples are another region's).
    const run = await runCli(['build', '--no-pdf', '--formats', 'html', ...REGION], dir);
    expect(run.code, run.stderr).toBe(0);
    agencyHtml = readFileSync(join(dir, 'out/regions/example-adoption-partnership/2024-25/annual-report.html'), 'utf8');
  }, 120_000);

  it('adds up the partners’ counts and pools their scorecard over every child, as worked out here from their datasets', () => {
    const { datasets } = loadData(
      partnerIds.map((id) => `data/${id}/2024-25.yaml`),
      { dataDir: 'data', cwd: dir },
    );
    expect(datasets).toHaveLength(3);
    const children = tableRowsByCaption(agencyHtml, 'Children’s plans, placements and orders, 2024/25');
    const placed = datasets.map((d) => d.current.figures.get('children.placed')!.value);
    expect(children.get('Example Adoption Partnership (total)')![2]).toBe(formatValue('count', placed.reduce((a, b) => a + b, 0)));
    const scorecard = tableRowsByCaption(agencyHtml, 'The adoption scorecard (days), 2024/25');
    const a2 = SCORECARD_MEASURES.find((m) => m.code === 'A2')!;
    const figures = datasets.map((d) => d.current.figures.get(a2.id)!);
    const pooled = figures.reduce((n, f) => n + f.value * f.base!, 0) / figures.reduce((n, f) => n + f.base!, 0);
    const header = [...scorecard.keys()][0]!;
    const column = (tableRowsByCaption(agencyHtml, 'The adoption scorecard (days), 2024/25').get(header) ?? []).findIndex((h) => h.startsWith('A2'));
    expect(scorecard.get('Example Adoption Partnership (pooled over every child)')![column]).toBe(formatValue('days', roundFor('days', pooled)));
    // Not the mean of the means, which differs here.
    expect(formatValue('days', roundFor('days', figures.reduce((n, f) => n + f.value, 0) / 3))).not.toBe(formatValue('days', roundFor('days', pooled)));
  });

  it('prints the hub’s figures, its workstreams and a dashboard appendix for each partner', () => {
    const text = bodyText(agencyHtml);
    expect(text).toContain('People booked 455 places on information events');
    expect(text).toContain('£480,000.00 in 2024/25');
    expect(text).toContain('Led by Service Manager, Example City');
    for (const name of ['Example Borough', 'Example City', 'Example County']) expect(text).toContain(`Appendix ${['Example Borough', 'Example City', 'Example County'].indexOf(name) + 1}: ${name}`);
    // A partner's dashboard as its own report prints it: Example Borough's, the first appendix.
    const own = readFileSync(join(dir, 'out/example-borough/2024-25/annual-report.html'), 'utf8');
    for (const caption of ['Children placed by age when they moved in, 2022/23 to 2024/25', 'Adopter timeliness by stage (months), 2022/23 to 2024/25'])
      expect(tableRowsByCaption(agencyHtml, caption), caption).toEqual(tableRowsByCaption(own, caption));
    // Three years of its own figures, from its earlier year files.
    const hub = tableRowsByCaption(agencyHtml, 'EAP’s figures, 2022/23 to 2024/25');
    expect(hub.get('Information event places booked')!.slice(0, 3)).toEqual(['380', '420', '455']);
  });

  it('hides across the partners what the region comparison hides, and no small count', async () => {
    const region = await runCli(['compare', '--region', 'Example Adoption Partnership', '2024-25', '--no-pdf'], dir);
    expect(region.code, region.stderr).toBe(0);
    const comparison = readFileSync(join(dir, 'out/regions/example-adoption-partnership/2024-25/comparison.html'), 'utf8');
    const caption = 'Children placed by provision type, 2024/25';
    expect(tableRowsByCaption(agencyHtml, caption)).toEqual(tableRowsByCaption(comparison, caption));
    const cells = [...tableRowsByCaption(agencyHtml, caption).values()].flat();
    expect(cells).toContain('c');
    expect(cells.filter((c) => /^[1-5]$/.test(c))).toEqual([]);
    expect(PROVISION_TYPES.length).toBe(tableRowsByCaption(agencyHtml, caption).get('Authority')!.length);
  });

  it('puts the agency’s text for its partners, the same words, in each partner’s annual report, marked as the agency’s', () => {
    const typed = readFileSync(join(dir, 'data/example-adoption-partnership/2024-25.yaml'), 'utf8');
    const forPartners = /for_partners: \|\n([\s\S]*)$/.exec(typed)![1]!.replace(/^ {2}/gm, '');
    const expected = readerText(forPartners.replace('{{figures.event_places_booked}}', '455').replace('{{figures.placed_within_agency}}', '71%')).replace(/\s+/g, ' ').trim();
    for (const id of partnerIds) {
      const text = bodyText(readFileSync(join(dir, `out/${id}/2024-25/annual-report.html`), 'utf8'));
      expect(text).toContain('Written by Example Adoption Partnership for each partner’s annual report, 2024/25.');
      expect(text).toContain(expected);
    }
  });

  it('rebuilds, on an edit to the agency’s year file, exactly the documents that print it', async () => {
    // Every example built, so that a document outside the region rebuilt would show.
    expect((await runCli(['build', '--formats', 'html'], dir)).code).toBe(0);
    appendFileSync(join(dir, 'data/example-adoption-partnership/2023-24.yaml'), '# edited\n');
    const run = await runCli(['build', '--formats', 'html', '--verbose'], dir);
    expect(run.code, run.stderr).toBe(0);
    const built = [...run.stderr.matchAll(/^built (\S+ \S+ \S+)/gm)].map((m) => m[1]).sort();
    // The agency's later report too: it shows three years of the agency's own figures.
    expect(built).toEqual([
      'example-adoption-partnership 2023-24 annual-report',
      'example-adoption-partnership 2024-25 annual-report',
      'example-borough 2023-24 annual-report',
      'example-city 2023-24 annual-report',
      'example-county 2023-24 annual-report',
    ]);
  });
});
