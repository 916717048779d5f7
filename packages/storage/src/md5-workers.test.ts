import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5OfStream } from './md5-workers.ts';

describe('given bytes streaming by in chunks of odd sizes', () => {
  it('when hashed in a worker, then several streams at once each get the MD5 of their own bytes, across many blocks', async () => {
    const streams = Array.from({ length: 3 }, (_, index) => randomBytes(6 * 1024 * 1024 + 12345 * index));
    const digests = await Promise.all(
      streams.map(async (content) => {
        const hash = md5OfStream();
        for (let at = 0, step = 1; at < content.length; at += step, step = (step * 7 + 4093) % 300_000) {
          await hash.update(content.subarray(at, at + step));
        }
        return hash.digest();
      }),
    );
    expect(digests).toEqual(streams.map((content) => createHash('md5').update(content).digest('hex')));
  });

  it('when the chunks are in shared memory that is filled again once each is hashed, then the MD5 is still that of the bytes', async () => {
    const content = randomBytes(5 * 1024 * 1024 + 777);
    const memory = Buffer.from(new SharedArrayBuffer(256 * 1024));
    const hash = md5OfStream();
    for (let at = 0; at < content.length; at += memory.length) {
      const n = content.copy(memory, 0, at, at + memory.length);
      await hash.update(memory.subarray(0, n));
    }
    expect(await hash.digest()).toBe(createHash('md5').update(content).digest('hex'));
  });

  it('when nothing passes, then the MD5 is that of no bytes', async () => {
    expect(await md5OfStream().digest()).toBe(createHash('md5').digest('hex'));
  });
});
