import { describe, expect, it } from 'vitest';
import { FerryError } from '@ferry/types';
import { isTransient, retryTransient } from './transient.ts';

const sdkError = (status: number, code: string) => Object.assign(new Error(code), { name: code, $metadata: { httpStatusCode: status } });
const dropped = (code: string, message = 'read ECONNRESET') => Object.assign(new Error(message), { code });

describe('given the failures object storage shows', () => {
  it('when they are classified, then dropped connections, cut bodies, 5xx and throttling are transient, through a FerryError too; the rest is not', () => {
    for (const error of [
      sdkError(503, 'SlowDown'),
      sdkError(500, 'InternalError'),
      sdkError(429, 'TooManyRequests'),
      dropped('ECONNRESET'),
      dropped('ERR_STREAM_PREMATURE_CLOSE', 'Premature close'),
      new Error('aborted'),
      new FerryError('s3://b/k: failed (503 SlowDown) on GetObject', { cause: sdkError(503, 'SlowDown') }),
    ]) {
      expect(isTransient(error), error.message).toBe(true);
    }
    for (const error of [
      sdkError(403, 'AccessDenied'),
      sdkError(404, 'NoSuchKey'),
      sdkError(412, 'PreconditionFailed'),
      new FerryError('bad input'),
    ]) {
      expect(isTransient(error), error.message).toBe(false);
    }
  });

  it('when an attempt fails transiently, then it is made again, at most 4 times in all; a lasting failure is thrown at once', async () => {
    let calls = 0;
    expect(await retryTransient(async () => (++calls < 3 ? Promise.reject(dropped('ECONNRESET')) : 'read'))).toBe('read');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryTransient(async () => Promise.reject(Object.assign(dropped('ECONNRESET'), { n: ++calls })))).rejects.toMatchObject({ n: 4 });
    calls = 0;
    await expect(retryTransient(async () => Promise.reject(Object.assign(sdkError(403, 'AccessDenied'), { n: ++calls })))).rejects.toMatchObject({
      n: 1,
    });
  });
});
