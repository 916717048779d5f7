import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

/*
 * MD5 of large files in worker threads. Node hashes on the thread that calls update(), so two files "hashed at once"
 * on the main thread take turns on one core; in workers they take one core each, and the main thread stays free for
 * whatever else the run does meanwhile. The worker is a script given as text (eval), so it needs no file of its own
 * beside the compiled CLI's chunks. A worker keeps the process alive only while it has a file to hash.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(${1024 * 1024});
parentPort.on('message', ({ id, file }) => {
  try {
    const hash = createHash('md5');
    const fd = openSync(file, 'r');
    try {
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id, md5: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
`;

interface Reply {
  id: number;
  md5?: string;
  error?: { message: string; code?: string };
}

interface HashWorker {
  worker: Worker;
  busy: boolean;
}

/** Disk-bound beyond this: more only thrash. */
const WORKERS = Math.max(1, Math.min(2, cpus().length));
const workers: HashWorker[] = [];
const queue: { file: string; resolve: (md5: string) => void; reject: (error: Error) => void }[] = [];
const pending = new Map<number, { resolve: (md5: string) => void; reject: (error: Error) => void; slot: HashWorker }>();
let nextId = 0;

/** The hex MD5 of a file's content, computed in a worker thread. */
export function md5OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    queue.push({ file, resolve, reject });
    dispatch();
  });
}

function dispatch(): void {
  while (queue.length > 0) {
    const slot = workers.find((candidate) => !candidate.busy) ?? (workers.length < WORKERS ? startWorker() : undefined);
    if (!slot) return;
    const job = queue.shift()!;
    const id = nextId++;
    slot.busy = true;
    slot.worker.ref();
    pending.set(id, { resolve: job.resolve, reject: job.reject, slot });
    slot.worker.postMessage({ id, file: job.file });
  }
}

function startWorker(): HashWorker {
  const slot: HashWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), busy: false };
  slot.worker.unref();
  slot.worker.on('message', (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    slot.busy = false;
    slot.worker.unref();
    if (reply.md5 !== undefined) job.resolve(reply.md5);
    else job.reject(Object.assign(new Error(reply.error?.message ?? 'hashing failed'), { code: reply.error?.code }));
    dispatch();
  });
  slot.worker.on('error', (error) => failWorker(slot, error));
  slot.worker.on('exit', () => failWorker(slot, new Error('the hashing worker exited')));
  workers.push(slot);
  return slot;
}

/** A worker that died fails its file, and is replaced by the next file that needs one. */
function failWorker(slot: HashWorker, error: Error): void {
  const at = workers.indexOf(slot);
  if (at === -1) return;
  workers.splice(at, 1);
  for (const [id, job] of pending) {
    if (job.slot !== slot) continue;
    pending.delete(id);
    job.reject(error);
  }
  dispatch();
}
