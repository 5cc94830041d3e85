/**
 * Images an authority may use: files in its own folder, read as data. Nothing outside the folder,
 * nothing over a network, nothing but PNG, JPEG, GIF and SVG, checked by content, not by name.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const head = new TextDecoder().decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

export function readLocalImage(folder: string, href: string): { dataUrl: string } | { reason: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { reason: 'images must be files in the authority’s folder, not addresses' };
  const path = join(folder, decodeURIComponent(href));
  if (!existsSync(path) || !statSync(path).isFile()) return { reason: `no file ${href} in the authority’s folder` };
  const inside = relative(realpathSync(folder), realpathSync(path));
  if (inside.startsWith('..') || inside.startsWith(sep)) return { reason: 'images must be files in the authority’s folder' };
  const bytes = readFileSync(path);
  if (bytes.length > MAX_IMAGE_BYTES) return { reason: `${href} is over 2 MB` };
  const type = imageType(bytes);
  if (!type) return { reason: `${href} is not a PNG, JPEG, GIF or SVG image` };
  return { dataUrl: `data:${type};base64,${bytes.toString('base64')}` };
}
