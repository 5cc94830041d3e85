/**
 * What every document builder shares: sections that leave themselves out when empty and number
 * themselves, Markdown narrative with its internal links made cross-references, and checks that
 * every cross-reference points at something in the document.
 */
import type { Problem } from '../errors.js';
import type { Authority } from '../load/model.js';
import type { Dataset } from '../metrics/dataset.js';
import type { DisclosurePolicy } from '../metrics/disclosure.js';
import { fillFigures } from './tokens.js';
import { locate, locateText, problemAt, type DataPath } from '../load/yaml.js';
import { readImage } from '../load/images.js';
import { inlineMarkdownToHtml, markdownToHtml, markdownToNumberableBlocks, type ImageResolver, type MarkdownOptions } from '../render/markdown.js';
import { allSections, type Block, type DocumentView, type NumberedParagraph, type SectionView } from './view.js';

export interface SectionSpec {
  id: string;
  title: string;
  numbered?: boolean;
  blocks?: () => Block[];
  subsections?: SectionSpec[];
}

/** Sections in order; an empty one is left out and the numbers close up. */
export function buildSections(specs: readonly SectionSpec[], idPrefix: string): SectionView[] {
  const build = (spec: SectionSpec, number: string | null, level: 2 | 3): SectionView | undefined => {
    const blocks = spec.blocks?.() ?? [];
    const subsections: SectionView[] = [];
    for (const sub of spec.subsections ?? []) {
      const built = build(sub, number ? `${number}.${subsections.length + 1}` : null, 3);
      if (built) subsections.push(built);
    }
    if (blocks.length === 0 && subsections.length === 0) return undefined;
    const numberLabel = number === null ? null : level === 2 ? `${number}.` : number;
    return { id: `${idPrefix}${spec.id}`, number, numberLabel, title: spec.title, level, blocks, subsections };
  };
  const sections: SectionView[] = [];
  let count = 0;
  for (const spec of specs) {
    const numbered = spec.numbered !== false;
    const built = build(spec, numbered ? String(count + 1) : null, 2);
    if (!built) continue;
    if (numbered) count++;
    sections.push(built);
  }
  return sections;
}

interface CrossReference {
  target: string;
  path: DataPath;
}

/**
 * Narrative from one dataset, rendered for one document: internal links (`[Appendix A](#appendix-definitions)`)
 * become cross-references that print their page number, with ids carrying the document's prefix.
 */
export class Narrative {
  readonly references: CrossReference[] = [];
  /** Figures named in the text that do not exist, found while rendering. */
  readonly problems: Problem[] = [];

  constructor(
    private readonly dataset: Dataset,
    readonly idPrefix: string,
    private readonly policy: DisclosurePolicy,
  ) {}

  html(markdown: string, path: DataPath): string {
    return this.crossReferences(markdownToHtml(this.figures(markdown, path), this.options(path)), path);
  }

  /** Each paragraph and list item numbered `${number}.1`, `${number}.2`... */
  paragraphs(markdown: string, path: DataPath, number: string, start = 1): NumberedParagraph[] {
    return markdownToNumberableBlocks(this.figures(markdown, path), this.options(path)).map((html, i) => ({
      number: `${number}.${start + i}`,
      html: this.crossReferences(html, path),
    }));
  }

  private options(path: DataPath): MarkdownOptions {
    const source = this.dataset.current.source;
    return {
      images: this.images(path),
      onUncaptionedTable: () =>
        this.problems.push(
          problemAt(source, locate(source, path).position, 'a table here has no caption: write a line "Table: what it shows" just before it', {
            dataPath: path,
            severity: 'warning',
          }),
        ),
    };
  }

  /** Images come from the authority's own folder, as data; anything else is left out, with a warning. */
  private images(path: DataPath): ImageResolver {
    return (href, alt) => {
      const image = readImage(this.dataset.authority.images, href);
      if ('dataUrl' in image) return image.dataUrl;
      const source = this.dataset.current.source;
      this.problems.push(
        problemAt(source, locateText(source, path, href), `image "${alt || href}" left out: ${image.reason}`, { dataPath: path, severity: 'warning' }),
      );
      return null;
    };
  }

  /** One line of Markdown (a table cell) without its paragraph. */
  inline(markdown: string, path: DataPath): string {
    return this.crossReferences(inlineMarkdownToHtml(this.figures(markdown, path)), path);
  }

  private figures(markdown: string, path: DataPath): string {
    return fillFigures(markdown, this.dataset, this.policy, path, this.problems);
  }

  private crossReferences(html: string, path: DataPath): string {
    // sanitize-html writes attributes double-quoted and escaped, so its links have this shape.
    return html.replace(/<a href="#([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g, (_, target: string, rest: string, inner: string) => {
      this.references.push({ target, path });
      const id = `${this.idPrefix}${target}`;
      return `<a href="#${id}" class="xref"${rest}>${inner}</a>${pagePlaceholder(id)}`;
    });
  }

  /** Cross-references to ids the document does not have, at the narrative that holds them. */
  check(view: DocumentView): Problem[] {
    const ids = documentIds(view);
    return [
      ...this.problems,
      ...this.references
        .filter((r) => !ids.has(`${this.idPrefix}${r.target}`))
        .map((r) => {
          const known = [...ids].filter((id) => id.startsWith(this.idPrefix)).map((id) => id.slice(this.idPrefix.length));
          return problemAt(
            this.dataset.current.source,
            locate(this.dataset.current.source, r.path).position,
            `the link "#${r.target}" points at nothing in the ${view.documentName.toLowerCase()}; expected one of ${known.join(', ')}`,
            { dataPath: r.path },
          );
        }),
    ];
  }
}

/** Where the page number of a cross-reference goes in print; see render/templates.ts. */
export function pagePlaceholder(id: string): string {
  return `<span class="xref-page" data-xref="${id}"></span>`;
}

export function documentIds(view: DocumentView): Set<string> {
  const ids = new Set<string>([`${view.idPrefix}cover`]);
  for (const section of allSections(view.sections)) {
    ids.add(section.id);
    for (const b of section.blocks) {
      if (b.table) ids.add(b.table.id);
      if (b.chart) ids.add(b.chart.id);
    }
  }
  return ids;
}

export function runningHeader(authority: Authority, documentName: string, subtitle: string): string {
  return `${authority.shortName} — ${documentName} ${subtitle}`;
}

/** What every document of an authority carries on its cover and in its colours. */
export function brandOf(authority: Authority): Pick<DocumentView, 'authority' | 'accentColour' | 'logo'> {
  return {
    authority: { name: authority.name, serviceName: authority.serviceName },
    accentColour: authority.accentColour,
    logo: authority.logo ? { src: authority.logo.dataUrl, alt: authority.logo.alt } : null,
  };
}
