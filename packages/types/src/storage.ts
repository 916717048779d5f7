import type { Readable } from 'node:stream';

/** One object in a store. Keys are relative to the store's root location and use '/'. */
export interface ObjectInfo {
  key: string;
  size: number;
  /** S3 ETag without quotes; for a directory store the hex MD5 of the content (what S3 gives a single-part upload). */
  etag: string;
  lastModified: Date;
}

/**
 * A location — `s3://bucket/prefix` or a local directory — seen as a flat key space.
 * Implemented by @ferry/storage; every other package talks to storage only through this.
 */
export interface Store {
  /** The location as the user wrote it, never with credentials. */
  readonly url: string;
  /** Every object under `prefix` (recursive), sorted by key. */
  list(prefix?: string): Promise<ObjectInfo[]>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Whole object as text, or undefined when it does not exist. */
  readText(key: string): Promise<string | undefined>;
  readStream(key: string): Promise<Readable>;
  /** Downloads one object to a local file (parent dirs created). */
  download(key: string, localPath: string): Promise<ObjectInfo>;
  write(key: string, body: string | Uint8Array | Readable, options?: { contentType?: string }): Promise<ObjectInfo>;
  /**
   * Writes a small object only where none exists at `key` (If-None-Match: *). Atomic where `conditionalWrites()` says
   * so; on other servers a check, then a write.
   */
  create(key: string, body: string, options?: { contentType?: string }): Promise<ConditionalWrite>;
  /** Replaces a small object only while its ETag is `etag` (If-Match); atomic where `create` is. */
  replace(key: string, body: string, etag: string, options?: { contentType?: string }): Promise<ConditionalWrite>;
  /** A small object's text and the ETag of exactly that version (one read), or undefined when it does not exist. */
  readVersion(key: string): Promise<{ text: string; etag: string } | undefined>;
  /**
   * Deletes `key` only while its ETag is `etag`; false when it changed or is gone. Atomic on a directory; on S3 a
   * check, then a DELETE carrying If-Match (honoured by AWS S3, ignored by MinIO and s3rver).
   */
  deleteIfMatch(key: string, etag: string): Promise<boolean>;
  /**
   * 'atomic' when the store enforces create's and replace's conditions itself (a directory; S3 servers that answer a
   * failed condition with 412), 'best-effort' when its server ignores them (s3rver). Found out once per bucket.
   */
  conditionalWrites(): Promise<'atomic' | 'best-effort'>;
  /** Uploads a local file (multipart above the part threshold). */
  upload(localPath: string, key: string, options?: { contentType?: string }): Promise<ObjectInfo>;
  delete(keys: readonly string[]): Promise<void>;
  /** A child store rooted at `root/prefix`. */
  child(prefix: string): Store;
}

/**
 * What a conditional write did: wrote (the new version's ETag), or not, because the condition failed
 * ('precondition-failed': 412, or the key is gone) or another conditional write on the key was in flight ('conflict':
 * S3's 409 OperationAborted / ConditionalRequestConflict, or a directory's key busy).
 */
export type ConditionalWrite = { written: true; etag: string } | { written: false; reason: 'precondition-failed' | 'conflict' };

export interface TransferProgress {
  /** Called as bytes move; `total` is known up front. */
  onBytes?(transferred: number, total: number): void;
}

export interface CopyReport {
  copied: ObjectInfo[];
  skipped: ObjectInfo[];
  bytesCopied: number;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  /** Human-readable problems, one per object: missing, size or ETag mismatch. */
  problems: string[];
}
