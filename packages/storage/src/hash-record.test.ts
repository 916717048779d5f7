import { createHash } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyIncremental } from './copy.ts';
import { Storage } from './storage.ts';
import { tempDir } from './test-support.ts';

const md5 = (data: string) => createHash('md5').update(data).digest('hex');
const MADE_UP = 'f'.repeat(32);

let work: Awaited<ReturnType<typeof tempDir>>;
let record: string;
let file = 0;

beforeAll(async () => {
  work = await tempDir('hash-record');
  record = path.join(work.dir, 'hashes.json');
});
afterAll(() => work.remove());

/** A fresh file in a fresh folder (no hash of it is cached in this process yet), its store and its identity's key. */
async function freshFile(content: string, options: { checksum?: boolean } = {}) {
  const dir = path.join(work.dir, `files-${++file}`);
  const storage = await Storage.open({ hashRecord: record, ...options });
  const store = await storage.store(dir);
  await writeFile(path.join(dir, 'a.txt'), content);
  const stats = await stat(path.join(dir, 'a.txt'), { bigint: true });
  return { storage, store, dir, stats, key: `${stats.dev}:${stats.ino}` };
}

/** Writes a hash into the record for a file's identity, as a run that hashed it before would have. */
async function recordHash(stats: { size: bigint; mtimeNs: bigint }, key: string, hash: string): Promise<void> {
  const recorded = JSON.parse(await readFile(record, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  recorded[key] = { size: String(stats.size), mtimeNs: String(stats.mtimeNs), md5: hash };
  await writeFile(record, JSON.stringify(recorded));
}

describe('given a local file hashed by an earlier run', () => {
  it('when its size, mtime and inode are unchanged, then the recorded hash is used without reading the file', async () => {
    const { storage, store, stats, key } = await freshFile('hello');
    await recordHash(stats, key, MADE_UP);
    expect((await store.head('a.txt'))?.etag).toBe(MADE_UP);
    await storage.close();
  });

  it('when it is hashed for the first time, then its hash is recorded for the next run', async () => {
    const { storage, store, key } = await freshFile('recorded once');
    expect((await store.head('a.txt'))?.etag).toBe(md5('recorded once'));
    await storage.close(); // the record is written soon after, and at the latest when storage closes
    const recorded = JSON.parse(await readFile(record, 'utf8')) as Record<string, { md5: string }>;
    expect(recorded[key]?.md5).toBe(md5('recorded once'));
  });

  it('when it was rewritten with the same size and its mtime set back to the millisecond, then it is hashed again', async () => {
    const { storage, store, dir, stats, key } = await freshFile('before');
    await recordHash(stats, key, MADE_UP);
    const before = await stat(path.join(dir, 'a.txt'));
    await writeFile(path.join(dir, 'a.txt'), 'after!');
    await utimes(path.join(dir, 'a.txt'), before.atime, new Date(Math.floor(before.mtimeMs) + 0.5));
    expect((await store.head('a.txt'))?.etag).toBe(md5('after!'));
    await storage.close();
  });

  it('when the storage is opened with checksum, then the file is hashed whatever the record says', async () => {
    const { storage, store, stats, key } = await freshFile('checked', { checksum: true });
    await recordHash(stats, key, MADE_UP);
    expect((await store.head('a.txt'))?.etag).toBe(md5('checked'));
    await storage.close();
  });
});

describe('given a file copied from one directory to another', () => {
  it('when the copy is made, then it is a link of the same content (no bytes moved) and the next copy skips it', async () => {
    const { storage, store, dir } = await freshFile('linked content');
    const target = await storage.store(path.join(work.dir, `target-${file}`));
    const first = await copyIncremental(store, target);
    expect(first).toMatchObject({ linkedCopies: 1, streamedCopies: 0, bytesCopied: 'linked content'.length });
    const [source, copy] = await Promise.all([stat(path.join(dir, 'a.txt')), stat(path.join(work.dir, `target-${file}`, 'a.txt'))]);
    // A hard link shares the inode; a reflink (where the file system has them) is a file of its own.
    expect(copy.ino === source.ino || copy.nlink === 1).toBe(true);
    expect(await readFile(path.join(work.dir, `target-${file}`, 'a.txt'), 'utf8')).toBe('linked content');
    expect((await target.head('a.txt'))?.etag).toBe(md5('linked content'));
    expect(await copyIncremental(store, target)).toMatchObject({ copied: [], skipped: [{ key: 'a.txt' }] });
    await storage.close();
  });
});
