/** Every example PDF identifies itself: XMP metadata with title, language and PDF/UA-1, its title shown in the window, and only the project's fonts embedded. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from './shared.js';

let out: string;
let pdfs: string[];

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(folder, e.name)) : [join(folder, e.name)]));
}

beforeAll(async () => {
  out = await examples('all');
  pdfs = walk(out).filter((f) => f.endsWith('.pdf'));
});

/** The fonts a PDF embeds, by their base names (without the subset prefix). */
function fontsOf(pdf: Buffer): Set<string> {
  const text = pdf.toString('latin1');
  return new Set([...text.matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)/g)].map((m) => m[1]!));
}

describe('PDF identification', () => {
  it('gives every PDF an XMP stream with its title, language and PDF/UA-1, and its title in the window', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    expect(pdfs.length).toBeGreaterThan(20);
    for (const file of pdfs) {
      const name = relative(out, file);
      const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
      const { info, metadata } = (await doc.getMetadata()) as { info: { Title?: string }; metadata: { get(key: string): unknown; getRaw(): string } | null };
      expect(metadata, `${name}: no XMP metadata`).not.toBeNull();
      expect(metadata!.get('dc:title'), name).toBe(info.Title);
      expect(metadata!.getRaw(), name).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(metadata!.getRaw(), name).toContain('<rdf:li>en-GB</rdf:li>');
      expect(((await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null)?.DisplayDocTitle, name).toBe(true);
      await doc.destroy();
    }
  });

  it('embeds only the project’s fonts: Atkinson Hyperlegible, and Noto Sans Math for arrows', () => {
    for (const file of pdfs) {
      const fonts = fontsOf(readFileSync(file));
      expect(fonts.size, relative(out, file)).toBeGreaterThan(0);
      for (const font of fonts) expect(font, relative(out, file)).toMatch(/^(AtkinsonHyperlegible-(Regular|Bold|Italic|BoldItalic)|NotoSansMath-Regular)$/);
    }
  });

  it('is reported by pdfinfo as having a metadata stream', () => {
    const info = spawnSync('pdfinfo', [join(out, 'leicestershire/2024-25/annual-report.pdf')], { encoding: 'utf8' });
    expect(info.error, 'pdfinfo (poppler-utils) is needed: apt-get install -y poppler-utils').toBeUndefined();
    expect(info.stdout).toMatch(/Metadata Stream:\s+yes/);
    expect(info.stdout).toMatch(/Tagged:\s+yes/);
  });
});
