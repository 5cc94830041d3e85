/** Shared by the tests: running the CLI, temporary projects, reading PDFs. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'bin.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = ROOT, env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 180_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export function tempDir(prefix = 'annual-report-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A working folder with a copy of the example data, or with the given files. */
export function tempProject(files?: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  if (files) {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  } else {
    cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  }
  return dir;
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
