/**
 * The preview over every example authority: the index groups documents by authority and year; a
 * save rebuilds only what it can change and names those pages in its reload event; an invalid
 * dataset takes down only its own authority's documents; restricted versions are made on request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { startPreview, type Preview } from '../../src/preview.js';
import { quietEffects, tempProject } from '../helpers.js';

let dir: string;
let preview: Preview;
let stream: IncomingMessage;
const reloads: string[][] = [];

const fetchText = async (path: string) => {
  const response = await fetch(`${preview.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
};

/** The next reload event after `act`, however many rebuilds that takes. */
async function reloadAfter(act: () => void): Promise<string[]> {
  const seen = reloads.length;
  act();
  for (let waited = 0; waited < 15_000; waited += 10) {
    if (reloads.length > seen) return reloads[seen]!;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no reload event within 15 s');
}

beforeAll(async () => {
  dir = tempProject();
  preview = await startPreview(resolveConfig([], { pdf: false }, {}, dir), quietEffects(), { port: 0 });
  const url = new URL(preview.url);
  stream = await new Promise<IncomingMessage>((done) => get({ hostname: url.hostname, port: url.port, path: '/__preview/events', headers: { host: url.host } }, done));
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    for (const m of chunk.matchAll(/event: reload\ndata: (.*)\n/g)) reloads.push(JSON.parse(m[1]!) as string[]);
  });
}, 60_000);
afterAll(async () => {
  stream.destroy();
  await preview.close();
});

describe('the preview of a whole project', () => {
  it('indexes the documents by authority and year with their own titles, PDF, restricted versions, packs and comparisons', async () => {
    const { text } = await fetchText('/');
    expect(text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const order = ['<h2>Example Borough</h2>', '<h2>Example City</h2>', '<h2>Leicester</h2>'].map((h) => text.indexOf(h));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const leicester = text.slice(text.indexOf('<h2>Leicester</h2>'), text.indexOf('<h2>', text.indexOf('<h2>Leicester</h2>') + 1));
    expect(leicester).toMatch(/<h3>2022\/23<\/h3><ul>.*href="\/leicester\/2022-23\/annual-report">Leicester City Adoption Service: Adoption Service Annual Report 2022\/23</);
    expect(leicester).toContain('href="/leicester/2022-23/covering-report"');
    expect(leicester).toContain('href="/leicester/2022-23/annual-report.pdf"');
    expect(leicester).toContain('href="/leicester/2022-23/restricted/annual-report"');
    expect(leicester).toContain('href="/leicester/comparison"');
    expect(text).toMatch(/Family Adoption Links: .*href="\/regions\/family-adoption-links\/2023-24"/);
  });

  it('makes a restricted version and the comparisons when asked for', async () => {
    const restricted = await fetchText('/leicester/2022-23/restricted/annual-report');
    expect(restricted.status).toBe(200);
    expect(restricted.text).toMatch(/restricted/i);
    expect(restricted.text).not.toEqual((await fetchText('/leicester/2022-23/annual-report')).text);
    expect((await fetchText('/leicester/comparison')).text).toContain('<title>Leicester City Adoption Service: year comparison, 2021/22 to 2023/24</title>');
    const region = await fetchText('/regions/family-adoption-links/2023-24');
    expect(region.status).toBe(200);
    expect(region.text).toContain('Leicestershire');
    expect((await fetchText('/nowhere/2022-23/annual-report')).status).toBe(404);
  });

  it('rebuilds on a save only the year saved, later years and the regional partners, and names just those pages', async () => {
    const file = join(dir, 'data/example-borough/2023-24.yaml');
    const original = readFileSync(file, 'utf8');
    const changed = await reloadAfter(() => writeFileSync(file, `${original}\n`));
    expect(changed).toContain('/example-borough/2023-24/annual-report');
    expect(changed).toContain('/example-borough/2024-25/annual-report');
    expect(changed).not.toContain('/example-borough/2022-23/annual-report');
    // Partners: their hidden figures depend on this authority's.
    expect(changed).toContain('/example-city/2023-24/annual-report');
    expect(changed.some((p) => p.startsWith('/leicester'))).toBe(false);
  });

  it('serves a regional agency’s report, and reloads its partners’ pages when its year file is saved', async () => {
    expect((await fetchText('/example-adoption-partnership/2024-25/annual-report')).text).toContain('Regional Adoption Agency Annual Report');
    const file = join(dir, 'data/example-adoption-partnership/2024-25.yaml');
    const changed = await reloadAfter(() => writeFileSync(file, readFileSync(file, 'utf8').replace('One information event a month', 'Two information events a month')));
    expect(changed).toContain('/example-adoption-partnership/2024-25/annual-report');
    expect(changed).toContain('/example-city/2024-25/annual-report');
    expect(changed.some((p) => p.startsWith('/leicester'))).toBe(false);
    expect((await fetchText('/example-adoption-partnership/2024-25/annual-report')).text).toContain('Two information events a month');
    expect((await fetchText('/regions/example-adoption-partnership/2024-25')).status).toBe(200);
  });

  it('shows an invalid dataset’s problems in place of its own authority’s documents only, and on the index', async () => {
    const file = join(dir, 'data/leicester/2022-23.yaml');
    const original = readFileSync(file, 'utf8');
    await reloadAfter(() => writeFileSync(file, original.replace(/days: \d+(\.\d+)?/, 'days: soon')));
    const broken = await fetchText('/leicester/2023-24/annual-report');
    expect(broken.text).toContain('Leicester: the data has problems');
    expect(broken.text).toMatch(/data\/leicester\/2022-23\.yaml:\d+:\d+/);
    expect(broken.text).toContain('expected a number of days, found &#34;soon&#34;');
    const index = (await fetchText('/')).text;
    expect(index).toMatch(/<h2>Leicester<\/h2><p>Its data has problems/);
    // Everyone else keeps working, their regional partner included.
    const other = await fetchText('/leicestershire/2024-25/annual-report');
    expect(other.status).toBe(200);
    expect(other.text).toContain('Adoption Service Annual Report');
    expect(index).toContain('href="/example-city/2024-25/annual-report"');

    await reloadAfter(() => writeFileSync(file, original));
    expect((await fetchText('/leicester/2023-24/annual-report')).text).not.toContain('the data has problems');
  });
});
