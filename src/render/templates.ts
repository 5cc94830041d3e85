/**
 * Views to self-contained HTML with Handlebars: partials, helpers, styles and the embedded font
 * are loaded and compiled once per build. Templates run in strict mode: a template that names
 * a field the view does not have fails with the template's file and line.
 */
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { FileSystem } from '../effects.js';
import type { RenderedPage } from './prepare.js';
import { contentsPagePlaceholder, withPageNumbers } from './page-numbers.js';
import { templates as messages } from '../messages.js';

export interface RenderOptions {
  /**
   * HTML for printing: data tables open beneath their charts, and places for page numbers (in the
   * contents and after cross-references) that the printer fills in, or `withPageNumbers`.
   */
  print: boolean;
}

/** The font every machine prints with, shipped with the project rather than taken from the system. */
const FONT_FAMILY = 'Atkinson Hyperlegible';
/** Each file with the characters it covers (from @fontsource's CSS): a document loads latin-ext only if it uses one of them. */
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';
const FONT_FILES = [
  ['latin-400-normal', 400, 'normal', LATIN],
  ['latin-700-normal', 700, 'normal', LATIN],
  ['latin-400-italic', 400, 'italic', LATIN],
  ['latin-700-italic', 700, 'italic', LATIN],
  ['latin-ext-400-normal', 400, 'normal', LATIN_EXT],
  ['latin-ext-700-normal', 700, 'normal', LATIN_EXT],
] as const;

function fontFaces(files: FileSystem, fontsDir: string, format: 'woff' | 'woff2'): string {
  return FONT_FILES.map(([file, weight, style, range]) => {
    const data = Buffer.from(files.read(join(fontsDir, `atkinson-hyperlegible-${file}.${format}`))).toString('base64');
    return `@font-face{font-family:"${FONT_FAMILY}";font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/${format};base64,${data}) format("${format}");unicode-range:${range};}`;
  }).join('\n');
}

function arrowFace(files: FileSystem, font: string): string {
  const data = Buffer.from(files.read(font)).toString('base64');
  return `@font-face{font-family:"${FONT_FAMILY}";font-display:block;src:url(data:font/woff;base64,${data}) format("woff");unicode-range:U+2190-2193;}`;
}

/** A CSS string literal: for running headers built from an authority's name. */
export function cssString(value: string): string {
  return `"${value
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3C ')}"`;
}

/** Where templates, styles and fonts come from: the package's, and a council's own over them. */
export interface TemplateSources {
  templatesDir: string;
  fontsDir: string;
  symbolsFont: string;
  ownTemplatesDir: string | null;
  ownStylesheet: string | null;
  /** Own templates are named in messages relative to it. */
  cwd: string;
}

export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly page: Handlebars.TemplateDelegate;
  /** WOFF2 for the screen, the smaller download; WOFF for print, which Chromium unpacks quicker in every document it prints. */
  private readonly styles: Record<'screen' | 'print', string>;

  /**
   * The package's templates, with a council's own partials (and page) in place of the package's of
   * the same name, and its own stylesheet after the package's, when its project names them.
   */
  constructor(
    private readonly files: FileSystem,
    config: TemplateSources,
  ) {
    const { templatesDir, fontsDir, ownTemplatesDir, ownStylesheet, symbolsFont } = config;
    const hb = this.handlebars;
    hb.registerHelper('cssString', (value: unknown) => {
      if (typeof value !== 'string') throw new Error(messages.helperExpects('cssString', 'text', String(value)));
      return new Handlebars.SafeString(cssString(value));
    });
    hb.registerHelper('contentsPage', (id: unknown) => {
      if (typeof id !== 'string') throw new Error(messages.helperExpects('contentsPage', 'an element id', String(id)));
      return new Handlebars.SafeString(contentsPagePlaceholder(id));
    });
    hb.registerHelper('concat', (...args: unknown[]) => {
      const values = args.slice(0, -1); // the last argument is Handlebars' options
      if (values.some((v) => typeof v !== 'string')) throw new Error(messages.helperExpects('concat', 'text', values.map(String).join(', ')));
      return values.join('');
    });
    const partialsDir = join(templatesDir, 'partials');
    const own = (file: string) => (ownTemplatesDir && files.kind(join(ownTemplatesDir, file)) === 'file' ? join(ownTemplatesDir, file) : undefined);
    const shown = (path: string) => relative(config.cwd, path);
    for (const { name: file } of files.list(partialsDir).filter((f) => f.name.endsWith('.hbs'))) {
      const path = own(file) ?? join(partialsDir, file);
      hb.registerPartial(basename(file, '.hbs'), this.compile(path, own(file) ? shown(path) : `templates/partials/${file}`));
    }
    const page = own('page.hbs');
    this.page = page ? this.compile(page, shown(page)) : this.compile(join(templatesDir, 'page.hbs'), 'templates/page.hbs');
    const css = files
      .list(join(templatesDir, 'styles'))
      .filter((f) => f.name.endsWith('.css'))
      .map((f) => files.readText(join(templatesDir, 'styles', f.name)));
    if (ownStylesheet) css.push(files.readText(ownStylesheet));
    this.styles = {
      screen: `${fontFaces(files, fontsDir, 'woff2')}\n${css.join('\n')}`,
      // In print only the arrows come from the symbols font, so the PDF embeds no system font.
      print: `${fontFaces(files, fontsDir, 'woff')}\n${arrowFace(files, symbolsFont)}\n${css.join('\n')}`,
    };
  }

  /** Compiles eagerly and names the file in any error, which Handlebars itself does not. */
  private compile(path: string, displayName: string): Handlebars.TemplateDelegate {
    const source = this.files.readText(path);
    try {
      this.handlebars.parse(source); // syntax errors now, with the file's name
    } catch (error) {
      throw new Error(messages.inTemplate(displayName, (error as Error).message), { cause: error });
    }
    const template = this.handlebars.compile(source, { strict: true });
    return (context: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return template(context, options);
      } catch (error) {
        throw new Error(messages.inTemplate(displayName, (error as Error).message), { cause: error });
      }
    };
  }

  render(page: RenderedPage, options: RenderOptions): string {
    const html = this.page({ ...page, print: options.print, styles: this.styles[options.print ? 'print' : 'screen'] });
    return options.print ? html : withPageNumbers(html, null);
  }
}

