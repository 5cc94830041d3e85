/** Shared by the tests: running the command in-process (or, where a test needs it, as a process), temporary projects, reading PDFs. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { main } from '../src/cli.js';
import { nodeFiles, nodeSystem, silentLogger, type BuildEffects, type OutputStream } from '../src/effects.js';
import type { Problem } from '../src/errors.js';
import { loadDatasets } from '../src/load/load.js';
import { resolveDatasets } from '../src/metrics/dataset.js';

export { tempDir, tempProject } from './temp.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'bin.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it. */
export function captured(isTTY = false): OutputStream & { text: () => string } {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), isTTY, text: () => chunks.join('') };
}

/** Runs the command line in this process, as `annual-report <args>` in `cwd`, and returns its exit status and output. */
export async function runCli(args: string[], cwd = ROOT, options: { env?: Record<string, string>; tty?: boolean } = {}): Promise<CliRun> {
  const [stdout, stderr] = [captured(options.tty), captured(options.tty)];
  const code = await main(args, { system: nodeSystem(process.env), stdout, stderr, env: { NO_COLOR: '1', ...options.env }, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs the installed command as its own process (compiled by `npm test`'s pretest): for what only a process shows. */
export function spawnCli(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The real system with a logger that keeps the problems it is told and the lines it is given. */
export function quietEffects(): BuildEffects & { warnings: Problem[]; lines: string[] } {
  const warnings: Problem[] = [];
  const lines: string[] = [];
  return { ...nodeSystem(process.env), warnings, lines, logger: { ...silentLogger, info: (line) => lines.push(line), problem: (p) => warnings.push(p) } };
}

/** Loads and resolves datasets as a build does, keeping every problem instead of stopping at errors. */
export function loadData(targets: readonly string[], options: { dataDir: string; cwd: string; strict?: boolean }) {
  const loaded = loadDatasets(nodeFiles, targets, options);
  const resolved = resolveDatasets(loaded.datasets, { strict: options.strict ?? false });
  return { datasets: resolved.datasets, problems: [...loaded.problems, ...resolved.problems] };
}

export const AUTHORITY_YAML = `name: Example Borough Council
short_name: Example Borough
contact:
  team: Adoption Service
`;

export interface PdfFacts {
  pages: string[];
  text: string;
  numPages: number;
  tagged: boolean;
  title: string | undefined;
  language: string | undefined;
  outline: string[];
  destinations: Map<string, number>;
}

export async function readPdf(data: Uint8Array): Promise<PdfFacts> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  const metadata = (await doc.getMetadata()).info as { Title?: string; Language?: string };
  const markInfo = await doc.getMarkInfo();
  const outline = (await doc.getOutline()) ?? [];
  const flat = (items: typeof outline): string[] => items.flatMap((o) => [o.title, ...flat(o.items ?? [])]);
  const destinations = new Map<string, number>();
  for (const [id, dest] of Object.entries((await doc.getDestinations()) as Record<string, unknown[]>)) {
    destinations.set(id, (await doc.getPageIndex(dest[0] as never)) + 1);
  }
  await doc.destroy();
  return {
    pages,
    text: pages.join('\n'),
    numPages: pages.length,
    tagged: markInfo?.Marked === true,
    title: metadata.Title,
    language: metadata.Language,
    outline: flat(outline),
    destinations,
  };
}

/** Text with runs of whitespace made single spaces: PDF text breaks lines where the layout did. */
export const squash = (s: string) => s.replace(/\s+/g, ' ');

/** Whether a long document contains a passage, failing with the passage rather than the document. */
export function expectIn(document: string, passage: string): void {
  if (!document.includes(passage)) throw new Error(`expected the document to contain: ${passage}`);
}

/** The rows of a table's markup, as text cells. */
const rowsOf = (table: string): string[][] =>
  [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));

/** The rows of a table in an HTML file, as text cells. */
export function tableRows(html: string, id: string): string[][] {
  return rowsOf(new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '');
}

/** The rows of the table with this caption, by their header cell: the other cells, as text. */
export function tableRowsByCaption(html: string, caption: string): Map<string, string[]> {
  const at = html.indexOf(`>${caption}</caption>`);
  if (at < 0) throw new Error(`expected a table captioned "${caption}"`);
  return new Map(rowsOf(html.slice(at, html.indexOf('</table>', at))).map((cells) => [cells[0]!, cells.slice(1)]));
}
