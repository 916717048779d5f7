#!/usr/bin/env tsx
/**
 * Benchmark of @ferry/storage's incremental copy on this machine: a local folder → the embedded S3 server (streamed
 * multipart upload), S3 → S3 on the same endpoint (server-side copy), S3 → folder (download), and a second,
 * no-op pass (what an up-to-date sync costs). Prints MB/s and peak RSS.
 *
 *   pnpm bench:copy [total MB, default 1024] [files, default 4]
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage, copyIncremental } from '@ferry/storage';
import type { Store } from '@ferry/types';

const totalMb = Number(process.argv[2] ?? 1024);
const files = Number(process.argv[3] ?? 4);
const root = await mkdtemp(join(tmpdir(), 'ferry-bench-copy-'));
const storage = await Storage.open({ endpoint: 'embedded', embeddedDir: join(root, 's3') });

try {
  const local = join(root, 'local');
  await mkdir(local, { recursive: true });
  const fileBytes = Math.floor((totalMb * 1024 * 1024) / files);
  const chunk = randomBytes(8 * 1024 * 1024);
  for (let i = 0; i < files; i++) {
    const parts: Buffer[] = [];
    for (let written = 0; written < fileBytes; written += chunk.length) parts.push(chunk.subarray(0, Math.min(chunk.length, fileBytes - written)));
    await writeFile(join(local, `${i}.bin`), Buffer.concat(parts));
  }
  const folder = await storage.store(local);
  const bucketA = await storage.store('s3://bench-a');
  const bucketB = await storage.store('s3://bench-b');
  const back = await storage.store(join(root, 'back'));

  console.log(`ferry storage benchmark: ${files} files, ${totalMb} MB total, embedded S3 at ${storage.embeddedEndpoint}`);
  await measure('folder → S3 (streamed multipart upload)', folder, bucketA);
  await measure('S3 → S3 same endpoint (server-side copy)', bucketA, bucketB);
  await measure('S3 → folder (download)', bucketB, back);
  await measure('S3 → S3 again (incremental no-op)', bucketA, bucketB);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await storage.close();
  await rm(root, { recursive: true, force: true });
}

async function measure(label: string, from: Store, to: Store): Promise<void> {
  const started = performance.now();
  const result = await copyIncremental(from, to);
  const seconds = (performance.now() - started) / 1000;
  const mb = result.bytesCopied / 1024 / 1024;
  const rate = result.bytesCopied > 0 ? `${(mb / seconds).toFixed(0)} MB/s` : 'nothing to copy';
  console.log(
    `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  copied ${result.copied.length}, skipped ${result.skipped.length}, ` +
      `server-side ${result.serverSideCopies}, streamed ${result.streamedCopies}  ${rate}`,
  );
}
