/**
 * Chart specs to accessible SVG, in Node, without a browser.
 *
 *   charts/<kind>.vl.json  --fill placeholders-->  vega-lite  --compile-->  vega  --parse-->  runtime
 *   runtime + rows  --View(renderer none, loader refusing every load)-->  SVG  --+ title, desc, role=img
 *
 * A spec is compiled and parsed once per placeholder values in a process, however many documents
 * and builds use it, and each chart gets a new view of it: a view kept from one chart to the next kept the first chart's
 * size (autosize is computed on a view's first run) and the order it first saw categories in.
 * Data goes in as values, never as URLs: vega's default loader would read local files named in a
 * spec.
 */
import { join } from 'node:path';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { FileSystem } from '../effects.js';
import type { ChartKind, ChartRequest } from '../report/view.js';
import { templates as messages } from '../messages.js';

type LoggerInterface = NonNullable<NonNullable<Parameters<typeof vegaLite.compile>[1]>['logger']>;

export const CHART_KINDS: readonly ChartKind[] = ['grouped-bars', 'trend-lines'];

const refuse = async (): Promise<never> => {
  throw new Error(messages.chartsLoadNothing());
};
const REFUSING_LOADER = { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as vega.Loader;

export class ChartRenderer {
  private readonly templates = new Map<ChartKind, string>();
  private readonly config: string;

  /**
   * `drawn` holds the pictures drawn so far, by everything that decides them (spec, config,
   * placeholders, rows): by default the process's, so a chart whose data did not change (in a
   * rebuild, another document, or the restricted twin) is not drawn again.
   */
  constructor(
    files: FileSystem,
    chartsDir: string,
    private readonly drawn: Map<string, string> = DRAWN,
  ) {
    this.config = files.readText(join(chartsDir, 'config.json'));
    for (const kind of CHART_KINDS) this.templates.set(kind, files.readText(join(chartsDir, `${kind}.vl.json`)));
  }

  /** Renders one chart to an SVG string with role="img", a <title> and a <desc>. */
  async render(request: ChartRequest): Promise<string> {
    // The title, description and id are the accessible wrapper's, not the picture's.
    const key = `${this.templates.get(request.kind)}\u0000${this.config}\u0000${JSON.stringify([request.placeholders, request.rows])}`;
    let picture = this.drawn.get(key);
    if (picture === undefined) {
      picture = await this.draw(request);
      if (this.drawn.size > 5000) this.drawn.clear();
      this.drawn.set(key, picture);
    }
    return makeAccessible(picture, request);
  }

  private async draw(request: ChartRequest): Promise<string> {
    const view = new vega.View(this.runtimeFor(request.kind, request.placeholders), { renderer: 'none', loader: REFUSING_LOADER });
    try {
      // A gap (hidden, or not given) is drawn as its label at zero, never as a bar; no data is left out.
      view.data(
        'table',
        request.rows.filter((r) => r.value !== null || r.gap).map((r) => (r.value === null ? { ...r, value: 0 } : r)),
      );
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  }

  private runtimeFor(kind: ChartKind, placeholders: Record<string, string>): vega.Runtime {
    const template = this.templates.get(kind)!;
    const key = `${template}\u0000${this.config}\u0000${JSON.stringify(placeholders)}`;
    let runtime = COMPILED.get(key);
    if (!runtime) {
      const spec = fillPlaceholders(JSON.parse(template), placeholders) as vegaLite.TopLevelSpec;
      runtime = vega.parse(vegaLite.compile(spec, { config: JSON.parse(this.config) as vegaLite.Config, logger: specProblemsAreErrors(kind) }).spec);
      COMPILED.set(key, runtime);
    }
    return runtime;
  }
}

/**
 * Parsed specs, by the text they were made from: compiling is a pure function of the spec, the
 * config and the placeholders, and the dearest step, so every renderer in the process shares it.
 * (What a chart draws depends only on its own view, made new for each chart.)
 */
const COMPILED = new Map<string, vega.Runtime>();
/** Pictures drawn in this process (see the constructor). */
const DRAWN = new Map<string, string>();

/** A chart spec that vega-lite has to correct is a bug in charts/, not something to print and ignore. */
function specProblemsAreErrors(kind: ChartKind): LoggerInterface {
  const fail = (...args: unknown[]): never => {
    throw new Error(messages.chartSpec(`charts/${kind}.vl.json`, args.map(String).join(' ')));
  };
  const logger: LoggerInterface = {
    level: () => logger,
    error: fail,
    warn: fail,
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** `"{{name}}"` becomes the placeholder's text; `"{{json:name}}"` its value read as JSON (an order, a legend, null); the rest of the spec is left as it is. */
function fillPlaceholders(spec: unknown, values: Record<string, string>): unknown {
  if (typeof spec === 'string') {
    const match = /^\{\{(json:)?(\w+)\}\}$/.exec(spec);
    if (!match) return spec;
    const value = values[match[2]!];
    if (value === undefined) throw new Error(messages.chartPlaceholder(match[2]!));
    return match[1] ? JSON.parse(value) : value;
  }
  if (Array.isArray(spec)) return spec.map((item) => fillPlaceholders(item, values));
  if (spec && typeof spec === 'object') return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  return spec;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One image with alt text per chart: role="img" labelled by <title> and <desc>, instead of
 * vega's per-mark ARIA tree (which would tag every bar as a separate figure in the PDF).
 */
function makeAccessible(svg: string, request: ChartRequest): string {
  const titleId = `${request.id}-title`;
  const descId = `${request.id}-desc`;
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error(messages.noSvg());
  const attributes = open[0]
    .replace(/\s(role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${titleId} ${descId}" focusable="false"`);
  const body = svg
    .slice(open[0].length)
    .replace(/\s(role|aria-roledescription|aria-label)="[^"]*"/g, '')
    .replace(/\saria-hidden="true"/g, '');
  return `${attributes}<title id="${titleId}">${escapeXml(request.title)}</title><desc id="${descId}">${escapeXml(request.description)}</desc>${body}`;
}

/** What a chart's SVG draws, without the title, description and ids `makeAccessible` gave it: the same for every chart showing the same picture. */
export function pictureOf(svg: string): string {
  return svg.replace(/<title id="[^"]*">[^<]*<\/title><desc id="[^"]*">[^<]*<\/desc>/, '').replace(/ aria-labelledby="[^"]*"/, '');
}
