import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storage } from '@ferry/storage';
import type { Store } from '@ferry/types';
import { generateSample, writeSample } from './index.ts';
import type { SampleOptions } from './index.ts';

describe('given an empty directory store', () => {
  const options: SampleOptions = { periods: 2, daysPerPeriod: 3, rowsPerDay: 400, seed: 9, defects: { malformed: 0.01, duplicate: 0.01 } };
  let directory: string;
  let storage: Storage;
  let store: Store;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ferry-sample-test-'));
    storage = await Storage.open();
    store = await storage.store(directory);
  });
  afterAll(async () => {
    await storage.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('when the sample is written, then each period is a YYYY-MM-DD.txt object holding the generated text, and the truth is returned', async () => {
    const truths = await writeSample(store, options);
    expect(truths.map((truth) => truth.name)).toEqual(['2019-08-22.txt', '2019-08-25.txt']);
    expect((await readdir(directory)).sort()).toEqual(['2019-08-22.txt', '2019-08-25.txt']);
    const generated = [...generateSample(options)].map((period) => ({
      text: Buffer.concat([...period.chunks()]).toString('latin1'),
      truth: period.truth(),
    }));
    for (const [k, { text, truth }] of generated.entries()) {
      expect(await readFile(join(directory, truth.name), 'utf8')).toBe(text);
      expect(truths[k]).toEqual(truth);
    }
  });

  it('when it is run again with one more period, then the first two objects are left untouched and the third is added', async () => {
    const before = await Promise.all(['2019-08-22.txt', '2019-08-25.txt'].map((name) => stat(join(directory, name))));
    const truths = await writeSample(store, { ...options, periods: 3 });
    expect(truths.map((truth) => truth.name)).toEqual(['2019-08-22.txt', '2019-08-25.txt', '2019-08-28.txt']);
    const after = await Promise.all(['2019-08-22.txt', '2019-08-25.txt'].map((name) => stat(join(directory, name))));
    expect(after.map((file) => file.mtimeMs)).toEqual(before.map((file) => file.mtimeMs));
    expect(after.map((file) => file.ino)).toEqual(before.map((file) => file.ino));
    expect((await stat(join(directory, '2019-08-28.txt'))).size).toBeGreaterThan(0);
  });

  it('when an object was altered, then writing again restores its content', async () => {
    const path = join(directory, '2019-08-25.txt');
    const original = await readFile(path, 'utf8');
    const lastDigit = original.at(-2) === '0' ? '1' : '0';
    await writeFile(path, `${original.slice(0, -2)}${lastDigit}\n`); // same size, other MD5
    await writeSample(store, options);
    expect(await readFile(path, 'utf8')).toBe(original);
  });
});

describe('given an S3 store (embedded server)', () => {
  const options: SampleOptions = { periods: 1, daysPerPeriod: 2, rowsPerDay: 2000, seed: 4 };
  let directory: string;
  let storage: Storage;
  let store: Store;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ferry-sample-s3-'));
    storage = await Storage.open({ embeddedDir: directory });
    store = await storage.store('s3://ferry-sample-test');
  });
  afterAll(async () => {
    await storage.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('when the sample is written twice with one more period, then the first object is not uploaded again', async () => {
    await writeSample(store, options);
    const first = await store.head('2019-08-22.txt');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Last-Modified has a 1 s resolution
    await writeSample(store, { ...options, periods: 2 });
    expect(await store.head('2019-08-22.txt')).toEqual(first);
    expect((await store.list()).map((object) => object.key)).toEqual(['2019-08-22.txt', '2019-08-24.txt']);
    const [period] = generateSample(options);
    expect(await store.readText('2019-08-22.txt')).toBe(Buffer.concat([...period!.chunks()]).toString('latin1'));
  });
});

describe('given a store that reports multipart ETags, as S3 does for objects uploaded in parts', () => {
  // About 1.8 MB in 1 MiB parts (small parts keep the test small): the ETag is the MD5 of the part MD5s, then "-2".
  const options: SampleOptions = { periods: 1, daysPerPeriod: 2, rowsPerDay: 15_000, seed: 4 };
  const partSize = 1024 * 1024;
  let directory: string;
  let storage: Storage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ferry-sample-multipart-'));
    storage = await Storage.open();
  });
  afterAll(async () => {
    await storage.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function multipartStore(corruptEtag: boolean): Promise<{ store: Store; uploads: string[] }> {
    const inner = await storage.store(directory);
    const uploads: string[] = [];
    const store: Store = Object.assign(Object.create(inner) as Store, {
      async head(key: string) {
        const info = await inner.head(key);
        if (!info) return info;
        const content = await readFile(join(directory, key));
        const parts = [];
        for (let at = 0; at < content.length; at += partSize)
          parts.push(
            createHash('md5')
              .update(content.subarray(at, at + partSize))
              .digest(),
          );
        const etag = `${createHash('md5').update(Buffer.concat(parts)).digest('hex')}-${parts.length}`;
        return { ...info, etag: corruptEtag ? etag.replace(/^./, (c) => (c === '0' ? '1' : '0')) : etag };
      },
      async upload(localPath: string, key: string) {
        uploads.push(key);
        return inner.upload(localPath, key);
      },
    });
    return { store, uploads };
  }

  it('when the content is the same, then the object is not uploaded again; when the ETag differs, it is', async () => {
    const first = await multipartStore(false);
    await writeSample(first.store, options);
    expect(first.uploads).toEqual(['2019-08-22.txt']);
    expect((await first.store.head('2019-08-22.txt'))?.etag).toMatch(/-2$/);
    await writeSample(first.store, options);
    expect(first.uploads).toEqual(['2019-08-22.txt']);
    const changed = await multipartStore(true);
    await writeSample(changed.store, options);
    expect(changed.uploads).toEqual(['2019-08-22.txt']);
  });
});
