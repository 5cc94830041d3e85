/**
 * The pipeline, end to end:
 *
 *   data/<authority>/*.yaml --load (yaml + zod, located problems; figures from records)--> Dataset
 *     --report (metric calculators, tables, disclosure control)--> DocumentView, PageView
 *     --charts (vega-lite -> vega -> SVG)--> views with SVGs
 *     --templates (Handlebars + marked, sanitised)--> HTML
 *     --pdf (one Chromium, a pool of pages; a draft print for the page numbers, then the real one)--> PDF
 *     --effects.files.write (temporary file, then rename; a manifest for incremental builds)--> out/<authority>/<yyyy-yy>/
 *
 * Outputs whose inputs have not changed are skipped before their datasets are even read. Nothing
 * is written unless every dataset is valid. One document failing to print does not stop the
 * others; it is reported and the build ends unsuccessful.
 */
import { basename, join, relative, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ChartRenderer } from './charts/render.js';
import type { RenderOptions, TemplateRenderer } from './render/templates.js';
import { TOOL_VERSION, type BuildConfig } from './config.js';
import type { BuildEffects, FileSystem } from './effects.js';
import { checkInsideOutput, lockOutput, OutputUnit, recoverOutputs } from './outputs.js';
import { errorsIn, ExitCode, formatProblem, formatProblems, isUserError, UserError, type Problem } from './errors.js';
import { documentsIn, inputFingerprint, manifestPath, readManifest, toolFingerprint, upToDate, type Manifest } from './manifest.js';
import type { Audience } from './metrics/disclosure.js';
import { AGENCY_FILE, loadAgencyCompanions, loadDatasets, loadRegionPartners, yearFilesOf } from './load/load.js';
import { auditDisclosure } from './metrics/audit.js';
import { resolveDatasets, withRegional, type Dataset } from './metrics/dataset.js';
import { yearsWithData } from './metrics/history.js';
import { checkNarrativeNumbers } from './metrics/narrative.js';
import { checkPlainEnglish } from './metrics/plain-english.js';
import { locate, problemAt } from './load/yaml.js';
import type { Printer } from './pdf/printer.js';
import { findChromium } from './pdf/chromium.js';
import type { PrintedDocument } from './pdf/contents.js';
import { regionComparisonPage, yearComparisonPage } from './report/comparison.js';
import { agencySlug, namesAgency } from './domain/text.js';
import { regionPartners } from './metrics/region.js';
import { committeePack, documentPages, type PageView } from './report/pages.js';
import { chartsOf, preparePage, trackedIds, type RenderedPage } from './render/prepare.js';
import { parseFiscalYear, type FiscalYear } from './domain/fiscal-year.js';
import type { TableView } from './report/view.js';
import { building, documents, loading, narrative } from './messages.js';

export interface BuiltDocument {
  authority: string;
  year: string;
  /** `annual-report`, `covering-report`, `statement-of-purpose` or `committee-pack`. */
  document: string;
  audience: Audience;
  htmlPath: string | null;
  pdfPath: string | null;
  docxPath: string | null;
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
  /** Outputs whose inputs had not changed since they were built. */
  unchanged: number;
  failures: BuildFailure[];
  warnings: Problem[];
  /** Browsers started: 0 when nothing needed printing. */
  browserLaunches: number;
}

/** One output: a page (one document, or the pack) to render, print and write. */
interface Job {
  dataset: Dataset;
  document: string;
  audience: Audience;
  page: RenderedPage;
  /** Where a comparison goes: not one authority-year's folder, and always rebuilt. */
  output?: { folder: string; stem: string };
}

function fail(problems: readonly Problem[]): never {
  const unwritten = errorsIn(problems).some((p) => p.stillToFillIn);
  const message = building.problemsFound(formatProblems(problems), errorsIn(problems).length);
  throw new UserError(unwritten ? `${message}\n${loading.notPublishable()}` : message, { exitCode: ExitCode.invalidInput, problems: [...problems] });
}

/**
 * Loads and validates; throws a UserError listing every problem if any dataset is invalid. The
 * warnings are returned, for the caller to report once its own checks are done.
 */
export function loadValidDatasets(
  config: BuildConfig,
  effects: BuildEffects,
  purpose: 'validate' | 'publish' = 'publish',
): { datasets: Dataset[]; warnings: Problem[] } {
  const loaded = loadDatasets(effects.files, config.targets, { dataDir: config.dataDir, cwd: config.cwd });
  const partners = loadRegionPartners(effects.files, loaded.datasets, { cwd: config.cwd });
  // The agency whose section a partner prints; the partners whose figures an agency adds up.
  const companions = loadAgencyCompanions(effects.files, [...loaded.datasets, ...partners], { cwd: config.cwd });
  const others = [...partners, ...companions.datasets.filter((c) => !partners.some((p) => p.authority.folder === c.authority.folder))];
  // Of an agency's unwritten text, only its section for the partners reaches their reports.
  companions.problems = companions.problems.filter((p) => !p.stillToFillIn || p.dataPath === 'for_partners');
  // Sections still to write are listed by validate, and keep a public document from being built unless it is a draft.
  const publishing = purpose === 'publish' && config.audiences.includes('public') && !config.draft;
  for (const p of [...loaded.problems, ...companions.problems]) if (p.stillToFillIn && (config.strict || publishing)) p.severity = 'error';
  const { datasets: all, problems: resolving } = resolveDatasets([...loaded.datasets, ...others], { strict: config.strict });
  const partnerFiles = new Set(others.filter((d) => !d.agency).flatMap((d) => [d.current.source.displayPath, ...d.earlier.map((y) => y.source.displayPath)]));
  const problems = [...loaded.problems, ...companions.problems, ...resolving.filter((p) => !partnerFiles.has(p.file))];
  if (errorsIn(problems).length > 0) fail(problems);
  // Hiding what the public documents, read together with the partners', would give away.
  auditDisclosure(all);
  const datasets = withRegional(all.slice(0, loaded.datasets.length), all);
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (datasets.length === 0)
    throw new UserError(loading.noDatasets(config.targets.length ? config.targets.join(', ') : config.dataDir), { exitCode: ExitCode.invalidInput });
  return { datasets, warnings };
}

/** Output folder of an authority-year (restricted documents in their own), checked to lie inside the output folder. */
export function outputFolder(files: FileSystem, outDir: string, authority: string, year: string, audience: Audience): string {
  const folder = resolve(outDir, authority, year, ...(audience === 'restricted' ? ['restricted'] : []));
  checkInsideOutput(files, outDir, folder);
  return folder;
}

/** The outputs an authority-year will have, read from its file's top-level keys. */
function expectedOutputs(
  effects: BuildEffects,
  yearFile: string,
  config: BuildConfig,
  what: 'documents' | 'pack',
): { document: string; audience: Audience }[] {
  const names =
    what === 'pack'
      ? ['committee-pack']
      : documentsIn(effects.files.readText(yearFile)).filter((d) => !config.only || (config.only as string[]).includes(d));
  return config.audiences.flatMap((audience) => names.map((document) => ({ document, audience })));
}

/** Everything an output's fingerprint covers, and the files it writes. */
function outputOf(effects: BuildEffects, folder: string, year: string, config: BuildConfig, tool: string, document: string, audience: Audience) {
  // A regional adoption agency's report goes beside the region's comparisons.
  const body = effects.files.kind(join(folder, AGENCY_FILE)) === 'file' ? join('regions', basename(folder)) : basename(folder);
  const out = outputFolder(effects.files, config.outDir, body, year, audience);
  const htmlPath = document === 'committee-pack' || !config.html ? null : join(out, `${document}.html`);
  const pdfPath = config.pdf ? join(out, `${document}.pdf`) : null;
  const docxPath = config.docx ? join(out, `${document}.docx`) : null;
  return {
    folder: out,
    htmlPath,
    pdfPath,
    docxPath,
    files: [htmlPath, pdfPath, docxPath].filter((f): f is string => f !== null),
    fingerprint: inputFingerprint(effects.files, tool, folder, year, { document, audience, years: config.years, fixedYears: config.fixedYears, html: config.html, pdf: config.pdf, docx: config.docx, draft: config.draft }),
    manifest: readManifest(effects.files, manifestPath(out, document)),
  };
}

const isFresh = (effects: BuildEffects, o: ReturnType<typeof outputOf>) => upToDate(effects.files, o.manifest, o.fingerprint, o.folder, o.files);

function comparisonOutput(effects: BuildEffects, output: { folder: string; stem: string }, config: BuildConfig): ReturnType<typeof outputOf> {
  checkInsideOutput(effects.files, config.outDir, output.folder);
  const htmlPath = join(output.folder, `${output.stem}.html`);
  const pdfPath = config.pdf ? join(output.folder, `${output.stem}.pdf`) : null;
  // Comparisons are read on screen and printed; they are not committee papers, so no Word file.
  return { folder: output.folder, htmlPath, pdfPath, docxPath: null, files: [htmlPath, ...(pdfPath ? [pdfPath] : [])], fingerprint: '', manifest: undefined };
}

/** `annual-report compare <authority> [years...]`: out/<authority>/comparison.{html,pdf}. */
export async function compareYears(config: BuildConfig, effects: BuildEffects, authority: string, yearIds: readonly string[]): Promise<BuildResult> {
  const { datasets, warnings } = loadValidDatasets({ ...config, targets: [join(config.dataDir, authority)] }, effects);
  const latest = datasets.at(-1)!;
  const years = yearIds.length > 0 ? [...yearIds].sort().map((id) => parseFiscalYear(id)!) : yearsWithData(latest);
  // The dataset of the latest year asked for (or, if it has none, the latest there is) carries every earlier year.
  const last = years.at(-1)!;
  const dataset = datasets.find((d) => d.current.year.id === last.id) ?? { ...latest, earlier: [latest.current, ...latest.earlier] };
  const { page, problems } = preparePage(yearComparisonPage(dataset, years, config.draft));
  [...warnings, ...problems].forEach((p) => effects.logger.problem(p));
  const folder = resolve(config.outDir, authority);
  return run([{ dataset, document: 'comparison', audience: 'public', page, output: { folder, stem: 'comparison' } }], config, effects, [...warnings, ...problems], '');
}

/**
 * A regional adoption agency's partners in one year, from the datasets: by the agency's own
 * folder when it has one (any of its names will do; its partners in its order, each even without
 * a dataset that year), else as its partners name it. Undefined when no dataset names it.
 */
export function regionOf(
  datasets: readonly Dataset[],
  agency: string,
  year: FiscalYear,
): { name: string; folder: string; partners: { name: string; dataset: Dataset | undefined }[]; member: Dataset } | undefined {
  const own = datasets.find((d) => d.regional && namesAgency(agency, d.regional.agency.authority))?.regional?.agency.authority;
  const members = datasets.filter((d) => !d.agency && (own ? namesAgency(d.authority.regionalAgency, own) : d.authority.regionalAgency && agencySlug(d.authority.regionalAgency) === agencySlug(agency)));
  if (members.length === 0) return undefined;
  const name = own?.name ?? members[0]!.authority.regionalAgency!;
  const listed = datasets.find((d) => d.regional?.agency.authority === own && d.current.year.id === year.id)?.regional?.partners;
  return { name, folder: own?.id ?? agencySlug(name), partners: listed ?? regionPartners(datasets, name, year), member: members[0]! };
}

/** `annual-report compare --region <agency> <year>`: out/regions/<agency>/<yyyy-yy>/comparison.{html,pdf}. */
export async function compareRegion(config: BuildConfig, effects: BuildEffects, agency: string, yearId: string): Promise<BuildResult> {
  const { datasets, warnings } = loadValidDatasets(config, effects);
  const year = parseFiscalYear(yearId)!;
  const region = regionOf(datasets, agency, year);
  if (!region) {
    const known = [...new Set(datasets.map((d) => d.authority.regionalAgency).filter(Boolean))];
    throw new UserError(building.noSuchAgency(agency, known as string[]), {
      exitCode: ExitCode.invalidInput,
    });
  }
  const { page, problems } = preparePage(regionComparisonPage(region.name, year, region.partners));
  [...warnings, ...problems].forEach((p) => effects.logger.problem(p));
  const folder = resolve(config.outDir, 'regions', region.folder, year.id);
  const dataset = region.partners.find((p) => p.dataset)?.dataset ?? region.member;
  return run(
    [{ dataset, document: 'region-comparison', audience: 'public', page, output: { folder, stem: 'comparison' } }],
    config,
    effects,
    [...warnings, ...problems],
    '',
  );
}

/** The pages to build for the datasets: each document, or the committee pack, for each audience. */
export function planJobs(
  datasets: readonly Dataset[],
  config: BuildConfig,
  what: 'documents' | 'pack',
  logger?: BuildEffects['logger'],
): { jobs: Job[]; problems: Problem[] } {
  const jobs: Job[] = [];
  const problems: Problem[] = [];
  const prepared = (view: PageView) => {
    const result = preparePage(view);
    problems.push(...result.problems);
    return result.page;
  };
  // The numbers each year's narrative types, checked once, whatever the audiences.
  for (const dataset of datasets)
    problems.push(...checkNarrativeNumbers(dataset, { strict: config.strict, publicAudience: config.audiences.includes('public') }), ...checkPlainEnglish(dataset));
  for (const audience of config.audiences) {
    const options = { years: config.years, audience, draft: config.draft, fixedYears: config.fixedYears };
    for (const dataset of datasets) {
      if (what === 'pack') {
        const pack = committeePack(dataset, options);
        problems.push(...pack.problems);
        for (const missing of pack.missing) {
          problems.push(
            problemAt(
              dataset.current.source,
              locate(dataset.current.source, []).position,
              documents.packNeedsCoveringReport(missing.reason),
            ),
          );
        }
        if (pack.page) jobs.push({ dataset, document: 'committee-pack', audience, page: prepared(pack.page) });
        continue;
      }
      const planned = documentPages(dataset, options, config.only);
      problems.push(...planned.problems);
      if (audience === config.audiences[0])
        for (const skipped of planned.skipped) logger?.info(documents.skipped(`${dataset.authority.id} ${dataset.current.year.id} ${skipped.kind}`, skipped.reason));
      for (const plan of planned.plans) jobs.push({ dataset, document: plan.kind, audience, page: prepared(plan.page) });
    }
  }
  // The same problem is found once per audience; report it once.
  const seen = new Set<string>();
  return { jobs, problems: problems.filter((p) => !seen.has(formatProblem(p)) && Boolean(seen.add(formatProblem(p)))) };
}

/** Loads, validates and plans; throws a UserError listing every problem, before anything is written. */
export function validate(
  config: BuildConfig,
  effects: BuildEffects,
  what: 'documents' | 'pack' = 'documents',
): { datasets: Dataset[]; jobs: Job[]; warnings: Problem[] } {
  const { datasets, warnings } = loadValidDatasets(config, effects, 'validate');
  const { jobs, problems } = planJobs(datasets, config, what, effects.logger);
  if (errorsIn(problems).length > 0) fail([...warnings, ...problems]);
  [...warnings, ...problems].forEach((p) => effects.logger.problem(p));
  return { datasets, jobs, warnings: [...warnings, ...problems] };
}

/** Builds each dataset's documents (or those named by config.only) into out/<authority>/<yyyy-yy>/. */
export function build(config: BuildConfig, effects: BuildEffects): Promise<BuildResult> {
  return buildWhat(config, effects, 'documents');
}

/** Builds the committee pack of one authority-year: out/<authority>/<yyyy-yy>/committee-pack.pdf. */
export function buildPack(config: BuildConfig, effects: BuildEffects): Promise<BuildResult> {
  return buildWhat(config, effects, 'pack');
}

async function buildWhat(config: BuildConfig, effects: BuildEffects, what: 'documents' | 'pack'): Promise<BuildResult> {
  const tool = toolFingerprint(effects.files, config);
  // Authority-years whose every output is up to date are not even read: a no-change build is quick.
  const candidates = config.force ? undefined : yearFilesOf(effects.files, config.targets, { dataDir: config.dataDir, cwd: config.cwd });
  let unchanged = 0;
  let targets = config.targets;
  if (candidates) {
    const stale = candidates.filter((c) => {
      const outputs = expectedOutputs(effects, c.file, config, what);
      const fresh = outputs.every((o) => isFresh(effects, outputOf(effects, c.folder, c.year, config, tool, o.document, o.audience)));
      if (fresh) unchanged += outputs.length;
      return !fresh;
    });
    if (stale.length === 0) return { documents: [], unchanged, failures: [], warnings: [], browserLaunches: 0 };
    targets = stale.map((c) => c.file);
  }
  const { datasets, warnings } = loadValidDatasets({ ...config, targets }, effects);
  const { jobs, problems } = planJobs(datasets, config, what, effects.logger);
  if (errorsIn(problems).length > 0) fail([...warnings, ...problems]);
  [...warnings, ...problems].forEach((p) => effects.logger.problem(p));
  const result = await run(jobs, config, effects, [...warnings, ...problems], tool);
  return { ...result, unchanged: result.unchanged + unchanged };
}

/** Draws every chart of a page into its view (the chart stage), once. */
export async function drawCharts(page: RenderedPage, charts: ChartRenderer): Promise<void> {
  for (const chart of chartsOf(page)) chart.svg ??= await charts.render(chart.request);
}

/** The HTML of a page: its charts drawn, then the templates. */
export async function pageHtml(page: RenderedPage, charts: ChartRenderer, templates: TemplateRenderer, options: RenderOptions): Promise<string> {
  await drawCharts(page, charts);
  return templates.render(page, options);
}

/**
 * A chart's data table as CSV (RFC 4180, written by csv-stringify), for readers who want the
 * numbers: with a byte-order mark, so Excel reads it as UTF-8, and any text that begins =, +, -
 * or @ (which a spreadsheet would run as a formula) made plain text with a leading apostrophe.
 */
export function tableCsv(table: TableView): string {
  const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  const rows = [table.columns.map((c) => text(c.text)), ...table.rows.map((r) => [text(r.header), ...r.cells.map((c) => (c.numeric ? c.text : text(c.text)))])];
  return `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`;
}

/** Each chart as SVG and its data as CSV, for slides and spreadsheets: paths relative to the document's folder. */
function chartFilesOf(page: RenderedPage, stem: string): { path: string; label: string; text: string }[] {
  return chartsOf(page).flatMap((chart) => {
    const base = `charts/${stem}-${chart.id}`;
    return [
      ...(chart.svg ? [{ path: `${base}.svg`, label: chart.title, text: `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n` }] : []),
      { path: `${base}.csv`, label: chart.title, text: tableCsv(chart.table) },
    ];
  });
}

/** A file's size as a reader expects it: 310 KB, 1.2 MB. */
function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The dataset field whose text holds a URL the document tried to load, for the warning. */
function fieldMentioning(dataset: Dataset, url: string): (string | number)[] | undefined {
  const search = (value: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (typeof value === 'string') return value.includes(url) ? path : undefined;
    if (Array.isArray(value)) return value.map((v, i) => search(v, [...path, i])).find(Boolean);
    if (value && typeof value === 'object')
      return Object.entries(value)
        .map(([k, v]) => search(v, [...path, k]))
        .find(Boolean);
    return undefined;
  };
  return search(dataset.current.data, []);
}

function blockedRequestWarning(dataset: Dataset, url: string): Problem {
  const path = fieldMentioning(dataset, url);
  const source = dataset.current.source;
  const where = path ? locate(source, path).position : undefined;
  const shown = url.length > 100 ? `${url.slice(0, 97)}...` : url;
  return problemAt(
    source,
    where,
    narrative.blockedRequest(shown, path !== undefined),
    {
      severity: 'warning',
      ...(path ? { dataPath: path } : {}),
    },
  );
}

async function run(jobs: Job[], config: BuildConfig, effects: BuildEffects, warnings: Problem[], tool: string): Promise<BuildResult> {
  const result: BuildResult = { documents: [], unchanged: 0, failures: [], warnings: [...warnings], browserLaunches: 0 };
  if (jobs.length === 0) return result;
  // The rendering stages are loaded only when there is something to render.
  const [{ TemplateRenderer }, { ChartRenderer }, { printWithContents, PageGuesses }, { identifyPdf }] = await Promise.all([
    import('./render/templates.js'),
    import('./charts/render.js'),
    import('./pdf/contents.js'),
    import('./pdf/identify.js'),
  ]);
  const templates = new TemplateRenderer(effects.files, config);
  const charts = new ChartRenderer(effects.files, config.chartsDir);
  const { wordDocument, stylesOf, CHART_FONT_FILES } = await import('./docx/word.js');
  const fontFiles = CHART_FONT_FILES.filter((f) => effects.files.kind(f) === 'file');
  let styles: string | undefined;
  const wordStyles = () => (config.ownWordStyles ? (styles ??= stylesOf(effects.files.read(config.ownWordStyles))) : undefined);
  // Started on the first document that needs printing: a build with nothing to print starts none.
  let printer: Promise<Printer> | undefined;
  const getPrinter = () => (printer ??= effects.launchPrinter(findChromium(effects.files, config.chromiumPath), config.concurrency));
  const guesses = new PageGuesses();
  let started = 0;
  const total = jobs.length;
  const buildOne = async (job: Job) => {
    const { dataset, page } = job;
    const name = `${dataset.authority.id} ${dataset.current.year.id} ${job.audience === 'restricted' ? 'restricted/' : ''}${job.document}`;
    effects.logger.progress?.(started++, total, name);
    const began = performance.now();
    try {
      const output = job.output
        ? comparisonOutput(effects, job.output, config)
        : outputOf(effects, dataset.authority.folder, dataset.current.year.id, config, tool, job.document, job.audience);
      const { folder, htmlPath, pdfPath, docxPath, files, fingerprint, manifest: previous } = output;
      if (!config.force && !job.output && isFresh(effects, output)) {
        result.unchanged++;
        effects.logger.detail?.(building.unchanged(name));
        return;
      }
      const printHtml = pdfPath ? await pageHtml(page, charts, templates, { print: true }) : null;
      let printed: PrintedDocument | undefined;
      if (pdfPath) {
        const blocked = new Set<string>();
        const ids = trackedIds(page);
        const kind = `${job.document}\u0000${job.audience}\u0000${ids.join(' ')}`;
        printed = await printWithContents(await getPrinter(), printHtml!, ids, {
          onBlockedRequest: (url) => blocked.add(url),
          // The pages this document's last build read back, or else a like document's; asked when its print starts.
          guess: () => (previous ? new Map(Object.entries(previous.pages)) : guesses.guess(kind)),
        });
        guesses.record(kind, printed.pages);
        printed = { ...printed, pdf: await identifyPdf(printed.pdf, { title: page.title, language: page.lang, tool: `annual-report ${TOOL_VERSION}` }) };
        for (const url of blocked) {
          const warning = blockedRequestWarning(dataset, url);
          result.warnings.push(warning);
          effects.logger.problem(warning);
        }
      }
      // One unit: HTML, charts, PDF, Word and the manifest replace the old ones together, or not at all.
      const stem = job.output?.stem ?? job.document;
      const unit = new OutputUnit(folder, stem);
      await drawCharts(page, charts);
      const word = docxPath ? await wordDocument(page, { styles: wordStyles(), fontFiles }) : undefined;
      if (printed && pdfPath) unit.add(pdfPath, printed.pdf);
      if (word && docxPath) unit.add(docxPath, word);
      if (htmlPath) {
        // The HTML last, so that it can link the other formats with their sizes.
        const chartFiles = chartFilesOf(page, stem);
        page.downloads = [
          ...(printed && pdfPath ? [{ label: 'PDF', href: basename(pdfPath), size: fileSize(printed.pdf.length) }] : []),
          ...(word && docxPath ? [{ label: 'Word', href: basename(docxPath), size: fileSize(word.length) }] : []),
        ];
        page.chartData = chartFiles.filter((f) => f.path.endsWith('.csv')).map((f) => ({ label: f.label, href: f.path, size: fileSize(Buffer.byteLength(f.text)) }));
        unit.add(htmlPath, await pageHtml(page, charts, templates, { print: false }));
        for (const f of chartFiles) unit.add(join(folder, f.path), f.text);
      }
      if (!job.output) {
        const manifest: Manifest = { fingerprint, pages: Object.fromEntries(printed?.pages ?? []), files: files.map((f) => relative(folder, f)) };
        unit.add(manifestPath(folder, job.document), `${JSON.stringify(manifest, null, 1)}\n`);
      }
      unit.commit(effects.files);
      result.documents.push({
        authority: dataset.authority.id,
        year: dataset.current.year.id,
        document: job.document,
        audience: job.audience,
        htmlPath,
        pdfPath,
        docxPath,
        pageCount: printed?.pageCount ?? null,
        prints: printed?.prints ?? 0,
      });
      effects.logger.info(building.built(name, printed?.pageCount ?? null));
      effects.logger.detail?.(building.timing(Math.round(performance.now() - began), printed?.prints ?? 0));
    } catch (error) {
      if (isUserError(error)) throw error;
      result.failures.push({ document: name, message: (error as Error).message, cause: error });
      effects.logger.info(building.failed(name, (error as Error).message));
    }
  };
  // One build at a time writes into out/; what an interrupted one left is finished or removed first.
  const unlock = await lockOutput(effects, config.outDir, (message) => effects.logger.info(message));
  try {
    recoverOutputs(effects.files, config.outDir);
    await runPool(jobs.splice(0), config.concurrency + 1, buildOne);
    effects.logger.progress?.(total, total, null);
  } finally {
    unlock();
    if (printer) {
      const started = await printer.catch(() => undefined);
      result.browserLaunches = started?.launches ?? 0;
      await started?.close();
    }
  }
  return result;
}

/**
 * Runs `work` over `items`, at most `limit` at once: HTML is prepared while others print. Each item
 * is let go once done, so a large build holds only the documents in hand.
 */
async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}
