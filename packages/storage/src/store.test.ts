import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { S3Store } from './s3-store.ts';
import { Storage } from './storage.ts';
import { tempDir } from './test-support.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

let storage: Storage;
let work: Awaited<ReturnType<typeof tempDir>>;
let run = 0;

beforeAll(async () => {
  work = await tempDir('store');
  storage = await Storage.open({ embeddedDir: path.join(work.dir, 's3') });
});
afterAll(async () => {
  await storage.close();
  await work.remove();
});

const kinds: Array<[string, () => Promise<Store>]> = [
  ['a local directory', () => storage.store(path.join(work.dir, 'dirs', `root-${++run}`))],
  ['a prefix in the embedded S3 server', () => storage.store(`s3://contract-bucket/root-${++run}`)],
];

describe.each(kinds)('given a store on %s', (_kind, open) => {
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
    expect(await store.create('locks/a.json', 'first')).toBe(true);
    expect(await store.create('locks/a.json', 'second')).toBe(false);
    expect(await store.readText('locks/a.json')).toBe('first');
    expect((await store.list('locks/')).map((object) => object.key)).toEqual(['locks/a.json']);
  });
});

describe('given a directory store', () => {
  // Atomic here (link() refuses an existing name); on S3 it is as atomic as the server's If-None-Match (s3rver ignores it).
  it('when many creates of one key race, then exactly one wins', async () => {
    const store = await storage.store(path.join(work.dir, 'dirs', 'race'));
    const won = await Promise.all(Array.from({ length: 8 }, (_, i) => store.create('race.json', String(i))));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await store.readText('race.json')).toBe(String(won.indexOf(true)));
  });

  it('when files are written, then no temp files are left behind and bookkeeping files are not listed', async () => {
    const store = await storage.store(path.join(work.dir, 'dirs', 'bookkeeping'));
    await store.write('f.txt', 'content');
    await writeFile(path.join(work.dir, 'dirs', 'bookkeeping', '.f.txt.ferry-etag.json'), '{}');
    expect(await readdir(path.join(work.dir, 'dirs', 'bookkeeping'))).not.toContainEqual(expect.stringContaining('ferry-tmp'));
    expect((await store.list()).map((o) => o.key)).toEqual(['f.txt']);
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
