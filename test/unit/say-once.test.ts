/** Saying each thing once: a year with no dataset is left out of every table and chart, with one note naming it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_YAML, runCli, tableRows, tempProject } from '../helpers.js';

describe('a year with no dataset', () => {
  const project = () =>
    tempProject({
      'data/example/authority.yaml': AUTHORITY_YAML,
      'data/example/2022-23.yaml': 'year: 2022-23\nchildren:\n  placed: 18\n  adoption_orders: 15\n',
      'data/example/2024-25.yaml': 'year: 2024-25\nchildren:\n  placed: 20\n  adoption_orders: 17\n',
    });

  it('is left out of the tables and charts, and named once', async () => {
    const dir = project();
    expect((await runCli(['build', '--formats', 'html', '--only', 'annual-report', 'data/example/2024-25.yaml'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'out/example/2024-25/annual-report.html'), 'utf8');
    expect(tableRows(html, 'children-table')[0]).toEqual(['Measure', '2022/23', '2024/25', 'Change from 2023/24']);
    expect(html).not.toMatch(/>no data</);
    expect(html.match(/There is no dataset for 2023\/24/g)).toHaveLength(1);
    expect(html).not.toMatch(/<text[^>]*>2023\/24/);
  });

  it('is kept as "no data" when the author asks for the fixed span', async () => {
    const dir = project();
    expect((await runCli(['build', '--formats', 'html', '--fixed-years', '--only', 'annual-report', 'data/example/2024-25.yaml'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'out/example/2024-25/annual-report.html'), 'utf8');
    expect(tableRows(html, 'children-table')[0]).toEqual(['Measure', '2022/23', '2023/24', '2024/25', 'Change from 2023/24']);
    expect(html).not.toContain('There is no dataset for 2023/24');
  });
});
