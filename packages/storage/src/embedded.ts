import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface EmbeddedS3 {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/** s3rver's fixed credentials: it only checks signatures, so these are not secrets. */
const S3RVER_KEY = 'S3RVER';

/**
 * Starts s3rver on 127.0.0.1 (port 0 = any free port) keeping data in `dir`; data persists across restarts.
 * s3rver 3.7.1 supports Put/Get/Head/Delete, DeleteObjects, ListObjectsV2, CopyObject, multipart upload and
 * x-amz-meta-* metadata, but not UploadPartCopy (501 NotImplemented; copyIncremental then streams), gives
 * multipart objects a plain MD5 ETag, and ignores If-None-Match / If-Match (conditional writes are best-effort there).
 */
export async function startEmbeddedS3(options: { dir: string; port?: number }): Promise<EmbeddedS3> {
  // Loaded here, not with the module: s3rver takes 150–230 ms to load, which only a run on the embedded server needs.
  const { default: S3rver } = await import('s3rver');
  fixListObjectsV2Pagination();
  await mkdir(options.dir, { recursive: true });
  const server = new S3rver({ silent: true, directory: options.dir, address: '127.0.0.1', port: options.port ?? 0 });
  const address = await server.run();
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    stop: () => (stopped ??= server.close()),
  };
}

interface ListContext {
  query: Record<string, string | undefined>;
  body: unknown;
}
interface ListBucketResult {
  Marker?: string;
  NextMarker?: string;
  IsTruncated?: boolean;
  Contents?: Array<{ Key: string; Owner?: unknown }> | { Key: string; Owner?: unknown };
  [field: string]: unknown;
}

let listFixed = false;

/**
 * s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node ≥ 17) no longer offers, so
 * any listing past one page fails with 500 InternalError. Its routes call `bucketController.getBucket` through the
 * module's exports after authentication, so V2 listings are answered here by its V1 (marker) listing, with the last
 * key, base64url-encoded, as the continuation token.
 */
function fixListObjectsV2Pagination(): void {
  if (listFixed) return;
  listFixed = true;
  const bucketController = createRequire(import.meta.url)('s3rver/lib/controllers/bucket.js') as {
    getBucket: (ctx: ListContext) => Promise<void>;
  };
  const listV1 = bucketController.getBucket;
  bucketController.getBucket = async (ctx) => {
    const { 'list-type': listType, 'continuation-token': token, 'start-after': startAfter, 'fetch-owner': fetchOwner, ...rest } = ctx.query;
    if (listType !== '2') return listV1(ctx);
    const marker = token ? Buffer.from(token, 'base64url').toString('utf8') : startAfter;
    ctx.query = { ...rest, ...(marker ? { marker } : {}) };
    await listV1(ctx);
    const result = (ctx.body as { ListBucketResult?: ListBucketResult } | undefined)?.ListBucketResult;
    if (!result) return;
    const { Marker: _marker, NextMarker: nextMarker, Contents: contents, ...common } = result;
    const objects = contents === undefined ? [] : Array.isArray(contents) ? contents : [contents];
    const lastKey = nextMarker ?? objects.at(-1)?.Key;
    ctx.body = {
      ListBucketResult: {
        ...common,
        StartAfter: token ? undefined : startAfter,
        ContinuationToken: token,
        NextContinuationToken: result.IsTruncated && lastKey ? Buffer.from(lastKey, 'utf8').toString('base64url') : undefined,
        KeyCount: objects.length,
        Contents: objects.map(({ Owner, ...object }) => (fetchOwner === 'true' ? { ...object, Owner } : object)),
      },
    };
  };
}
