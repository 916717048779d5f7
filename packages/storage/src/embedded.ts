import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';

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
 * x-amz-meta-* metadata, but not UploadPartCopy (501 NotImplemented) and gives multipart objects a plain MD5 ETag.
 */
export async function startEmbeddedS3(options: { dir: string; port?: number }): Promise<EmbeddedS3> {
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
