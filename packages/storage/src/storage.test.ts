import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIO, skipNote } from '@ferry/testbed';
import { FerryError, type Store } from '@ferry/types';
import { storageConfigFromEnv } from './config.ts';
import { copyIncremental } from './copy.ts';
import { startEmbeddedS3 } from './embedded.ts';
import type { S3Store } from './s3-store.ts';
import { Storage } from './storage.ts';
import { s3Proxy, tempDir, useMinio } from './test-support.ts';

const MINIO_NOTE = skipNote(MINIO);
const minio = useMinio();
let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir('storage');
});
afterAll(async () => {
  await work.remove();
});

describe('given the embedded S3 server', () => {
  it('when nothing is configured and an s3:// location is opened, then the server starts lazily and the bucket is created', async () => {
    const storage = await Storage.open({ embeddedDir: path.join(work.dir, 'lazy') });
    expect(storage.embeddedEndpoint).toBeUndefined();
    expect(storage.describe('s3://ferry-results')).toBe(`s3://ferry-results (embedded S3 server, data in ${path.join(work.dir, 'lazy')})`);
    const store = await storage.store('s3://ferry-results/runs');
    expect(storage.embeddedEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(storage.describe('s3://ferry-results/runs')).toBe(
      `s3://ferry-results/runs (embedded S3 server at ${storage.embeddedEndpoint}, data in ${path.join(work.dir, 'lazy')})`,
    );
    expect(await store.list()).toEqual([]);
    await storage.close();
    await storage.close(); // idempotent
    expect(storage.embeddedEndpoint).toBeUndefined();
  });

  it('when data is written, the server stopped and a new one started on the same dir, then the data is still there', async () => {
    const dir = path.join(work.dir, 'persist');
    const first = await Storage.open({ embeddedDir: dir });
    await (await first.store('s3://persist-bucket/a')).write('kept.txt', 'still here');
    await first.close();

    const second = await Storage.open({ embeddedDir: dir });
    expect(await (await second.store('s3://persist-bucket/a')).readText('kept.txt')).toBe('still here');
    await second.close();
  });

  it('when startEmbeddedS3 is called directly, then it serves on 127.0.0.1 and stop() is idempotent', async () => {
    const server = await startEmbeddedS3({ dir: path.join(work.dir, 'direct') });
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(server.endpoint);
    expect(await answer.text()).toContain('ListAllMyBucketsResult'); // an S3 ListBuckets answer
    await server.stop();
    await server.stop();
    await expect(fetch(server.endpoint)).rejects.toThrow();
  });
});

/** An S3 server for the proxy tests: the embedded s3rver, or MinIO. */
const servers: Array<{ name: string; note: string; open: () => Promise<{ storage: Storage; endpoint: string }> }> = [
  {
    name: 'the embedded S3 server',
    note: '',
    async open() {
      const storage = await Storage.open({
        embeddedDir: path.join(work.dir, 'proxied'),
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        partSize: 5 * 1024 * 1024,
      });
      await storage.store('s3://proxied-bucket'); // starts the server and creates the bucket
      return { storage, endpoint: storage.embeddedEndpoint! };
    },
  },
  {
    name: 'MinIO',
    note: MINIO_NOTE,
    async open() {
      const server = minio();
      await server.createBuckets(['proxied-bucket']);
      const storage = await Storage.open({ accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, partSize: 5 * 1024 * 1024 });
      return { storage, endpoint: server.endpoint };
    },
  },
];

for (const server of servers)
  describe.skipIf(server.note)(`${server.note}given ${server.name} reached through a recording proxy`, () => {
    let storage: Storage;
    let proxy: Awaited<ReturnType<typeof s3Proxy>>;
    beforeAll(async () => {
      const opened = await server.open();
      storage = opened.storage;
      proxy = await s3Proxy(opened.endpoint);
    });
    afterAll(async () => {
      await storage.close();
      await proxy.close();
    });
    it('when keys are deleted, then DeleteObjects carries the Content-MD5 of its body (Yandex requires it) and the keys are gone', async () => {
      const store = await storage.store(`s3://proxied-bucket/del?endpoint=${proxy.endpoint}`);
      await store.write('one.txt', '1');
      await store.write('two.txt', '2');
      await store.write('three.txt', '3');
      await store.delete(['one.txt', 'two.txt']);

      const deletes = proxy.requests.filter((r) => r.method === 'POST' && /[?&]delete(=|&|$)/.test(r.url));
      expect(deletes).toHaveLength(1);
      expect(deletes[0]!.headers['content-md5']).toBe(createHash('md5').update(deletes[0]!.body).digest('base64'));
      expect(deletes[0]!.headers['x-amz-content-sha256']).not.toMatch(/STREAMING/);
      expect((await store.list()).map((o) => o.key)).toEqual(['three.txt']);
    });

    it('when an object above the part size is written, then it goes up as a multipart upload without aws-chunked bodies', async () => {
      const store = await storage.store(`s3://proxied-bucket/multi?endpoint=${proxy.endpoint}`);
      proxy.requests.length = 0;
      const body = randomBytes(11 * 1024 * 1024);
      const info = await store.write('big.bin', body);
      expect(info.size).toBe(body.length);
      expect(proxy.requests.filter((r) => r.method === 'POST' && r.url.includes('uploads'))).toHaveLength(1);
      expect(proxy.requests.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='))).toHaveLength(3);
      expect(proxy.requests.some((r) => r.headers['content-encoding']?.includes('aws-chunked'))).toBe(false);
      expect(proxy.requests.some((r) => Object.keys(r.headers).some((h) => h.startsWith('x-amz-checksum-')))).toBe(false);
    });

    it('when partition keys are copied server-side on an S3 endpoint given by URL, then the copy source is encoded so it is found', async () => {
      const from = await storage.store(`s3://proxied-bucket/from?endpoint=${proxy.endpoint}`);
      const to = await storage.store(`s3://proxied-bucket/to?endpoint=${proxy.endpoint}`);
      await from.write('day=2024-01-01/part 0.parquet', 'pq');
      proxy.requests.length = 0;
      const report = await copyIncremental(from, to);
      expect(report.serverSideCopies).toBe(1);
      expect(proxy.requests.find((r) => r.headers['x-amz-copy-source'])?.headers['x-amz-copy-source']).toBe(
        'proxied-bucket/from/day=2024-01-01/part%200.parquet',
      );
      expect(await to.readText('day=2024-01-01/part 0.parquet')).toBe('pq');
    });
  });

describe('given credentials in the configuration', () => {
  const secret = 'wJalrXUtnFEMI-very-secret-key';
  const keyId = 'AKIDFERRYTESTKEY';

  it('when the server rejects them, then the error names the object, the problem and the operation but not the credentials', async () => {
    const embedded = await startEmbeddedS3({ dir: path.join(work.dir, 'denied') });
    const storage = await Storage.open({ embeddedDir: path.join(work.dir, 'unused'), accessKeyId: keyId, secretAccessKey: secret });
    try {
      const store = await storage.store(`s3://some-bucket/data?endpoint=${embedded.endpoint}`);
      const error = await store.readStream('2024-01-01.txt').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FerryError);
      expect((error as Error).message).toMatch(
        /^s3:\/\/some-bucket\/data\/2024-01-01\.txt\?endpoint=\S+: access denied \(403 InvalidAccessKeyId\) on GetObject$/,
      );
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).not.toContain(keyId);
      expect(storage.describe(`s3://some-bucket/data?endpoint=${embedded.endpoint}`)).toBe(
        `s3://some-bucket/data (S3 at ${embedded.endpoint}, region ru-central1)`,
      );
      expect(storage.describe('s3://some-bucket?endpoint=yandex')).toBe(
        's3://some-bucket (S3 at https://storage.yandexcloud.net, region ru-central1)',
      );
      expect(storage.describe('s3://some-bucket?endpoint=yandex')).not.toContain(keyId);
    } finally {
      await storage.close();
      await embedded.stop();
    }
    // The embedded server was never needed, so never started.
    await expect(readdir(path.join(work.dir, 'unused'))).rejects.toThrow();
  });

  it('when the endpoint cannot be reached, then the error says so', async () => {
    const storage = await Storage.open({ accessKeyId: keyId, secretAccessKey: secret });
    try {
      const store = await storage.store('s3://some-bucket?endpoint=http://127.0.0.1:9');
      await expect(store.head('x')).rejects.toThrow(
        /^s3:\/\/some-bucket\/x\?endpoint=http:\/\/127\.0\.0\.1:9: cannot reach the S3 endpoint http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\) on HeadObject$/,
      );
    } finally {
      await storage.close();
    }
  });

  it('when a real endpoint has no credentials, then opening it says which variables to set', async () => {
    const storage = await Storage.open({ endpoint: 'yandex' });
    await expect(storage.store('s3://ferry-source/files')).rejects.toThrow(
      /No S3 credentials for s3:\/\/ferry-source\/files at https:\/\/storage\.yandexcloud\.net: set AWS_ACCESS_KEY_ID/,
    );
    await storage.close();
  });
});

/**
 * The region in the SigV4 credential scope (`Credential=<key id>/<date>/<region>/s3/aws4_request`) of a request the
 * store's client signs: caught after signing, just before it would be sent, so nothing leaves this machine.
 */
async function signingRegionOf(store: Store): Promise<string | undefined> {
  const { client } = (store as S3Store).context;
  let authorization: string | undefined;
  const name = 'ferryTestCaptureSignedRequest';
  client.middlewareStack.add(
    () => async (args) => {
      authorization = (args.request as { headers: Record<string, string> }).headers.authorization;
      throw new Error('captured, not sent');
    },
    { step: 'deserialize', name, priority: 'low' },
  );
  try {
    await store.head('probe.txt').catch(() => undefined);
  } finally {
    client.middlewareStack.remove(name);
  }
  return /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\/aws4_request/.exec(authorization ?? '')?.[1];
}

describe('given AWS_REGION=us-east-1 in the environment (set for AWS tools on the same machine)', () => {
  const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDFERRYTESTKEY', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-very-secret-key' };

  it.each([
    ['the yandex endpoint', { ...env, FERRY_S3_ENDPOINT: 'yandex' }, 's3://ferry-results', 'ru-central1'],
    ['the yandex endpoint of one location', env, 's3://otus-mlops-source-data?endpoint=yandex', 'ru-central1'],
    ['the yandex endpoint and a location with ?region=', { ...env, FERRY_S3_ENDPOINT: 'yandex' }, 's3://ferry-results?region=kz1', 'kz1'],
    ['an endpoint URL', { ...env, FERRY_S3_ENDPOINT: 'http://127.0.0.1:9' }, 's3://ferry-results', 'us-east-1'],
  ])('when a location on %s is opened, then its requests are signed for the region it is described in', async (_, environment, url, region) => {
    const storage = await Storage.open(storageConfigFromEnv(environment));
    try {
      const store = await storage.store(url);
      expect(await signingRegionOf(store)).toBe(region);
      expect(storage.describe(url)).toMatch(new RegExp(`, region ${region}\\)$`));
    } finally {
      await storage.close();
    }
  });
});

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given MinIO at an endpoint URL with its credentials`, () => {
  it('when a store is opened, then it is described by its endpoint, and wrong credentials are refused without showing them', async () => {
    const server = minio();
    await server.createBuckets(['described-bucket']);
    const storage = await Storage.open({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
    const wrong = await Storage.open({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: 'not-the-secret-key' });
    try {
      const store = await storage.store('s3://described-bucket/data');
      await store.write('kept.txt', 'kept');
      expect(storage.describe('s3://described-bucket/data')).toBe(`s3://described-bucket/data (S3 at ${server.endpoint}, region ru-central1)`);
      expect(storage.embeddedEndpoint).toBeUndefined();
      const error = await (await wrong.store('s3://described-bucket/data')).readStream('kept.txt').catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(
        /^s3:\/\/described-bucket\/data\/kept\.txt: access denied \(403 SignatureDoesNotMatch\) on GetObject$/,
      );
      expect((error as Error).message).not.toContain(server.accessKeyId);
      await expect((await storage.store('s3://no-such-bucket')).list()).rejects.toThrow(
        /^s3:\/\/no-such-bucket: bucket does not exist \(404 NoSuchBucket\) on ListObjectsV2$/,
      );
    } finally {
      await storage.close();
      await wrong.close();
    }
  });
});

describe('given a directory location', () => {
  it('when opened, then the directory is created and described as local', async () => {
    const storage = await Storage.open();
    const dir = path.join(work.dir, 'made', 'here');
    const store = await storage.store(dir);
    expect(await readdir(dir)).toEqual([]);
    expect(store.url).toBe(dir);
    expect(storage.describe(dir)).toBe(`${dir} (local directory)`);
    expect(storage.embeddedEndpoint).toBeUndefined();
    await storage.close();
  });
});

describe('given the single-copy limit in the storage settings', () => {
  it('when it is not a whole number of bytes from 1 to 5 GiB, then opening storage says so', async () => {
    await expect(Storage.open({ maxSingleCopy: 0 })).rejects.toThrow(/^The single-copy limit must be an integer from 1 byte to 5 GiB, got 0\.$/);
    await expect(Storage.open({ maxSingleCopy: 6 * 1024 ** 3 })).rejects.toThrow(/single-copy limit/);
    await expect(Storage.open({ maxSingleCopy: 1.5 })).rejects.toThrow(/single-copy limit/);
    await (await Storage.open({ maxSingleCopy: 5 * 1024 * 1024 })).close();
  });
});
