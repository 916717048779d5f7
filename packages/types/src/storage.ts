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
   * Writes a small object only when none exists at `key`; false when one does. Atomic on a directory and on S3
   * servers that honour If-None-Match; on others a check, then a write.
   */
  create(key: string, body: string, options?: { contentType?: string }): Promise<boolean>;
  /** Uploads a local file (multipart above the part threshold). */
  upload(localPath: string, key: string, options?: { contentType?: string }): Promise<ObjectInfo>;
  delete(keys: readonly string[]): Promise<void>;
  /** A child store rooted at `root/prefix`. */
  child(prefix: string): Store;
}

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
