/** Charts: drawn in the order their data gives, however many charts the renderer drew before. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawCharts, planJobs } from '../../src/build.js';
import { ChartRenderer, pictureOf } from '../../src/charts/render.js';
import { nodeFiles } from '../../src/effects.js';
import type { ChartDatum, ChartRequest } from '../../src/report/view.js';
import { chartPlaceholders } from '../../src/report/tables.js';
import type { Unit } from '../../src/domain/measures.js';
import { resolveConfig } from '../../src/config.js';
import { chartsOf } from '../../src/render/prepare.js';
import { contrastRatio } from '../../src/domain/colour.js';
import { AUTHORITY_YAML, loadData, ROOT, tempProject } from '../helpers.js';

const bars = (id: string, categories: string[], series: string[], unit: Unit = 'count', value = (c: number, i: number) => (c + 1) * 10 + i): ChartRequest => {
  const rows = categories.flatMap((category, c) => series.map((s, i): ChartDatum => ({ category, series: s, value: value(c, i), label: `${s}: ${value(c, i)}` })));
  return { id, kind: 'grouped-bars', title: id, description: `${id} chart`, placeholders: { valueTitle: 'Children', seriesTitle: 'Fiscal year', ...chartPlaceholders(rows, unit, 'Fiscal year') }, rows };
};

/** The order in which the given names first appear as text in the SVG. */
const orderIn = (svg: string, names: string[]) =>
  names
    .map((name) => ({ name, at: svg.indexOf(`>${name}</text>`) }))
    .sort((a, b) => a.at - b.at)
    .map((x) => (x.at < 0 ? `missing ${x.name}` : x.name));

describe('chart rendering', () => {
  // A renderer that has drawn nothing: the process's pictures would answer from what another test drew.
  const fresh = (chartsDir = join(ROOT, 'charts')) => new ChartRenderer(nodeFiles, chartsDir, new Map());

  it('draws categories and series in the order of the data, whatever the same renderer drew before', async () => {
    const charts = fresh();
    const first = ['Best interest decisions', 'Placement orders', 'Children placed', 'Adoption orders'];
    const second = ['Children placed', 'Adoption orders', 'Disruptions', 'Best interest decisions', 'Placement orders'];
    const svg1 = await charts.render(bars('one', first, ['2023/24', '2024/25']));
    const request2 = bars('two', second, ['2024/25', '2022/23', '2023/24']);
    const svg2 = await charts.render(request2);
    expect(orderIn(svg1, first)).toEqual(first);
    expect(orderIn(svg2, second)).toEqual(second);
    expect(orderIn(svg2, ['2024/25', '2022/23', '2023/24'])).toEqual(['2024/25', '2022/23', '2023/24']);
    // The same request always gives the same picture, whatever was drawn before it.
    const other = fresh();
    expect(await other.render(request2)).toBe(svg2);
    expect(await other.render(bars('one', first, ['2023/24', '2024/25']))).toBe(svg1);
  });

  it('draws a picture once, however many charts show it, each with its own title, description and ids', async () => {
    const drawn = new Map<string, string>();
    const charts = new ChartRenderer(nodeFiles, join(ROOT, 'charts'), drawn);
    const inReport = bars('report-chart', ['Enquiries', 'Approvals'], ['2024/25']);
    const inPack = { ...inReport, id: 'pack-chart', title: 'In the pack', description: 'The same figures in the pack.' };
    const [a, b] = [await charts.render(inReport), await charts.render(inPack)];
    expect(drawn.size).toBe(1);
    expect(a).toContain('aria-labelledby="report-chart-title report-chart-desc"');
    expect(b).toContain('<title id="pack-chart-title">In the pack</title><desc id="pack-chart-desc">The same figures in the pack.</desc>');
    expect(b.replace(/pack-chart/g, 'report-chart').replace('In the pack', 'report-chart').replace('The same figures in the pack.', 'report-chart chart')).toBe(a);
    await charts.render({ ...inReport, rows: inReport.rows.map((r) => ({ ...r, value: r.value! + 1 })) });
    expect(drawn.size).toBe(2);
  });

  it('draws every example chart the same whether it is drawn first or after all the others, sized to fit', async () => {
    const config = resolveConfig([], {}, {}, ROOT);
    const { datasets } = loadData([], { dataDir: config.dataDir, cwd: ROOT });
    const svgs = async (renderer: () => ChartRenderer) => {
      const { jobs } = planJobs(datasets, config, 'documents');
      const shared = renderer();
      for (const job of jobs) await drawCharts(job.page, shared);
      return jobs.flatMap((job) => chartsOf(job.page).map((chart) => [job, chart] as const));
    };
    const drawnInOneRun = await svgs(() => fresh(config.chartsDir));
    expect(drawnInOneRun.length).toBeGreaterThan(100);
    // Each picture drawn alone once, however many charts show it (the title and ids are each chart's own).
    const pictures = new Map<string, string>();
    for (const [job, chart] of drawnInOneRun) {
      const name = `${job.dataset.authority.id} ${job.dataset.current.year.id} ${chart.id}`;
      const key = JSON.stringify([chart.request.kind, chart.request.placeholders, chart.request.rows]);
      if (!pictures.has(key)) pictures.set(key, pictureOf(await fresh(config.chartsDir).render(chart.request)));
      const alone = pictures.get(key)!;
      expect(pictureOf(chart.svg!), name).toBe(alone);
      // Sized to its own contents: the legend, drawn last and lowest, lies inside the picture.
      const height = Number(/^<svg[^>]* height="([\d.]+)"/.exec(alone)![1]);
      const legendTop = Number(/class="mark-group role-legend"><g transform="translate\([\d.]+,([\d.]+)\)"/.exec(alone)?.[1] ?? 0);
      expect(legendTop, name).toBeLessThan(height - 10);
    }
  });
});

describe('charts that never mislead', () => {
  const charts = () => new ChartRenderer(nodeFiles, join(ROOT, 'charts'));
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

  it('write axis numbers as the unit reads, never with SI prefixes', async () => {
    const months = await charts().render(bars('months', ['Stage 1', 'Stage 2'], ['2024/25'], 'months', (c) => 0.2 + c * 0.3));
    expect(texts(months).filter((t) => /^\d/.test(t) && /m$/.test(t))).toEqual([]);
    expect(texts(months)).toContain('0.2');
    const counts = await charts().render(bars('counts', ['Enquiries', 'Approvals'], ['2024/25'], 'count', (c) => 1200 + c));
    expect(texts(counts).some((t) => /^1,\d{3}$/.test(t))).toBe(true);
    expect(texts(counts).some((t) => /\dk$/.test(t))).toBe(false);
  });

  it('draws one series without a legend, and several with one', async () => {
    expect(await charts().render(bars('one', ['A', 'B'], ['2024/25']))).not.toContain('role-legend');
    expect(await charts().render(bars('two', ['A', 'B'], ['2023/24', '2024/25']))).toContain('role-legend');
  });

  it('uses the Government Analysis Function’s palette: 3:1 against white and between neighbours', () => {
    const palette = (JSON.parse(readFileSync(join(ROOT, 'charts/config.json'), 'utf8')) as { range: { category: string[] } }).range.category;
    expect(palette.slice(0, 4).map((c) => c.toUpperCase())).toEqual(['#12436D', '#28A197', '#801650', '#F46A25']);
    palette.forEach((colour, i) => {
      expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
      if (i > 0) expect(contrastRatio(colour, palette[i - 1]!), `${palette[i - 1]} and ${colour}`).toBeGreaterThanOrEqual(3);
    });
  });

  it('shows a hidden figure as a labelled gap, marks one not given, and orders years ascending whatever is missing', async () => {
    // 2022-23 gives no adopter figures and 2023-24 leaves out approvals; 2024-25's stage 1 starts are 3 (hidden).
    const year = (id: string, adopters: string) => `year: ${id}\n${adopters ? `adopters:\n${adopters}` : ''}children:\n  placed: 20\n`;
    const dir = tempProject({
      'data/example/authority.yaml': AUTHORITY_YAML,
      'data/example/2022-23.yaml': year('2022-23', ''),
      'data/example/2023-24.yaml': year('2023-24', '  initial_visits: 40\n  stage1_starts: 22\n'),
      'data/example/2024-25.yaml': year('2024-25', '  initial_visits: 41\n  stage1_starts: 3\n  approvals: 18\n'),
    });
    const config = resolveConfig(['data/example/2024-25.yaml'], { pdf: false }, {}, dir);
    const { datasets } = loadData(['data/example/2024-25.yaml'], { dataDir: 'data', cwd: dir });
    const { jobs } = planJobs(datasets, config, 'documents');
    const page = jobs.find((j) => j.document === 'annual-report')!.page;
    await drawCharts(page, charts());
    const chart = chartsOf(page).find((c) => c.id === 'adopters-chart')!;
    expect(JSON.parse(chart.request.placeholders.seriesOrder!)).toEqual(['2022/23', '2023/24', '2024/25']);
    const svg = chart.svg!;
    expect(texts(svg)).toContain('2024/25: c (hidden: small number)');
    expect(texts(svg)).toContain('2023/24: not given');
    expect(chart.description).toContain('c (hidden: small number) in 2024/25');
    expect(chart.description).toContain('not given in 2023/24');
    // The legend lists the years in order, though 2022/23 has no bar at all.
    expect(orderIn(svg, ['2022/23', '2023/24', '2024/25'])).toEqual(['2022/23', '2023/24', '2024/25']);
  });

  it('leaves out a chart that would draw a single bar, the table standing alone', async () => {
    const dir = tempProject({ 'data/example/authority.yaml': AUTHORITY_YAML, 'data/example/2024-25.yaml': 'year: 2024-25\nadopters:\n  approvals: 18\n' });
    const { datasets } = loadData([], { dataDir: 'data', cwd: dir });
    const { jobs } = planJobs(datasets, resolveConfig([], { pdf: false }, {}, dir), 'documents');
    const page = jobs.find((j) => j.document === 'annual-report')!.page;
    expect(chartsOf(page).map((c) => c.id)).not.toContain('adopters-chart');
    expect(JSON.stringify(page)).toContain('adopters-table');
  });

  it('keeps every example chart’s years in ascending order', () => {
    const { datasets } = loadData([], { dataDir: 'data', cwd: ROOT });
    const { jobs } = planJobs(datasets, resolveConfig([], { pdf: false }, {}, ROOT), 'documents');
    let checked = 0;
    for (const chart of jobs.flatMap((j) => chartsOf(j.page))) {
      for (const key of ['seriesOrder', 'categoryOrder'] as const) {
        const order = JSON.parse(chart.request.placeholders[key]!) as string[];
        if (order.every((o) => /^\d{4}\/\d{2}$/.test(o))) {
          expect([...order].sort(), `${chart.id} ${key}`).toEqual(order);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
