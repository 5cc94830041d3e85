/**
 * Images an authority may use: files in its own folder, read as data when the folder is loaded.
 * Nothing outside the folder, nothing over a network, nothing but PNG, JPEG, GIF and SVG, checked
 * by content, not by name.
 */
import type { FileSystem } from '../effects.js';
import type { AuthorityImages, ImageFile } from './model.js';
import { images as messages } from '../messages.js';

const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const NOT_IMAGES = /\.(ya?ml|json|md|txt|csv)$/i;

export function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const head = new TextDecoder().decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

/** Every file beside authority.yaml that may be an image, read once, as a data URL or the reason it cannot be one. */
export function readAuthorityImages(files: FileSystem, folder: string): AuthorityImages {
  const images = new Map<string, ImageFile>();
  const inside = files.realPath(folder);
  for (const entry of files.list(folder)) {
    if (entry.kind !== 'file' || entry.name.startsWith('.') || NOT_IMAGES.test(entry.name)) continue;
    const path = `${folder}/${entry.name}`;
    const real = files.realPath(path);
    if (!real.startsWith(`${inside}/`)) images.set(entry.name, { reason: messages.outsideFolder() });
    else if (files.size(path) > MAX_IMAGE_BYTES) images.set(entry.name, { reason: messages.tooLarge(entry.name) });
    else {
      const bytes = files.read(path);
      const type = imageType(bytes);
      images.set(
        entry.name,
        type ? { dataUrl: `data:${type};base64,${Buffer.from(bytes).toString('base64')}` } : { reason: messages.notAnImage(entry.name) },
      );
    }
  }
  return images;
}

/** An image a document names (a Markdown image's address, or the logo), looked up among the authority's. */
export function readImage(images: AuthorityImages, href: string): { dataUrl: string } | { reason: string; missing?: true } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { reason: messages.anAddress() };
  let name: string;
  try {
    name = decodeURIComponent(href).replace(/^\.\//, '');
  } catch {
    return { reason: messages.badFileName(href) };
  }
  const found = images.get(name);
  if (!found) return { reason: messages.noSuchFile(name), missing: true };
  return found;
}
