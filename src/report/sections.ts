/**
 * What every document builder shares: sections that leave themselves out when empty and number
 * themselves, narrative with its figures filled in, and the running header and brand.
 */
import type { Problem } from '../errors.js';
import type { Authority } from '../load/model.js';
import type { DataPath } from '../load/yaml.js';
import type { Dataset } from '../metrics/dataset.js';
import type { DisclosurePolicy } from '../metrics/disclosure.js';
import { fillFigures } from './tokens.js';
import { allSections, block, text as cell, type Block, type DocumentView, type Markdown, type SectionView } from './view.js';
import { termPattern, type GlossaryEntry } from '../domain/glossary.js';

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

/**
 * Narrative from one dataset for one document: the author's Markdown with its figure tokens
 * filled in (`{{children.placed}}` is "28", or "c" where disclosure control hides it). Unknown
 * figure names are problems, at the token.
 */
export class Narrative {
  readonly problems: Problem[] = [];

  constructor(
    private readonly dataset: Dataset,
    private readonly policy: DisclosurePolicy,
  ) {}

  markdown(text: string, path: DataPath): Markdown {
    return { text: fillFigures(text, this.dataset, this.policy, path, this.problems), source: this.dataset.current.source, path };
  }
}

export function runningHeader(authority: Authority, documentName: string, subtitle: string): string {
  return `${authority.shortName} — ${documentName} ${subtitle}`;
}

/** What every document of an authority carries on its cover and in its colours, and the images its narrative may show. */
export function brandOf(authority: Authority): Pick<DocumentView, 'authority' | 'accentColour' | 'logo' | 'images'> {
  return {
    authority: { name: authority.name, serviceName: authority.serviceName },
    accentColour: authority.accentColour,
    logo: authority.logo ? { src: authority.logo.dataUrl, alt: authority.logo.alt } : null,
    images: authority.images,
  };
}

/** Every text a reader of the sections reads, in order: for the terms they use. */
function textsOf(sections: readonly SectionView[]): string[] {
  return allSections(sections).flatMap((section) => [
    section.title,
    ...section.blocks.flatMap((b): string[] => [
      ...(b.markdown ? [b.markdown.text] : []),
      ...(b.paragraph ? b.paragraph.parts.map((p) => p.text) : []),
      ...(b.list ? [b.list.heading ?? '', b.list.intro ?? '', ...b.list.items] : []),
      ...(b.fields ? b.fields.map((f) => f.markdown?.text ?? f.text) : []),
      ...(b.numbered ? b.numbered.parts.map((p) => ('markdown' in p ? p.markdown.text : 'text' in p ? p.text : p.link.text)) : []),
      ...[b.table, b.chart?.table].flatMap((t) => (t ? [t.caption, ...t.columns.map((c) => c.text), ...t.rows.flatMap((r) => [r.header, ...r.cells.map((c) => c.text)]), ...t.notes] : [])),
      ...(b.chart ? [b.chart.title, b.chart.description] : []),
    ]),
  ]);
}

/**
 * The glossary's terms the sections use, and the sections with a glossary appendix listing them
 * (none when they use none): each term with what it stands for and what it is.
 */
export function withGlossary(sections: SectionView[], glossary: readonly GlossaryEntry[], idPrefix: string): { sections: SectionView[]; used: GlossaryEntry[] } {
  const text = textsOf(sections).join('\n');
  const used = glossary.filter((e) => termPattern(e.term).test(text));
  if (used.length === 0) return { sections, used };
  const appendix = buildSections(
    [
      {
        id: 'appendix-glossary',
        title: 'Glossary',
        numbered: false,
        blocks: () => [
          block.table({
            id: `${idPrefix}glossary-table`,
            caption: 'Terms and abbreviations used in this document',
            columns: [cell('Term'), cell('Stands for'), cell('What it is')],
            rows: used.map((e) => ({ header: e.term, cells: [cell(e.expansion), cell(e.explanation)] })),
            notes: [],
          }),
        ],
      },
    ],
    idPrefix,
  );
  return { sections: [...sections, ...appendix], used };
}
