import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { FerryError } from '@ferry/types';
import type { AtomicWriteOptions } from './atomic-file.ts';

/*
 * MD5 in worker threads. Node hashes on the thread that calls update(), so two files "hashed at once" on the main
 * thread take turns on one core, and a download hashed as it streams in shares its core with the HTTP parsing and the
 * file writes; in workers each hash takes a core of its own. A file on disk is read and hashed by one worker whole
 * (md5OfFile); a stream's blocks are read by a worker where they are, in memory shared with it (md5OfStream). The
 * worker is a script given as text (eval), so it needs no file of its own beside the compiled CLI's chunks. A worker
 * keeps the process alive only while it has work.
 * hashedWrite is what a store's writes use: it hashes what writeFileAtomically writes and checks it against the MD5
 * the source vouched for.
 */
const BLOCK = 1024 * 1024;
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(${BLOCK});
const streams = new Map();
parentPort.on('message', ({ id, file, shared, offset, length, end }) => {
  try {
    if (file !== undefined) {
      const hash = createHash('md5');
      const fd = openSync(file, 'r');
      try {
        for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
      } finally {
        closeSync(fd);
      }
      parentPort.postMessage({ id, md5: hash.digest('hex') });
      return;
    }
    let stream = streams.get(id);
    if (!stream) streams.set(id, (stream = { hash: createHash('md5'), memory: undefined }));
    if (shared !== undefined) stream.memory = new Uint8Array(shared);
    if (length !== undefined) {
      stream.hash.update(stream.memory.subarray(offset, offset + length));
      parentPort.postMessage({ id, hashed: true });
    }
    if (end) {
      streams.delete(id);
      parentPort.postMessage({ id, md5: stream.hash.digest('hex') });
    }
  } catch (error) {
    streams.delete(id);
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
`;

interface Reply {
  id: number;
  md5?: string;
  /** A stream's block was hashed (they are hashed in the order sent). */
  hashed?: boolean;
  error?: { message: string; code?: string };
}

interface Job {
  resolve: (md5: string) => void;
  reject: (error: Error) => void;
  /** A stream's block was hashed: its memory may be reused. */
  onHashed?: () => void;
}

interface HashWorker {
  worker: Worker;
  /** Files being hashed plus streams open on it. */
  jobs: Map<number, Job>;
}

/** Disk-bound (files) or core-bound (streams) beyond this: more only thrash. */
const WORKERS = Math.max(1, Math.min(2, cpus().length));
/** Files and streams have workers of their own, so a stream's next block never waits behind a whole file. */
const filePool: HashWorker[] = [];
const streamPool: HashWorker[] = [];
const queue: { file: string; job: Job }[] = [];
let nextId = 0;

/** The hex MD5 of a file's content, computed in a worker thread. */
export function md5OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    queue.push({ file, job: { resolve, reject } });
    dispatchFiles();
  });
}

/** An MD5 fed with the chunks of a stream as they pass, computed in a worker thread. */
export interface StreamMd5 {
  /**
   * Hashes the chunk; resolves once the worker has read it and its memory may be reused. A chunk in memory shared with
   * workers (a SharedArrayBuffer, as atomic-file.ts writes from) is read where it is, any other copied there first.
   */
  update(chunk: Uint8Array): Promise<void> | undefined;
  digest(): Promise<string>;
  /** Drops the hash (the stream failed); its worker forgets it. */
  abandon(): void;
}

/**
 * The worker is told where each chunk is in the shared memory (the memory itself once, the first time it is used):
 * nothing is copied or transferred per chunk, and chunks are hashed in the order they were sent.
 */
export function md5OfStream(): StreamMd5 {
  const id = nextId++;
  const slot = leastBusy(streamPool) ?? startWorker(streamPool);
  /** Chunks sent and not hashed yet, oldest first. */
  const waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let failed: Error | undefined;
  const result = new Promise<string>((resolve, reject) => {
    slot.jobs.set(id, {
      resolve,
      reject: (error) => {
        failed = error;
        for (const chunk of waiting.splice(0)) chunk.reject(error);
        reject(error);
      },
      onHashed: () => waiting.shift()?.resolve(),
    });
  });
  result.catch(() => undefined); // seen by digest(); a stream that failed first never asks
  track(slot);
  let introduced: SharedArrayBuffer | undefined;
  const send = (chunk: Uint8Array | undefined, end: boolean) => {
    const memory = chunk?.buffer as SharedArrayBuffer | undefined;
    const shared = memory !== undefined && memory !== introduced ? memory : undefined;
    if (shared) introduced = shared;
    slot.worker.postMessage({ id, shared, offset: chunk?.byteOffset, length: chunk?.byteLength, end });
  };
  return {
    update(chunk) {
      if (failed) throw failed;
      const inShared = chunk.buffer instanceof SharedArrayBuffer ? chunk : inSharedMemory(chunk);
      const hashed = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      send(inShared, false);
      return hashed;
    },
    digest() {
      if (!failed) send(undefined, true);
      return result;
    },
    abandon() {
      if (failed || !slot.jobs.has(id)) return;
      send(undefined, true);
    },
  };
}

/** The hash of content on its way to the disk through writeFileAtomically (see hashedWrite). */
export interface HashedWrite {
  /** What writeFileAtomically is given: each chunk hashed (and seen by `observe`), the check before the name. */
  options: AtomicWriteOptions;
  /** The content's MD5, once the write has taken its name. */
  md5(): string;
  /** Drops the hash of a write that failed. */
  abandon(): void;
}

/**
 * Hashes what writeFileAtomically writes: a stream in a worker, content in memory on this thread (which costs less
 * than handing it to a worker). With `expected`, the MD5 its source vouches for (CopySource.md5), content of another
 * MD5 is refused before it takes its name, as rclone checks a download.
 */
export function hashedWrite(body: string | Uint8Array | Readable, where: string, expected?: string, observe?: (chunk: Buffer) => void): HashedWrite {
  const hash = typeof body === 'string' || body instanceof Uint8Array ? mainThreadMd5() : md5OfStream();
  let md5: string | undefined;
  return {
    options: {
      onChunk: (chunk) => {
        observe?.(chunk);
        return hash.update(chunk);
      },
      beforePlacing: async () => {
        md5 = await hash.digest();
        if (expected !== undefined && md5 !== expected) {
          throw new FerryError(`${where}: what arrived has MD5 ${md5}, not the ${expected} its source's ETag names; nothing was written, run again`);
        }
      },
    },
    md5: () => {
      if (md5 === undefined) throw new Error('the write has not taken its name yet');
      return md5;
    },
    abandon: () => hash.abandon(),
  };
}

/** The StreamMd5 of content already in memory. */
function mainThreadMd5(): StreamMd5 {
  const hash = createHash('md5');
  return {
    update: (chunk) => void hash.update(chunk),
    digest: async () => hash.digest('hex'),
    abandon: () => undefined,
  };
}

/** A copy of the chunk in fresh shared memory (Buffer.copy is a plain memcpy; TypedArray.set into it is many times slower). */
function inSharedMemory(chunk: Uint8Array): Uint8Array {
  const copy = Buffer.from(new SharedArrayBuffer(chunk.byteLength));
  Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).copy(copy);
  return copy;
}

function dispatchFiles(): void {
  while (queue.length > 0) {
    const slot = filePool.find((candidate) => candidate.jobs.size === 0) ?? (filePool.length < WORKERS ? startWorker(filePool) : undefined);
    if (!slot) return;
    const { file, job } = queue.shift()!;
    const id = nextId++;
    slot.jobs.set(id, job);
    track(slot);
    slot.worker.postMessage({ id, file });
  }
}

/** A free or new worker while there are fewer than WORKERS, else the one with the fewest streams. */
function leastBusy(pool: HashWorker[]): HashWorker | undefined {
  const idle = pool.find((slot) => slot.jobs.size === 0);
  if (idle || pool.length < WORKERS) return idle;
  return pool.reduce((best, slot) => (slot.jobs.size < best.jobs.size ? slot : best));
}

/** A worker holds the process open exactly while it has jobs. */
function track(slot: HashWorker): void {
  if (slot.jobs.size > 0) slot.worker.ref();
  else slot.worker.unref();
}

function startWorker(pool: HashWorker[]): HashWorker {
  const slot: HashWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), jobs: new Map() };
  slot.worker.unref();
  slot.worker.on('message', (reply: Reply) => {
    const job = slot.jobs.get(reply.id);
    if (!job) return;
    if (reply.hashed) {
      job.onHashed?.();
      return;
    }
    slot.jobs.delete(reply.id);
    track(slot);
    if (reply.md5 !== undefined) job.resolve(reply.md5);
    else job.reject(Object.assign(new Error(reply.error?.message ?? 'hashing failed'), { code: reply.error?.code }));
    if (pool === filePool) dispatchFiles();
  });
  slot.worker.on('error', (error) => failWorker(pool, slot, error));
  slot.worker.on('exit', () => failWorker(pool, slot, new Error('the hashing worker exited')));
  pool.push(slot);
  return slot;
}

/** A worker that died fails its jobs, and is replaced by the next job that needs one. */
function failWorker(pool: HashWorker[], slot: HashWorker, error: Error): void {
  const at = pool.indexOf(slot);
  if (at === -1) return;
  pool.splice(at, 1);
  for (const job of slot.jobs.values()) job.reject(error);
  slot.jobs.clear();
  if (pool === filePool) dispatchFiles();
}
