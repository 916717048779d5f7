import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIO, skipNote } from '@ferry/testbed';
import type { Store } from '@ferry/types';
import { copyIncremental, verifyCopy } from './copy.ts';
import { DirStore } from './dir-store.ts';
import { HashRecord } from './hash-record.ts';
import { S3Store, SOURCE_ETAG_METADATA } from './s3-store.ts';
import { Storage } from './storage.ts';
import { tempDir, useMinio } from './test-support.ts';

const MiB = 1024 * 1024;
const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex');

const minio = useMinio();
const MINIO_NOTE = skipNote(MINIO);
let storage: Storage;
/** MinIO: a real S3 server, with real multipart ETags and UploadPartCopy; opened only when MinIO is installed. */
let real: Storage;
let work: Awaited<ReturnType<typeof tempDir>>;
let run = 0;

beforeAll(async () => {
  work = await tempDir('copy');
  // Parts of 5 MiB (the S3 minimum) so an 11 MiB object is a 3-part multipart upload.
  storage = await Storage.open({ embeddedDir: path.join(work.dir, 's3'), partSize: 5 * MiB });
  if (!MINIO_NOTE) {
    const server = minio();
    await server.createBuckets(['copy-bucket']);
    real = await Storage.open({
      endpoint: server.endpoint,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      partSize: 5 * MiB,
    });
  }
});
afterAll(async () => {
  await storage.close();
  await real?.close();
  await work.remove();
});

type Kind = 'dir' | 's3' | 'minio';
const open = (kind: Kind, label: string): Promise<Store> =>
  kind === 'dir'
    ? storage.store(path.join(work.dir, `${label}-${++run}`))
    : (kind === 's3' ? storage : real).store(`s3://copy-bucket/${label}-${++run}`);
const isS3 = (kind: Kind) => kind !== 'dir';
/** The skip note of a pair of kinds: MinIO's when one of them is MinIO. */
const noteOf = (...pair: Kind[]) => (pair.includes('minio') ? MINIO_NOTE : '');

const keysOf = (objects: Array<{ key: string }>) => objects.map((o) => o.key);

const pairs: Array<[Kind, Kind]> = [
  ['dir', 'dir'],
  ['dir', 's3'],
  ['s3', 'dir'],
  ['s3', 's3'],
  ['dir', 'minio'],
  ['minio', 'dir'],
  ['minio', 'minio'],
];
for (const [fromKind, toKind] of pairs)
  describe.skipIf(noteOf(fromKind, toKind))(`${noteOf(fromKind, toKind)}given a ${fromKind} source and a ${toKind} destination`, () => {
    it('when copied twice, then the first run copies everything, the second nothing, and a changed object is copied again', async () => {
      const from = await open(fromKind, 'from');
      const to = await open(toKind, 'to');
      const big = randomBytes(11 * MiB);
      await from.write('2024-01-01.txt', 'day one');
      await from.write('nested/2024-01-02.txt', 'day two');
      await from.write('big.bin', big);
      const totalBytes = 7 + 7 + big.length;

      const seen: Array<[number, number]> = [];
      const first = await copyIncremental(from, to, { progress: { onBytes: (done, total) => seen.push([done, total]) } });
      expect(keysOf(first.copied)).toEqual(['2024-01-01.txt', 'big.bin', 'nested/2024-01-02.txt']);
      expect(first.skipped).toEqual([]);
      expect(first.bytesCopied).toBe(totalBytes);
      expect(first.copied.find((o) => o.key === 'big.bin')).toMatchObject({ size: big.length });
      expect(seen.at(-1)).toEqual([totalBytes, totalBytes]);
      expect(first.serverSideCopies).toBe(isS3(fromKind) && isS3(toKind) ? 3 : 0);
      expect(await to.readText('nested/2024-01-02.txt')).toBe('day two');
      expect((await to.head('big.bin'))?.size).toBe(big.length);
      expect(await verifyCopy(from, to)).toEqual({ ok: true, checked: 3, problems: [] });

      const second = await copyIncremental(from, to);
      expect(second.copied).toEqual([]);
      expect(keysOf(second.skipped)).toEqual(['2024-01-01.txt', 'big.bin', 'nested/2024-01-02.txt']);
      expect(second.bytesCopied).toBe(0);

      await from.write('2024-01-01.txt', 'day ONE'); // same size, new content: only the ETag tells
      const third = await copyIncremental(from, to);
      expect(keysOf(third.copied)).toEqual(['2024-01-01.txt']);
      expect(third.skipped).toHaveLength(2);
      expect(await to.readText('2024-01-01.txt')).toBe('day ONE');
    });

    it('when only some keys are asked for, then only those are copied', async () => {
      const from = await open(fromKind, 'from');
      const to = await open(toKind, 'to');
      await from.write('a.txt', 'a');
      await from.write('b.txt', 'b');
      const report = await copyIncremental(from, to, { keys: ['b.txt'] });
      expect(keysOf(report.copied)).toEqual(['b.txt']);
      expect(keysOf(await to.list())).toEqual(['b.txt']);
      await expect(copyIncremental(from, to, { keys: ['missing.txt'] })).rejects.toThrow(/missing\.txt: not found/);
    });
  });

const renamedPairs: Array<[Kind, Kind]> = [
  ['dir', 's3'],
  ['s3', 's3'],
  ['s3', 'dir'],
  ['minio', 'minio'],
];
for (const [fromKind, toKind] of renamedPairs)
  describe.skipIf(noteOf(fromKind, toKind))(
    `${noteOf(fromKind, toKind)}given a ${fromKind} source copied to a ${toKind} destination under new names`,
    () => {
      it('when mapKey renames the keys, then they land under the new names, a second run is a no-op and verify follows the mapping', async () => {
        const from = await open(fromKind, 'from');
        const to = await open(toKind, 'to');
        await from.write('data/tx_date=2024-01-01/part-0.parquet', 'p0');
        await from.write('data/tx_date=2024-01-02/part-0.parquet', 'p1');
        const rename = (key: string) => key.replace(/^data\/(tx_date=[^/]+)\/part-(\d+)\.parquet$/, '$1/2024-01_run1_$2.parquet');

        const first = await copyIncremental(from, to, { mapKey: rename });
        expect(keysOf(first.copied)).toEqual(['tx_date=2024-01-01/2024-01_run1_0.parquet', 'tx_date=2024-01-02/2024-01_run1_0.parquet']);
        expect(keysOf(await to.list())).toEqual(keysOf(first.copied));
        expect((await copyIncremental(from, to, { mapKey: rename })).copied).toEqual([]);
        expect(await verifyCopy(from, to, undefined, rename)).toEqual({ ok: true, checked: 2, problems: [] });
        expect((await verifyCopy(from, to)).problems).toHaveLength(2);
        await expect(copyIncremental(from, to, { mapKey: () => 'same.parquet' })).rejects.toThrow(
          /same\.parquet: both data\/tx_date=2024-01-01\/part-0\.parquet and/,
        );
      });
    },
  );

describe('given an S3 object whose own ETag differs from its source (as after a multipart upload on real S3)', () => {
  it('when it carries the source ETag in its metadata, then the copy skips it; without it, the copy replaces it', async () => {
    const from = await open('dir', 'from');
    const to = (await open('s3', 'to')) as S3Store;
    await from.write('x.bin', 'AAAA');
    await to.put('x.bin', 'BBBB', { sourceEtag: md5('AAAA') });
    expect(keysOf((await copyIncremental(from, to)).skipped)).toEqual(['x.bin']);

    await to.write('x.bin', 'BBBB');
    expect(keysOf((await copyIncremental(from, to)).copied)).toEqual(['x.bin']);
    expect(await to.readText('x.bin')).toBe('AAAA');
  });
});

describe('given a directory copy whose file was changed afterwards', () => {
  it('when copied again, then the recorded source ETag is not trusted and the file is copied again', async () => {
    const from = await open('s3', 'from');
    const to = (await open('dir', 'to')) as DirStore;
    await from.write('data.txt', 'original');
    await copyIncremental(from, to);
    const file = to.filePath('data.txt');
    await writeFile(file, 'tampered');
    await utimes(file, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));

    expect(keysOf((await copyIncremental(from, to)).copied)).toEqual(['data.txt']);
    expect(await to.readText('data.txt')).toBe('original');
  });
});

describe('given objects copied into a directory from a source whose ETags are their MD5s (single-part uploads)', () => {
  it('when the copy is done, then no sidecar is left beside the files, the hash record holds their MD5s and the next copy skips them', async () => {
    const from = await open('s3', 'from');
    await from.write('a.txt', 'alpha');
    await from.write('nested/b.txt', 'beta');
    const hashRecord = path.join(work.dir, `hashes-${++run}.json`);
    const local = path.join(work.dir, `to-${run}`);
    const first = await Storage.open({ hashRecord });
    expect(keysOf((await copyIncremental(from, await first.store(local))).copied)).toEqual(['a.txt', 'nested/b.txt']);
    await first.close();

    expect((await readdir(local, { recursive: true })).sort()).toEqual(['a.txt', 'nested', 'nested/b.txt']);
    const recorded = new HashRecord(hashRecord);
    const identity = async (file: string) => {
      const stats = await stat(path.join(local, file), { bigint: true });
      return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs };
    };
    expect(await recorded.md5Of(await identity('a.txt'))).toBe(md5('alpha'));
    expect(await recorded.md5Of(await identity('nested/b.txt'))).toBe(md5('beta'));

    const second = await Storage.open({ hashRecord });
    expect(keysOf((await copyIncremental(from, await second.store(local))).skipped)).toEqual(['a.txt', 'nested/b.txt']);
    await second.close();
  });
});

describe('given two locations on the embedded S3 server (s3rver)', () => {
  it('when an object is above the single-copy limit and the server lacks UploadPartCopy, then it is streamed instead', async () => {
    const limited = await Storage.open({ embeddedDir: path.join(work.dir, 's3'), maxSingleCopy: 4 });
    try {
      const from = await limited.store(`s3://copy-bucket/from-${++run}`);
      const to = await limited.store(`s3://copy-bucket/to-${run}`);
      await from.write('small.txt', 'tiny'); // 4 bytes: at the limit, CopyObject
      await from.write('large.txt', 'larger than four');
      const report = await copyIncremental(from, to);
      expect({ server: report.serverSideCopies, streamed: report.streamedCopies }).toEqual({ server: 1, streamed: 1 });
      expect(await to.readText('large.txt')).toBe('larger than four');
      expect(await verifyCopy(from, to)).toMatchObject({ ok: true, checked: 2 });
    } finally {
      await limited.close();
    }
  });
});

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given two locations on MinIO and a single-copy limit of 5 MiB`, () => {
  it('when an 11 MiB object is copied, then MinIO copies it in three UploadPartCopy parts, no byte through ferry, and a small one with CopyObject', async () => {
    const server = minio();
    const limited = await Storage.open({
      endpoint: server.endpoint,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      partSize: 5 * MiB,
      maxSingleCopy: 5 * MiB,
    });
    try {
      const from = await limited.store(`s3://copy-bucket/from-${++run}`);
      const to = (await limited.store(`s3://copy-bucket/to-${run}`)) as S3Store;
      const big = randomBytes(11 * MiB);
      await from.write('big.bin', big);
      await from.write('small.txt', 'small');
      const report = await copyIncremental(from, to);
      expect({ server: report.serverSideCopies, streamed: report.streamedCopies }).toEqual({ server: 2, streamed: 0 });
      // A multipart object's ETag is <md5 of the part MD5s>-<parts>: the copy was assembled from 3 copied parts.
      expect((await to.head('big.bin'))?.etag).toMatch(/^[0-9a-f]{32}-3$/);
      expect((await to.head('small.txt'))?.etag).toBe(md5('small'));
      const copied = await to.context.client.send(new HeadObjectCommand({ Bucket: to.bucket, Key: to.objectKey('big.bin') }));
      expect(copied.Metadata?.[SOURCE_ETAG_METADATA]).toBe((await from.head('big.bin'))?.etag);
      const chunks: Buffer[] = [];
      for await (const chunk of await to.readStream('big.bin')) chunks.push(chunk as Buffer);
      expect(md5(Buffer.concat(chunks))).toBe(md5(big));
      expect(await verifyCopy(from, to)).toEqual({ ok: true, checked: 2, problems: [] });
      expect((await copyIncremental(from, to)).copied).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

for (const kind of ['s3', 'minio'] as const)
  describe.skipIf(noteOf(kind))(`${noteOf(kind)}given two ${kind} locations on the same server`, () => {
    it('when a partition key with spaces and + is copied server-side, then it arrives with its content type and the source ETag as its own', async () => {
      const from = await open(kind, 'from');
      const to = (await open(kind, 'to')) as S3Store;
      await from.write('day=2024-01-01/page 1+2.html', '<p>hi</p>', { contentType: 'text/html' });
      expect((await copyIncremental(from, to)).serverSideCopies).toBe(1);
      const head = await to.context.client.send(new HeadObjectCommand({ Bucket: to.bucket, Key: to.objectKey('day=2024-01-01/page 1+2.html') }));
      expect(head.ContentType).toBe('text/html');
      // An object of one part is copied as it is: the copy's own ETag is the source's, nothing needs recording.
      expect(head.ETag?.replaceAll('"', '')).toBe(md5('<p>hi</p>'));
      expect(await to.readText('day=2024-01-01/page 1+2.html')).toBe('<p>hi</p>');
    });
  });

describe('given objects on the embedded S3 server whose stored bytes no longer match their ETags (bit rot on the server, or bytes changed on the way)', () => {
  it('when copied into a folder or downloaded, then each is refused naming both MD5s, and no file nor temp file is left', async () => {
    const from = await open('s3', 'rotten');
    const to = await open('dir', 'rotten-copy');
    const contents = { 'small.txt': Buffer.from('a small object'), 'big.bin': randomBytes(3 * MiB) };
    for (const [key, content] of Object.entries(contents)) {
      await from.write(key, content);
      // s3rver keeps each object as a plain file beside its metadata: one byte flipped, the ETag stays the put's MD5.
      const stored = path.join(work.dir, 's3', 'copy-bucket', `${from.url.split('/').pop()}/${key}._S3rver_object`);
      const rotten = Buffer.from(content);
      rotten[0] = rotten[0]! ^ 0xff;
      await writeFile(stored, rotten);
    }

    for (const [key, content] of Object.entries(contents)) {
      await expect(copyIncremental(from, to, { keys: [key] })).rejects.toThrow(
        `what arrived has MD5 ${md5(Buffer.from([content[0]! ^ 0xff, ...content.subarray(1)]))}, not the ${md5(content)} its source's ETag names; nothing was written`,
      );
    }
    expect(await to.list()).toEqual([]);
    expect(await readdir((to as DirStore).root).catch(() => [])).toEqual([]);

    // The same objects downloaded (what an engine does with its input) are refused the same way.
    const downloads = path.join(work.dir, `rotten-downloads-${++run}`);
    for (const key of Object.keys(contents)) {
      await expect(from.download(key, path.join(downloads, key))).rejects.toThrow(
        /what arrived has MD5 [0-9a-f]{32}, not the [0-9a-f]{32} its source's ETag names/,
      );
    }
    expect(await readdir(downloads).catch(() => [])).toEqual([]);
  });
});

describe('given a copy that went wrong', () => {
  it('when verified, then a missing object and a size or ETag mismatch are each reported clearly', async () => {
    const from = await open('dir', 'from');
    const to = await open('s3', 'to');
    await from.write('kept.txt', 'same');
    await from.write('gone.txt', 'gone');
    await from.write('short.txt', 'full length');
    await from.write('edited.txt', 'abcd');
    await copyIncremental(from, to);
    await to.delete(['gone.txt']);
    await to.write('short.txt', 'short');
    await to.write('edited.txt', 'abce');

    const report = await verifyCopy(from, to);
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(4);
    expect(report.problems).toHaveLength(3);
    expect(report.problems.find((p) => p.includes('gone.txt'))).toMatch(/gone\.txt: missing/);
    expect(report.problems.find((p) => p.includes('short.txt'))).toMatch(/size 5 bytes differs from the source's 11 bytes/);
    expect(report.problems.find((p) => p.includes('edited.txt'))).toContain(`ETag ${md5('abce')} differs from the source's ${md5('abcd')}`);
    expect(await verifyCopy(from, to, ['kept.txt'])).toEqual({ ok: true, checked: 1, problems: [] });
  });
});
