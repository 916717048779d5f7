import type { Readable } from 'node:stream';
import type { ConditionalWrite, ObjectInfo, Store } from '@ferry/types';
import { FerryError } from '@ferry/types';

/** An object as listed, before its ETag is known: a directory learns it only by hashing the content. */
export interface Entry {
  key: string;
  size: number;
  lastModified: Date;
  /** Known from the listing for S3; computed on demand for directories. */
  etag?: string;
}

/** A source body being copied, with what the destination should record about it. */
export interface CopySource {
  body: Readable;
  size: number;
  /** The source ETag when known before reading (S3); a directory source is hashed while it streams. */
  etag?: string;
  contentType?: string;
}

/** What copyIncremental and verifyCopy need beyond the public Store contract. */
export abstract class BaseStore implements Store {
  abstract readonly url: string;
  abstract list(prefix?: string): Promise<ObjectInfo[]>;
  abstract head(key: string): Promise<ObjectInfo | undefined>;
  abstract readText(key: string): Promise<string | undefined>;
  abstract readStream(key: string): Promise<Readable>;
  abstract download(key: string, localPath: string): Promise<ObjectInfo>;
  abstract write(key: string, body: string | Uint8Array | Readable, options?: { contentType?: string }): Promise<ObjectInfo>;
  abstract create(key: string, body: string, options?: { contentType?: string }): Promise<ConditionalWrite>;
  abstract replace(key: string, body: string, etag: string, options?: { contentType?: string }): Promise<ConditionalWrite>;
  abstract readVersion(key: string): Promise<{ text: string; etag: string } | undefined>;
  abstract deleteIfMatch(key: string, etag: string): Promise<boolean>;
  abstract conditionalWrites(): Promise<'atomic' | 'best-effort'>;
  abstract upload(localPath: string, key: string, options?: { contentType?: string }): Promise<ObjectInfo>;
  abstract delete(keys: readonly string[]): Promise<void>;
  abstract child(prefix: string): BaseStore;

  abstract listEntries(prefix?: string): Promise<Entry[]>;
  abstract headEntry(key: string): Promise<Entry | undefined>;
  abstract etagOf(entry: Entry): Promise<string>;
  /** The ETag of the object this one was copied from, as recorded by a copy; undefined when none or stale. */
  abstract sourceEtagOf(entry: Entry): Promise<string | undefined>;
  /** Opens a key for copying elsewhere. */
  abstract openForCopy(entry: Entry): Promise<CopySource>;

  /** `<url>/<key>` for messages. */
  where(key: string): string {
    return joinUrl(this.url, key);
  }
}

/** Appends a '/'-separated path to a location URL, keeping any `?query` at the end. */
export function joinUrl(url: string, suffix: string): string {
  if (suffix === '') return url;
  const queryAt = url.indexOf('?');
  const base = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  return `${base.replace(/\/+$/, '')}/${suffix}${query}`;
}

/** Keys are '/'-separated and relative; no empty, '.' or '..' segments (they would escape a directory store). */
export function checkKey(key: string, where: string): string {
  if (key === '' || key.startsWith('/') || key.split('/').some((s) => s === '' || s === '.' || s === '..') || key.includes('\\')) {
    throw new FerryError(`Invalid key "${key}" in ${where}: keys are relative '/'-separated paths without empty, "." or ".." segments.`);
  }
  return key;
}

/** A child prefix may have surrounding slashes; inside, the same rules as a key. */
export function checkPrefix(prefix: string, where: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : checkKey(trimmed, where);
}

export function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
