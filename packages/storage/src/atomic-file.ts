import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { link, mkdir, open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SMALL_OBJECT } from './store-base.ts';

/** Marks ferry's temp files, `.<name>.ferry-tmp-<random>`, so a directory store can leave them out of listings. */
export const TEMP_MARK = '.ferry-tmp-';

export interface AtomicWriteOptions {
  /**
   * How the finished temp file takes the name: 'replace' renames it over whatever is there; 'create' hard-links it,
   * which fails with EEXIST when the name exists, atomically. Default 'replace'.
   */
  place?: 'replace' | 'create';
  /**
   * Sees the content on its way to the disk (to hash or count it): the whole of a string or bytes, a stream in blocks
   * of up to BLOCK bytes, in memory shared with worker threads (a SharedArrayBuffer) that is reused once the promise
   * it returns resolves.
   */
  onChunk?: (chunk: Buffer) => void | Promise<void>;
  /** Runs once the content is written (and seen by onChunk), before it takes the name: a throw leaves nothing behind. */
  beforePlacing?: () => Promise<void>;
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
  const { onChunk, beforePlacing } = options;
  const content =
    typeof body === 'string'
      ? Buffer.from(body)
      : body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
        : undefined;
  if (content && content.length <= SMALL_OBJECT && options.place !== 'create') {
    await onChunk?.(content);
    await beforePlacing?.();
    return writeSmallFile(file, temp, content);
  }
  let placed = false;
  try {
    if (content) await writeWhole(temp, content, onChunk);
    else {
      await mkdir(path.dirname(file), { recursive: true });
      await writeStream(temp, body as Readable, onChunk);
    }
    await beforePlacing?.();
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

/** writeFileAtomically for small content in memory (see SMALL_OBJECT): its folder made only when missing. */
function writeSmallFile(file: string, temp: string, content: Buffer): BigIntStats {
  try {
    try {
      writeFileSync(temp, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(temp), { recursive: true });
      writeFileSync(temp, content);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return statSync(file, { bigint: true });
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
const BLOCK = 1024 * 1024;
/** Blocks of a stream's ring: one being filled while the others are written (and seen by onChunk). */
const SLOTS = 4;

async function writeStream(temp: string, body: Readable, onChunk: AtomicWriteOptions['onChunk']): Promise<void> {
  const handle = await open(temp, 'w');
  const writer = new BlockWriter(handle, onChunk);
  try {
    await pipeline(body, writer);
  } finally {
    // A failed stream may leave blocks being written: the file is closed (and removed) only after them.
    await writer.settled();
    await handle.close();
  }
}

/**
 * Gathers a stream's chunks into blocks of BLOCK bytes in a ring of memory that worker threads can share, and writes
 * each block at its place in the file while onChunk sees it (hashes it in a worker, md5-workers.ts): each byte is
 * copied once, from the chunk into the ring, and a block's slot is filled again once both are done with it. When
 * every slot is busy, the stream waits.
 */
class BlockWriter extends Writable {
  private readonly ring = Buffer.from(new SharedArrayBuffer(SLOTS * BLOCK));
  private readonly free = Array.from({ length: SLOTS }, (_, index) => index);
  private current = this.free.shift()!;
  private filled = 0;
  private position = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private slotFreed: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly file: FileHandle,
    private readonly onChunk: AtomicWriteOptions['onChunk'],
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    let at = 0;
    const fill = (): void => {
      while (at < chunk.length) {
        if (this.failure) return done(this.failure);
        const n = Math.min(chunk.length - at, BLOCK - this.filled);
        chunk.copy(this.ring, this.current * BLOCK + this.filled, at, at + n);
        this.filled += n;
        at += n;
        if (this.filled === BLOCK && !this.sendBlock()) return void this.nextSlot().then(fill, done);
      }
      done(this.failure);
    };
    fill();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.filled > 0) this.sendBlock();
    void this.settled().then(() => done(this.failure));
  }

  /** Once no block is being written or seen. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Sends the filled block to the disk and to onChunk; false when no slot is free for the next one yet. */
  private sendBlock(): boolean {
    const slot = this.current;
    const block = this.ring.subarray(slot * BLOCK, slot * BLOCK + this.filled);
    const position = this.position;
    this.position += this.filled;
    this.filled = 0;
    const done: Promise<void> = Promise.all([seen(this.onChunk, block), writeAll(this.file, block, position)])
      .then(
        () => void this.free.push(slot),
        (error: unknown) => void (this.failure ??= error as Error),
      )
      .finally(() => {
        this.inFlight.delete(done);
        this.slotFreed?.();
      });
    this.inFlight.add(done);
    const next = this.free.shift();
    if (next === undefined) return false;
    this.current = next;
    return true;
  }

  private async nextSlot(): Promise<void> {
    while (this.free.length === 0 && !this.failure) await new Promise<void>((resolve) => (this.slotFreed = resolve));
    this.slotFreed = undefined;
    if (this.failure) throw this.failure;
    this.current = this.free.shift()!;
  }
}

/** onChunk's view of a block, a throw as a rejection. */
async function seen(onChunk: AtomicWriteOptions['onChunk'], block: Buffer): Promise<void> {
  await onChunk?.(block);
}

/** A file system may write less than asked: the rest follows. */
async function writeAll(file: FileHandle, block: Buffer, position: number): Promise<void> {
  for (let at = 0; at < block.length;) at += (await file.write(block, at, block.length - at, position + at)).bytesWritten;
}
