import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIO, skipNote } from '@ferry/testbed';
import type { Store } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { S3Store } from './s3-store.ts';
import { localPathOf, md5Named } from './store-base.ts';
import { Storage } from './storage.ts';
import { tempDir, useMinio, versionsOf } from './test-support.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const MINIO_NOTE = skipNote(MINIO);

const minio = useMinio();
let storage: Storage;
/** Points at MinIO, a real S3 server that enforces conditional writes; opened only when MinIO is installed. */
let real: Storage;
let work: Awaited<ReturnType<typeof tempDir>>;
let run = 0;

beforeAll(async () => {
  work = await tempDir('store');
  storage = await Storage.open({ embeddedDir: path.join(work.dir, 's3') });
  if (!MINIO_NOTE) {
    const server = minio();
    await server.createBuckets(['contract-bucket']);
    await server.createBuckets(['versioned-bucket'], { versioned: true });
    real = await Storage.open({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  }
});
afterAll(async () => {
  await storage.close();
  await real?.close();
  await work.remove();
});

interface Kind {
  name: string;
  /** Why the kind's tests are skipped here, or ''. */
  note: string;
  open: () => Promise<Store>;
  /** Whether the store itself enforces conditional writes (s3rver ignores them). */
  atomic: boolean;
}

const kinds: Kind[] = [
  { name: 'a local directory', note: '', atomic: true, open: () => storage.store(path.join(work.dir, 'dirs', `root-${++run}`)) },
  { name: 'a prefix in the embedded S3 server', note: '', atomic: false, open: () => storage.store(`s3://contract-bucket/root-${++run}`) },
  { name: 'a prefix in MinIO', note: MINIO_NOTE, atomic: true, open: () => real.store(`s3://contract-bucket/root-${++run}`) },
  { name: 'a prefix in a versioned MinIO bucket', note: MINIO_NOTE, atomic: true, open: () => real.store(`s3://versioned-bucket/root-${++run}`) },
];

for (const { name, note, open, atomic } of kinds)
  describe.skipIf(note)(`${note}given a store on ${name}`, () => {
    it('when text is written, then it reads back with its size and content-MD5 ETag', async () => {
      const store = await open();
      const written = await store.write('notes/hello.txt', 'hello, ferry', { contentType: 'text/plain' });
      expect(written).toMatchObject({ key: 'notes/hello.txt', size: 12, etag: md5('hello, ferry') });
      expect(await store.readText('notes/hello.txt')).toBe('hello, ferry');
      expect(await store.head('notes/hello.txt')).toMatchObject({ key: 'notes/hello.txt', size: 12, etag: md5('hello, ferry') });
    });

    it('when a key does not exist, then readText and head say undefined and readStream fails clearly', async () => {
      const store = await open();
      expect(await store.readText('missing.txt')).toBeUndefined();
      expect(await store.head('missing.txt')).toBeUndefined();
      await expect(store.readStream('missing.txt')).rejects.toThrow(FerryError);
      await expect(store.readStream('missing.txt')).rejects.toThrow(/missing\.txt: not found/);
    });

    it('when bytes and a stream are written, then readStream and download give the same bytes back', async () => {
      const store = await open();
      await store.write('bin/bytes.bin', new Uint8Array([0, 1, 2, 255]));
      await store.write('bin/stream.txt', Readable.from(['line 1\n', 'line 2\n']));
      const chunks: Buffer[] = [];
      for await (const chunk of await store.readStream('bin/bytes.bin')) chunks.push(chunk as Buffer);
      expect([...Buffer.concat(chunks)]).toEqual([0, 1, 2, 255]);

      const local = path.join(work.dir, 'downloads', `${run}`, 'deep', 'stream.txt');
      const info = await store.download('bin/stream.txt', local);
      expect(await readFile(local, 'utf8')).toBe('line 1\nline 2\n');
      expect(info).toMatchObject({ key: 'bin/stream.txt', size: 14, etag: md5('line 1\nline 2\n') });
    });

    it('when a local file is uploaded, then it is listed under its key', async () => {
      const store = await open();
      const local = path.join(work.dir, `upload-${run}.txt`);
      await writeFile(local, 'uploaded');
      expect(await store.upload(local, 'up/file.txt')).toMatchObject({ key: 'up/file.txt', size: 8, etag: md5('uploaded') });
      expect((await store.list()).map((o) => o.key)).toEqual(['up/file.txt']);
    });

    it('when nested keys are written out of order, then list is recursive, sorted and filtered by prefix', async () => {
      const store = await open();
      for (const key of ['b/2.txt', 'a/z/9.txt', 'a/1.txt', 'c.txt', 'ab.txt']) await store.write(key, key);
      expect((await store.list()).map((o) => o.key)).toEqual(['a/1.txt', 'a/z/9.txt', 'ab.txt', 'b/2.txt', 'c.txt']);
      expect((await store.list('a/')).map((o) => o.key)).toEqual(['a/1.txt', 'a/z/9.txt']);
      expect((await store.list('a')).map((o) => o.key)).toEqual(['a/1.txt', 'a/z/9.txt', 'ab.txt']);
      expect((await store.list('a/z/9')).map((o) => o.key)).toEqual(['a/z/9.txt']);
      expect(await store.list('nothing/')).toEqual([]);
      expect((await store.list())[0]).toMatchObject({ size: 7, etag: md5('a/1.txt') });
    });

    it('when keys are deleted, then they are gone and deleting a missing key is fine', async () => {
      const store = await open();
      await store.write('x/1', 'one');
      await store.write('x/2', 'two');
      await store.write('y', 'why');
      await store.delete(['x/1', 'y', 'never-existed']);
      expect((await store.list()).map((o) => o.key)).toEqual(['x/2']);
    });

    it('when a child store is taken, then its keys are relative to the deeper root and it shares the data', async () => {
      const store = await open();
      const child = store.child('part/day=2024-01-01/');
      await child.write('data.parquet', 'pq');
      expect(child.url).toBe(`${store.url}/part/day=2024-01-01`);
      expect((await store.list()).map((o) => o.key)).toEqual(['part/day=2024-01-01/data.parquet']);
      expect((await child.list()).map((o) => o.key)).toEqual(['data.parquet']);
      expect(await store.child('part').child('day=2024-01-01').readText('data.parquet')).toBe('pq');
    });

    it('when a key tries to escape the root, then it is refused', async () => {
      const store = await open();
      await expect(store.write('../outside.txt', 'x')).rejects.toThrow(/Invalid key/);
      expect(() => store.child('a/../../b')).toThrow(/Invalid key/);
    });

    it('when an object is overwritten, then the new content and ETag are reported', async () => {
      const store = await open();
      await store.write('same.txt', 'first');
      await store.write('same.txt', 'second');
      expect(await store.readText('same.txt')).toBe('second');
      expect(await store.head('same.txt')).toMatchObject({ size: 6, etag: md5('second') });
    });

    it('when an object is created, then it is written once and a second create of the key leaves it alone', async () => {
      const store = await open();
      expect(await store.create('mutex/a.json', 'first')).toEqual({ written: true, etag: md5('first') });
      expect(await store.create('mutex/a.json', 'second')).toEqual({ written: false, reason: 'precondition-failed' });
      expect(await store.readText('mutex/a.json')).toBe('first');
      expect((await store.list('mutex/')).map((object) => object.key)).toEqual(['mutex/a.json']);
    });

    it('when an object is replaced on its ETag, then only a replace of the current version is written', async () => {
      const store = await open();
      const created = await store.create('mutex/b.json', 'v1');
      expect(await store.readVersion('mutex/b.json')).toEqual({ text: 'v1', etag: md5('v1') });
      expect(await store.replace('mutex/b.json', 'v2', md5('v1'))).toEqual({ written: true, etag: md5('v2') });
      expect(created.written && (await store.replace('mutex/b.json', 'v3', created.etag))).toEqual({ written: false, reason: 'precondition-failed' });
      expect(await store.readText('mutex/b.json')).toBe('v2');
      expect(await store.replace('mutex/missing.json', 'v1', md5('v1'))).toEqual({ written: false, reason: 'precondition-failed' });
      expect(await store.head('mutex/missing.json')).toBeUndefined();
    });

    it('when an object is deleted on its ETag, then a stale ETag leaves it and the current one removes it', async () => {
      const store = await open();
      await store.write('mutex/c.json', 'mine');
      expect(await store.deleteIfMatch('mutex/c.json', md5('theirs'))).toBe(false);
      expect(await store.readText('mutex/c.json')).toBe('mine');
      expect(await store.deleteIfMatch('mutex/c.json', md5('mine'))).toBe(true);
      expect(await store.readVersion('mutex/c.json')).toBeUndefined();
      expect(await store.deleteIfMatch('mutex/c.json', md5('mine'))).toBe(false);
      expect(await store.create('mutex/c.json', 'next')).toMatchObject({ written: true });
    });

    it(`when asked how its conditional writes hold, then it says ${atomic ? 'atomic' : 'best-effort'}`, async () => {
      const store = await open();
      expect(await store.conditionalWrites()).toBe(atomic ? 'atomic' : 'best-effort');
      expect(await store.list()).toEqual([]); // the probe cleans up after itself
    });
  });

const enforcing = kinds.filter((kind) => kind.atomic);
for (const { name, note, open } of enforcing)
  describe.skipIf(note)(`${note}given ${name}, which enforces conditional writes`, () => {
    it('when many creates of one key race, then exactly one wins', async () => {
      const store = await open();
      const won = await Promise.all(Array.from({ length: 8 }, (_, i) => store.create('race.json', String(i))));
      expect(won.filter((outcome) => outcome.written)).toHaveLength(1);
      expect(await store.readText('race.json')).toBe(String(won.findIndex((outcome) => outcome.written)));
    });

    it('when many replaces of one version race, then exactly one wins and the others are refused or told of the conflict', async () => {
      const store = await open();
      await store.write('cas.json', 'base');
      const tried = await Promise.all(Array.from({ length: 8 }, (_, i) => store.replace('cas.json', `next ${i}`, md5('base'))));
      const winners = tried.flatMap((outcome, i) => (outcome.written ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of tried) if (!outcome.written) expect(['precondition-failed', 'conflict']).toContain(outcome.reason);
      expect(await store.readText('cas.json')).toBe(`next ${winners[0]}`);
    });
  });

describe('given a directory store', () => {
  it('when files are written, then no temp files are left behind and bookkeeping files are not listed', async () => {
    const store = await storage.store(path.join(work.dir, 'dirs', 'bookkeeping'));
    await store.write('f.txt', 'content');
    await writeFile(path.join(work.dir, 'dirs', 'bookkeeping', '.f.txt.ferry-etag.json'), '{}');
    expect(await readdir(path.join(work.dir, 'dirs', 'bookkeeping'))).not.toContainEqual(expect.stringContaining('ferry-tmp'));
    expect((await store.list()).map((o) => o.key)).toEqual(['f.txt']);
  });

  it('when a conditional replace finds the key busy (a mutex of another process), then it says conflict and writes nothing', async () => {
    const store = await storage.store(path.join(work.dir, 'dirs', 'busy'));
    await store.write('lock.json', 'held');
    await mkdir(path.join(work.dir, 'dirs', 'busy', '.lock.json.ferry-cas')); // fresh: not stale for 10 s
    expect(await store.replace('lock.json', 'mine', md5('held'))).toEqual({ written: false, reason: 'conflict' });
    expect(await store.readText('lock.json')).toBe('held');
    expect((await store.list()).map((o) => o.key)).toEqual(['lock.json']);
  });
});

describe('given a directory store and a bucket store', () => {
  it('when a local tool asks where a key is, then the directory names its file (and a prefix its folder), whose content a write there becomes, and the bucket has none', async () => {
    const root = path.join(work.dir, 'dirs', 'in-place');
    const store = (await storage.store(root)).child('staging');
    expect(localPathOf(store, 'run/')).toBe(path.join(root, 'staging', 'run'));
    const file = localPathOf(store, 'run/data/part-0.parquet')!;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'written in place');
    expect(await store.list('run/')).toEqual([expect.objectContaining({ key: 'run/data/part-0.parquet', etag: md5('written in place') })]);
    expect(() => localPathOf(store, '../escape')).toThrow(FerryError);
    expect(localPathOf(await storage.store('s3://contract-bucket/in-place'), 'run/')).toBeUndefined();
  });
});

describe('given more than one page of S3 keys', () => {
  it('when listed, then every page is followed and the keys come back sorted', async () => {
    const opened = (await storage.store('s3://contract-bucket/paged')) as S3Store;
    const paged = new S3Store({ ...opened.context, pageSize: 3 }, opened.prefix, opened.url);
    const keys = Array.from({ length: 10 }, (_, i) => `k/${String(9 - i).padStart(2, '0')}`);
    await Promise.all(keys.map((key) => paged.write(key, key)));
    expect((await paged.list()).map((o) => o.key)).toEqual([...keys].sort());
  });
});

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given more than 1,000 keys in MinIO`, () => {
  it("when listed with the server's own page size, then every page is followed and all keys come back sorted", async () => {
    const store = await real.store('s3://contract-bucket/thousand');
    const keys = Array.from({ length: 1_005 }, (_, i) => `k/${String(i).padStart(4, '0')}`);
    const limit = pLimit(16);
    await Promise.all([...keys].reverse().map((key) => limit(() => store.write(key, key))));
    const listed = await store.list();
    expect(listed).toHaveLength(1_005);
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed[1_004]).toMatchObject({ key: 'k/1004', size: 6, etag: md5('k/1004') });
  });
});

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given a versioned MinIO bucket`, () => {
  it('when a key is deleted, then its current version is a delete marker, it reads as absent, and create writes it again', async () => {
    const store = await real.store('s3://versioned-bucket/markers');
    await store.write('mutex/x.json', 'one');
    await store.write('mutex/x.json', 'two');
    await store.delete(['mutex/x.json']);
    expect(await versionsOf(minio(), 'versioned-bucket', 'markers/mutex/x.json')).toEqual([
      { kind: 'delete marker', latest: true },
      { kind: 'object', latest: false },
      { kind: 'object', latest: false },
    ]);

    expect(await store.head('mutex/x.json')).toBeUndefined();
    expect(await store.list('mutex/')).toEqual([]);
    expect(await store.readVersion('mutex/x.json')).toBeUndefined();
    expect(await store.replace('mutex/x.json', 'three', md5('two'))).toEqual({ written: false, reason: 'precondition-failed' });
    expect(await store.create('mutex/x.json', 'three')).toEqual({ written: true, etag: md5('three') });
    expect(await store.create('mutex/x.json', 'four')).toEqual({ written: false, reason: 'precondition-failed' });
    expect(await store.readText('mutex/x.json')).toBe('three');
  });
});

describe('given the ETags S3 gives objects of each kind (its API reference, "Common Response Headers")', () => {
  const digest = md5('content');
  it('when asked which name an MD5 to check a download against, then only an object put whole, unencrypted or with S3-managed keys, does', () => {
    expect(md5Named(digest, {})).toBe(digest);
    expect(md5Named(digest, { serverSideEncryption: 'AES256' })).toBe(digest);
    expect(md5Named(`${digest}-3`, {})).toBeUndefined();
    expect(md5Named(digest, { serverSideEncryption: 'aws:kms' })).toBeUndefined();
    expect(md5Named(digest, { serverSideEncryption: 'aws:kms:dsse' })).toBeUndefined();
    expect(md5Named(digest, { customerKeyAlgorithm: 'AES256' })).toBeUndefined();
    expect(md5Named(undefined, {})).toBeUndefined();
  });
});
