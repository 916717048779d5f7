import { randomBytes } from 'node:crypto';
import { createWriteStream, type BigIntStats } from 'node:fs';
import { link, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Marks ferry's temp files, `.<name>.ferry-tmp-<random>`, so a directory store can leave them out of listings. */
export const TEMP_MARK = '.ferry-tmp-';

export interface AtomicWriteOptions {
  /**
   * How the finished temp file takes the name: 'replace' renames it over whatever is there; 'create' hard-links it,
   * which fails with EEXIST when the name exists, atomically. Default 'replace'.
   */
  place?: 'replace' | 'create';
  /** Sees every chunk on its way to the disk (to hash or count it). */
  onChunk?: (chunk: Buffer) => void;
}

/**
 * Writes `body` to a hidden temp file next to `file` (parent directories created), then gives it the name in one
 * step: readers never see half a file, and the temp file never stays behind. Returns the written file's stats (to the
 * nanosecond, its identity for a hash record); file
 * system errors are thrown as they are, for the caller to name.
 */
export async function writeFileAtomically(
  file: string,
  body: string | Uint8Array | Readable,
  options: AtomicWriteOptions = {},
): Promise<BigIntStats> {
  const temp = tempPathFor(file);
  const source = typeof body === 'string' || body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
  const { onChunk } = options;
  let placed = false;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    if (onChunk) await pipeline(source, observe(onChunk), createWriteStream(temp));
    else await pipeline(source, createWriteStream(temp));
    if (options.place === 'create') await link(temp, file);
    else {
      await rename(temp, file);
      placed = true;
    }
  } finally {
    // A renamed temp file is gone already: one file system call less for each of many small files.
    if (!placed) await rm(temp, { force: true });
  }
  return stat(file, { bigint: true });
}

/** A fresh hidden temp name next to `file`, `.<name>.ferry-tmp-<random>`. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
}

function observe(onChunk: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onChunk(chunk);
      done(null, chunk);
    },
  });
}
