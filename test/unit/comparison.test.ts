/** Comparing years and authorities, with the command (HTML only), against the Family Adoption Links dashboard. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearStarting } from '../../src/domain/fiscal-year.js';
import { narrativeDiff, yearComparisonPage } from '../../src/report/comparison.js';
import { allSections } from '../../src/report/view.js';
import { diffHtml } from '../../src/render/prepare.js';
import { loadData, runCli, tableRows, tempProject } from '../helpers.js';

let dir: string;
let html: string;

beforeAll(async () => {
  dir = tempProject();
  const run = await runCli(['compare', 'leicester', '--no-pdf'], dir);
  expect(run.code, run.stderr).toBe(0);
  html = readFileSync(join(dir, 'out/leicester/comparison.html'), 'utf8');
});

describe('comparing Leicester 2021-22 to 2023-24', () => {
  it('reproduces the seed dashboard’s adopter timeliness rows', async () => {
    const rows = new Map(tableRows(html, 'every-measure-table').map((r) => [r[0]!, r.slice(2, 5)]));
    expect(rows.get('Households who had a child placed')).toEqual(['14', '9', '11']);
    expect(rows.get('Enquiry to stage 1 start')).toEqual(['3.67 months', '2.71 months', '1.36 months']);
    expect(rows.get('Stage 1 (start to end)')).toEqual(['3.67 months', '3.71 months', '3.91 months']);
    expect(rows.get('Stage 1 end to stage 2 start')).toEqual(['0.08 months', '0.29 months', '0.18 months']);
    expect(rows.get('Stage 2 (start to approval)')).toEqual(['6.67 months', '7.89 months', '9.48 months']);
    expect(rows.get('Approval to match')).toEqual(['4.57 months', '6.89 months', '7 months']);
    expect(rows.get('Approval to placement')).toEqual(['7.18 months', '7 months', '8.57 months']);
  });

  it('reproduces its children timeliness rows, and their differences from the England figures', async () => {
    const rows = new Map(tableRows(html, 'every-measure-table').map((r) => [r[0]!, r.slice(2, 5)]));
    expect(rows.get('Children placed with adoptive families')).toEqual(['31', '27', '22']);
    expect(rows.get('Average time between the placement order and the child moving in with the adoptive family')).toEqual([
      '260.94 days',
      '227.09 days',
      '248.37 days',
    ]);
    const england = tableRows(html, 'england-table').slice(1);
    expect(england.map((r) => [r[0], r[1], r[3], r[4], r[6]])).toEqual([
      ['2021/22', '663.63 days', '183.63 ↑ worse', '247.25 days', '50.25 ↑ worse'],
      ['2022/23', '692.23 days', '212.23 ↑ worse', '218.04 days', '21.04 ↑ worse'],
      ['2023/24', '530.09 days', '50.09 ↑ worse', '237.63 days', '40.63 ↑ worse'],
    ]);
  });

  it('words each change and marks it better, worse, or not judged for counts', async () => {
    const rows = new Map(tableRows(html, 'every-measure-table').map((r) => [r[0]!, r.slice(5)]));
    expect(rows.get('A10: Average time between a child entering care and moving in with its adoptive family')).toEqual(['a decrease of 162.14 days', 'better']);
    expect(rows.get('Children placed with adoptive families')).toEqual(['a decrease of 5', 'not judged (no better direction)']);
    expect(rows.get('Stage 2 (start to approval)')).toEqual(['an increase of 1.59 months', 'worse']);
  });

  it('lists the largest changes and puts the two latest narratives side by side', async () => {
    expect(html).toContain('<p>The 6 largest changes from 2022/23 to 2023/24, by percentage:</p><ol><li>Enquiry to stage 1 start: a decrease of 1.35 months (-49.8%)');
    expect(html).toContain('<table id="narrative-table">');
  });

  it('shows a year with no dataset as missing, with a note', async () => {
    const run = await runCli(['compare', 'leicester', '2020-21', '2021-22', '--no-pdf'], dir);
    expect(run.code).toBe(0);
    const missing = readFileSync(join(dir, 'out/leicester/comparison.html'), 'utf8');
    const row = tableRows(missing, 'every-measure-table').find((r) => r[0] === 'Children placed with adoptive families')!;
    expect(row.slice(2, 4)).toEqual(['no data', '31']);
    expect(missing).toContain('No dataset for 2020/21: shown as “no data”, not as zero.');
  });
});

describe('comparing a regional adoption agency’s years', () => {
  it('lists the figures its year files name, year by year, and its own sections side by side', async () => {
    const run = await runCli(['compare', 'example-adoption-partnership', '--no-pdf'], dir);
    expect(run.code, run.stderr).toBe(0);
    const agency = readFileSync(join(dir, 'out/example-adoption-partnership/comparison.html'), 'utf8');
    const rows = new Map(tableRows(agency, 'every-measure-table').map((r) => [r[0]!, r.slice(1)]));
    expect(rows.get('Information event places booked')).toEqual(['Other figures', '380', '420', '455', 'an increase of 35', 'better']);
    const narrative = new Map(tableRows(agency, 'narrative-table').map((r) => [r[0]!, r.slice(1)]));
    expect([...narrative.keys()]).toContain('Governance and the pooled budget');
    expect([...narrative.keys()]).toContain('Background (unchanged)');
  });
});

describe('a definition change', () => {
  it('compares A1 and A10 only with themselves, and says so', async () => {
    const dir2 = tempProject({
      'data/x/authority.yaml': 'name: X Council\nshort_name: X\ncontact:\n  team: Adoption\n',
      'data/x/2020-21.yaml': 'year: 2020-21\nauthor:\n  role: Manager\nscorecard:\n  a1:\n    days: 500\n',
      'data/x/2021-22.yaml': 'year: 2021-22\nauthor:\n  role: Manager\nscorecard:\n  a10:\n    days: 450\n',
    });
    const { datasets } = loadData([], { dataDir: 'data', cwd: dir2 });
    const page = yearComparisonPage(datasets.at(-1)!, [fiscalYearStarting(2020), fiscalYearStarting(2021)]);
    const table = allSections(page.documents[0]!.sections)
      .flatMap((s) => s.blocks)
      .find((b) => b.table?.id === 'every-measure-table')!.table!;
    const rows = new Map(table.rows.map((r) => [r.header.slice(0, 3), r.cells.map((c) => c.text)]));
    expect(rows.get('A10')!.slice(1)).toEqual(['not given', '450 days', 'not available', 'not available']);
    expect(rows.get('A1:')!.slice(1)).toEqual(['500 days', 'not given', 'not available', 'not available']);
    expect(table.notes.join(' ')).toContain('A10 and A1 measure the same journey with different definitions');
  });
});

describe('narrative differences', () => {
  it('marks removed and added words, for sight and for screen readers', async () => {
    const diff = narrativeDiff('Panels meet monthly online.', 'Panels meet monthly in person.');
    expect(diffHtml(diff.before)).toBe('Panels meet monthly <del><span class="visually-hidden">[removed: </span>online<span class="visually-hidden">] </span></del>.');
    expect(diffHtml(diff.after)).toBe('Panels meet monthly <ins><span class="visually-hidden">[added: </span>in person<span class="visually-hidden">] </span></ins>.');
    expect(diffHtml([])).toBe('<em>none</em>');
  });

  it('compares the text a reader sees, every space kept: an inserted sentence, a deleted one, a changed figure, a link', () => {
    const before = 'The service places children for adoption\nand supports families. Panels met 12 times. See [Appendix A](#appendix-definitions) for **definitions**.';
    const after = 'The service places children for adoption, and supports families. It opened a new hub. Panels met 14 times. See [Appendix A](#appendix-definitions) for definitions.';
    const diff = narrativeDiff(before, after);
    const side = (parts: typeof diff.before) => parts.map((p) => p.text).join('');
    // Each side reads as its own text, in words: no Markdown, no words run together.
    expect(side(diff.before)).toBe('The service places children for adoption and supports families. Panels met 12 times. See Appendix A for definitions.');
    expect(side(diff.after)).toBe('The service places children for adoption, and supports families. It opened a new hub. Panels met 14 times. See Appendix A for definitions.');
    const changed = (parts: typeof diff.before, change: 'added' | 'removed') => parts.filter((p) => p.change === change).map((p) => p.text.trim()).filter(Boolean);
    expect(changed(diff.after, 'added')).toEqual([',', 'It opened a new hub.', '14']);
    expect(changed(diff.before, 'removed')).toEqual(['12']);
    // A deleted sentence.
    const deleted = narrativeDiff('One. Two sentences here. Three.', 'One. Three.');
    expect(side(deleted.after)).toBe('One. Three.');
    expect(changed(deleted.before, 'removed')).toEqual(['Two sentences here.']);
    expect(diffHtml(narrativeDiff('First paragraph.\n\nSecond.', 'First paragraph.\n\nSecond.').after)).toBe('First paragraph.<br><br>Second.');
  });
});

describe('comparing the partners of a regional adoption agency', () => {
  it('puts three example authorities side by side, with totals where summing means something', async () => {
    const d = tempProject();
    const run = await runCli(['compare', '--no-pdf', '--region', 'Example Adoption Partnership', '2024-25'], d);
    expect(run.code, run.stderr).toBe(0);
    const region = readFileSync(join(d, 'out/regions/example-adoption-partnership/2024-25/comparison.html'), 'utf8');
    const approvals = tableRows(region, 'approvals-table');
    expect(approvals.map((r) => r[0])).toEqual(['Authority', 'Example Borough', 'Example City', 'Example County', 'Example Adoption Partnership (total)']);
    for (let c = 1; c < approvals[0]!.length; c++) {
      const parts = approvals.slice(1, 4).map((r) => Number(r[c]));
      expect(Number(approvals[4]![c])).toBe(parts.reduce((a, b) => a + b, 0));
    }
    const scorecard = tableRows(region, 'scorecard-table');
    expect(scorecard[4]![0]).toBe('Example Adoption Partnership (pooled over every child)');
    expect(region).toContain('means are never added up');
    expect((await runCli(['compare', '--no-pdf', '--region', 'Nowhere Partnership', '2024-25'], d)).stderr).toContain(
      'the agencies named are: Example Adoption Partnership, Family Adoption Links',
    );
  });

  it("hides each partner's provision types so that neither its children placed nor the regional total gives one away", async () => {
    // Only in house and voluntary agency: Alpha's 3 is small; the column then hides Beta's 20, and
    // Beta's row, whose children placed is published, must then hide a second part.
    const partner = (name: string, placed: number, inHouse: number, voluntary: number) => ({
      [`data/${name.toLowerCase()}/authority.yaml`]: `name: ${name} Council\nshort_name: ${name}\nregional_agency: Test Partnership\ncontact:\n  team: Adoption Service\n`,
      [`data/${name.toLowerCase()}/2024-25.yaml`]: `year: 2024-25\nauthor:\n  role: Service Manager\nchildren:\n  placed: ${placed}\nplacements_by_provision:\n  in_house: ${inHouse}\n  voluntary_agency: ${voluntary}\n`,
    });
    const d = tempProject({ ...partner('Alpha', 30, 27, 3), ...partner('Beta', 40, 20, 20), ...partner('Gamma', 50, 20, 30) });
    const run = await runCli(['compare', '--no-pdf', '--region', 'Test Partnership', '2024-25'], d);
    expect(run.code, run.stderr).toBe(0);
    const region = readFileSync(join(d, 'out/regions/test-partnership/2024-25/comparison.html'), 'utf8');
    const provision = tableRows(region, 'provision-table');
    const column = (label: string) => provision[0]!.indexOf(label);
    const cells = (row: number) => [provision[row]![column('In-house')], provision[row]![column('Voluntary agency')]];
    expect(cells(1)).toEqual(['c', 'c']); // Alpha: its 3, and a second part, since its 30 is published
    expect(cells(2)).toEqual(['c', 'c']); // Beta: hidden by the column, then by its own row
    expect(cells(3)).toEqual(['20', '30']);
    // Every children placed is published, and no hidden part can be worked out from it.
    expect(
      tableRows(region, 'children-table')
        .slice(1, 4)
        .map((r) => r[1]),
    ).toEqual(['30', '40', '50']);
  });

  it("does not let a partner's provision types add up to a children placed hidden for the regional total", async () => {
    const partner = (name: string, placed: number, inHouse?: number) => ({
      [`data/${name.toLowerCase()}/authority.yaml`]: `name: ${name} Council\nshort_name: ${name}\nregional_agency: Test Partnership\ncontact:\n  team: Adoption Service\n`,
      [`data/${name.toLowerCase()}/2024-25.yaml`]: `year: 2024-25\nauthor:\n  role: Service Manager\nchildren:\n  placed: ${placed}\n${inHouse === undefined ? '' : `placements_by_provision:\n  in_house: ${inHouse}\n`}`,
    });
    // Alpha's 4 is hidden, so the column hides Beta's 12; Beta's in-house 12 would say it again.
    const d = tempProject({ ...partner('Alpha', 4), ...partner('Beta', 12, 12), ...partner('Gamma', 50, 50) });
    expect((await runCli(['compare', '--no-pdf', '--region', 'Test Partnership', '2024-25'], d)).code).toBe(0);
    const region = readFileSync(join(d, 'out/regions/test-partnership/2024-25/comparison.html'), 'utf8');
    expect(
      tableRows(region, 'children-table')
        .slice(1, 3)
        .map((r) => r[1]),
    ).toEqual(['c', 'c']);
    expect(tableRows(region, 'provision-table')[2]![1]).toBe('c');
  });
});
