/**
 * The pipeline, end to end:
 *
 *   data/<authority>/*.yaml --load (yaml + zod, located problems)--> Dataset
 *     --report (metric calculators, tables)--> DocumentView
 *     --charts (vega-lite -> vega -> SVG)--> DocumentView with SVGs
 *     --templates (Handlebars + marked, sanitised)--> HTML
 *     --pdf (one Chromium, a pool of pages, contents re-printed until page numbers settle)--> PDF
 *     --effects.writeFile (temporary file, then rename)--> out/<authority>/<yyyy-yy>/
 *
 * Nothing is written unless every dataset is valid. One document failing to print does not
 * stop the others; it is reported and the build ends unsuccessful.
 */
import { join, resolve, sep } from 'node:path';
import { ChartRenderer } from './charts/render.js';
import type { BuildConfig } from './config.js';
import type { BuildEffects } from './effects.js';
import { errorsIn, ExitCode, formatProblem, formatProblems, UserError, type Problem } from './errors.js';
import type { Audience } from './metrics/disclosure.js';
import { loadDatasets } from './load/load.js';
import type { Dataset } from './load/model.js';
import { locate, problemAt } from './load/yaml.js';
import { findChromium, Printer } from './pdf/browser.js';
import { printWithContents } from './pdf/contents.js';
import { committeePack, documentPages, trackedIds, type PageView } from './report/documents.js';
import { allSections } from './report/view.js';
import { TemplateRenderer } from './render/templates.js';

export interface BuiltDocument {
  authority: string;
  year: string;
  /** `annual-report`, `covering-report`, `statement-of-purpose` or `committee-pack`. */
  document: string;
  audience: Audience;
  htmlPath: string | null;
  pdfPath: string | null;
  pageCount: number | null;
  prints: number;
}

export interface BuildFailure {
  /** `leicestershire 2024-25 annual-report` */
  document: string;
  message: string;
  cause: unknown;
}

export interface BuildResult {
  documents: BuiltDocument[];
  failures: BuildFailure[];
  warnings: Problem[];
}

/** One output: a page (one document, or the pack) to render, print and write. */
interface Job {
  dataset: Dataset;
  document: string;
  audience: Audience;
  page: PageView;
  writeHtml: boolean;
}

function fail(problems: readonly Problem[]): never {
  const errors = errorsIn(problems);
  const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`;
  throw new UserError(`${formatProblems(problems)}\n\n${count} found; nothing was written.`, { exitCode: ExitCode.invalidInput, problems: [...problems] });
}

/** Loads and validates; throws a UserError listing every problem if any dataset is invalid. */
export function loadValidDatasets(config: BuildConfig, effects: BuildEffects): { datasets: Dataset[]; warnings: Problem[] } {
  const { datasets, problems } = loadDatasets(config.targets, { dataDir: config.dataDir, cwd: config.cwd, strict: config.strict });
  if (errorsIn(problems).length > 0) fail(problems);
  const warnings = problems.filter((p) => p.severity === 'warning');
  warnings.forEach((w) => effects.logger.problem(w));
  if (datasets.length === 0) throw new UserError(`No datasets found in ${config.targets.length ? config.targets.join(', ') : config.dataDir}: expected data/<authority>/<yyyy-yy>.yaml`, { exitCode: ExitCode.invalidInput });
  return { datasets, warnings };
}

/** Output folder of an authority-year (restricted documents in their own), checked to lie inside the output folder. */
export function outputFolder(outDir: string, dataset: Dataset, audience: Audience): string {
  const folder = resolve(outDir, dataset.authority.id, dataset.current.year.id, ...(audience === 'restricted' ? ['restricted'] : []));
  if (!folder.startsWith(resolve(outDir) + sep)) throw new Error(`refusing to write outside ${outDir}: ${folder}`);
  return folder;
}

/** The pages to build for the datasets: each document, or the committee pack, for each audience. Pure. */
export function planJobs(datasets: readonly Dataset[], config: BuildConfig, what: 'documents' | 'pack', logger?: BuildEffects['logger']): { jobs: Job[]; problems: Problem[] } {
  const jobs: Job[] = [];
  const problems: Problem[] = [];
  for (const audience of config.audiences) {
    const options = { years: config.years, audience };
    for (const dataset of datasets) {
      if (what === 'pack') {
        const pack = committeePack(dataset, options);
        problems.push(...pack.problems);
        for (const missing of pack.missing) {
          problems.push(problemAt(dataset.current.source, locate(dataset.current.source, []).position, `expected covering_report: a committee pack starts with the covering report (${missing.reason})`));
        }
        if (pack.page) jobs.push({ dataset, document: 'committee-pack', audience, page: pack.page, writeHtml: false });
        continue;
      }
      const planned = documentPages(dataset, options, config.only);
      problems.push(...planned.problems);
      if (audience === config.audiences[0]) for (const skipped of planned.skipped) logger?.info(`skipped ${dataset.authority.id} ${dataset.current.year.id} ${skipped.kind}: ${skipped.reason}`);
      for (const plan of planned.plans) jobs.push({ dataset, document: plan.kind, audience, page: plan.page, writeHtml: true });
    }
  }
  // The same problem is found once per audience; report it once.
  const seen = new Set<string>();
  return { jobs, problems: problems.filter((p) => !seen.has(formatProblem(p)) && Boolean(seen.add(formatProblem(p)))) };
}

/** Loads, validates and plans; throws a UserError listing every problem, before anything is written. */
export function validate(config: BuildConfig, effects: BuildEffects, what: 'documents' | 'pack' = 'documents'): { datasets: Dataset[]; jobs: Job[]; warnings: Problem[] } {
  const { datasets, warnings } = loadValidDatasets(config, effects);
  const { jobs, problems } = planJobs(datasets, config, what, effects.logger);
  if (errorsIn(problems).length > 0) fail([...warnings, ...problems]);
  problems.forEach((p) => effects.logger.problem(p));
  return { datasets, jobs, warnings: [...warnings, ...problems] };
}

/** Builds each dataset's documents (or those named by config.only) into out/<authority>/<yyyy-yy>/. */
export async function build(config: BuildConfig, effects: BuildEffects): Promise<BuildResult> {
  const { jobs, warnings } = validate(config, effects, 'documents');
  return run(jobs, config, effects, warnings);
}

/** Builds the committee pack of one authority-year: out/<authority>/<yyyy-yy>/committee-pack.pdf. */
export async function buildPack(config: BuildConfig, effects: BuildEffects): Promise<BuildResult> {
  const { jobs, warnings } = validate(config, effects, 'pack');
  return run(jobs, config, effects, warnings);
}

async function drawCharts(page: PageView, charts: ChartRenderer): Promise<void> {
  for (const document of page.documents) {
    for (const section of allSections(document.sections)) {
      for (const b of section.blocks) if (b.chart) b.chart.svg = await charts.render(b.chart.request);
    }
  }
}

/** The dataset field whose text holds a URL the document tried to load, for the warning. */
function fieldMentioning(dataset: Dataset, url: string): (string | number)[] | undefined {
  const search = (value: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (typeof value === 'string') return value.includes(url) ? path : undefined;
    if (Array.isArray(value)) return value.map((v, i) => search(v, [...path, i])).find(Boolean);
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => search(v, [...path, k])).find(Boolean);
    return undefined;
  };
  return search(dataset.current.data, []);
}

function blockedRequestWarning(dataset: Dataset, url: string): Problem {
  const path = fieldMentioning(dataset, url);
  const source = dataset.current.source;
  const where = path ? locate(source, path).position : undefined;
  const shown = url.length > 100 ? `${url.slice(0, 97)}...` : url;
  return problemAt(source, where, `the document asked to load ${shown}; it was blocked (documents load nothing from outside themselves)${path ? '' : ' (no dataset field holds this address)'}`, {
    severity: 'warning',
    ...(path ? { dataPath: path } : {}),
  });
}

async function run(jobs: readonly Job[], config: BuildConfig, effects: BuildEffects, warnings: Problem[]): Promise<BuildResult> {
  const templates = new TemplateRenderer(config.templatesDir);
  const charts = new ChartRenderer(config.chartsDir);
  const printer = config.pdf && jobs.length > 0 ? await Printer.launch(findChromium(config.chromiumPath), config.concurrency) : undefined;
  const result: BuildResult = { documents: [], failures: [], warnings: [...warnings] };
  const buildOne = async (job: Job) => {
    const { dataset, page } = job;
    const name = `${dataset.authority.id} ${dataset.current.year.id} ${job.audience === 'restricted' ? 'restricted/' : ''}${job.document}`;
    try {
      await drawCharts(page, charts);
      const html = job.writeHtml ? templates.render(page, { print: false }) : null;
      const folder = outputFolder(config.outDir, dataset, job.audience);
      let printed: Awaited<ReturnType<typeof printWithContents>> | undefined;
      if (printer) {
        const blocked = new Set<string>();
        printed = await printWithContents(printer, (pages) => templates.render(page, { print: true, pages }), trackedIds(page), { onBlockedRequest: (url) => blocked.add(url) });
        for (const url of blocked) {
          const warning = blockedRequestWarning(dataset, url);
          result.warnings.push(warning);
          effects.logger.problem(warning);
        }
      }
      // Written only once both are ready, so HTML and PDF never disagree.
      const htmlPath = html === null ? null : join(folder, `${job.document}.html`);
      if (htmlPath && html !== null) effects.writeFile(htmlPath, html);
      const pdfPath = printed ? join(folder, `${job.document}.pdf`) : null;
      if (printed && pdfPath) effects.writeFile(pdfPath, printed.pdf);
      result.documents.push({ authority: dataset.authority.id, year: dataset.current.year.id, document: job.document, audience: job.audience, htmlPath, pdfPath, pageCount: printed?.pageCount ?? null, prints: printed?.prints ?? 0 });
      effects.logger.info(`built ${name}${printed ? ` (${printed.pageCount} pages)` : ''}`);
    } catch (error) {
      result.failures.push({ document: name, message: (error as Error).message, cause: error });
      effects.logger.info(`FAILED ${name}: ${(error as Error).message}`);
    }
  };
  try {
    await runPool(jobs, (printer?.concurrency ?? 1) + 1, buildOne);
  } finally {
    await printer?.close();
  }
  return result;
}

/** Runs `work` over `items`, at most `limit` at once: HTML is prepared while others print. */
async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
