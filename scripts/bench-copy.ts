#!/usr/bin/env tsx
/**
 * Benchmark of @ferry/storage's incremental copy beside rclone, on the same embedded S3 server (s3rver, in a
 * process of its own): a local folder → S3 (upload), S3 → S3 on the same endpoint (server-side copy), S3 → folder (download),
 * each for 8 × 64 MB and for 1,000 × 10 KB, and a second folder → S3 pass of the 8 files (the no-op of an up-to-date
 * sync). Prints both times and the ratio; rclone is run when it is on PATH (Debian's `rclone` package).
 *
 *   pnpm bench:copy [big files, default 8] [big file MB, default 64] [small files, default 1000]
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Storage, copyIncremental } from '@ferry/storage';
import type { Store } from '@ferry/types';
import { printTable, startS3ServerProcess, type BenchRow } from './bench/support.ts';

const run = promisify(execFile);

export interface CopySets {
  bigFiles: number;
  bigFileMb: number;
  smallFiles: number;
}

const DEFAULT_COPY_SETS: CopySets = { bigFiles: 8, bigFileMb: 64, smallFiles: 1000 };

/** The copy measures, one row each: ferry's time, rclone's (when installed) and the ratio, goal ≤ 1.0. */
export async function benchCopy(sets: CopySets = DEFAULT_COPY_SETS): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-bench-copy-'));
  const buckets = ['big', 'small'].flatMap((set) =>
    ['ferry-a', 'ferry-b', 'rclone-a', 'rclone-b', 'warm-a', 'warm-b'].map((name) => `${name}-${set}`),
  );
  const s3 = await startS3ServerProcess(join(root, 's3'), buckets);
  const { endpoint, accessKeyId, secretAccessKey } = s3;
  const storage = await Storage.open({ endpoint, accessKeyId, secretAccessKey, hashRecord: join(root, 'hashes.json') });
  const rclone = await rcloneVersion();
  const rows: BenchRow[] = [];
  try {
    const remote = `:s3,provider=Other,endpoint='${s3.endpoint}',access_key_id=${s3.accessKeyId},secret_access_key=${s3.secretAccessKey}:`;
    console.log(`copy: the embedded S3 server (s3rver) in a process of its own at ${s3.endpoint}; ${rclone ?? 'rclone not on PATH: ferry alone'}`);
    const groups = [
      { label: `${sets.bigFiles} × ${sets.bigFileMb} MB`, name: 'big', files: sets.bigFiles, bytes: sets.bigFileMb * 1024 * 1024 },
      { label: `${sets.smallFiles.toLocaleString('en')} × 10 KB`, name: 'small', files: sets.smallFiles, bytes: 10 * 1024 },
    ];
    for (const set of groups) {
      const local = join(root, `${set.name}-local`);
      await writeFiles(local, set.files, set.bytes);
      const at = (bucket: string) => `s3://${bucket}-${set.name}`;
      const ferryStores = {
        folder: await storage.store(local),
        a: await storage.store(at('ferry-a')),
        b: await storage.store(at('ferry-b')),
        back: await storage.store(join(root, `${set.name}-ferry-back`)),
      };
      const r = (bucket: string) => `${remote}${bucket}-${set.name}`;
      const directions: Array<[string, Store, Store, string, string]> = [
        ['folder → S3', ferryStores.folder, ferryStores.a, local, r('rclone-a')],
        ['S3 → S3 server-side', ferryStores.a, ferryStores.b, r('rclone-a'), r('rclone-b')],
        ['S3 → folder', ferryStores.b, ferryStores.back, r('rclone-b'), join(root, `${set.name}-rclone-back`)],
      ];
      if (set.name === 'big') directions.push(['no-op re-copy, folder → S3', ferryStores.folder, ferryStores.a, local, r('rclone-a')]);
      if (rclone) await warmUp(local, r('warm-a'), r('warm-b'), join(root, `${set.name}-warm-back`));
      for (const [direction, from, to, rcloneFrom, rcloneTo] of directions) {
        const ferry = await timed(() => copyIncremental(from, to));
        const reference = rclone
          ? await timed(() => run('rclone', ['copy', rcloneFrom, rcloneTo, '--s3-no-check-bucket'], { env: rcloneEnv }))
          : undefined;
        rows.push(copyRow(`copy ${set.label} ${direction}`, ferry, reference));
      }
    }
  } finally {
    await storage.close();
    s3.stop();
    await rm(root, { recursive: true, force: true });
  }
  return rows;
}

/**
 * Makes the server do, untimed, what the measures will ask of it (uploads, server-side copies, downloads of the same
 * files, into buckets of their own): s3rver is JavaScript, and the first thousand requests of a kind run slower while
 * it compiles, which would otherwise count against whichever tool goes first (ferry). rclone does it, so that ferry's
 * own process starts no warmer than it was.
 */
async function warmUp(local: string, a: string, b: string, back: string): Promise<void> {
  for (const [from, to] of [
    [local, a],
    [a, b],
    [b, back],
  ]) {
    await run('rclone', ['copy', from!, to!, '--s3-no-check-bucket'], { env: rcloneEnv });
  }
}

/** The server is plain http on 127.0.0.1: a CA bundle from the environment only makes rclone's S3 client refuse to start. */
const rcloneEnv = { ...process.env, AWS_CA_BUNDLE: undefined, RCLONE_CONFIG: '/dev/null' };

function copyRow(measure: string, ferry: number, reference: number | undefined): BenchRow {
  return {
    measure,
    ferry: `${ferry.toFixed(2)} s`,
    reference: reference === undefined ? 'rclone not installed' : `rclone ${reference.toFixed(2)} s`,
    ratio: reference === undefined ? undefined : ferry / reference,
    goal: '≤ 1.0× rclone',
    met: reference === undefined ? undefined : ferry <= reference,
  };
}

async function writeFiles(dir: string, files: number, bytes: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < files; i++) await writeFile(join(dir, `${String(i).padStart(4, '0')}.bin`), randomBytes(bytes));
}

/**
 * Each copy starts with the files written so far flushed to disk: otherwise whichever tool runs next pays for the
 * writeback of the one before (a server-side copy leaves 512 MB of dirty pages), and the kernel slows its writes.
 */
async function timed(work: () => Promise<unknown>): Promise<number> {
  spawnSync('sync');
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function rcloneVersion(): Promise<string | undefined> {
  try {
    return (await run('rclone', ['version'])).stdout.split('\n')[0];
  } catch {
    return undefined;
  }
}

// Last, once every declaration above is initialised.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [big, mb, small] = process.argv.slice(2).map(Number);
  const { bigFiles, bigFileMb, smallFiles } = DEFAULT_COPY_SETS;
  printTable(await benchCopy({ bigFiles: big || bigFiles, bigFileMb: mb || bigFileMb, smallFiles: small || smallFiles }));
}
