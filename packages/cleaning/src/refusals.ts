/**
 * Source files ferry refuses to clean, and the one line the run reports for each. Both engines sniff the same first
 * bytes and use these words: the local engine directly, the Spark job through its rendered copy (`{source}` is the
 * file name). Gzip is refused rather than read: the Spark text reader decompresses by file name only, so a
 * compressed `.txt` would be read as garbage there; one behaviour for both engines is a clear refusal.
 */
import { open } from 'node:fs/promises';
import { FerryError } from '@ferry/types';

export const REFUSALS = {
  gzip_compressed: '{source} is gzip-compressed: ferry cleans plain text, so decompress it first',
  not_text: '{source} is not a text file',
} as const;

export type RefusalKind = keyof typeof REFUSALS;

/** How many leading bytes are sniffed: where a binary file shows its NUL bytes (git looks at as many). */
export const SNIFF_BYTES = 8192;

/** The first bytes of every gzip stream. */
export const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** The UTF-8 byte order mark, skipped at the start of a file. */
export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function refusal(kind: RefusalKind, source: string): string {
  return REFUSALS[kind].replace('{source}', source);
}

/** Why a file whose first bytes are `head` (up to SNIFF_BYTES) is not cleaned, or undefined when it is text. */
export function sniff(head: Uint8Array): RefusalKind | undefined {
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'gzip_compressed';
  if (head.subarray(0, SNIFF_BYTES).includes(0)) return 'not_text';
  return undefined;
}

/** The file's first SNIFF_BYTES bytes; throws the refusal of a file that is not text. */
export async function readTextHead(path: string, source: string): Promise<Buffer> {
  const file = await open(path);
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
    const kind = sniff(head.subarray(0, bytesRead));
    if (kind) throw new FerryError(refusal(kind, source));
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
