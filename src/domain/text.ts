/** Text as HTML and SVG need it: the five characters that could open markup, as numeric references. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
