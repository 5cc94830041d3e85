/**
 * `npm run bench [-- --authorities N]`: builds a synthetic country and prints, side by side, HTML
 * time per document, PDF throughput, peak memory, the naive way (a browser per document),
 * WeasyPrint where installed, and a rebuild with nothing changed. Writes out/bench/latest.json.
 * A benchmark, not a test: it asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, loadValidDatasets, pageHtml, planJobs, type BuildResult } from './build.js';
import { PACKAGE_ROOT, resolveConfig, type BuildConfig } from './config.js';
import { nodeSystem, silentLogger, type BuildEffects } from './effects.js';
import { findChromium } from './pdf/chromium.js';
import { printWithContents } from './pdf/contents.js';
import { trackedIds } from './render/prepare.js';
import { withPageNumbers } from './render/page-numbers.js';
import { TemplateRenderer } from './render/templates.js';
import { ChartRenderer } from './charts/render.js';
import { DEFAULT_ACCENT } from './load/model.js';
import { authorityYaml, syntheticReturn, syntheticYears } from './synthetic.js';
import { importSsda903 } from './import/command.js';
import { fiscalYearStarting } from './domain/fiscal-year.js';

const USAGE = 'usage: npm run bench [-- --authorities N] [--naive N] [--concurrency N]   (each a whole number from 1)\n       npm run bench -- --preview   (the preview\'s save-to-reload time only)';

/** The options, each a whole number from 1; anything else stops with the usage and exit 2. */
function options(): { authorities: number; naive: number; concurrency?: number; previewOnly: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        authorities: { type: 'string', default: '150' },
        naive: { type: 'string', default: '12' },
        concurrency: { type: 'string' },
        preview: { type: 'boolean', default: false },
      },
    });
    const whole = (name: string, text: string) => {
      if (!/^[1-9]\d*$/.test(text)) throw new Error(`--${name} expects a whole number from 1, found "${text}"`);
      return Number(text);
    };
    return {
      authorities: whole('authorities', values.authorities),
      naive: whole('naive', values.naive),
      previewOnly: values.preview,
      ...(values.concurrency === undefined ? {} : { concurrency: whole('concurrency', values.concurrency) }),
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}
const { authorities, naive: naiveSample, concurrency, previewOnly } = options();

const quiet: BuildEffects = { ...nodeSystem(process.env), logger: silentLogger };
const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * Peak memory of this process and its Chromium, sampled from /proc (proportional set size, so memory
 * Chromium's processes share is counted once). A sample costs about 25 ms of kernel time and locks
 * each Chromium process's memory map while it is read, so once a second: more often, the
 * measuring slowed the build it measured.
 */
function memorySampler(): { stop: () => number; node: () => number } {
  let peak = 0;
  let nodePeak = 0;
  const sample = () => {
    let total = process.memoryUsage().rss;
    nodePeak = Math.max(nodePeak, total);
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('annual-report-chromium-')) continue;
        const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        if (pss) total += Number(pss[1]) * 1024;
      } catch {
        // The process ended while we looked.
      }
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 1000);
  return { stop: () => (clearInterval(timer), sample(), Math.round(peak / 1024 / 1024)), node: () => Math.round(nodePeak / 1024 / 1024) };
}

function generate(dir: string): void {
  for (let i = 0; i < authorities; i++) {
    const id = `synthetic-${String(i + 1).padStart(3, '0')}`;
    const folder = join(dir, 'data', id);
    mkdirSync(folder, { recursive: true });
    const authority = {
      id,
      name: `Synthetic Council ${i + 1}`,
      shortName: `Synthetic ${i + 1}`,
      regionalAgency: `Synthetic Partnership ${(i % 20) + 1}`,
      accent: DEFAULT_ACCENT,
    };
    writeFileSync(join(folder, 'authority.yaml'), authorityYaml(authority));
    for (const [year, text] of syntheticYears(authority, { seed: 1000 + i, firstYear: 2024, years: 1, childrenPerYear: 18, householdsPerYear: 16 }))
      writeFileSync(join(folder, `${year}.yaml`), text);
  }
}

async function naive(config: BuildConfig, sample: number): Promise<{ perDocumentMs: number; documents: number }> {
  const { datasets } = loadValidDatasets(config, quiet);
  const { jobs } = planJobs(datasets.slice(0, Math.ceil(sample / 3)), config, 'documents');
  const templates = new TemplateRenderer(quiet.files, config);
  const charts = new ChartRenderer(quiet.files, config.chartsDir);
  const chosen = jobs.slice(0, sample);
  const started = performance.now();
  for (const job of chosen) {
    const html = await pageHtml(job.page, charts, templates, { print: true });
    // The naive way: a browser launched, used and closed for each document.
    const printer = await quiet.launchPrinter(findChromium(quiet.files, config.chromiumPath), 1);
    try {
      await printWithContents(printer, html, trackedIds(job.page));
    } finally {
      await printer.close();
    }
  }
  return { perDocumentMs: (performance.now() - started) / chosen.length, documents: chosen.length };
}

function weasyprint(dir: string, sample: number): { perDocumentMs: number; documents: number } | { skipped: string } {
  if (spawnSync('weasyprint', ['--version']).status !== 0) return { skipped: 'weasyprint is not installed (apt-get install weasyprint to compare)' };
  const config = resolveConfig([], { data: join(dir, 'data') }, {}, dir);
  const { datasets } = loadValidDatasets(config, quiet);
  const { jobs } = planJobs(datasets.slice(0, Math.ceil(sample / 3)), config, 'documents');
  const templates = new TemplateRenderer(quiet.files, config);
  const chosen = jobs.slice(0, sample);
  const htmlFiles = chosen.map((job, i) => {
    const file = join(dir, `weasy-${i}.html`);
    writeFileSync(file, withPageNumbers(templates.render(job.page, { print: true }), new Map()));
    return file;
  });
  const started = performance.now();
  for (const file of htmlFiles) execFileSync('weasyprint', [file, `${file}.pdf`], { stdio: 'ignore' });
  return { perDocumentMs: (performance.now() - started) / htmlFiles.length, documents: htmlFiles.length };
}

/**
 * The preview's answer to a save: the examples served (every authority), one dataset saved ten
 * times, each time from the write to the reload event for the page showing it. Median and worst.
 */
async function previewLatency(): Promise<{ medianMs: number; worstMs: number; saves: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-bench-preview-'));
  try {
    cpSync(join(PACKAGE_ROOT, 'data'), join(dir, 'data'), { recursive: true });
    const { startPreview } = await import('./preview.js');
    const preview = await startPreview(resolveConfig([], { pdf: false }, {}, dir), quiet, { port: 0 });
    const events: { at: number; changed: string[] }[] = [];
    const host = new URL(preview.url);
    const stream = await new Promise<import('node:http').IncomingMessage>((done) =>
      get({ hostname: host.hostname, port: host.port, path: '/__preview/events', headers: { host: host.host } }, done),
    );
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/event: reload\ndata: (.*)\n/g)) events.push({ at: performance.now(), changed: JSON.parse(m[1]!) as string[] });
    });
    const file = join(dir, 'data/leicestershire/2024-25.yaml');
    const original = readFileSync(file, 'utf8');
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const seen = events.length;
      const started = performance.now();
      writeFileSync(file, original.replace('Timeliness figures for children and adopters', `Timeliness figures (save ${i + 1}) for children and adopters`));
      for (let waited = 0; waited < 10_000; waited += 2) {
        const event = events.slice(seen).find((e) => e.changed.includes('/leicestershire/2024-25/annual-report'));
        if (event) {
          times.push(event.at - started);
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    stream.destroy();
    await preview.close();
    const sorted = [...times].sort((a, b) => a - b);
    return { medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), worstMs: Math.round(sorted.at(-1) ?? 0), saves: times.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports a synthetic SSDA903 return of 2,000 looked-after children (read, checked and derived; a dry run, so the country is unchanged). */
function importReturn(dir: string): { children: number; episodes: number; ms: number } {
  const year = fiscalYearStarting(2024);
  const tables = syntheticReturn(903, 2000, year);
  const folder = join(dir, 'ssda903');
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(tables)) writeFileSync(join(folder, name), text);
  const authority = readdirSync(join(dir, 'data'))[0]!;
  const started = performance.now();
  importSsda903(quiet.files, [folder], { authority, year, dataDir: join(dir, 'data'), cwd: dir, dryRun: true });
  const lines = (name: string) => tables[name]!.split('\r\n').filter(Boolean).length - 1;
  return { children: lines('Header.csv'), episodes: lines('Episodes.csv'), ms: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-bench-'));
  const cli = concurrency ? { concurrency } : {};
  try {
    process.stdout.write(
      `Synthetic country: ${authorities} authorities, one year each, about 40 child and 40 adopter records each, on ${cpus().length} cores.\n`,
    );
    let t = performance.now();
    generate(dir);
    process.stdout.write(`  generated data in ${seconds(performance.now() - t)} s\n`);
    const base = resolveConfig([], { data: join(dir, 'data'), out: join(dir, 'out'), ...cli }, process.env, dir);

    // HTML only: templates, charts and narrative, no browser.
    t = performance.now();
    const html: BuildResult = await build({ ...base, pdf: false, outDir: join(dir, 'out-html') }, quiet);
    const htmlMs = (performance.now() - t) / html.documents.length;

    // The real thing: HTML and PDF for every document, one browser, a pool of pages.
    const memory = memorySampler();
    t = performance.now();
    const full = await build(base, quiet);
    const totalS = seconds(performance.now() - t);
    const peakMb = memory.stop();
    const pages = full.documents.reduce((n, d) => n + (d.pageCount ?? 0), 0);
    const prints = full.documents.reduce((n, d) => n + d.prints, 0);

    t = performance.now();
    const noop = await build(base, quiet);
    const noopS = seconds(performance.now() - t);

    const imported = importReturn(dir);
    const previewed = await previewLatency();
    const naiveRun = await naive(base, naiveSample);
    const weasy = weasyprint(dir, naiveSample);
    const pooledMs = (totalS * 1000) / full.documents.length;
    const result = {
      authorities,
      documents: full.documents.length,
      pages,
      prints,
      failures: full.failures.length,
      total_s: totalS,
      html_ms_per_document: Math.round(htmlMs * 10) / 10,
      pdf_documents_per_s: Math.round((full.documents.length / totalS) * 100) / 100,
      pdf_pages_per_s: Math.round((pages / totalS) * 10) / 10,
      pooled_ms_per_document: Math.round(pooledMs),
      naive_ms_per_document: Math.round(naiveRun.perDocumentMs),
      naive_ratio: Math.round((naiveRun.perDocumentMs / pooledMs) * 10) / 10,
      weasyprint_ms_per_document: 'skipped' in weasy ? null : Math.round(weasy.perDocumentMs),
      weasyprint_ratio: 'skipped' in weasy ? null : Math.round((weasy.perDocumentMs / pooledMs) * 10) / 10,
      noop_rebuild_s: noopS,
      ssda903_children: imported.children,
      ssda903_episodes: imported.episodes,
      ssda903_import_ms: imported.ms,
      preview_save_to_reload_median_ms: previewed.medianMs,
      preview_save_to_reload_worst_ms: previewed.worstMs,
      noop_unchanged: noop.unchanged,
      peak_rss_mb: peakMb,
      peak_node_rss_mb: memory.node(),
      concurrency: base.concurrency,
      cores: cpus().length,
      measured_at: new Date().toISOString(),
    };
    const rows: [string, string][] = [
      ['documents (HTML + PDF)', `${result.documents} (${result.pages} pages, ${result.prints} prints, ${result.failures} failed)`],
      ['whole build', `${result.total_s} s`],
      ['HTML per document', `${result.html_ms_per_document} ms`],
      ['PDF throughput', `${result.pdf_documents_per_s} documents/s, ${result.pdf_pages_per_s} pages/s`],
      ['one browser, pool of pages', `${result.pooled_ms_per_document} ms a document`],
      ['naive: a browser per document', `${result.naive_ms_per_document} ms a document (${naiveRun.documents} documents): ${result.naive_ratio}× slower`],
      [
        'WeasyPrint on the same HTML',
        'skipped' in weasy
          ? weasy.skipped
          : `${result.weasyprint_ms_per_document} ms a document (${weasy.documents} documents): ${result.weasyprint_ratio}× slower`,
      ],
      ['rebuild, nothing changed', `${result.noop_rebuild_s} s (${result.noop_unchanged} outputs unchanged, no browser)`],
      ['preview: save to reload', previewRow(previewed)],
      ['SSDA903 import', `${result.ssda903_import_ms} ms for ${result.ssda903_children} children and ${result.ssda903_episodes} episodes (read, checked, derived; --dry-run)`],
      ['peak memory (Node + Chromium)', `${result.peak_rss_mb} MB (Node ${result.peak_node_rss_mb} MB)`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    const outDir = resolve('out', 'bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`  written to ${join(outDir, 'latest.json')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const previewRow = (p: { medianMs: number; worstMs: number; saves: number }) =>
  `${p.medianMs} ms median of ${p.saves} saves (worst ${p.worstMs} ms), every example authority served`;

if (previewOnly) {
  const previewed = await previewLatency();
  process.stdout.write(`  preview: save to reload  ${previewRow(previewed)}\n`);
} else await main();
