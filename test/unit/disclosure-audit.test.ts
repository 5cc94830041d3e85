/**
 * The disclosure audit, tried as an attacker would: each case builds every public document a
 * reader would have (the authorities' annual reports and the region comparison) and works the
 * hidden figure out by subtraction, from the printed cells alone, where it could.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDisclosure, hiddenFigureRanges } from '../../src/metrics/audit.js';
import { loadData, runCli, tableRows, tempProject } from '../helpers.js';

const authority = (name: string, agency?: string) =>
  `name: ${name} Council\nshort_name: ${name}\n${agency ? `regional_agency: ${agency}\n` : ''}contact:\n  team: Adoption Service\n`;

const yaml = (lines: Record<string, Record<string, number> | number>) =>
  Object.entries(lines)
    .map(([key, value]) => (typeof value === 'number' ? `${key}: ${value}` : `${key}:\n${Object.entries(value).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`))
    .join('\n');

const yearFile = (body: string, year = '2024-25') => `year: ${year}\nauthor:\n  role: Service Manager\n${body}\n`;

async function build(dir: string, ...commands: string[][]): Promise<void> {
  for (const args of commands) {
    // HTML is what the audit reads: a build writes no PDF or Word here.
    const run = await runCli([...args, ...(args[0] === 'build' ? ['--formats', 'html'] : ['--no-pdf'])], dir);
    expect(run.code, run.stderr).toBe(0);
  }
}

const read = (dir: string, path: string) => readFileSync(join(dir, 'out', path), 'utf8');

/** The printed cell of a table, found by its row and column headings; undefined when the table or row is not there. */
function cell(html: string, table: string, row: string, column: string): string | undefined {
  const rows = tableRows(html, table);
  const c = rows[0]?.indexOf(column) ?? -1;
  return rows.find((r) => r[0] === row)?.[c];
}

const printed = (text: string | undefined) => text !== undefined && /^[\d,]+$/.test(text);
const count = (text: string) => Number(text.replace(/,/g, ''));

describe('the disclosure audit', () => {
  it('does not let the within-region share give back a hidden regional-partner count', async () => {
    const dir = tempProject({
      'data/alpha/authority.yaml': authority('Alpha'),
      'data/alpha/2024-25.yaml': yearFile(
        `${yaml({ children: { placed: 32 }, placements_by_provision: { in_house: 13, regional_partner: 3, voluntary_agency: 10, other_local_authority: 6 } })}\nnarrative:\n  performance: "Within the region: {{placements.within_region}}."`,
      ),
    });
    await build(dir, ['build']);
    const html = read(dir, 'alpha/2024-25/annual-report.html');
    const inHouse = cell(html, 'provision-table', 'With the authority’s own adopters', '2024/25');
    const partner = cell(html, 'provision-table', 'With a partner in the regional adoption agency', '2024/25');
    expect(partner).toBe('c');
    const share = /Within the region: ([^<.]*)/.exec(html)?.[1];
    const shareCount = share && /\((\d+)\)/.exec(share)?.[1];
    // 16 within the region less 13 in house would be the partner's 3.
    expect(Boolean(shareCount && printed(inHouse)), `share "${share}", in-house ${inHouse}`).toBe(false);
  });

  const partners = (cells: Record<string, { placed: number; provision: Record<string, number> }>) =>
    Object.fromEntries(
      Object.entries(cells).flatMap(([name, c]) => [
        [`data/${name.toLowerCase()}/authority.yaml`, authority(name, 'Test Partnership')],
        [`data/${name.toLowerCase()}/2024-25.yaml`, yearFile(yaml({ children: { placed: c.placed }, placements_by_provision: c.provision }))],
      ]),
    );

  /** Whether a partner's hidden figure is its column's printed regional total less every other partner's figure, printed in the region comparison or in their own report. */
  function recoverable(dir: string, names: string[], table: string, ownTable: string, row: string, column: string): string[] {
    const region = read(dir, 'regions/test-partnership/2024-25/comparison.html');
    const total = cell(region, table, 'Test Partnership (total)', column);
    const known = names.map((n) => {
      const own = cell(read(dir, `${n.toLowerCase()}/2024-25/annual-report.html`), ownTable, row, '2024/25');
      const inRegion = cell(region, table, n, column);
      return printed(inRegion) ? count(inRegion!) : printed(own) ? count(own!) : undefined;
    });
    if (!printed(total)) return [];
    const unknown = names.filter((_, i) => known[i] === undefined);
    return unknown.length === 1 ? [`${unknown[0]} ${column} = ${count(total!) - known.reduce<number>((a, b) => a + (b ?? 0), 0)}`] : [];
  }

  it("does not let a regional total and the partners' own reports give back a hidden provision count", async () => {
    const dir = tempProject(
      partners({
        Alpha: { placed: 30, provision: { in_house: 27, voluntary_agency: 3 } },
        Beta: { placed: 40, provision: { in_house: 20, voluntary_agency: 20 } },
        Gamma: { placed: 50, provision: { in_house: 20, voluntary_agency: 30 } },
      }),
    );
    await build(dir, ['build'], ['compare', '--region', 'Test Partnership', '2024-25']);
    const names = ['Alpha', 'Beta', 'Gamma'];
    const alpha = read(dir, 'alpha/2024-25/annual-report.html');
    expect(cell(alpha, 'provision-table', 'With a voluntary adoption agency', '2024/25')).toBe('c');
    for (const [column, row] of [
      ['In-house', 'With the authority’s own adopters'],
      ['Voluntary agency', 'With a voluntary adoption agency'],
    ])
      expect(recoverable(dir, names, 'provision-table', 'provision-table', row!, column!)).toEqual([]);
  });

  it('does not let the region comparison and partners’ totals undo six children of six ethnicities', async () => {
    const ethnicity = { white_british: 1, white_other: 1, mixed: 1, asian: 1, black: 1, other: 1 };
    const files = partners({
      Alpha: { placed: 6, provision: { in_house: 6 } },
      Beta: { placed: 40, provision: { in_house: 20, voluntary_agency: 20 } },
      Gamma: { placed: 50, provision: { in_house: 20, voluntary_agency: 30 } },
    });
    files['data/alpha/2024-25.yaml'] = yearFile(`${yaml({ children: { placed: 6 }, placements_by_provision: { in_house: 6 } })}\nchildren_placed_by:\n  ${yaml({ ethnicity }).replace(/\n/g, '\n  ')}`);
    const dir = tempProject(files);
    await build(dir, ['build'], ['compare', '--region', 'Test Partnership', '2024-25']);
    const alpha = read(dir, 'alpha/2024-25/annual-report.html');
    expect(alpha).not.toMatch(/White British<\/t[hd]>\s*<td[^>]*>1</);
    // Its children placed, 6, would tell the reader every ethnicity is 1.
    expect(recoverable(dir, ['Alpha', 'Beta', 'Gamma'], 'children-table', 'children-table', 'Children placed with adoptive families', 'Children placed')).toEqual([]);
  });

  it('hides a three-year pooled A3 beside a year whose own A3 is hidden', async () => {
    // 20 children adopted a year, 10 within 14 months; in 2024-25 16, 4 of them: the pooled 24 of 56 less 10 and 10 would be 4.
    const children = (year: number, adopted: number, fast: number) =>
      Array.from({ length: adopted }, (_, i) => {
        const entered = fast > i ? `${year - 1}-06-01` : `${year - 3}-01-10`;
        return [
          `  - ref: Y${year}C${i}`,
          `    birth_month: ${year - 4}-01`,
          '    sex: female',
          '    ethnicity: White British',
          '    disability: false',
          `    entered_care: ${entered}`,
          `    placement_order: ${year - 1}-09-01`,
          `    matched: ${year - 1}-10-01`,
          `    placed: ${year - 1}-11-01`,
          `    adoption_order: ${year}-02-01`,
          '    provision: in_house',
          '    status: adopted',
        ].join('\n');
      }).join('\n');
    const file = (start: number, adopted: number, fast: number) =>
      yearFile(`children_records:\n${children(start + 1, adopted, fast)}`, `${start}-${String(start + 1).slice(2)}`);
    const dir = tempProject({
      'data/alpha/authority.yaml': authority('Alpha'),
      'data/alpha/2022-23.yaml': file(2022, 20, 10),
      'data/alpha/2023-24.yaml': file(2023, 20, 10),
      'data/alpha/2024-25.yaml': file(2024, 16, 4),
    });
    await build(dir, ['build', 'data/alpha/2024-25.yaml']);
    const html = read(dir, 'alpha/2024-25/annual-report.html');
    const row = tableRows(html, 'scorecard-table').find((r) => r[0]!.startsWith('A3'))!;
    const header = tableRows(html, 'scorecard-table')[0]!;
    expect(row[header.indexOf('2024/25')]).toBe('c');
    expect(row[header.findIndex((h) => /three/i.test(h))]).toBe('c');
  });

  it("hides the regional pooled mean over a partner whose own mean is hidden (one child's days)", async () => {
    const scorecard = (days: number, children: number) => `scorecard:\n  a10:\n    days: ${days}\n    children: ${children}`;
    const dir = tempProject({
      'data/alpha/authority.yaml': authority('Alpha', 'Test Partnership'),
      'data/alpha/2024-25.yaml': yearFile(scorecard(1093, 1)),
      'data/beta/authority.yaml': authority('Beta', 'Test Partnership'),
      'data/beta/2024-25.yaml': yearFile(scorecard(400, 20)),
    });
    await build(dir, ['compare', '--region', 'Test Partnership', '2024-25']);
    const region = read(dir, 'regions/test-partnership/2024-25/comparison.html');
    const rows = tableRows(region, 'scorecard-table');
    const column = rows[0]!.findIndex((h) => h.startsWith('A10'));
    expect(rows.find((r) => r[0] === 'Alpha')![column]).toBe('c');
    expect(rows.find((r) => r[0]!.startsWith('Test Partnership'))![column]).toBe('c');
  });

  it('leaves no hidden count of the examples narrowed to one value, and records each range for the restricted appendix', () => {
    const { datasets } = loadData([], { dataDir: 'data', cwd: join(import.meta.dirname, '../..') });
    auditDisclosure(datasets);
    const found = [...new Set(datasets.flatMap((d) => [d.current, ...d.earlier]))].flatMap((y) => hiddenFigureRanges(y));
    expect(found.length).toBeGreaterThan(20);
    for (const f of found) {
      expect(f.least).toBeLessThanOrEqual(f.value);
      expect(f.greatest === null || f.greatest > f.least, JSON.stringify(f)).toBe(true);
      if (f.greatest !== null) expect(f.greatest).toBeGreaterThanOrEqual(f.value);
    }
  });
});
