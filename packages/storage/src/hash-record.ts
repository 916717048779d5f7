import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.ts';

/**
 * The MD5s a directory store computed before, kept across runs by file identity: device, inode, size and mtime to the
 * nanosecond, the way rclone trusts a size and modtime and git its index. A file is hashed again as soon as any of
 * them moved (a rewrite, an append, a touch), so a stale record never stands for changed content; a hard link shares
 * its file's identity and so its hash. With `checksum` the record is neither read nor written: every file is hashed.
 */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

interface Recorded {
  size: string;
  mtimeNs: string;
  md5: string;
}

/**
 * Hashes recorded within this long share one write: the record is read, merged and rewritten whole, so writing it
 * after every few of a copy's thousand small files cost more than the copy's own file writes.
 */
const GATHER_MS = 1000;

/** Enough for every file of many runs; the oldest entries go first. */
const MAX_ENTRIES = 20_000;

/** `$XDG_CACHE_HOME/ferry/hashes.json`, else `~/.cache/ferry/hashes.json`. */
export function defaultHashRecordPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'ferry', 'hashes.json');
}

export class HashRecord {
  private loaded?: Promise<Map<string, Recorded>>;
  /** The write under way, and whether another must follow it: hashes recorded meanwhile share one write. */
  private writing?: Promise<void>;
  private dirty = false;
  /** Set while `written` waits: the pending write starts at once. */
  private hurry = false;
  private wake?: () => void;

  constructor(readonly file: string) {}

  async md5Of(identity: FileIdentity): Promise<string | undefined> {
    const recorded = (await this.entries()).get(keyOf(identity));
    return recorded && recorded.size === String(identity.size) && recorded.mtimeNs === String(identity.mtimeNs) ? recorded.md5 : undefined;
  }

  /**
   * Records a hash; written soon after (merged with what other processes recorded meanwhile), hashes recorded while
   * a write is under way in the next one. Nothing waits for the write (`written` does), and none fails a copy: an
   * unwritable record only means hashing again.
   */
  async remember(identity: FileIdentity, md5: string): Promise<void> {
    const entries = await this.entries();
    entries.delete(keyOf(identity));
    entries.set(keyOf(identity), { size: String(identity.size), mtimeNs: String(identity.mtimeNs), md5 });
    this.dirty = true;
    this.writing ??= this.writeWhileDirty();
  }

  /** Once the hashes recorded so far are on disk (or could not be written). */
  async written(): Promise<void> {
    this.hurry = true;
    // Hashes being remembered wait for the record to load: they go first, so this write includes them.
    await this.loaded;
    this.wake?.();
    try {
      await this.writing;
    } finally {
      this.hurry = false;
    }
  }

  private async writeWhileDirty(): Promise<void> {
    try {
      while (this.dirty) {
        await this.gather();
        this.dirty = false;
        const entries = await this.entries();
        for (const [key, value] of await readRecord(this.file)) if (!entries.has(key)) entries.set(key, value);
        for (const key of entries.keys()) {
          if (entries.size <= MAX_ENTRIES) break;
          entries.delete(key);
        }
        await writeFileAtomically(this.file, JSON.stringify(Object.fromEntries(entries))).catch(() => undefined);
      }
    } finally {
      // In the same step as the last look at `dirty` (not a later .finally): a hash recorded after it starts a new write.
      this.writing = undefined;
    }
  }

  /** A moment's wait before each write gathers the hashes of a copy of many small files into a few writes. */
  private gather(): Promise<void> {
    if (this.hurry) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, GATHER_MS);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private entries(): Promise<Map<string, Recorded>> {
    this.loaded ??= readRecord(this.file);
    return this.loaded;
  }
}

const keyOf = (identity: FileIdentity): string => `${identity.dev}:${identity.ino}`;

async function readRecord(file: string): Promise<Map<string, Recorded>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, Recorded>;
    return new Map(Object.entries(parsed).filter(([, value]) => typeof value?.md5 === 'string'));
  } catch {
    return new Map(); // none yet, or unreadable: files are simply hashed
  }
}
