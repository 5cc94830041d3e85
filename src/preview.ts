/**
 * `annual-report preview`: the documents served on 127.0.0.1, rebuilt when data, templates,
 * charts or styles change, and reloaded in the browser. An invalid edit shows the same messages
 * as `validate` in place of the document, and the server keeps running; fixing the file brings
 * the document back.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { loadValidDatasets, pageHtml, planJobs } from './build.js';
import { ChartRenderer } from './charts/render.js';
import type { BuildConfig } from './config.js';
import type { BuildEffects } from './effects.js';
import { ExitCode, formatProblems, isUserError, UserError, type Problem } from './errors.js';
import { TemplateRenderer } from './render/templates.js';
import { escapeHtml } from './domain/text.js';
import { DEFAULT_ACCENT } from './load/model.js';
import { preview as messages } from './messages.js';

export interface Preview {
  url: string;
  /** Rebuilds so far; each one reloads the pages open in a browser. */
  readonly version: number;
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
/** Browser tabs following the preview at once: enough for anyone, not enough to tie the server up. */
const MAX_EVENT_STREAMS = 32;

const RELOAD_SCRIPT = `new EventSource('/__preview/events').addEventListener('reload', () => location.reload());\n`;
// The documents' own policy allows no script at all; the preview adds its one script, from itself.
const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; script-src 'self'; connect-src 'self'";

function withReload(html: string): string {
  return html
    .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`)
    .replace('</head>', '<script src="/__preview/reload.js" defer></script></head>');
}

function page(title: string, body: string): string {
  return withReload(
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content=""><title>${escapeHtml(title)}</title><style>body{font-family:"DejaVu Sans",sans-serif;margin:2rem;max-width:60rem;color:#1a1a1a}pre{white-space:pre-wrap;background:#fbe9e7;border-left:4px solid #9b1c1c;padding:1rem}a{color:${DEFAULT_ACCENT}}</style></head><body><main>${body}</main></body></html>`,
  );
}

export async function startPreview(config: BuildConfig, effects: BuildEffects, options: { port: number; host?: string }): Promise<Preview> {
  const charts = new ChartRenderer(effects.files, config.chartsDir);
  let documents = new Map<string, { title: string; html: string }>();
  let problems: string | null = null;
  let warnings: Problem[] = [];
  let version = 0;
  const clients = new Set<ServerResponse>();

  const rebuild = async () => {
    try {
      const templates = new TemplateRenderer(effects.files, config);
      const { datasets, warnings: loadWarnings } = loadValidDatasets(config, { ...effects, logger: { ...effects.logger, problem: () => undefined } });
      const { jobs, problems: planned } = planJobs(datasets, { ...config, audiences: ['public'] }, 'documents');
      const errors = planned.filter((p) => p.severity === 'error');
      if (errors.length > 0) throw new Error(formatProblems(planned));
      const next = new Map<string, { title: string; html: string }>();
      for (const job of jobs) {
        next.set(`/${job.dataset.authority.id}/${job.dataset.current.year.id}/${job.document}`, {
          title: job.page.title,
          html: await pageHtml(job.page, charts, templates, { print: false }),
        });
      }
      documents = next;
      warnings = [...loadWarnings, ...planned];
      problems = null;
    } catch (error) {
      // The same messages `validate` prints; the previous documents stay for when it is fixed.
      problems = isUserError(error) ? error.message : (error as Error).message;
    }
    version++;
    for (const client of clients) client.write(`event: reload\ndata: ${version}\n\n`);
    effects.logger.info(problems ? messages.problem(problems.split('\n')[0]!) : messages.rebuilt(documents.size));
  };

  let port = 0;
  const server = createServer((request, response) => {
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
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
    if (problems)
      return send(
        200,
        'text/html',
        page('Problems in the data', `<h1>The data has problems</h1><p>Fix them and save: this page reloads by itself.</p><pre>${escapeHtml(problems)}</pre>`),
      );
    const document = documents.get(path);
    if (document) return send(200, 'text/html', withReload(document.html));
    if (path === '/') {
      const list = [...documents].map(([href, d]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(d.title)}</a></li>`).join('');
      const warned = warnings.length > 0 ? `<h2>Warnings</h2><pre>${escapeHtml(formatProblems(warnings))}</pre>` : '';
      return send(200, 'text/html', page('Preview', `<h1>Preview</h1><ul>${list}</ul>${warned}`));
    }
    return send(404, 'text/html', page('Not found', `<h1>Not found</h1><p><a href="/">All documents</a></p>`));
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
  await rebuild();

  // Watch the datasets and everything a document is made from.
  const watched = [
    config.targets.length > 0 ? config.targets.map((t) => resolve(config.cwd, t)).map((t) => (t.endsWith('.yaml') ? dirname(t) : t)) : [config.dataDir],
    config.templatesDir,
    config.chartsDir,
    ...[config.ownTemplatesDir, config.ownStylesheet].filter((p): p is string => p !== null),
  ].flat();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watcher = await effects.watch(watched, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(rebuild);
    }, 80);
  });

  return {
    url: `http://${address.address}:${address.port}`,
    get version() {
      return version;
    },
    rebuild: () => (running = running.then(rebuild)),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
