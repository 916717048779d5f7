import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomic-file.ts';
import { tempDir } from './test-support.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir('atomic');
});
afterAll(() => work.remove());

describe('given a file written atomically', () => {
  it('when it replaces an existing file in a new directory, then the new content is there whole and no temp file is left', async () => {
    const file = path.join(work.dir, 'replace', 'deep', 'a.txt');
    await writeFileAtomically(file, 'old');
    const seen: number[] = [];
    const stats = await writeFileAtomically(file, Readable.from([Buffer.from('new '), Buffer.from('content')]), {
      onChunk: (chunk) => void seen.push(chunk.length),
    });
    expect(await readFile(file, 'utf8')).toBe('new content');
    expect(stats.size).toBe(11n);
    expect(seen).toEqual([4, 7]);
    expect(await readdir(path.dirname(file))).toEqual(['a.txt']);
  });

  it('when it is created where the name exists, then it fails with EEXIST, the old file stays and no temp file is left', async () => {
    const file = path.join(work.dir, 'create', 'lock.json');
    await writeFileAtomically(file, 'first', { place: 'create' });
    const error = await writeFileAtomically(file, 'second', { place: 'create' }).catch((caught: unknown) => caught);
    expect((error as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await readdir(path.dirname(file))).toEqual(['lock.json']);
  });

  it('when the body fails half-way, then the error comes through, the old file is untouched and no temp file is left', async () => {
    const file = path.join(work.dir, 'broken', 'b.txt');
    await writeFileAtomically(file, 'intact');
    const broken = Readable.from(
      (async function* () {
        yield Buffer.from('half');
        throw new Error('connection reset');
      })(),
    );
    await expect(writeFileAtomically(file, broken)).rejects.toThrow('connection reset');
    expect(await readFile(file, 'utf8')).toBe('intact');
    expect(await readdir(path.dirname(file))).toEqual(['b.txt']);
  });
});
