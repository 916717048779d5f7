import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIO, skipNote } from '@ferry/testbed';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { leanCopy, leanGet, leanPut } from './s3-client.ts';
import { S3Store, SOURCE_ETAG_METADATA } from './s3-store.ts';
import { Storage } from './storage.ts';
import { tempDir, useMinio } from './test-support.ts';

const minio = useMinio();
const MINIO_NOTE = skipNote(MINIO);
let work: Awaited<ReturnType<typeof tempDir>>;
const opened = new Map<string, Promise<Storage>>();

beforeAll(async () => {
  work = await tempDir('lean-get');
});
afterAll(async () => {
  for (const storage of opened.values()) await (await storage).close();
  await work.remove();
});

const servers: Record<string, () => Promise<Storage>> = {
  's3rver (the embedded server)': async () => Storage.open({ embeddedDir: path.join(work.dir, 's3') }),
  MinIO: async () => {
    const server = minio();
    await server.createBuckets(['lean-bucket']);
    return Storage.open({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  },
};

for (const [name, start] of Object.entries(servers)) {
  const note = name === 'MinIO' ? MINIO_NOTE : '';
  /** One Storage (and bucket) per server, opened by the first test that asks. */
  const open = () => {
    if (!opened.has(name)) opened.set(name, start());
    return opened.get(name)!;
  };
  describe.skipIf(note)(`${note}given small objects on ${name}`, () => {
    it('when read with a lean GET, then each comes back whole with its ETag and content type, odd characters in its key included', async () => {
      const storage = await open();
      const store = (await storage.store('s3://lean-bucket/in')) as S3Store;
      const keys = ['plain.bin', 'tx_date=2024-01-01/part 0+1.parquet', "quotes'(and)*!.txt", 'unicode/данные.csv', 'tilde~dot.-_x'];
      for (const key of keys) {
        const content = randomBytes(10 * 1024);
        await store.write(key, content, { contentType: 'application/x-ferry-test' });
        const { client, endpoint } = store.context;
        const got = await leanGet(client, endpoint, store.bucket, store.objectKey(key));
        expect(got?.body.equals(content), key).toBe(true);
        expect(got?.etag?.replace(/"/g, '')).toBe(createHash('md5').update(content).digest('hex'));
        expect(got?.contentType).toBe('application/x-ferry-test');
      }
    });

    it('when put with a lean PUT, then the server holds exactly the bytes, with their content type and metadata', async () => {
      const storage = await open();
      const store = (await storage.store('s3://lean-bucket/put')) as S3Store;
      const { client, endpoint } = store.context;
      const content = randomBytes(10 * 1024);
      const key = 'day=2024-01-02/part 1+2.bin';
      const etag = await leanPut(client, endpoint, store.bucket, store.objectKey(key), content, {
        contentType: 'application/x-ferry-test',
        metadata: { [SOURCE_ETAG_METADATA]: 'abc-3' },
      });
      expect(etag?.replace(/"/g, '')).toBe(createHash('md5').update(content).digest('hex'));
      const head = await client.send(new HeadObjectCommand({ Bucket: store.bucket, Key: store.objectKey(key) }));
      expect(head.ContentType).toBe('application/x-ferry-test');
      expect(head.Metadata?.[SOURCE_ETAG_METADATA]).toBe('abc-3');
      const stored = await leanGet(client, endpoint, store.bucket, store.objectKey(key));
      expect(stored?.body.equals(content)).toBe(true);
    });

    it('when copied on the server with a lean CopyObject, then the copy has the source ETag and bytes; a failed condition answers nothing', async () => {
      const storage = await open();
      const store = (await storage.store('s3://lean-bucket/copy')) as S3Store;
      const { client, endpoint } = store.context;
      const content = randomBytes(10 * 1024);
      const etag = createHash('md5').update(content).digest('hex');
      await store.write('tx_date=2024-01-01/part 0+1.bin', content);
      const source = `${store.bucket}/${encodeURI(store.objectKey('tx_date=2024-01-01/part 0+1.bin'))}`; // s3rver decodes it with decodeURI (see encodeCopySource)
      const copy = (ifMatch: string) =>
        leanCopy(client, endpoint, store.bucket, store.objectKey('copied.bin'), {
          'x-amz-copy-source': source,
          'x-amz-copy-source-if-match': ifMatch,
          'x-amz-metadata-directive': 'COPY',
        });
      expect((await copy(`"${etag}"`))?.replace(/"/g, '')).toBe(etag);
      expect((await leanGet(client, endpoint, store.bucket, store.objectKey('copied.bin')))?.body.equals(content)).toBe(true);
      if (name === 'MinIO') expect(await copy('"0123456789abcdef0123456789abcdef"')).toBeUndefined(); // s3rver ignores the condition
    });

    it('when the key does not exist, then the lean GET answers nothing and a copy of it fails as the SDK explains it', async () => {
      const storage = await open();
      const store = (await storage.store('s3://lean-bucket/in')) as S3Store;
      const { client, endpoint } = store.context;
      expect(await leanGet(client, endpoint, store.bucket, store.objectKey('missing.bin'))).toBeUndefined();
      await expect(store.openForCopy({ key: 'missing.bin', size: 10, lastModified: new Date() })).rejects.toThrow(
        /s3:\/\/lean-bucket\/in\/missing\.bin: not found .*GetObject/,
      );
    });
  });
}
