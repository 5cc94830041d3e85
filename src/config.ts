/**
 * Build configuration, merged once: defaults, then the environment, then the command line.
 * Stages receive the result as an argument; none of them reads process.env.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { Audience } from './metrics/disclosure.js';
import type { DocumentKind } from './report/view.js';
import type { ProjectInput } from './load/schema.js';

export interface BuildConfig {
  /** Where relative paths start; messages show files relative to it. */
  cwd: string;
  dataDir: string;
  outDir: string;
  templatesDir: string;
  /** The council's own partials (from its project file), used before the package's; null for none. */
  ownTemplatesDir: string | null;
  /** The council's own stylesheet, added after the package's; null for none. */
  ownStylesheet: string | null;
  /** A reference Word document whose styles the Word output takes; null for the package's. */
  ownWordStyles: string | null;
  chartsDir: string;
  /** The bundled font's files (Atkinson Hyperlegible, from @fontsource). */
  fontsDir: string;
  /** The bundled font for the arrows the text font lacks (Noto Sans Math, from @fontsource). */
  symbolsFont: string;
  /** The tool's own compiled code: part of every output's fingerprint. */
  codeDir: string;
  /** Datasets named on the command line: year files or authority folders. Empty means all. */
  targets: string[];
  /** Fiscal years shown in tables and charts, ending with the report's own year. */
  years: number;
  /** Keep years with no dataset in tables and charts (as "no data") rather than leaving them out. */
  fixedYears: boolean;
  /** The formats written: HTML, PDF (printed by Chromium) and Word. */
  html: boolean;
  pdf: boolean;
  docx: boolean;
  chromiumPath: string | null;
  /** Pages printing at once in the one browser; one a core measured fastest on two cores. */
  concurrency: number;
  /** Documents to build; null for all of them. */
  only: DocumentKind[] | null;
  /** Public documents (suppressed small numbers), restricted ones (everything), or both. */
  audiences: Audience[];
  /** Records that disagree with typed figures, or parts that do not add up, are errors. */
  strict: boolean;
  /** Rebuild outputs whose inputs have not changed. */
  force: boolean;
  /** Build even with sections still to write, marking every page and title DRAFT. */
  draft: boolean;
}

/** The project's own folders (templates, charts) sit beside dist/ and src/. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_DIR = dirname(fileURLToPath(import.meta.url));
/** The installed package's version, as `--version` prints it. */
export const TOOL_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
const FONTS_DIR = join(dirname(createRequire(import.meta.url).resolve('@fontsource/atkinson-hyperlegible')), 'files');
/** Arrows (↑ ↓), which Atkinson Hyperlegible lacks, from a font the project ships: print would take them from a system font. */
const SYMBOLS_FONT = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-math')), 'files', 'noto-sans-math-latin-400-normal.woff');

export const DEFAULTS = {
  dataDir: 'data',
  outDir: 'out',
  years: 3,
  pdf: true,
  // A page a core (two measured best on two cores; three no faster, four slower), at most four,
  // since each page is a renderer of 100 MB or more.
  concurrency: Math.min(4, availableParallelism()),
} as const;

export interface CliOptions {
  data?: string;
  out?: string;
  years?: number;
  pdf?: boolean;
  /** `--formats html,pdf,docx`: any of them; all three when not given. */
  formats?: OutputFormat[];
  chromium?: string;
  concurrency?: number;
  only?: DocumentKind[];
  audience?: Audience | 'all';
  strict?: boolean;
  force?: boolean;
  draft?: boolean;
  fixedYears?: boolean;
}

export const OUTPUT_FORMATS = ['html', 'pdf', 'docx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Environment variables read: CHROMIUM_PATH, then PUPPETEER_EXECUTABLE_PATH. */
export function resolveConfig(
  targets: string[],
  cli: CliOptions,
  env: Record<string, string | undefined>,
  cwd: string,
  project: ProjectInput = {},
): BuildConfig {
  return {
    cwd,
    dataDir: resolve(cwd, cli.data ?? project.data ?? DEFAULTS.dataDir),
    outDir: resolve(cwd, cli.out ?? project.out ?? DEFAULTS.outDir),
    templatesDir: resolve(PACKAGE_ROOT, 'templates'),
    ownTemplatesDir: project.look?.templates ? resolve(cwd, project.look.templates) : null,
    ownStylesheet: project.look?.stylesheet ? resolve(cwd, project.look.stylesheet) : null,
    ownWordStyles: project.look?.word_styles ? resolve(cwd, project.look.word_styles) : null,
    chartsDir: resolve(PACKAGE_ROOT, 'charts'),
    fontsDir: FONTS_DIR,
    symbolsFont: SYMBOLS_FONT,
    codeDir: CODE_DIR,
    targets,
    years: cli.years ?? project.years ?? DEFAULTS.years,
    fixedYears: cli.fixedYears ?? false,
    html: cli.formats ? cli.formats.includes('html') : true,
    pdf: (cli.formats ? cli.formats.includes('pdf') : true) && (cli.pdf ?? DEFAULTS.pdf),
    docx: cli.formats ? cli.formats.includes('docx') : true,
    chromiumPath: cli.chromium ?? env.CHROMIUM_PATH ?? env.PUPPETEER_EXECUTABLE_PATH ?? project.chromium ?? null,
    concurrency: cli.concurrency ?? DEFAULTS.concurrency,
    only: cli.only && cli.only.length > 0 ? cli.only : null,
    audiences: cli.audience === 'all' ? ['public', 'restricted'] : [cli.audience ?? 'public'],
    strict: cli.strict ?? false,
    force: cli.force ?? false,
    draft: cli.draft ?? false,
  };
}
