import { createHash, randomBytes } from 'node:crypto';
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
    expect(seen).toEqual([11]); // gathered into one block
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

  it('when a stream of many MiB arrives in chunks of odd sizes, then the file is exactly its bytes and onChunk sees them all, in order, in blocks', async () => {
    const file = path.join(work.dir, 'blocks', 'big.bin');
    const content = randomBytes(9 * 1024 * 1024 + 12345);
    const chunks: Buffer[] = [];
    for (let at = 0, step = 1; at < content.length; at += step, step = (step * 7 + 4093) % 300_000) chunks.push(content.subarray(at, at + step));
    const hash = createHash('md5');
    const blocks: number[] = [];
    const stats = await writeFileAtomically(file, Readable.from(chunks), {
      onChunk: async (block) => {
        hash.update(block); // before the promise resolves: the block's memory is filled again after it
        blocks.push(block.length);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    expect((await readFile(file)).equals(content)).toBe(true);
    expect(stats.size).toBe(BigInt(content.length));
    expect(hash.digest('hex')).toBe(createHash('md5').update(content).digest('hex'));
    expect(blocks).toEqual([...Array<number>(9).fill(1024 * 1024), 12345]);
  });

  it('when onChunk fails on a block, then the write fails with its error, the old file is untouched and no temp file is left', async () => {
    const file = path.join(work.dir, 'refused', 'c.bin');
    await writeFileAtomically(file, 'intact');
    let blocks = 0;
    const onChunk = async () => {
      if (++blocks === 3) throw new Error('hashing failed');
    };
    await expect(writeFileAtomically(file, Readable.from([randomBytes(8 * 1024 * 1024)]), { onChunk })).rejects.toThrow('hashing failed');
    expect(await readFile(file, 'utf8')).toBe('intact');
    expect(await readdir(path.dirname(file))).toEqual(['c.bin']);
  });
});
