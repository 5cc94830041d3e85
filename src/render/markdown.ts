/**
 * Authors' Markdown to safe HTML. marked passes raw HTML through, so its output always goes
 * through sanitize-html with an allow-list: headings, paragraphs, emphasis, lists, links,
 * tables, quotes and images that are already data (never a URL Chromium would fetch).
 */
import { Marked, type Tokens, type TokensList } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Narrative headings sit under a section heading (h2), so `#` in Markdown becomes h3. */
const HEADING_OFFSET = 2;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + HEADING_OFFSET);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // A data table needs a caption: an author writes it as a line "Table: …" just before the table.
    table(token) {
      const caption = (token as CaptionedTable).caption;
      const cells = (row: Tokens.TableCell[], tag: 'th' | 'td') => row.map((cell) => `<${tag}>${this.parser.parseInline(cell.tokens)}</${tag}>`).join('');
      const body = token.rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('\n');
      return `<table>${caption ? `<caption>${this.parser.parseInline(caption)}</caption>` : ''}<thead><tr>${cells(token.header, 'th')}</tr></thead><tbody>${body}</tbody></table>\n`;
    },
  },
});

type CaptionedTable = Tokens.Table & { caption?: Tokens.Generic[] };

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'ul',
    'ol',
    'li',
    'a',
    'blockquote',
    'table',
    'caption',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'code',
    'pre',
    'hr',
    'img',
    'abbr',
    'sup',
    'sub',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], th: ['scope'], abbr: ['title'], ol: ['start'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image must be data already, with its text alternative: what Markdown images become here. A
  // raw <img> an author writes (an address, a script in onerror, no alt) is removed.
  exclusiveFilter: (frame) => frame.tag === 'img' && (!/^data:image\//.test(frame.attribs.src ?? '') || frame.attribs.alt === undefined),
  transformTags: {
    // A header cell in a narrative table heads its column.
    th: (tagName, attribs) => ({ tagName, attribs: { ...attribs, scope: 'col' } }),
  },
};

export function sanitise(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/**
 * Resolves a Markdown image to a data URL, or null to leave it out (its alt text stays).
 * Images must already be data when Chromium sees them: it may fetch nothing.
 */
export type ImageResolver = (href: string, alt: string) => string | null;

export interface MarkdownOptions {
  images?: ImageResolver;
  /** Told of each table that has no "Table: …" caption line before it. */
  onUncaptionedTable?: () => void;
}

function lex(markdown: string, options: MarkdownOptions = {}): TokensList {
  const tokens = marked.lexer(markdown);
  // "Table: what it shows" on the line before a table becomes its caption.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'table') continue;
    const before = tokens
      .slice(0, i)
      .reverse()
      .find((t) => t.type !== 'space');
    if (before?.type === 'paragraph' && /^Table: /.test((before as Tokens.Paragraph).text)) {
      const captionText = (before as Tokens.Paragraph).text.slice('Table: '.length);
      (token as CaptionedTable).caption = marked.Lexer.lexInline(captionText);
      tokens.splice(tokens.indexOf(before), 1);
      i--;
    } else options.onUncaptionedTable?.();
  }
  const images = options.images;
  if (images) {
    marked.walkTokens(tokens, (token) => {
      if (token.type !== 'image') return;
      const image = token as Tokens.Image;
      const resolved = images(image.href, image.text);
      if (resolved) image.href = resolved;
      else Object.assign(token, { type: 'text', raw: image.raw, text: `[image not shown: ${image.text || image.href}]`, tokens: undefined, escaped: false });
    });
  }
  return tokens;
}

export function markdownToHtml(markdown: string, options?: MarkdownOptions): string {
  return sanitise(marked.parser(lex(markdown, options)));
}

/** Markdown of one line (a table cell, an action) without the surrounding paragraph. */
export function inlineMarkdownToHtml(markdown: string): string {
  return sanitise(marked.parseInline(markdown) as string);
}

/**
 * Markdown split into the blocks a committee report numbers: each paragraph, and each item of a
 * top-level list, as its own piece of sanitised HTML.
 */
export function markdownToNumberableBlocks(markdown: string, options?: MarkdownOptions): string[] {
  const blocks: string[] = [];
  for (const token of lex(markdown, options)) {
    if (token.type === 'space') continue;
    if (token.type === 'list') {
      for (const item of (token as import('marked').Tokens.List).items) blocks.push(sanitise(marked.parser(item.tokens)));
    } else {
      blocks.push(sanitise(marked.parser([token])));
    }
  }
  return blocks.filter((html) => html.trim() !== '');
}
