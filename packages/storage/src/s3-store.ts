import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCopyCommand,
  type GetObjectCommandOutput,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import pLimit from 'p-limit';
import type { ConditionalWrite, ObjectInfo } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { writeFileAtomically } from './atomic-file.ts';
import { hashedWrite } from './md5-workers.ts';
import { MAX_SINGLE_COPY } from './config.ts';
import { codeOf, isNotFound, leanCopy, leanGet, leanPut, s3Error, statusOf, type S3Endpoint } from './s3-client.ts';
import { retryTransient } from './transient.ts';
import {
  BaseStore,
  byKey,
  checkKey,
  checkPrefix,
  joinUrl,
  md5Named,
  readForSending,
  SMALL_OBJECT,
  type CopySource,
  type Encryption,
  type Entry,
  type Received,
} from './store-base.ts';

/*
 * S3 copies made by ferry carry user metadata `ferry-source-etag` = the source's ETag, because the destination's own
 * ETag may legitimately differ (a multipart upload has `<md5-of-md5s>-<n>`, a server-side copy of a multipart object a
 * plain MD5). An object matches its source when sizes are equal and either its ETag or, failing that, its recorded
 * source ETag (read with HeadObject only then) equals the source's ETag. Rewriting an object replaces its metadata,
 * so the record cannot go stale.
 */
export const SOURCE_ETAG_METADATA = 'ferry-source-etag';
/** Streams of a known size up to this go up as one PutObject (rclone's upload cutoff is 200 MiB). */
const SINGLE_PUT_MAX = 256 * 1024 ** 2;
/** UploadPartCopy parts of this size keep the count low (S3 allows 10,000), unless the single-copy limit is lower. */
const COPY_PART_SIZE = 256 * 1024 ** 2;

/*
 * Conditional writes. A server that enforces If-None-Match / If-Match on PutObject answers a failed condition with 412
 * (MinIO, AWS S3, Yandex Object Storage since 2025); one that ignores them (s3rver) just writes. Which kind a bucket's
 * server is gets found out once per client and bucket, by trying both conditions on a scratch key that cannot exist
 * (`.ferry-probe/<random>` under the store that asks first, deleted right after): where a second create or a replace
 * of a made-up ETag is written, conditions are ignored, and create/replace fall back to a check, then a write.
 */
const conditionProbes = new WeakMap<S3Client, Map<string, Promise<'atomic' | 'best-effort'>>>();
const PRECONDITION_FAILED: ConditionalWrite = { written: false, reason: 'precondition-failed' };

export interface S3StoreContext {
  client: S3Client;
  endpoint: S3Endpoint;
  bucket: string;
  partSize: number;
  /** ListObjectsV2 page size; S3 caps it at 1000 (lower only to exercise pagination in tests). */
  pageSize?: number;
  /** The embedded s3rver, whose quirks need a different path now and then. */
  embedded?: boolean;
  /** Objects above this many bytes are copied server-side with UploadPartCopy (lower only in tests). */
  maxSingleCopy?: number;
}

export class S3Store extends BaseStore {
  constructor(
    readonly context: S3StoreContext,
    /** Root prefix inside the bucket, without surrounding slashes ('' = the whole bucket). */
    readonly prefix: string,
    readonly url: string,
  ) {
    super();
  }

  get bucket(): string {
    return this.context.bucket;
  }

  objectKey(key: string): string {
    checkKey(key, this.url);
    return this.prefix === '' ? key : `${this.prefix}/${key}`;
  }

  /** Whether a server-side copy between the two stores is possible: both S3, same endpoint, same credentials. */
  private sharesServerWith(other: BaseStore): other is S3Store {
    if (!(other instanceof S3Store)) return false;
    const a = this.context.endpoint;
    const b = other.context.endpoint;
    return a.url === b.url && a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey;
  }

  private fail(error: unknown, key: string, operation: string): FerryError {
    return s3Error(error, key === '' ? this.url : this.where(key), operation, this.context.endpoint.url);
  }

  async listEntries(prefix = ''): Promise<Entry[]> {
    const rootPrefix = this.prefix === '' ? '' : `${this.prefix}/`;
    const entries: Entry[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.context.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: rootPrefix + prefix,
            ContinuationToken: continuationToken,
            MaxKeys: this.context.pageSize,
          }),
        )
        .catch((error: unknown) => {
          throw this.fail(error, prefix, 'ListObjectsV2');
        });
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(rootPrefix.length);
        // Keys ending in '/' are folder markers made by consoles, not objects a directory could hold.
        if (!key || key.endsWith('/')) continue;
        entries.push({ key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0), etag: unquote(object.ETag) });
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return entries.sort(byKey);
  }

  async list(prefix = ''): Promise<ObjectInfo[]> {
    return (await this.listEntries(prefix)).map((entry) => ({ ...entry, etag: entry.etag ?? '' }));
  }

  private async headObject(key: string) {
    try {
      return await this.context.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.fail(error, key, 'HeadObject');
    }
  }

  async headEntry(key: string): Promise<Entry | undefined> {
    const head = await this.headObject(key);
    return head && { key, size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0), etag: unquote(head.ETag) };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const entry = await this.headEntry(key);
    return entry && { ...entry, etag: entry.etag ?? '' };
  }

  async etagOf(entry: Entry): Promise<string> {
    if (entry.etag !== undefined) return entry.etag;
    const head = await this.headEntry(entry.key);
    if (!head) throw new FerryError(`${this.where(entry.key)}: not found`);
    return head.etag ?? '';
  }

  private async sourceEtagOf(entry: Entry): Promise<string | undefined> {
    return (await this.headObject(entry.key))?.Metadata?.[SOURCE_ETAG_METADATA];
  }

  /** The object's own ETag is known from the listing; the recorded source ETag takes a HeadObject, so only then. */
  async holdsCopyOf(there: Entry, sourceEtag: string): Promise<boolean> {
    if ((await this.etagOf(there)) === sourceEtag) return true;
    return (await this.sourceEtagOf(there)) === sourceEtag;
  }

  /**
   * From a store on the same server with the same credentials, the server copies the object (see copyOnServer) unless
   * it cannot; otherwise the object streams through this process as a multipart upload.
   */
  async receive(from: BaseStore, entry: Entry, key: string, onBytes: (n: number) => void): Promise<Received> {
    if (this.sharesServerWith(from)) {
      const etag = await from.etagOf(entry);
      if (await this.copyOnServer(from, entry, key, etag)) {
        onBytes(entry.size);
        return { etag, how: 'server-side' };
      }
    }
    // A stream cannot be sent twice: a dropped upload or a source cut mid-way is retried from a fresh open.
    return retryTransient(async () => {
      const opened = await from.openWithEtag(entry);
      await this.put(key, opened.body, { sourceEtag: opened.etag, contentType: opened.contentType, onBytes, size: opened.size });
      return { etag: opened.etag, how: 'streamed' };
    });
  }

  private async getObject(key: string): Promise<GetObjectCommandOutput> {
    try {
      return await this.context.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      throw this.fail(error, key, 'GetObject');
    }
  }

  /**
   * A small object is read whole, so its destination writes (or sends) it in one go, without a stream; lean (see
   * leanGet) unless that fails.
   */
  async openForCopy(entry: Entry): Promise<CopySource> {
    if (entry.size <= SMALL_OBJECT) {
      const lean = await leanGet(this.context.client, this.context.endpoint, this.bucket, this.objectKey(entry.key));
      if (lean) {
        const etag = unquote(lean.etag);
        return { body: lean.body, size: lean.body.length, etag, md5: md5Named(etag, lean), contentType: lean.contentType };
      }
    }
    const object = await this.getObject(entry.key);
    const body = entry.size <= SMALL_OBJECT ? asBuffer(await object.Body!.transformToByteArray()) : (object.Body as Readable);
    const etag = unquote(object.ETag);
    return {
      body,
      size: object.ContentLength ?? entry.size,
      etag,
      md5: md5Named(etag, encryptionOf(object)),
      contentType: object.ContentType,
    };
  }

  async openWithEtag(entry: Entry): Promise<CopySource & { etag: string }> {
    const opened = await this.openForCopy(entry);
    return { ...opened, etag: opened.etag ?? (await this.etagOf(entry)) };
  }

  async readText(key: string): Promise<string | undefined> {
    return (await this.readVersion(key))?.text;
  }

  async readStream(key: string): Promise<Readable> {
    return (await this.getObject(key)).Body as Readable;
  }

  async download(key: string, localPath: string): Promise<ObjectInfo> {
    const file = path.resolve(localPath);
    // A body cut mid-way is only seen while it is read, after the SDK's retries: the whole download is retried.
    const object = await retryTransient(async () => {
      const got = await this.getObject(key);
      // Checked as rclone checks a download, where the ETag names an MD5; hashed only then.
      const expected = md5Named(unquote(got.ETag), encryptionOf(got));
      const check = expected === undefined ? undefined : hashedWrite(got.Body as Readable, this.where(key), expected);
      await writeFileAtomically(file, got.Body as Readable, check?.options).catch((error: unknown) => {
        check?.abandon();
        throw error instanceof FerryError
          ? error
          : new FerryError(`${this.where(key)}: download to ${file} failed (${codeOf(error) ?? 'error'})`, { cause: error });
      });
      return got;
    });
    return { key, size: object.ContentLength ?? 0, etag: unquote(object.ETag) ?? '', lastModified: object.LastModified ?? new Date() };
  }

  async write(key: string, body: string | Uint8Array | Readable, options: { contentType?: string } = {}): Promise<ObjectInfo> {
    await this.put(key, body, { contentType: options.contentType });
    return this.headOrFail(key);
  }

  async create(key: string, body: string, options: { contentType?: string } = {}): Promise<ConditionalWrite> {
    if ((await this.conditionalWrites()) === 'best-effort' && (await this.headObject(key))) return PRECONDITION_FAILED;
    return this.conditionalPut(key, body, { IfNoneMatch: '*' }, options.contentType, 'create');
  }

  async replace(key: string, body: string, etag: string, options: { contentType?: string } = {}): Promise<ConditionalWrite> {
    if ((await this.conditionalWrites()) === 'best-effort' && unquote((await this.headObject(key))?.ETag) !== etag) return PRECONDITION_FAILED;
    return this.conditionalPut(key, body, { IfMatch: `"${etag}"` }, options.contentType, 'replace');
  }

  async readVersion(key: string): Promise<{ text: string; etag: string } | undefined> {
    try {
      // A body cut mid-way is only seen while it is read, after the SDK's retries: the read is retried whole.
      return await retryTransient(async () => {
        const object = await this.context.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
        return { text: await object.Body!.transformToString('utf8'), etag: unquote(object.ETag) ?? '' };
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.fail(error, key, 'GetObject');
    }
  }

  async deleteIfMatch(key: string, etag: string): Promise<boolean> {
    if (unquote((await this.headObject(key))?.ETag) !== etag) return false;
    try {
      await this.context.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), IfMatch: `"${etag}"` }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw this.fail(error, key, 'DeleteObject');
    }
  }

  conditionalWrites(): Promise<'atomic' | 'best-effort'> {
    let byBucket = conditionProbes.get(this.context.client);
    if (!byBucket) conditionProbes.set(this.context.client, (byBucket = new Map()));
    let probe = byBucket.get(this.bucket);
    if (!probe) {
      probe = this.probeConditionalWrites();
      probe.catch(() => byBucket.delete(this.bucket));
      byBucket.set(this.bucket, probe);
    }
    return probe;
  }

  private async probeConditionalWrites(): Promise<'atomic' | 'best-effort'> {
    const key = `.ferry-probe/${randomBytes(8).toString('hex')}`;
    const put = (condition: Pick<PutObjectCommandInput, 'IfMatch' | 'IfNoneMatch'>) =>
      this.context.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: 'probe', ...condition })).then(
        () => 'written',
        (error: unknown) => {
          if (conditionFailed(error)) return 'refused';
          throw this.fail(error, key, 'PutObject (is If-None-Match honoured?)');
        },
      );
    try {
      await put({ IfNoneMatch: '*' });
      const again = await put({ IfNoneMatch: '*' });
      const unknownEtag = await put({ IfMatch: '"ferry-probe-no-such-etag"' });
      return again === 'refused' && unknownEtag === 'refused' ? 'atomic' : 'best-effort';
    } finally {
      await this.context.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })).catch(() => undefined);
    }
  }

  private async conditionalPut(
    key: string,
    body: string,
    condition: Pick<PutObjectCommandInput, 'IfMatch' | 'IfNoneMatch'>,
    contentType: string | undefined,
    operation: string,
  ): Promise<ConditionalWrite> {
    try {
      const put = await this.context.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentType: contentType, ...condition }),
      );
      return { written: true, etag: unquote(put.ETag) ?? createHash('md5').update(body).digest('hex') };
    } catch (error) {
      if (statusOf(error) === 409) return { written: false, reason: 'conflict' };
      if (conditionFailed(error)) return PRECONDITION_FAILED;
      throw this.fail(error, key, operation);
    }
  }

  async upload(localPath: string, key: string, options: { contentType?: string } = {}): Promise<ObjectInfo> {
    const { size } = await stat(localPath).catch((error: unknown) => {
      throw new FerryError(`Cannot upload ${localPath}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, { cause: error });
    });
    // A stream cannot be sent twice: a dropped upload is retried from a fresh read of the file.
    await retryTransient(() => this.put(key, readForSending(localPath), { contentType: options.contentType, size }));
    return this.headOrFail(key);
  }

  /**
   * Streams a body in, recording the source ETag when given: a stream of known size up to SINGLE_PUT_MAX goes up as
   * one PutObject, read straight from its source (no part buffers, one request, and nothing for the server to put
   * together), and so do bytes in memory up to the part size (lean up to SMALL_OBJECT, see leanPut); anything else
   * as a multipart upload of that part size.
   */
  async put(
    key: string,
    body: string | Uint8Array | Readable,
    options: { contentType?: string; sourceEtag?: string; onBytes?: (n: number) => void; size?: number },
  ): Promise<void> {
    const metadata = options.sourceEtag ? { [SOURCE_ETAG_METADATA]: options.sourceEtag } : undefined;
    const size = body instanceof Uint8Array ? body.length : options.size;
    const singlePut = typeof body !== 'string' && size !== undefined && size <= (body instanceof Uint8Array ? this.context.partSize : SINGLE_PUT_MAX);
    if (singlePut) {
      const { client, endpoint } = this.context;
      const small = body instanceof Uint8Array && size <= SMALL_OBJECT;
      if (small && (await leanPut(client, endpoint, this.bucket, this.objectKey(key), body, { contentType: options.contentType, metadata }))) {
        options.onBytes?.(size);
        return;
      }
      try {
        await this.context.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: this.objectKey(key),
            Body: body,
            ContentLength: size,
            ContentType: options.contentType,
            Metadata: metadata,
          }),
        );
      } catch (error) {
        throw this.fail(error, key, 'PutObject');
      }
      options.onBytes?.(size);
      return;
    }
    const upload = new Upload({
      client: this.context.client,
      partSize: this.context.partSize,
      params: {
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: options.contentType,
        Metadata: metadata,
      },
    });
    let loaded = 0;
    upload.on('httpUploadProgress', (progress) => {
      const now = progress.loaded ?? loaded;
      if (now > loaded) options.onBytes?.(now - loaded);
      loaded = now;
    });
    try {
      await upload.done();
    } catch (error) {
      throw this.fail(error, key, 'upload');
    }
  }

  private async headOrFail(key: string): Promise<ObjectInfo> {
    const info = await this.head(key);
    if (!info) throw new FerryError(`${this.where(key)}: not found right after writing it`);
    return info;
  }

  /**
   * Server-side copy from another store on the same server, recording the source ETag: CopyObject, or UploadPartCopy
   * above the single-copy limit. Returns false when the server cannot do it (s3rver answers UploadPartCopy with 501),
   * so the object is streamed instead.
   */
  private async copyOnServer(source: S3Store, entry: Entry, targetKey: string, sourceEtag: string): Promise<boolean> {
    if (await this.copyAsIs(source, entry, targetKey, sourceEtag)) return true;
    const head = await source.headObject(entry.key);
    if (!head) throw new FerryError(`${source.where(entry.key)}: not found`);
    const copySource = encodeCopySource(source.bucket, source.objectKey(entry.key), this.context.embedded === true);
    const target = { Bucket: this.bucket, Key: this.objectKey(targetKey) };
    const metadata = { Metadata: { [SOURCE_ETAG_METADATA]: sourceEtag }, ContentType: head.ContentType };
    const size = head.ContentLength ?? entry.size;
    if (size <= (this.context.maxSingleCopy ?? MAX_SINGLE_COPY)) {
      try {
        await this.context.client.send(
          new CopyObjectCommand({ ...target, ...metadata, CopySource: copySource, CopySourceIfMatch: head.ETag, MetadataDirective: 'REPLACE' }),
        );
        return true;
      } catch (error) {
        throw this.fail(error, targetKey, 'CopyObject');
      }
    }
    const created = await this.context.client.send(new CreateMultipartUploadCommand({ ...target, ...metadata })).catch((error: unknown) => {
      throw this.fail(error, targetKey, 'CreateMultipartUpload');
    });
    const uploadId = created.UploadId!;
    const partSize = Math.max(
      Math.min(COPY_PART_SIZE, this.context.maxSingleCopy ?? MAX_SINGLE_COPY),
      this.context.partSize,
      Math.ceil(size / 10_000),
    );
    const limit = pLimit(4);
    try {
      const parts = await Promise.all(
        Array.from({ length: Math.ceil(size / partSize) }, (_, index) =>
          limit(async () => {
            const start = index * partSize;
            const end = Math.min(size, start + partSize) - 1;
            const part = await this.context.client.send(
              new UploadPartCopyCommand({
                ...target,
                UploadId: uploadId,
                PartNumber: index + 1,
                CopySource: copySource,
                CopySourceIfMatch: head.ETag,
                CopySourceRange: `bytes=${start}-${end}`,
              }),
            );
            return { PartNumber: index + 1, ETag: part.CopyPartResult?.ETag };
          }),
        ),
      );
      await this.context.client.send(new CompleteMultipartUploadCommand({ ...target, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return true;
    } catch (error) {
      await this.context.client.send(new AbortMultipartUploadCommand({ ...target, UploadId: uploadId })).catch(() => undefined);
      if (statusOf(error) === 501 || codeOf(error) === 'NotImplemented') return false;
      throw this.fail(error, targetKey, 'UploadPartCopy');
    }
  }

  /**
   * The cheap server-side copy: one CopyObject that keeps the source's metadata, for an object of one part (its ETag
   * an MD5), whose copy then has the same ETag and so needs no recorded source ETag, nor a HeadObject first (s3rver
   * also keeps its MD5 instead of reading the copy again). False where it does not apply or the copy's ETag differs
   * (encryption with a KMS key): then the object is copied again with the source ETag recorded.
   */
  private async copyAsIs(source: S3Store, entry: Entry, targetKey: string, sourceEtag: string): Promise<boolean> {
    if (sourceEtag.includes('-') || entry.size > (this.context.maxSingleCopy ?? MAX_SINGLE_COPY)) return false;
    const copySource = encodeCopySource(source.bucket, source.objectKey(entry.key), this.context.embedded === true);
    const lean = await leanCopy(this.context.client, this.context.endpoint, this.bucket, this.objectKey(targetKey), {
      'x-amz-copy-source': copySource,
      'x-amz-copy-source-if-match': `"${sourceEtag}"`,
      'x-amz-metadata-directive': 'COPY',
    });
    if (lean !== undefined) return unquote(lean) === sourceEtag;
    try {
      const copied = await this.context.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(targetKey),
          CopySource: copySource,
          CopySourceIfMatch: `"${sourceEtag}"`,
          MetadataDirective: 'COPY',
        }),
      );
      return unquote(copied.CopyObjectResult?.ETag) === sourceEtag;
    } catch (error) {
      throw this.fail(error, targetKey, 'CopyObject');
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    // DeleteObjects takes at most 1000 keys; Content-MD5 is added by the client middleware (Yandex requires it).
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const result = await this.context.client
        .send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((key) => ({ Key: this.objectKey(key) })), Quiet: true },
          }),
        )
        .catch((error: unknown) => {
          throw this.fail(error, batch.length === 1 ? batch[0]! : '', 'DeleteObjects');
        });
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0]!;
        throw new FerryError(
          `${this.url}: ${failed.length} object(s) could not be deleted, e.g. ${first.Key ?? '?'}: ${first.Code ?? 'error'} on DeleteObjects`,
        );
      }
    }
  }

  child(prefix: string): S3Store {
    const sub = checkPrefix(prefix, this.url);
    if (sub === '') return this;
    return new S3Store(this.context, this.prefix === '' ? sub : `${this.prefix}/${sub}`, joinUrl(this.url, sub));
  }
}

/**
 * x-amz-copy-source must be URL-encoded; S3 reads a literal '+' as a space. s3rver decodes it with decodeURI only,
 * which leaves escapes like %2B or %3D alone, so for it the key is encoded with encodeURI, its exact inverse. Elsewhere
 * the characters S3 accepts literally and decodeURI would not decode stay literal, so partition keys like
 * `day=2024-01-01/` also copy on an s3rver reached by URL.
 */
function encodeCopySource(bucket: string, key: string, embedded: boolean): string {
  const encoded = embedded ? encodeURI(key) : encodeURIComponent(key).replace(/%(2F|3D|3A|40|2C|3B)/g, (escape) => decodeURIComponent(escape));
  return `${bucket}/${encoded}`;
}

/** A condition that was not met: 412; 409, another conditional write on the key; 404, MinIO's answer to If-Match on a key that is gone. */
function conditionFailed(error: unknown): boolean {
  return statusOf(error) === 412 || codeOf(error) === 'PreconditionFailed' || statusOf(error) === 409 || isNotFound(error);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/"/g, '');
}

const encryptionOf = (object: GetObjectCommandOutput): Encryption => ({
  serverSideEncryption: object.ServerSideEncryption,
  customerKeyAlgorithm: object.SSECustomerAlgorithm,
});
