import { mkdir } from 'node:fs/promises';
import type { Store } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { MAX_SINGLE_COPY, MIN_PART_SIZE, type StorageConfig } from './config.ts';
import { DirStore } from './dir-store.ts';
import type { EmbeddedS3 } from './embedded.ts';
import { defaultHashRecordPath, HashRecord } from './hash-record.ts';
import { embeddedDirOf, parseEndpoint, resolve } from './location.ts';
import type { S3Connections } from './s3-connections.ts';

/** How a location's requests were signed, when `describe` should say so. */
const READ_ANONYMOUSLY = 'read anonymously: no credentials found for it';

export interface StoreOptions {
  /**
   * The caller only reads this location (a source). Without any credentials for it, it is then read anonymously
   * (and `describe` says so); a store that may be written is never anonymous.
   */
  readOnly?: boolean;
}

/** Opens stores for location URLs; owns the S3 clients and, once needed, the embedded S3 server. */
export class Storage {
  /** The S3 side, loaded at the first S3 location (s3-connections.ts); `s3` once it is. */
  private s3Loading: Promise<S3Connections> | undefined;
  private s3: S3Connections | undefined;
  private closed = false;
  /** One for every directory store opened here; none with `checksum`. */
  private readonly hashes: HashRecord | undefined;

  private constructor(private readonly config: StorageConfig) {
    this.hashes = config.checksum ? undefined : new HashRecord(config.hashRecord ?? defaultHashRecordPath());
  }

  static async open(config: StorageConfig = {}): Promise<Storage> {
    if (config.endpoint !== undefined) parseEndpoint(config.endpoint, 'the storage configuration');
    if (config.partSize !== undefined && (!Number.isInteger(config.partSize) || config.partSize < MIN_PART_SIZE)) {
      throw new FerryError(`Part size must be an integer of at least ${MIN_PART_SIZE} bytes (5 MiB), got ${config.partSize}.`);
    }
    if (
      config.maxSingleCopy !== undefined &&
      (!Number.isInteger(config.maxSingleCopy) || config.maxSingleCopy < 1 || config.maxSingleCopy > MAX_SINGLE_COPY)
    ) {
      throw new FerryError(`The single-copy limit must be an integer from 1 byte to 5 GiB, got ${config.maxSingleCopy}.`);
    }
    return new Storage(config);
  }

  /** Endpoint of the embedded server once started (for tests and the Spark emulator), else undefined. */
  get embeddedEndpoint(): string | undefined {
    return this.s3?.started?.endpoint;
  }

  /** Endpoint and (fixed, non-secret) credentials of the embedded server once started, for jobs that talk to it directly. */
  get embeddedS3(): Omit<EmbeddedS3, 'stop'> | undefined {
    const started = this.s3?.started;
    if (!started) return undefined;
    const { endpoint, accessKeyId, secretAccessKey } = started;
    return { endpoint, accessKeyId, secretAccessKey };
  }

  /** Where the embedded server keeps (or would keep) its data. */
  get embeddedDir(): string {
    return embeddedDirOf(this.config.embeddedDir);
  }

  /**
   * A Store for a location URL; starts the embedded server lazily and creates its bucket if missing; creates a dir
   * location. An S3 location is signed with its ?profile=, else the configured keys, else AWS_PROFILE, else the
   * shared files' default profile, as the AWS CLI does; with none of them, or with ?anonymous, it is not signed at
   * all, which only a read-only store may be.
   */
  async store(url: string, options: StoreOptions = {}): Promise<Store> {
    if (this.closed) throw new FerryError('Storage is closed.');
    const location = resolve(url, this.config);
    if (location.kind === 'dir') {
      await mkdir(location.path, { recursive: true }).catch((error: unknown) => {
        throw new FerryError(`Cannot create directory ${location.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
      });
      return new DirStore(location.path, url, { hashes: this.hashes });
    }
    return (await this.s3Side()).store(location, url, options.readOnly ?? false);
  }

  /** e.g. "s3://ferry-results (embedded S3 server at http://127.0.0.1:40123, data in /x/.ferry/s3)" — never credentials. */
  describe(url: string): string {
    const { display } = resolve(url, { ...this.config, embeddedEndpoint: this.embeddedEndpoint });
    return this.readsAnonymously(url) ? `${display.slice(0, -1)}; ${READ_ANONYMOUSLY})` : display;
  }

  /** Whether a location opened read-only was found to have no credentials, and is read anonymously. */
  readsAnonymously(url: string): boolean {
    return this.s3?.unsigned.has(url) ?? false;
  }

  /** Stops the embedded server if this Storage started it. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await (await this.s3Loading?.catch(() => undefined))?.close();
    await this.hashes?.written();
  }

  private s3Side(): Promise<S3Connections> {
    this.s3Loading ??= import('./s3-connections.ts').then(
      ({ S3Connections }) => (this.s3 = new S3Connections(this.config)),
      (error: unknown) => {
        this.s3Loading = undefined;
        throw error;
      },
    );
    return this.s3Loading;
  }
}
