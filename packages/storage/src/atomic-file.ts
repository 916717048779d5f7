import { randomBytes } from 'node:crypto';
import { createWriteStream, type BigIntStats } from 'node:fs';
import { link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Marks ferry's temp files, `.<name>.ferry-tmp-<random>`, so a directory store can leave them out of listings. */
export const TEMP_MARK = '.ferry-tmp-';

export interface AtomicWriteOptions {
  /**
   * How the finished temp file takes the name: 'replace' renames it over whatever is there; 'create' hard-links it,
   * which fails with EEXIST when the name exists, atomically. Default 'replace'.
   */
  place?: 'replace' | 'create';
  /** Sees every chunk on its way to the disk (to hash or count it); the write waits for a promise it returns. */
  onChunk?: (chunk: Buffer) => void | Promise<void>;
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
  const { onChunk } = options;
  let placed = false;
  try {
    if (typeof body === 'string' || body instanceof Uint8Array) await writeWhole(temp, Buffer.from(body), onChunk);
    else {
      await mkdir(path.dirname(file), { recursive: true });
      if (onChunk) await pipeline(body, observe(onChunk), coalesce(), createWriteStream(temp));
      else await pipeline(body, coalesce(), createWriteStream(temp));
    }
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

/**
 * Content already in memory goes down in one write, without a stream; its folder is made only when missing, which
 * spares many small files in one folder two file system calls each.
 */
async function writeWhole(temp: string, content: Buffer, onChunk: AtomicWriteOptions['onChunk']): Promise<void> {
  await onChunk?.(content);
  try {
    await writeFile(temp, content);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(temp), { recursive: true });
    await writeFile(temp, content);
  }
}

/** Bytes handed to the disk at once: a socket's 64 KiB chunks cost a write each, and each write a thread hand-over. */
const WRITE_BLOCK = 1024 * 1024;

/** Joins small chunks into blocks of WRITE_BLOCK bytes (one copy), so a file takes a sixteenth of the writes. */
function coalesce(): Transform {
  let held: Buffer[] = [];
  let bytes = 0;
  const release = (stream: Transform) => {
    stream.push(held.length === 1 ? held[0] : Buffer.concat(held, bytes));
    held = [];
    bytes = 0;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.length >= WRITE_BLOCK && held.length === 0) return done(null, chunk);
      held.push(chunk);
      bytes += chunk.length;
      if (bytes >= WRITE_BLOCK) release(this);
      done();
    },
    flush(done) {
      if (bytes > 0) release(this);
      done();
    },
  });
}

function observe(onChunk: (chunk: Buffer) => void | Promise<void>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const waiting = onChunk(chunk);
      if (waiting) waiting.then(() => done(null, chunk), done);
      else done(null, chunk);
    },
  });
}
