import { createHash } from 'node:crypto';
import { constants, createReadStream, readFileSync, statSync, type BigIntStats, type Stats } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import pLimit from 'p-limit';
import lockfile from 'proper-lockfile';
import type { ConditionalWrite, ObjectInfo } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { TEMP_MARK, tempPathFor, writeFileAtomically } from './atomic-file.ts';
import { hashedWrite, md5OfFile } from './md5-workers.ts';
import type { FileIdentity, HashRecord } from './hash-record.ts';
import {
  BaseStore,
  byKey,
  checkKey,
  checkPrefix,
  joinUrl,
  readForSending,
  SMALL_OBJECT,
  type CopySource,
  type Entry,
  type Received,
} from './store-base.ts';

/*
 * A directory has no ETags, so a directory store reports the hex MD5 of the content — what S3 gives a single-part
 * upload. It is computed lazily and cached in memory by path+size+mtime.
 *
 * A copy INTO a directory from an object whose ETag is not its MD5 (e.g. `<md5-of-md5s>-<n>` for an S3 multipart
 * upload) leaves a sidecar `.<name>.ferry-etag.json` next to the file: {size, mtimeMs, md5, sourceEtag}, so the next
 * incremental copy recognises it; md5 spares re-hashing the file. The sidecar is trusted only while the file's
 * identity is exactly the one recorded, so it cannot go stale: any change to the file makes it ignored. A copy whose
 * source ETag is its MD5 (a file, a single-part upload) needs no sidecar: its MD5 goes in the hash record, which
 * spares a second file written (and later read) for each of many small objects.
 *
 * Any other file's MD5 is kept in the hash record (hash-record.ts) by the file's identity, so a file is hashed once
 * per content, not once per run. A store opened for `--checksum` has no record and trusts no sidecar's MD5: it hashes.
 *
 * A copy from a directory to a directory is a reflink where the file system can make one, else a hard link, else a
 * streamed copy: no bytes move for the first two. A hard link shares the file's content and identity, which is safe
 * because ferry never writes a file in place (every write is a new file renamed over the name).
 */
const SIDECAR_SUFFIX = '.ferry-etag.json';
const CAS_SUFFIX = '.ferry-cas';
const isBookkeeping = (name: string) =>
  name.startsWith('.') && (name.endsWith(SIDECAR_SUFFIX) || name.includes(TEMP_MARK) || name.endsWith(CAS_SUFFIX));

/*
 * Compare-and-swap on a directory. create() needs no help: link() refuses an existing name, atomically. A conditional
 * replace or delete must read the file, compare its MD5 and then rename over it or unlink it, and no file system call
 * does that in one step, so those three happen while holding a short mutex: a `.<name>.ferry-cas` directory made by
 * mkdir (atomic), through proper-lockfile. The key itself is never absent during a replace (rename swaps it whole),
 * so create() stays correct beside it. Held for milliseconds; a mutex left by a process killed while holding it is
 * stale after CAS_STALE_MS (proper-lockfile refreshes the mtime of a live one), and until then the key is busy
 * ('conflict'), the way S3 answers 409 to racing conditional writes.
 */
const CAS_STALE_MS = 10_000;
const CAS_RETRIES = { retries: 12, factor: 1.5, minTimeout: 5, maxTimeout: 200 };

interface Sidecar {
  size: number;
  mtimeMs: number;
  md5: string;
  sourceEtag: string;
  /** The file's identity to the nanosecond (identityKey), which a sidecar written since carries. */
  identity?: string;
}

/** The MD5s this process knows, by path, each for one identity of its file (identityKey). */
const md5Cache = new Map<string, { identity: string; md5: string }>();
/** Hashing is disk-bound; more than two at once only thrashes. */
const hashLimit = pLimit(2);

export interface DirStoreOptions {
  /** Where MD5s are remembered across runs; without one (`--checksum`), every file is hashed. */
  hashes?: HashRecord;
}

export class DirStore extends BaseStore {
  constructor(
    readonly root: string,
    readonly url: string,
    readonly options: DirStoreOptions = {},
  ) {
    super();
  }

  filePath(key: string): string {
    return path.join(this.root, ...checkKey(key, this.url).split('/'));
  }

  override localPath(key: string): string {
    const sub = checkPrefix(key, this.url);
    return sub === '' ? this.root : path.join(this.root, ...sub.split('/'));
  }

  async listEntries(prefix = ''): Promise<Entry[]> {
    // Walk only the deepest directory the prefix names, then filter by the prefix as a plain string (like S3).
    const lastSlash = prefix.lastIndexOf('/');
    const startKey = lastSlash === -1 ? '' : prefix.slice(0, lastSlash);
    const entries: Entry[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let names;
      try {
        names = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw dirError(error, joinUrl(this.url, keyPrefix), 'list');
      }
      for (const dirent of names) {
        if (isBookkeeping(dirent.name)) continue;
        const key = keyPrefix === '' ? dirent.name : `${keyPrefix}/${dirent.name}`;
        const full = path.join(dir, dirent.name);
        const stats = dirent.isSymbolicLink() ? await stat(full).catch(() => undefined) : undefined;
        if (dirent.isDirectory() || stats?.isDirectory()) {
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || prefix === '') await walk(full, key);
        } else if ((dirent.isFile() || stats?.isFile()) && key.startsWith(prefix)) {
          const fileStats = stats ?? (await stat(full));
          entries.push({ key, size: fileStats.size, lastModified: fileStats.mtime });
        }
      }
    };
    await walk(startKey === '' ? this.root : path.join(this.root, ...startKey.split('/')), startKey);
    return entries.sort(byKey);
  }

  async list(prefix = ''): Promise<ObjectInfo[]> {
    const entries = await this.listEntries(prefix);
    return Promise.all(entries.map(async (entry) => ({ ...entry, etag: await this.etagOf(entry) })));
  }

  async headEntry(key: string): Promise<Entry | undefined> {
    const stats = await this.statFile(key);
    return stats && { key, size: stats.size, lastModified: stats.mtime };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const entry = await this.headEntry(key);
    return entry && { ...entry, etag: await this.etagOf(entry) };
  }

  async etagOf(entry: Entry): Promise<string> {
    const file = this.filePath(entry.key);
    const identity = await identityOf(file);
    if (!identity) throw new FerryError(`${this.where(entry.key)}: not found`);
    return (
      (await this.knownMd5(file, identity)) ??
      this.hashed(
        file,
        identity,
        // A large file in a worker thread (md5-workers.ts), so two are hashed on two cores; a small one here, at once.
        await hashLimit(async () => (Number(identity.size) > SMALL_OBJECT ? md5OfFile(file) : md5Of(await readFile(file)))),
      )
    );
  }

  /** The MD5 of the file as it is (`identity`), if this process, its sidecar or the hash record knows it. */
  private async knownMd5(file: string, identity: FileIdentity): Promise<string | undefined> {
    const cached = md5Cache.get(file);
    if (cached?.identity === identityKey(identity)) return cached.md5;
    const { hashes } = this.options;
    if (!hashes) return undefined;
    const recorded = (await readSidecar(file, identity))?.md5 ?? (await hashes.md5Of(identity));
    if (recorded) md5Cache.set(file, { identity: identityKey(identity), md5: recorded });
    return recorded;
  }

  /** Remembers a file's new hash, only while the file is still what was hashed: one that changed meanwhile is hashed again. */
  private async hashed(file: string, identity: FileIdentity, md5: string): Promise<string> {
    const after = await identityOf(file);
    if (after && identityKey(identity) === identityKey(after)) {
      md5Cache.set(file, { identity: identityKey(identity), md5 });
      void this.options.hashes?.remember(identity, md5);
    }
    return md5;
  }

  async openForCopy(entry: Entry): Promise<CopySource> {
    return { body: await this.readStream(entry.key), size: entry.size };
  }

  /**
   * A file's ETag is its MD5, so a large file is hashed first (unless known), then read again for the copy; a small
   * one is read once, into memory, and hashed from there.
   */
  async openWithEtag(entry: Entry): Promise<CopySource & { etag: string }> {
    const file = this.filePath(entry.key);
    // Hashed before the stream opens: a file gone meanwhile fails here, not as an error event no one listens to yet.
    if (entry.size > SMALL_OBJECT) {
      const etag = await this.etagOf(entry);
      return { body: readForSending(file), size: entry.size, etag };
    }
    const identity = await identityOf(file);
    if (!identity) throw new FerryError(`${this.where(entry.key)}: not found`);
    let content: Buffer;
    try {
      content = readFileSync(file); // small: see SMALL_OBJECT for why blocking
    } catch (error) {
      throw dirError(error, this.where(entry.key), 'read');
    }
    const etag = (await this.knownMd5(file, identity)) ?? (await this.hashed(file, identity, md5Of(content)));
    return { body: content, size: content.length, etag };
  }

  /** The sidecar holds both the source ETag and the file's MD5, so it is asked first: no hashing. */
  async holdsCopyOf(there: Entry, sourceEtag: string): Promise<boolean> {
    if ((await this.sourceEtagOf(there)) === sourceEtag) return true;
    return (await this.etagOf(there)) === sourceEtag;
  }

  /**
   * From another directory, a reflink or hard link where one can be made; otherwise the object streams in from any
   * store, hashed on the way. Either way the sidecar records its source.
   */
  async receive(from: BaseStore, entry: Entry, key: string, onBytes: (n: number) => void): Promise<Received> {
    if (from instanceof DirStore) {
      const etag = await from.etagOf(entry);
      if (await this.placeLinked(from.filePath(entry.key), key, etag)) {
        onBytes(entry.size);
        return { etag, how: 'linked' };
      }
    }
    const opened = await from.openForCopy(entry);
    const md5 = await this.writeCopy(key, opened.body, opened.etag, onBytes, opened.md5);
    return { etag: opened.etag ?? md5, how: 'streamed' };
  }

  /**
   * Gives `key` the content of `sourceFile` (of MD5 `md5`) without copying it, by reflink or hard link, and records
   * it; false when the file system can do neither (another device, no link support). A sidecar left at the name is
   * removed first: it may have been written for this very identity (an earlier link of the same file).
   */
  private async placeLinked(sourceFile: string, key: string, md5: string): Promise<boolean> {
    const file = this.filePath(key);
    if (!(await linkInto(sourceFile, file, this.where(key), () => rm(sidecarPath(file), { force: true })))) return false;
    await this.recordCopy(file, md5, md5);
    return true;
  }

  /**
   * Records what a copy at `file` (now of `identity`, else stat'ed) holds: its MD5, and where the source's ETag is
   * not that MD5, the source's ETag in a sidecar (see the rule above).
   */
  private async recordCopy(file: string, md5: string, sourceEtag: string, known?: FileIdentity): Promise<void> {
    const identity = known ?? (await identityOf(file));
    if (!identity) return;
    md5Cache.set(file, { identity: identityKey(identity), md5 });
    if (sourceEtag === md5) void this.options.hashes?.remember(identity, md5);
    else await writeSidecar(file, identity, md5, sourceEtag);
  }

  private async sourceEtagOf(entry: Entry): Promise<string | undefined> {
    const file = this.filePath(entry.key);
    const identity = await identityOf(file);
    return identity && (await readSidecar(file, identity))?.sourceEtag;
  }

  async readText(key: string): Promise<string | undefined> {
    return (await this.readContent(key))?.toString('utf8');
  }

  async readStream(key: string): Promise<Readable> {
    if (!(await this.statFile(key))) throw new FerryError(`${this.where(key)}: not found`);
    return createReadStream(this.filePath(key));
  }

  /** A reflink or hard link where one can be made (see above), else a copy. */
  async download(key: string, localPath: string): Promise<ObjectInfo> {
    const entry = await this.headEntry(key);
    if (!entry) throw new FerryError(`${this.where(key)}: not found`);
    const target = path.resolve(localPath);
    if (await linkInto(this.filePath(key), target, this.where(key))) {
      return { key, size: entry.size, etag: await this.etagOf(entry), lastModified: entry.lastModified };
    }
    const written = await writeAtomically(target, createReadStream(this.filePath(key)), this.where(key));
    return { key, size: written.size, etag: written.md5, lastModified: entry.lastModified };
  }

  async write(key: string, body: string | Uint8Array | Readable): Promise<ObjectInfo> {
    const written = await writeAtomically(this.filePath(key), body, this.where(key));
    return { key, size: written.size, etag: written.md5, lastModified: written.lastModified };
  }

  async upload(localPath: string, key: string): Promise<ObjectInfo> {
    return this.write(key, createReadStream(localPath));
  }

  /** Writes a temp file, then hard-links it into place: link() fails when the name exists, and never shows half a file. */
  async create(key: string, body: string): Promise<ConditionalWrite> {
    try {
      await writeFileAtomically(this.filePath(key), body, { place: 'create' });
      return { written: true, etag: md5Of(body) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return PRECONDITION_FAILED;
      throw dirError(error, this.where(key), 'create');
    }
  }

  async replace(key: string, body: string, etag: string): Promise<ConditionalWrite> {
    const outcome = await this.whileAt(key, etag, async (file) => (await writeAtomically(file, body, this.where(key))).md5);
    return outcome.done ? { written: true, etag: outcome.value } : { written: false, reason: outcome.reason };
  }

  async deleteIfMatch(key: string, etag: string): Promise<boolean> {
    return (await this.whileAt(key, etag, () => this.delete([key]))).done;
  }

  async readVersion(key: string): Promise<{ text: string; etag: string } | undefined> {
    const content = await this.readContent(key);
    return content && { text: content.toString('utf8'), etag: md5Of(content) };
  }

  /** A key's whole content, or undefined when no file is there. */
  private async readContent(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.filePath(key));
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw dirError(error, this.where(key), 'read');
    }
  }

  async conditionalWrites(): Promise<'atomic'> {
    return 'atomic';
  }

  /** Runs `then` only while the key's content has MD5 `etag`, holding the key's compare-and-swap mutex (see above). */
  private async whileAt<T>(
    key: string,
    etag: string,
    then: (file: string) => Promise<T>,
  ): Promise<{ done: true; value: T } | { done: false; reason: 'precondition-failed' | 'conflict' }> {
    const file = this.filePath(key);
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        lockfilePath: path.join(path.dirname(file), `.${path.basename(file)}${CAS_SUFFIX}`),
        stale: CAS_STALE_MS,
        retries: CAS_RETRIES,
        // Only a holder stalled for CAS_STALE_MS loses its mutex; the write it is doing then is the one step unguarded.
        onCompromised: () => undefined,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOCKED') return { done: false, reason: 'conflict' };
      if (isMissing(error)) return { done: false, reason: 'precondition-failed' }; // not even its directory exists
      throw dirError(error, this.where(key), 'lock for a conditional write');
    }
    try {
      const current = await readFile(file).catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw dirError(error, this.where(key), 'read');
      });
      if (current === undefined || md5Of(current) !== etag) return { done: false, reason: 'precondition-failed' };
      return { done: true, value: await then(file) };
    } finally {
      await release().catch(() => undefined);
    }
  }

  /** Writes a copied object and records where it came from (see the sidecar rule above); returns its content MD5. */
  private async writeCopy(
    key: string,
    body: Readable | Buffer,
    sourceEtag: string | undefined,
    onBytes?: (n: number) => void,
    sourceMd5?: string,
  ): Promise<string> {
    const file = this.filePath(key);
    const written = await writeAtomically(file, body, this.where(key), onBytes, sourceMd5);
    await this.recordCopy(file, written.md5, sourceEtag ?? written.md5, written.identity);
    return written.md5;
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const file = this.filePath(key);
      await rm(file, { force: true });
      await rm(sidecarPath(file), { force: true });
      md5Cache.delete(file);
    }
  }

  child(prefix: string): DirStore {
    const sub = checkPrefix(prefix, this.url);
    return sub === '' ? this : new DirStore(path.join(this.root, ...sub.split('/')), joinUrl(this.url, sub), this.options);
  }

  private async statFile(key: string): Promise<Stats | undefined> {
    try {
      const stats = await stat(this.filePath(key));
      return stats.isFile() ? stats : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw dirError(error, this.where(key), 'stat');
    }
  }
}

/**
 * Writes a file atomically (see atomic-file.ts), hashing it on the way; a sidecar of the old content is dropped. With
 * `expectedMd5` (what the source vouches for), content of another MD5 is refused before it takes the name
 * (hashedWrite): the hash is computed anyway, so the check costs nothing.
 */
async function writeAtomically(
  file: string,
  body: string | Uint8Array | Readable,
  where: string,
  onBytes?: (n: number) => void,
  expectedMd5?: string,
): Promise<{ size: number; md5: string; identity: FileIdentity; lastModified: Date }> {
  let size = 0;
  const hash = hashedWrite(body, where, expectedMd5, (chunk) => {
    size += chunk.length;
    onBytes?.(chunk.length);
  });
  let stats: BigIntStats;
  try {
    stats = await writeFileAtomically(file, body, hash.options);
  } catch (error) {
    hash.abandon();
    throw dirError(error, where, 'write');
  }
  const md5 = hash.md5();
  // A sidecar left from the old content names another identity (the new file is a new inode): it is never trusted.
  const identity = identityFrom(stats);
  md5Cache.set(file, { identity: identityKey(identity), md5 });
  return { size, md5, identity, lastModified: stats.mtime };
}

const PRECONDITION_FAILED: ConditionalWrite = { written: false, reason: 'precondition-failed' };

function md5Of(content: string | Buffer): string {
  return createHash('md5').update(content).digest('hex');
}

function sidecarPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}${SIDECAR_SUFFIX}`);
}

/** Records where `file` came from, for its identity now (see the sidecar rule above). */
async function writeSidecar(file: string, identity: FileIdentity, md5: string, sourceEtag: string): Promise<void> {
  const sidecar: Sidecar = { size: Number(identity.size), mtimeMs: Number(identity.mtimeNs) / 1e6, md5, sourceEtag, identity: identityKey(identity) };
  await writeFile(sidecarPath(file), JSON.stringify(sidecar));
}

/** The sidecar of `file`, when it was written for the file's identity now (an older one, without it: size and mtime). */
async function readSidecar(file: string, identity: FileIdentity): Promise<Sidecar | undefined> {
  try {
    // A few hundred bytes, or (most often) none: a blocking read costs a fraction of a hop to the thread pool.
    const sidecar = JSON.parse(readFileSync(sidecarPath(file), 'utf8')) as Sidecar;
    if (sidecar.identity !== undefined) return sidecar.identity === identityKey(identity) ? sidecar : undefined;
    const older = sidecar.size === Number(identity.size) && Math.abs(sidecar.mtimeMs - Number(identity.mtimeNs) / 1e6) < 0.001;
    return older ? sidecar : undefined;
  } catch {
    return undefined; // missing or unreadable: simply not known
  }
}

/**
 * Gives `file` the content of `source` by reflink or hard link, made at a temp name and renamed over it (after
 * `beforeRename`); false when neither link can be made.
 */
async function linkInto(source: string, file: string, where: string, beforeRename?: () => Promise<void>): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  try {
    if (!(await linkedCopy(source, temp))) return false;
    await beforeRename?.();
    await rename(temp, file);
    return true;
  } catch (error) {
    throw dirError(error, where, 'link');
  } finally {
    await rm(temp, { force: true });
  }
}

/** A reflink of `source` at `target` where the file system makes one, else a hard link; false when neither can be made. */
async function linkedCopy(source: string, target: string): Promise<boolean> {
  try {
    await copyFile(source, target, constants.COPYFILE_FICLONE_FORCE);
    return true;
  } catch {
    // No reflinks here (most file systems): a hard link shares the content just as well.
  }
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if (LINK_REFUSED.has((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

/** A hard link cannot be made: another device, a file system without them, or one that forbids them. */
const LINK_REFUSED = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EACCES']);

/** A blocking stat: one system call, where a hop to the thread pool costs more CPU than the call (asked per file). */
async function identityOf(file: string): Promise<FileIdentity | undefined> {
  try {
    return identityFrom(statSync(file, { bigint: true }));
  } catch {
    return undefined;
  }
}

function identityFrom(stats: BigIntStats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs };
}

/** Device, inode, size and mtime in nanoseconds: a file that moved in any of them is another content. */
function identityKey(identity: FileIdentity): string {
  return `${identity.dev}:${identity.ino}:${identity.size}:${identity.mtimeNs}`;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function dirError(error: unknown, where: string, operation: string): FerryError {
  if (error instanceof FerryError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const what = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on device' : 'failed';
  return new FerryError(`${where}: ${what}${code ? ` (${code})` : ''} on ${operation}`, { cause: error });
}
