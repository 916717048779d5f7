import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectInfo, Store } from '@ferry/types';
import { generateSample } from './generate.ts';
import type { SampleOptions, SamplePeriodTruth } from './generate.ts';

const MIB = 1024 * 1024;

/**
 * Writes every period as `YYYY-MM-DD.txt` at the root of `store` and returns the truth per period. Each file is
 * streamed to a temporary file while its size and MD5 are taken; an existing object with the same content is left
 * untouched, so re-running with more periods only adds the new files.
 */
export async function writeSample(store: Store, options: SampleOptions): Promise<SamplePeriodTruth[]> {
  const directory = await mkdtemp(join(tmpdir(), 'ferry-sample-'));
  try {
    const truths: SamplePeriodTruth[] = [];
    for (const period of generateSample(options)) {
      const localPath = join(directory, period.name);
      const md5 = createHash('md5');
      let size = 0;
      const file = await open(localPath, 'w');
      try {
        for (const chunk of period.chunks()) {
          md5.update(chunk);
          size += chunk.length;
          await file.write(chunk);
        }
      } finally {
        await file.close();
      }
      const existing = await store.head(period.name);
      if (!existing || !(await sameContent(existing, localPath, size, md5.digest('hex')))) {
        await store.upload(localPath, period.name, { contentType: 'text/plain' });
      }
      await rm(localPath);
      truths.push(period.truth());
    }
    return truths;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Whether an object holds the file's content, judged by size and ETag: the plain MD5 for a directory store or a
 * single-part upload; for a multipart upload (`<md5 of part md5s>-<parts>`) the part size is not recorded, so every
 * whole-MiB part size giving that many parts is tried (usually one).
 */
async function sameContent(existing: ObjectInfo, localPath: string, size: number, md5: string): Promise<boolean> {
  if (existing.size !== size) return false;
  const multipart = /^[0-9a-f]{32}-(\d+)$/.exec(existing.etag);
  if (!multipart) return existing.etag === md5;
  const parts = Number(multipart[1]);
  if (parts === 1) return (await multipartEtag(localPath, size)) === existing.etag;
  for (let partSize = Math.ceil(size / parts / MIB) * MIB; partSize * (parts - 1) < size; partSize += MIB) {
    if (Math.ceil(size / partSize) === parts && (await multipartEtag(localPath, partSize)) === existing.etag) return true;
  }
  return false;
}

async function multipartEtag(localPath: string, partSize: number): Promise<string> {
  const file = await open(localPath, 'r');
  try {
    const partHashes: Buffer[] = [];
    const buffer = Buffer.alloc(Math.min(partSize, 8 * MIB));
    let part = createHash('md5');
    let inPart = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, partSize - inPart));
      if (bytesRead === 0) break;
      part.update(buffer.subarray(0, bytesRead));
      inPart += bytesRead;
      if (inPart === partSize) {
        partHashes.push(part.digest());
        part = createHash('md5');
        inPart = 0;
      }
    }
    if (inPart > 0) partHashes.push(part.digest());
    return `${createHash('md5').update(Buffer.concat(partHashes)).digest('hex')}-${partHashes.length}`;
  } finally {
    await file.close();
  }
}
