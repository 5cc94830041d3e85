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
import type { Block, DocumentView, Markdown, SectionView } from './view.js';

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
