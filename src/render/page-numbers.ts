/**
 * Page numbers in print: the places where they go (each contents entry's, and "(page 12)" after
 * each cross-reference), filled in three ways from this one module: left empty in the screen
 * HTML, set in place in a loaded page between prints (`fillPageNumbers`, run in the browser), and
 * written into print HTML for a renderer that prints once (`withPageNumbers`).
 */

/** After a cross-reference to the element `id`: " (page N)" in print. */
export function xrefPagePlaceholder(id: string): string {
  return `<span class="xref-page" data-xref="${id}"></span>`;
}

/** In a contents entry for the element `id`: its page number in print. */
export function contentsPagePlaceholder(id: string): string {
  return `<span class="contents-page" data-page-of="${id}"></span>`;
}

/**
 * Fills in the page numbers of a print rendering; before any page is known, they are left empty.
 * Without a map at all (HTML for the screen) the places are removed.
 */
export function withPageNumbers(html: string, pages: ReadonlyMap<string, number> | null): string {
  return html
    .replace(/<span class="contents-page" data-page-of="([^"]*)"><\/span>/g, (_, id: string) => `<span class="contents-page">${pages?.get(id) ?? ''}</span>`)
    .replace(/<span class="xref-page" data-xref="([^"]*)"><\/span>/g, (_, id: string) => {
      const page = pages?.get(id);
      return page === undefined ? '' : `<span class="xref-page"> (page ${page})</span>`;
    });
}

export interface PageState {
  pages: Record<string, number>;
  /** Everything hidden: the same layout, nothing painted; read only for where sections fall. */
  draft: boolean;
}

/** Runs in the page, between prints. The places come from our templates (narrative cannot make data- attributes). */
export function fillPageNumbers(state: PageState): void {
  let style = document.getElementById('draft-print');
  if (state.draft && !style) {
    style = document.createElement('style');
    style.id = 'draft-print';
    style.textContent = 'body * { visibility: hidden !important; }';
    document.head.append(style);
  }
  if (!state.draft) style?.remove();
  for (const place of document.querySelectorAll<HTMLElement>('[data-page-of]')) place.textContent = String(state.pages[place.dataset.pageOf!] ?? '');
  for (const place of document.querySelectorAll<HTMLElement>('[data-xref]')) {
    const page = state.pages[place.dataset.xref!];
    place.textContent = page === undefined ? '' : ` (page ${page})`;
  }
}
