/** Charts: drawn in the order their data gives, however many charts the renderer drew before. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawCharts, planJobs } from '../../src/build.js';
import { ChartRenderer } from '../../src/charts/render.js';
import { nodeFiles } from '../../src/effects.js';
import type { ChartDatum, ChartRequest } from '../../src/report/view.js';
import { resolveConfig } from '../../src/config.js';
import { chartsOf } from '../../src/render/prepare.js';
import { loadData, ROOT } from '../helpers.js';

const bars = (id: string, categories: string[], series: string[]): ChartRequest => ({
  id,
  kind: 'grouped-bars',
  title: id,
  description: `${id} chart`,
  placeholders: { valueTitle: 'Children', seriesTitle: 'Fiscal year' },
  rows: categories.flatMap((category, c) =>
    series.map((s, i): ChartDatum => ({ category, series: s, value: (c + 1) * 10 + i, label: `${s}: ${(c + 1) * 10 + i}` })),
  ),
});

/** The order in which the given names first appear as text in the SVG. */
const orderIn = (svg: string, names: string[]) =>
  names
    .map((name) => ({ name, at: svg.indexOf(`>${name}</text>`) }))
    .sort((a, b) => a.at - b.at)
    .map((x) => (x.at < 0 ? `missing ${x.name}` : x.name));

describe('chart rendering', () => {
  it('draws categories and series in the order of the data, whatever the same renderer drew before', async () => {
    const charts = new ChartRenderer(nodeFiles, join(ROOT, 'charts'));
    const first = ['Best interest decisions', 'Placement orders', 'Children placed', 'Adoption orders'];
    const second = ['Children placed', 'Adoption orders', 'Disruptions', 'Best interest decisions', 'Placement orders'];
    const svg1 = await charts.render(bars('one', first, ['2023/24', '2024/25']));
    const request2 = bars('two', second, ['2024/25', '2022/23', '2023/24']);
    const svg2 = await charts.render(request2);
    const svg3 = await charts.render(bars('one', first, ['2023/24', '2024/25']));
    expect(orderIn(svg1, first)).toEqual(first);
    expect(orderIn(svg2, second)).toEqual(second);
    expect(orderIn(svg2, ['2024/25', '2022/23', '2023/24'])).toEqual(['2024/25', '2022/23', '2023/24']);
    // The same request always gives the same picture, whatever was drawn before it.
    expect(svg3).toBe(svg1);
    expect(svg2).toBe(await new ChartRenderer(nodeFiles, join(ROOT, 'charts')).render(request2));
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
    const drawnInOneRun = await svgs(() => new ChartRenderer(nodeFiles, config.chartsDir));
    expect(drawnInOneRun.length).toBeGreaterThan(100);
    for (const [job, chart] of drawnInOneRun) {
      const name = `${job.dataset.authority.id} ${job.dataset.current.year.id} ${chart.id}`;
      const alone = await new ChartRenderer(nodeFiles, config.chartsDir).render(chart.request);
      expect(chart.svg, name).toBe(alone);
      // Sized to its own contents: the legend, drawn last and lowest, lies inside the picture.
      const height = Number(/^<svg[^>]* height="([\d.]+)"/.exec(alone)![1]);
      const legendTop = Number(/class="mark-group role-legend"><g transform="translate\([\d.]+,([\d.]+)\)"/.exec(alone)?.[1] ?? 0);
      expect(legendTop, name).toBeLessThan(height - 10);
    }
  });
});
