/**
 * `annual-report preview`: the documents served on 127.0.0.1, public and restricted, as HTML and
 * (printed on demand by a browser kept warm) PDF, with the committee packs and comparisons, and
 * an index of them all. Each authority is its own unit: an invalid edit shows that authority's
 * problems in place of its documents, the same messages `validate` prints, while every other
 * authority's documents keep working. A save rebuilds only what it can change (the year edited
 * and later years of that authority, and its regional partners, whose hidden figures depend on
 * it), and only the pages showing those documents reload.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { loadValidDatasets, pageHtml, planJobs, regionOf } from './build.js';
import { ChartRenderer } from './charts/render.js';
import type { BuildConfig } from './config.js';
import type { BuildEffects } from './effects.js';
import { ExitCode, formatProblems, isUserError, UserError, type Problem } from './errors.js';
import { TemplateRenderer } from './render/templates.js';
import { agencySlug, escapeHtml } from './domain/text.js';
import { YEAR_FILE } from './domain/fiscal-year.js';
import { RECORDS_FILE, yearFilesOf } from './load/load.js';
import { DEFAULT_ACCENT } from './load/model.js';
import type { Dataset } from './metrics/dataset.js';
import { yearsWithData } from './metrics/history.js';
import type { Printer } from './pdf/printer.js';
import { findChromium } from './pdf/chromium.js';
import { preparePage, trackedIds, type RenderedPage } from './render/prepare.js';
import { regionComparisonPage, yearComparisonPage } from './report/comparison.js';
import { preview as messages } from './messages.js';

export interface Preview {
  url: string;
  /** Rebuilds so far; each one reloads the pages open in a browser that show what changed. */
  readonly version: number;
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
/** Browser tabs following the preview at once: enough for anyone, not enough to tie the server up. */
const MAX_EVENT_STREAMS = 32;

// A page reloads when what it shows was rebuilt (or, for the index, when anything was).
const RELOAD_SCRIPT = `new EventSource('/__preview/events').addEventListener('reload', (event) => {
  const changed = JSON.parse(event.data);
  if (location.pathname === '/' || changed.includes(location.pathname.replace(/\\/$/, ''))) location.reload();
});\n`;
// The documents' own policy allows no script at all; the preview adds its one script, from itself.
const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; script-src 'self'; connect-src 'self'";

function withReload(html: string): string {
  return html
    .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`)
    .replace('</head>', '<script src="/__preview/reload.js" defer></script></head>');
}

function page(title: string, body: string): string {
  return withReload(
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content=""><title>${escapeHtml(title)}</title><style>body{font-family:"DejaVu Sans",sans-serif;margin:1rem;max-width:60rem;color:#1a1a1a;line-height:1.5}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fbe9e7;border-left:4px solid #9b1c1c;padding:1rem}a{color:${DEFAULT_ACCENT}}li{margin:0.2rem 0}</style></head><body><main>${body}</main></body></html>`,
  );
}

/** One document as the preview serves it: prepared, its HTML and PDF made when first asked for. */
interface Served {
  title: string;
  year: string;
  document: string;
  restricted: boolean;
  page: RenderedPage;
  html?: string;
  pdf?: Promise<Uint8Array>;
}

/** One authority: its documents, or the problems that keep them from being built. */
interface Unit {
  folder: string;
  id: string;
  name: string;
  agency: string | null;
  documents: Map<string, Served>;
  /** Packs, by year: built and printed when asked for. */
  packs: Set<string>;
  problems: string | null;
  warnings: Problem[];
  /** A regional adoption agency's folder: one document a year, no year comparison. */
  isAgency: boolean;
}

export async function startPreview(config: BuildConfig, effects: BuildEffects, options: { port: number; host?: string }): Promise<Preview> {
  const charts = new ChartRenderer(effects.files, config.chartsDir);
  let templates = new TemplateRenderer(effects.files, config);
  const units = new Map<string, Unit>();
  let version = 0;
  const clients = new Set<ServerResponse>();
  const quiet: BuildEffects = { ...effects, logger: { ...effects.logger, problem: () => undefined } };
  // Public documents are rebuilt on every save; restricted ones are made when asked for.
  const previewConfig: BuildConfig = { ...config, pdf: false, docx: false, audiences: ['public'] };
  let printer: Promise<Printer> | undefined;
  const getPrinter = () => (printer ??= effects.launchPrinter(findChromium(effects.files, config.chromiumPath), 1));

  /** The units of a region, by its agency's slug: the agency's own and its partners'. */
  const unitsOfRegion = (slug: string) => [...units.values()].filter((u) => u.agency && agencySlug(u.agency) === slug);

  /** The authority folders the preview serves. */
  const folders = () => [...new Set((yearFilesOf(effects.files, config.targets, { dataDir: config.dataDir, cwd: config.cwd }) ?? []).map((f) => f.folder))];

  /** Builds an authority's documents (of the given years and later, or all); returns the paths rebuilt. */
  const buildUnit = async (folder: string, fromYear?: string): Promise<string[]> => {
    const id = basename(folder);
    const unit = units.get(folder) ?? { folder, id, name: id, agency: null, isAgency: false, documents: new Map(), packs: new Set<string>(), problems: null, warnings: [] };
    units.set(folder, unit);
    const years = effects.files
      .list(folder)
      .map((e) => YEAR_FILE.exec(e.name)?.[1])
      .filter((y): y is string => y !== undefined && (!fromYear || y >= fromYear));
    const rebuilt = () => [...unit.documents].filter(([, d]) => !fromYear || d.year >= fromYear).map(([path]) => path);
    const before = rebuilt();
    // Nothing of this authority is that recent: nothing to rebuild.
    if (fromYear && years.length === 0) return [];
    try {
      const targets = fromYear ? years.map((y) => join(folder, `${y}.yaml`)) : [folder];
      const { datasets, warnings } = loadValidDatasets({ ...previewConfig, targets }, quiet);
      const { jobs, problems } = planJobs(datasets, previewConfig, 'documents');
      if (problems.some((p) => p.severity === 'error')) throw new UserError(formatProblems(problems));
      if (!fromYear) unit.documents.clear();
      for (const key of [...unit.documents.keys()]) if (years.includes(unit.documents.get(key)!.year)) unit.documents.delete(key);
      for (const job of jobs) {
        const restricted = job.audience === 'restricted';
        const path = `/${id}/${job.dataset.current.year.id}${restricted ? '/restricted' : ''}/${job.document}`;
        unit.documents.set(path, { title: job.page.title, year: job.dataset.current.year.id, document: job.document, restricted, page: job.page });
        // The public HTML at once, since it is what an author is looking at; the rest when asked for.
        if (!restricted) unit.documents.get(path)!.html = await htmlOf(job.page);
      }
      const first = datasets[0];
      // An agency is its own region: a save to its files rebuilds its partners, whose reports print its section.
      // (Its partners go by the agency's own name, whatever name they give it: the loader sees to that.)
      if (first) [unit.name, unit.agency, unit.isAgency] = [first.authority.shortName, first.agency ? first.authority.name : first.authority.regionalAgency, Boolean(first.agency)];
      unit.packs = new Set(datasets.filter((d) => d.current.data.covering_report).map((d) => d.current.year.id));
      unit.problems = null;
      unit.warnings = [...warnings, ...problems];
    } catch (error) {
      // The same messages `validate` prints, in place of this authority's documents only.
      unit.problems = isUserError(error) ? error.message : (error as Error).message;
    }
    return [...new Set([...before, ...rebuilt()])];
  };

  const announce = (changed: string[]) => {
    version++;
    const data = JSON.stringify(changed);
    for (const client of clients) client.write(`event: reload\ndata: ${data}\n\n`);
    const failing = [...units.values()].filter((u) => u.problems);
    effects.logger.info(failing.length > 0 ? messages.problem(failing[0]!.problems!.split('\n')[0]!) : messages.rebuilt(changed.length));
  };

  const rebuildAll = async () => {
    templates = new TemplateRenderer(effects.files, config);
    const present = folders();
    for (const folder of [...units.keys()]) if (!present.includes(folder)) units.delete(folder);
    const changed: string[] = [];
    for (const folder of present) changed.push(...(await buildUnit(folder)));
    announce(changed);
  };

  /** What a save changes: the year saved and later years of its authority, and its regional partners. */
  const rebuildFor = async (paths: readonly string[]) => {
    const dataDir = resolve(config.dataDir);
    const inData = paths.filter((p) => resolve(p).startsWith(`${dataDir}${sep}`) || config.targets.some((t) => resolve(p).startsWith(resolve(config.cwd, t))));
    if (inData.length < paths.length || paths.length === 0) return rebuildAll();
    const byFolder = new Map<string, string | undefined>();
    for (const p of inData) {
      const folder = resolve(p).endsWith('.yaml') ? dirname(resolve(p)) : resolve(p);
      const year = (YEAR_FILE.exec(basename(p)) ?? RECORDS_FILE.exec(basename(p)))?.[1];
      // authority.yaml, an image, or a folder: the whole authority.
      const earliest = byFolder.has(folder) ? byFolder.get(folder) : year;
      byFolder.set(folder, year && earliest ? (year < earliest ? year : earliest) : undefined);
    }
    const changed: string[] = [];
    for (const [folder, fromYear] of byFolder) {
      if (!folders().includes(folder)) return rebuildAll();
      changed.push(...(await buildUnit(folder, fromYear)));
      const agency = units.get(folder)?.agency;
      for (const partner of agency ? unitsOfRegion(agencySlug(agency)).filter((u) => u.folder !== folder) : [])
        changed.push(...(await buildUnit(partner.folder, fromYear)));
    }
    announce(changed);
  };

  /** The datasets of every unit, for the comparisons (built when asked for). */
  const datasetsOf = (targets: string[]): Dataset[] => loadValidDatasets({ ...previewConfig, targets }, quiet).datasets;
  const htmlOf = (prepared: RenderedPage) => pageHtml(prepared, charts, templates, { print: false });
  const pdfOf = async (prepared: RenderedPage): Promise<Uint8Array> => {
    const { printWithContents } = await import('./pdf/contents.js');
    const printed = await printWithContents(await getPrinter(), await pageHtml(prepared, charts, templates, { print: true }), trackedIds(prepared));
    return printed.pdf;
  };

  /** The answer to one path, or undefined for none. */
  const answer = async (path: string): Promise<{ type: string; body: string | Uint8Array } | undefined> => {
    if (path === '/') return { type: 'text/html', body: index() };
    const pdf = path.endsWith('.pdf');
    const key = pdf ? path.slice(0, -'.pdf'.length) : path;
    const unit = [...units.values()].find((u) => key === `/${u.id}` || key.startsWith(`/${u.id}/`));
    if (unit?.problems)
      return { type: 'text/html', body: page(`Problems: ${unit.name}`, `<h1>${escapeHtml(unit.name)}: the data has problems</h1><p>Fix them and save: this page reloads by itself. <a href="/">All documents</a></p><pre>${escapeHtml(unit.problems)}</pre>`) };
    const restricted = /^\/([^/]+)\/(\d{4}-\d{2})\/restricted\/([a-z-]+)$/.exec(key);
    if (unit && restricted && !unit.documents.has(key) && unit.documents.has(`/${unit.id}/${restricted[2]}/${restricted[3]}`)) {
      const { jobs } = planJobs(datasetsOf([join(unit.folder, `${restricted[2]}.yaml`)]), { ...previewConfig, audiences: ['restricted'] }, 'documents');
      for (const job of jobs)
        unit.documents.set(`/${unit.id}/${restricted[2]}/restricted/${job.document}`, { title: job.page.title, year: restricted[2]!, document: job.document, restricted: true, page: job.page });
    }
    const served = unit?.documents.get(key);
    if (served) {
      if (pdf) return { type: 'application/pdf', body: await (served.pdf ??= pdfOf(served.page)) };
      served.html ??= await htmlOf(served.page);
      return { type: 'text/html', body: withReload(served.html) };
    }
    const pack = /^\/([^/]+)\/(\d{4}-\d{2})\/committee-pack$/.exec(key);
    if (unit && pack && pdf && unit.packs.has(pack[2]!)) {
      const { jobs } = planJobs(datasetsOf([join(unit.folder, `${pack[2]}.yaml`)]), { ...previewConfig, audiences: ['public'] }, 'pack');
      if (jobs[0]) return { type: 'application/pdf', body: await pdfOf(jobs[0].page) };
    }
    if (unit && key === `/${unit.id}/comparison`) {
      const datasets = datasetsOf([unit.folder]);
      const latest = datasets.at(-1)!;
      const prepared = preparePage(yearComparisonPage(latest, yearsWithData(latest))).page;
      return pdf ? { type: 'application/pdf', body: await pdfOf(prepared) } : { type: 'text/html', body: withReload(await htmlOf(prepared)) };
    }
    const region = /^\/regions\/([^/]+)\/(\d{4}-\d{2})$/.exec(key);
    if (region) {
      const datasets = datasetsOf(unitsOfRegion(region[1]!).filter((u) => !u.isAgency).map((u) => u.folder));
      const year = datasets.find((d) => d.current.year.id === region[2])?.current.year;
      const partners = year && regionOf(datasets, region[1]!, year);
      if (!partners) return undefined;
      const prepared = preparePage(regionComparisonPage(partners.name, year, partners.partners)).page;
      return pdf ? { type: 'application/pdf', body: await pdfOf(prepared) } : { type: 'text/html', body: withReload(await htmlOf(prepared)) };
    }
    return undefined;
  };

  /** Every document by authority and year, with its other forms; problems where an authority has them. */
  const index = (): string => {
    const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
    const sections = [...units.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((unit) => {
        if (unit.problems) return `<h2>${escapeHtml(unit.name)}</h2><p>Its data has problems: ${link(`/${unit.id}`, 'see them')}.</p>`;
        const years = [...new Set([...unit.documents.values()].map((d) => d.year))].sort().reverse();
        const perYear = years.map((year) => {
          const docs = [...unit.documents.entries()].filter(([, d]) => d.year === year && !d.restricted);
          const items = docs.map(([path, d]) => {
            const restricted = `/${unit.id}/${year}/restricted/${d.document}`;
            return `<li>${link(path, d.title)} (${link(`${path}.pdf`, 'PDF')}; restricted: ${link(restricted, 'HTML')}, ${link(`${restricted}.pdf`, 'PDF')})</li>`;
          });
          const pack = unit.packs.has(year) ? [`<li>${link(`/${unit.id}/${year}/committee-pack.pdf`, 'Committee pack')} (PDF)</li>`] : [];
          return `<h3>${escapeHtml(year.replace('-', '/'))}</h3><ul>${[...items, ...pack].join('')}</ul>`;
        });
        const warned = unit.warnings.length > 0 ? `<details><summary>${unit.warnings.length} warnings</summary><pre>${escapeHtml(formatProblems(unit.warnings))}</pre></details>` : '';
        const comparison = unit.isAgency ? '<p>Regional adoption agency</p>' : `<p>${link(`/${unit.id}/comparison`, 'Year comparison')} (${link(`/${unit.id}/comparison.pdf`, 'PDF')})</p>`;
        return `<h2>${escapeHtml(unit.name)}</h2>${comparison}${perYear.join('')}${warned}`;
      });
    const agencies = new Map([...units.values()].flatMap((u) => (u.agency ? [[agencySlug(u.agency), u.agency]] : [])));
    const regions = [...agencies].map(([slug, name]) => {
      const years = [...new Set(unitsOfRegion(slug).flatMap((u) => [...u.documents.values()].map((d) => d.year)))].sort().reverse();
      return `<li>${escapeHtml(name)}: ${years.map((y) => link(`/regions/${slug}/${y}`, y.replace('-', '/'))).join(', ')}</li>`;
    });
    return page('Preview', `<h1>Preview</h1>${sections.join('')}${regions.length ? `<h2>Regional adoption agencies</h2><ul>${regions.join('')}</ul>` : ''}`);
  };

  let port = 0;
  const server = createServer((request, response) => {
    const send = (status: number, type: string, body: string | Uint8Array) => {
      response.writeHead(status, { 'content-type': type.startsWith('text') ? `${type}; charset=utf-8` : type, 'cache-control': 'no-store' });
      response.end(body);
    };
    // Only this machine's own names: a page elsewhere that points a name of its own at 127.0.0.1
    // (DNS rebinding) gets nothing, not even the problems, which quote the data.
    if (!LOCAL_HOSTS.map((host) => `${host}:${port}`).includes((request.headers.host ?? '').toLowerCase())) return send(421, 'text/plain', messages.notThisHost());
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).replace(/\/$/, '') || '/';
    } catch {
      return send(400, 'text/plain', messages.badRequest());
    }
    if (path === '/__preview/reload.js') return send(200, 'text/javascript', RELOAD_SCRIPT);
    if (path === '/__preview/events') {
      if (clients.size >= MAX_EVENT_STREAMS) return send(503, 'text/plain', messages.tooManyStreams());
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    answer(path).then(
      (found) => (found ? send(200, found.type, found.body) : send(404, 'text/html', page('Not found', `<h1>Not found</h1><p><a href="/">All documents</a></p>`))),
      (error: Error) => send(500, 'text/html', page('Could not make the page', `<h1>Could not make the page</h1><pre>${escapeHtml(error.message)}</pre>`)),
    );
  });

  // The port first: taken, it is the one thing to say.
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UserError(messages.portInUse(options.port), { exitCode: ExitCode.usage }) : error),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', resolvePromise);
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  await rebuildAll();

  // Watch the datasets and everything a document is made from.
  const watched = [
    config.targets.length > 0 ? config.targets.map((t) => resolve(config.cwd, t)).map((t) => (t.endsWith('.yaml') ? dirname(t) : t)) : [config.dataDir],
    config.templatesDir,
    config.chartsDir,
    ...[config.ownTemplatesDir, config.ownStylesheet].filter((p): p is string => p !== null),
  ].flat();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let pending: string[] = [];
  const watcher = await effects.watch(watched, (changedPath) => {
    pending.push(changedPath ?? '');
    clearTimeout(timer);
    // Saves come in bursts (an editor writes, renames, touches): one rebuild for each burst.
    timer = setTimeout(() => {
      const paths = pending.filter(Boolean);
      const all = pending.some((p) => !p);
      pending = [];
      running = running.then(() => (all ? rebuildAll() : rebuildFor(paths)));
    }, 10);
  });

  return {
    url: `http://${address.address}:${address.port}`,
    get version() {
      return version;
    },
    rebuild: () => (running = running.then(rebuildAll)),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      if (printer) await (await printer.catch(() => undefined))?.close();
    },
  };
}

