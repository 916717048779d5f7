/** The image formats launch images come in, by what their first bytes say. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' };

const CONTENT_TYPES: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** The format a Content-Type announces (parameters ignored), or undefined when we do not accept it. */
export function formatOfContentType(contentType: string): ImageFormat | undefined {
  return CONTENT_TYPES[contentType.split(';')[0]!.trim().toLowerCase()];
}

/** The format the magic bytes reveal, or undefined for anything else (an HTML error page, say). */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const startsWith = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (startsWith([0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'gif';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}
