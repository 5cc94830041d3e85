/**
 * What printing needs from a browser, apart from which browser it is: load a document once and
 * print it as often as its contents need. pdf/browser.ts implements it with Chromium; tests can
 * pass their own through the effects.
 */
import type { PageState } from '../render/page-numbers.js';

export interface PrintSession {
  /** Prints the loaded document; a draft is untagged and without an outline, which is quicker. */
  pdf(draft: boolean): Promise<Uint8Array>;
  /** Sets the page numbers in the document's places for them, and hides or shows everything for a draft. */
  update(state: PageState): Promise<void>;
}


export interface PrintOptions {
  /** Told of every request the document tried to make; all are refused. */
  onBlockedRequest?: (url: string) => void;
}

export interface Printer {
  /** Loads a document once and lets `work` print it as often as it needs. */
  withDocument<T>(html: string, options: PrintOptions, work: (session: PrintSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Prints made, and browsers started (a crashed one is started again). */
  readonly prints: number;
  readonly launches: number;
}
