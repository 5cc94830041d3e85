/**
 * Plain English, as GOV.UK asks of public documents: sentences of 25 words or fewer, none of the
 * words its style guide asks writers to avoid, and no abbreviation a reader cannot look up (every
 * one in the glossary, which documents write out at first use). Advice, so warnings, each at the
 * line and column where the author wrote it. Sentences are found by sentence-splitter (textlint's)
 * and words by the runtime's own word segmenter, not by hand.
 */
import { split } from 'sentence-splitter';
import type { Problem } from '../errors.js';
import { termPattern, WELL_KNOWN, type GlossaryEntry } from '../domain/glossary.js';
import { locate, locateText, problemAt } from '../load/yaml.js';
import { plainEnglish as messages } from '../messages.js';
import type { Dataset } from './dataset.js';
import { markdownFields } from './narrative.js';

/** GOV.UK's words to avoid (its style guide, "Plain English"), with what to write instead; the adoption sense of "foster" is kept. */
export const WORDS_TO_AVOID: Record<string, string> = {
  collaborate: 'work with',
  combat: 'solve, fix or stop',
  commence: 'start',
  deploy: 'use or put into place',
  dialogue: 'talk or discussion',
  disincentivise: 'discourage',
  empower: 'allow or give permission',
  facilitate: 'help',
  'going forward': 'from now on, or in future',
  'in order to': 'to',
  'in excess of': 'more than',
  initiate: 'start',
  leverage: 'use or influence',
  liaise: 'work with',
  overarching: 'overall',
  'prior to': 'before',
  robust: 'strong or well thought out',
  streamline: 'simplify',
  utilise: 'use',
  utilize: 'use',
};

export const LONGEST_SENTENCE = 25;

const words = new Intl.Segmenter('en-GB', { granularity: 'word' });
const wordCount = (text: string) => [...words.segment(text)].filter((s) => s.isWordLike).length;

/** Markdown's marks and figure tokens made plain enough to count words in: a token is one word, a link its text. */
function plain(markdown: string): string {
  return markdown
    .replace(/\{\{[^{}]*\}\}/g, 'N')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`[^`]*`/g, 'code')
    .replace(/[*_]{1,3}/g, '');
}

/** What a text draws: each finding as the words to point at and the advice. Texts rarely change between builds, so each is read once. */
const findings = new Map<string, { needle: string; message: string }[]>();
const AVOID = Object.entries(WORDS_TO_AVOID).map(([word, instead]) => ({ word, instead, pattern: termPattern(word) }));

function read(text: string, glossary: readonly GlossaryEntry[]): { needle: string; message: string }[] {
  const key = `${glossary.map((e) => e.term).join(' ')}\u0000${text}`;
  const cached = findings.get(key);
  if (cached) return cached;
  const found: { needle: string; message: string }[] = [];
  // Headings, tables and lists are not sentences.
  const paragraphs = text.split(/\n\s*\n/).filter((p) => !/^\s*(#|\||[-*+] |\d+\. )/.test(p));
  for (const paragraph of paragraphs) {
    const sentences = split(paragraph.replace(/\s*\n\s*/g, ' '))
      .filter((n) => n.type === 'Sentence')
      // The splitter reads "rose to 25. This" as one sentence, taking "25." for a number: a figure
      // ending a sentence is common in a report, so a full stop after digits, then a capital, ends one too.
      .flatMap((n) => n.raw.split(/(?<=\d\.)\s+(?=[A-Z])/));
    for (const sentence of sentences) {
      const count = wordCount(plain(sentence));
      if (count > LONGEST_SENTENCE) found.push({ needle: sentence.split(/\s+/).slice(0, 4).join(' '), message: messages.longSentence(count, LONGEST_SENTENCE) });
    }
  }
  const lower = plain(text).toLowerCase();
  for (const { word, instead, pattern } of AVOID) {
    if (!pattern.test(lower)) continue;
    const at = text.toLowerCase().indexOf(word);
    found.push({ needle: at >= 0 ? text.slice(at, at + word.length) : word, message: messages.avoid(word, instead) });
  }
  const reported = new Set<string>();
  for (const segment of words.segment(plain(text))) {
    const term = segment.segment;
    if (!segment.isWordLike || !/^[A-Z][A-Za-z]*[A-Z]s?$/.test(term) || term.length > 8) continue;
    const bare = term.replace(/s$/, '');
    if (WELL_KNOWN.has(bare) || reported.has(bare) || glossary.some((e) => e.term === term || e.term === bare)) continue;
    reported.add(bare);
    found.push({ needle: term, message: messages.notInGlossary(term) });
  }
  if (findings.size > 5000) findings.clear();
  findings.set(key, found);
  return found;
}

export function checkPlainEnglish(dataset: Dataset): Problem[] {
  const source = dataset.current.source;
  return markdownFields(dataset.current).flatMap((field) =>
    read(field.text, dataset.authority.glossary).map(({ needle, message }) =>
      problemAt(source, locateText(source, field.path, needle) ?? locate(source, field.path).position, message, { dataPath: field.path, severity: 'warning' }),
    ),
  );
}
