import pLimit from 'p-limit';
import type { CopyReport, ObjectInfo, Store, TransferProgress, VerifyReport } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { BaseStore, byKey, checkKey, SMALL_OBJECT, type Entry } from './store-base.ts';

export interface CopyOptions {
  keys?: readonly string[];
  /** The key in `to` for a key of `from` (default: the same key); lets a copy rename, e.g. into an owned file name. */
  mapKey?: (key: string) => string;
  /** Objects in flight at once; default 4, and SMALL_OBJECTS_IN_FLIGHT for objects of SMALL_OBJECT bytes or less. */
  concurrency?: number;
  progress?: TransferProgress;
}

/** CopyReport plus how the copies were made (what a benchmark wants to print). */
export interface CopyResult extends CopyReport {
  /** Objects copied by the S3 server itself (CopyObject / UploadPartCopy), no bytes through this process. */
  serverSideCopies: number;
  /** Objects a directory took as a reflink or hard link of another directory's file, no bytes moved. */
  linkedCopies: number;
  /** Objects streamed through this process (download, upload or file copy). */
  streamedCopies: number;
}

/**
 * Copies objects of `from` (all, or `keys`) to the same keys (or `mapKey(key)`) in `to`, skipping those already there
 * with the same size and ETag (or recorded source ETag — see dir-store.ts and s3-store.ts). How an object travels is
 * the destination's to choose (`receive`): server-side CopyObject when both stores are S3 on the same endpoint with
 * the same credentials (UploadPartCopy above 5 GB), a streamed multipart upload into S3 otherwise, a reflink or hard
 * link from a directory into a directory, a streamed file copy into a directory otherwise. Bounded concurrency. Reports objects under their keys in `to`.
 */
export async function copyIncremental(from: Store, to: Store, options: CopyOptions = {}): Promise<CopyResult> {
  const source = ferryStore(from);
  const target = ferryStore(to);
  const limit = pLimit(options.concurrency ?? 4);
  // A small object's time is round trips, not bytes: more of them in flight, as rclone's checkers and transfers do.
  const smallLimit = options.concurrency === undefined ? pLimit(SMALL_OBJECTS_IN_FLIGHT) : limit;
  const limitFor = (entry: Entry) => (entry.size <= SMALL_OBJECT ? smallLimit : limit);
  const [sourceEntries, targetEntries] = await Promise.all([entriesOf(source, options.keys), target.listEntries()]);
  const existing = new Map(targetEntries.map((entry) => [entry.key, entry]));
  const targetKeyOf = targetKeys(sourceEntries, options.mapKey, target);

  const skipped: ObjectInfo[] = [];
  const pending: Entry[] = [];
  await allOrFirstFailure(
    sourceEntries.map((entry) =>
      limitFor(entry)(async () => {
        const there = existing.get(targetKeyOf(entry.key));
        const etag = there && (await copiedEtag(source, entry, target, there));
        if (etag !== undefined) skipped.push(info(entry, targetKeyOf(entry.key), etag));
        else pending.push(entry);
      }),
    ),
  );

  const total = pending.reduce((sum, entry) => sum + entry.size, 0);
  let transferred = 0;
  const onBytes = (n: number) => {
    transferred += n;
    options.progress?.onBytes?.(transferred, total);
  };
  const result: CopyResult = { copied: [], skipped: skipped.sort(byKey), bytesCopied: 0, serverSideCopies: 0, linkedCopies: 0, streamedCopies: 0 };
  await allOrFirstFailure(
    pending.map((entry) =>
      limitFor(entry)(async () => {
        const targetKey = targetKeyOf(entry.key);
        const { etag, how } = await target.receive(source, entry, targetKey, onBytes);
        result.copied.push(info(entry, targetKey, etag));
        result.bytesCopied += entry.size;
        if (how === 'server-side') result.serverSideCopies += 1;
        else if (how === 'linked') result.linkedCopies += 1;
        else result.streamedCopies += 1;
      }),
    ),
  );
  result.copied.sort(byKey);
  return result;
}

const SMALL_OBJECTS_IN_FLIGHT = 8;

/**
 * Waits for every task and throws the first failure, if any. Promise.all would return at the first failure while the
 * other copies go on, and those still queued would start afterwards, reading files their caller has already removed.
 */
async function allOrFirstFailure<T>(tasks: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

/** Checks that every key (default: all of `from`) exists in `to` (as `mapKey(key)` if given) with the same size and ETag. */
export async function verifyCopy(from: Store, to: Store, keys?: readonly string[], mapKey?: (key: string) => string): Promise<VerifyReport> {
  const source = ferryStore(from);
  const target = ferryStore(to);
  const [sourceEntries, targetEntries] = await Promise.all([entriesOf(source, keys), target.listEntries()]);
  const existing = new Map(targetEntries.map((entry) => [entry.key, entry]));
  const targetKeyOf = targetKeys(sourceEntries, mapKey, target);
  const limit = pLimit(4);
  const problems = await Promise.all(
    sourceEntries.map((entry) =>
      limit(async (): Promise<string | undefined> => {
        const where = target.where(targetKeyOf(entry.key));
        const there = existing.get(targetKeyOf(entry.key));
        if (!there) return `${where}: missing (source ${source.where(entry.key)}, ${entry.size} bytes)`;
        if (there.size !== entry.size) {
          return `${where}: size ${there.size} bytes differs from the source's ${entry.size} bytes (${source.where(entry.key)})`;
        }
        if ((await copiedEtag(source, entry, target, there)) === undefined) {
          return `${where}: ETag ${await target.etagOf(there)} differs from the source's ${await source.etagOf(entry)} (${source.where(entry.key)})`;
        }
        return undefined;
      }),
    ),
  );
  const found = problems.filter((problem): problem is string => problem !== undefined);
  return { ok: found.length === 0, checked: sourceEntries.length, problems: found };
}

function ferryStore(store: Store): BaseStore {
  if (store instanceof BaseStore) return store;
  throw new FerryError(`${store.url}: not a store opened by @ferry/storage, cannot copy or verify it.`);
}

async function entriesOf(store: BaseStore, keys: readonly string[] | undefined): Promise<Entry[]> {
  if (!keys) return store.listEntries();
  const entries = await Promise.all(
    [...new Set(keys)].map(async (key) => {
      const entry = await store.headEntry(key);
      if (!entry) throw new FerryError(`${store.where(key)}: not found, cannot copy it`);
      return entry;
    }),
  );
  return entries.sort(byKey);
}

/** Target key for each source key; two sources landing on one target key would silently overwrite each other. */
function targetKeys(entries: Entry[], mapKey: ((key: string) => string) | undefined, target: BaseStore): (key: string) => string {
  if (!mapKey) return (key) => key;
  const mapped = new Map<string, string>();
  const claimed = new Map<string, string>();
  for (const { key } of entries) {
    const targetKey = checkKey(mapKey(key), target.url);
    const other = claimed.get(targetKey);
    if (other !== undefined) throw new FerryError(`${target.where(targetKey)}: both ${other} and ${key} would be copied there`);
    claimed.set(targetKey, key);
    mapped.set(key, targetKey);
  }
  return (key) => mapped.get(key)!;
}

/**
 * The source's ETag when `there` is a copy of it: same size, and the target holds a copy of that ETag (its own, or
 * one recorded when it was copied); undefined otherwise. Returned so that a skip reports it without asking again.
 */
async function copiedEtag(source: BaseStore, entry: Entry, target: BaseStore, there: Entry): Promise<string | undefined> {
  if (there.size !== entry.size) return undefined;
  const etag = await source.etagOf(entry);
  return (await target.holdsCopyOf(there, etag)) ? etag : undefined;
}

/** Reports an object under its key in the destination. */
function info(entry: Entry, key: string, etag: string): ObjectInfo {
  return { key, size: entry.size, etag, lastModified: entry.lastModified };
}
