/** Records in datasets: checks at their lines, figures cross-checked, named in narrative, and disclosure control in built documents. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { fiscalYearStarting } from '../../src/domain/fiscal-year.js';
import { measure } from '../../src/domain/measures.js';
import { threeYearFigure } from '../../src/metrics/history.js';
import { scorecardFromRecords } from '../../src/metrics/records.js';
import { loadData, AUTHORITY_YAML, ROOT, runCli, tempProject } from '../helpers.js';

const HEAD = `year: 2024-25
author:
  role: Service Manager
`;
const RECORDS = `children_records:
  - ref: C1
    birth_month: 2022-01
    sex: female
    ethnicity: White British
    entered_care: 2023-01-01
    placement_order: 2023-07-01
    matched: 2023-09-01
    placed: 2023-10-01
    adoption_order: 2024-06-01
    provision: in_house
    status: adopted
  - ref: C2
    birth_month: 2021-05
    sex: male
    ethnicity: White British
    entered_care: 2023-03-01
    placement_order: 2023-08-01
    matched: 2023-07-15
    placed: 2023-09-01
    adoption_order: 2024-05-01
    provision: voluntary_agency
    status: adopted
`;

function load(yaml: string, options: { strict?: boolean } = {}) {
  const dir = tempProject({ 'data/example/authority.yaml': AUTHORITY_YAML, 'data/example/2024-25.yaml': yaml });
  return loadData([], { dataDir: 'data', cwd: dir, ...options });
}

describe('records checked at their lines', () => {
  it('a placement before its placement order, and an adoption order before the placement', async () => {
    const text = HEAD + RECORDS.replace('placed: 2023-10-01', 'placed: 2023-06-01').replace('adoption_order: 2024-05-01', 'adoption_order: 2023-08-20');
    const messages = load(text)
      .problems.filter((p) => p.severity === 'error')
      .map(formatProblem);
    expect(
      messages.some((m) =>
        m.startsWith(
          'data/example/2024-25.yaml:12:13  children_records[0].placed  expected moving in on or after the placement order (2023-07-01), found 2023-06-01',
        ),
      ),
    ).toBe(true);
    expect(
      messages.some((m) => m.includes('children_records[1].adoption_order  expected the adoption order on or after moving in (2023-09-01), found 2023-08-20')),
    ).toBe(true);
  });

  it('a date after the end of the year, and a reference used twice', async () => {
    const text = HEAD + RECORDS.replace('adoption_order: 2024-06-01', 'adoption_order: 2025-06-01').replace('ref: C2', 'ref: C1');
    const messages = load(text).problems.map(formatProblem);
    expect(messages.some((m) => m.includes('children_records[0].adoption_order  expected a date by the end of 2024/25 (2025-03-31), found 2025-06-01'))).toBe(
      true,
    );
    expect(messages.some((m) => m.includes('children_records[1].ref  expected each reference once, found C1 again (first at record 1)'))).toBe(true);
  });

  it('a status its dates contradict', async () => {
    const text = HEAD + RECORDS.replace('    adoption_order: 2024-05-01\n', '');
    expect(
      load(text)
        .problems.map(formatProblem)
        .some((m) => m.includes('children_records[1].status  expected an adoption_order date for a child whose status is adopted')),
    ).toBe(true);
  });
});

describe('typed figures and records together', () => {
  const typed = `children:\n  adoption_orders: 3\n  placed: 0\n`;

  it('uses the records, and warns with both values and both places when they disagree', async () => {
    const { datasets, problems } = load(HEAD + typed + RECORDS);
    expect(datasets[0]!.current.figures.get('children.adoption_orders')!.value).toBe(2);
    const warning = problems.find((p) => p.dataPath === 'children.adoption_orders')!;
    expect(warning.severity).toBe('warning');
    expect(formatProblem(warning)).toContain(
      "data/example/2024-25.yaml:5:20  children.adoption_orders  warning: Adoption orders granted: the dataset gives 3 here, but its children_records (line 8) give 2; the records' figure is used",
    );
  });

  it('makes the disagreement an error under --strict', async () => {
    const { problems } = load(HEAD + typed + RECORDS, { strict: true });
    expect(problems.find((p) => p.dataPath === 'children.adoption_orders')!.severity).toBe('error');
  });

  it('reports a breakdown that does not add up to its total', async () => {
    const text = `${HEAD}children:\n  placed: 30\nplacements_by_provision:\n  in_house: 14\n  voluntary_agency: 10\n`;
    const problem = load(text).problems.find((p) => p.message.includes('add up'))!;
    expect(formatProblem(problem)).toContain(
      'data/example/2024-25.yaml:7:3  placements_by_provision  warning: placements by provision type add up to 24, but children placed is 30 (line 5); they should agree',
    );
  });
});

describe('three-year figures', () => {
  it('pool every child of the three years’ records into one mean, each child once, from its latest file', async () => {
    const { datasets } = loadData(['data/example-borough/2024-25.yaml'], { dataDir: 'data', cwd: ROOT });
    const dataset = datasets[0]!;
    const years = [fiscalYearStarting(2022), fiscalYearStarting(2023), fiscalYearStarting(2024)];
    const latestFirst = [dataset.current, ...dataset.earlier].flatMap((y) => y.data.children_records ?? []);
    const expected = scorecardFromRecords(latestFirst, years).get('scorecard.a10')!;
    expect(threeYearFigure(dataset, measure('scorecard.a10'))).toEqual({ value: expected.value, base: expected.count });
    // Not the mean of the three yearly means.
    const yearly = [dataset.current, ...dataset.earlier].map((y) => y.figures.get('scorecard.a10')!.value);
    expect(Math.abs(expected.value - yearly.reduce((a, b) => a + b, 0) / 3)).toBeGreaterThan(0.01);
  });
});

describe('figures named in narrative', () => {
  it('an unknown name is an error at the token, with a suggestion', async () => {
    const dir = tempProject();
    const file = join(dir, 'data/example-borough/2024-25.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{children.placed}} children moved in', '{{children.place}} children moved in'));
    const result = await runCli(['validate', 'data/example-borough/2024-25.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /data\/example-borough\/2024-25\.yaml:\d+:\d+ {2}narrative\.executive_summary {2}unknown figure \{\{children\.place\}\}; did you mean \{\{children\.placed\}\}\?/,
    );
  });
});

describe('disclosure control in built documents', () => {
  it('publishes small counts when the authority turns suppression off, but never child-level rows', async () => {
    const off = tempProject();
    const file = join(off, 'data/example-borough/authority.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}disclosure:\n  threshold: 0\n`);
    expect((await runCli(['build', '--formats', 'html', '--only', 'annual-report', 'data/example-borough/2024-25.yaml'], off)).code).toBe(0);
    const html = readFileSync(join(off, 'out/example-borough/2024-25/annual-report.html'), 'utf8');
    const provision = /<table id="provision-table">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(provision.includes('<td>c</td>')).toBe(false);
    expect(html.includes('Child-level detail')).toBe(false);
  });
});

describe('a total that would give its breakdown away', () => {
  // Six children placed in the year, each of a different ethnic group: every group is a 1, so a
  // published total of 6 would tell a reader that each "c" is exactly one child.
  const ethnicities = ['White British', 'White Irish', 'White and Asian', 'Indian', 'Black African', 'Arab'];
  const records = ethnicities
    .map(
      (ethnicity, i) => `  - ref: C${i + 1}
    birth_month: 2022-0${i + 1}
    sex: ${i % 2 ? 'male' : 'female'}
    ethnicity: ${ethnicity}
    entered_care: 2023-0${i + 1}-01
    placement_order: 2023-1${i % 3}-01
    matched: 2024-0${i + 4}-01
    placed: 2024-0${i + 4}-15
    provision: in_house
    status: placed
`,
    )
    .join('');
  const yaml = `${HEAD}children_records:\n${records}narrative:\n  performance: |\n    In the year {{children.placed}} children moved in with their adoptive families.\n`;

  it('hides the children placed everywhere it is printed, and a part of every other breakdown that would add up to it', async () => {
    const dir = tempProject({ 'data/example/authority.yaml': AUTHORITY_YAML, 'data/example/2024-25.yaml': yaml });
    const run = await runCli(['build', '--formats', 'html', '--audience', 'all', '--only', 'annual-report'], dir);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out/example/2024-25/annual-report.html'), 'utf8');
    const row = (table: string, header: string) => {
      const body = new RegExp(`<table id="${table}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
      const cells = new RegExp(`<th scope="row">${header}</th>(.*?)</tr>`).exec(body)?.[1] ?? '';
      return [...cells.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    };
    // Columns: 2024/25 alone (the years before have no dataset and are left out), then the change, in a table of measures.
    // The ethnicity table hides every small group; the total would then tell, so it is hidden wherever it appears.
    // One child in each of DfE's six ethnic groups.
    for (const group of ['White British', 'Other White backgrounds', 'Mixed or multiple ethnic groups', 'Asian or Asian British', 'Black, Black British, Caribbean or African', 'Other ethnic groups'])
      expect(row('ethnicity-table', group)[0], group).toBe('c');
    expect(row('children-table', 'Children placed with adoptive families')[0]).toBe('c');
    expect(html).toContain('In the year c children moved in');
    // Six in house, six placed on their own: shown, either would be the total.
    expect(row('provision-table', 'With the authority’s own adopters')[0]).toBe('c');
    expect(row('siblings-table', 'Placed on their own \\(no sibling group\\)')[0]).toBe('c');
    expect(html).not.toMatch(/>6</);

    const restricted = readFileSync(join(dir, 'out/example/2024-25/restricted/annual-report.html'), 'utf8');
    expect(restricted).toContain('In the year 6 children moved in');
  });
});
