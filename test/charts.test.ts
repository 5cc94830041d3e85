/** Charts: drawn in the order their data gives, however many charts the renderer drew before. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartRenderer, type ChartDatum, type ChartRequest } from '../src/charts/render.js';
import { ROOT } from './helpers.js';

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
    const charts = new ChartRenderer(join(ROOT, 'charts'));
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
    expect(svg2).toBe(await new ChartRenderer(join(ROOT, 'charts')).render(request2));
  });
});
