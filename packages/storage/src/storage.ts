import { mkdir } from 'node:fs/promises';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Store } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { DEFAULT_PART_SIZE, MIN_PART_SIZE, type StorageConfig } from './config.ts';
import { DirStore } from './dir-store.ts';
import { startEmbeddedS3, type EmbeddedS3 } from './embedded.ts';
import { defaultHashRecordPath, HashRecord } from './hash-record.ts';
import { embeddedDirOf, parseEndpoint, resolve, type S3Location } from './location.ts';
import { createS3Client, isNotFound, s3Error, statusOf, type S3Credentials, type S3Endpoint } from './s3-client.ts';
import { MAX_SINGLE_COPY, S3Store } from './s3-store.ts';

export interface StoreOptions {
  /**
   * The caller only reads this location (a source). Without any credentials for it, it is then read anonymously
   * (and `describe` says so); a store that may be written is never anonymous.
   */
  readOnly?: boolean;
}

/** How a location's requests were signed, when `describe` should say so. */
const READ_ANONYMOUSLY = 'read anonymously: no credentials found for it';
/** Temporary credentials (a role, SSO) are fetched again this long before they expire. */
const CREDENTIALS_REFRESH_MS = 5 * 60_000;

/** Opens stores for location URLs; owns the S3 clients and, once needed, the embedded S3 server. */
export class Storage {
  private embedded: Promise<EmbeddedS3> | undefined;
  private started: EmbeddedS3 | undefined;
  private readonly clients = new Map<string, S3Client>();
  private readonly checkedBuckets = new Map<string, Promise<void>>();
  /** Locations opened without credentials because none were found, by URL, for `describe`. */
  private readonly unsigned = new Set<string>();
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
    return this.started?.endpoint;
  }

  /** Endpoint and (fixed, non-secret) credentials of the embedded server once started, for jobs that talk to it directly. */
  get embeddedS3(): Omit<EmbeddedS3, 'stop'> | undefined {
    if (!this.started) return undefined;
    const { endpoint, accessKeyId, secretAccessKey } = this.started;
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
    const endpoint = await this.connect(location, options.readOnly ?? false);
    if (endpoint.anonymous && location.signing.kind !== 'anonymous') this.unsigned.add(url);
    const client = this.clientFor(endpoint);
    const embedded = location.endpoint === 'embedded';
    const partSize = this.config.partSize ?? DEFAULT_PART_SIZE;
    const store = new S3Store(
      { client, endpoint, bucket: location.bucket, partSize, embedded, maxSingleCopy: this.config.maxSingleCopy },
      location.prefix,
      url,
    );
    if (embedded) await this.ensureEmbeddedBucket(client, endpoint, location.bucket);
    return store;
  }

  /** e.g. "s3://ferry-results (embedded S3 server at http://127.0.0.1:40123, data in /x/.ferry/s3)" — never credentials. */
  describe(url: string): string {
    const { display } = resolve(url, { ...this.config, embeddedEndpoint: this.started?.endpoint });
    return this.unsigned.has(url) ? `${display.slice(0, -1)}; ${READ_ANONYMOUSLY})` : display;
  }

  /** Whether a location opened read-only was found to have no credentials, and is read anonymously. */
  readsAnonymously(url: string): boolean {
    return this.unsigned.has(url);
  }

  /** Stops the embedded server if this Storage started it. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    const embedded = this.embedded;
    this.embedded = undefined;
    this.started = undefined;
    if (embedded) await (await embedded.catch(() => undefined))?.stop();
    await this.hashes?.written();
  }

  /** The endpoint a location's requests go to, signed for its region; starts the embedded server when it is the one. */
  private async connect(location: S3Location, readOnly: boolean): Promise<S3Endpoint> {
    const { region } = location;
    if (location.endpoint === 'embedded') {
      this.embedded ??= startEmbeddedS3({ dir: this.embeddedDir }).then(
        (server) => (this.started = server),
        (error: unknown) => {
          this.embedded = undefined;
          throw new FerryError(`Cannot start the embedded S3 server with data in ${this.embeddedDir}: ${(error as Error).message}`, { cause: error });
        },
      );
      const server = await this.embedded;
      return { url: server.endpoint, region, forcePathStyle: true, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
    }
    const server = { url: location.endpoint, region, forcePathStyle: this.config.forcePathStyle ?? true };
    if (location.signing.kind === 'anonymous' && !readOnly) {
      throw new FerryError(
        `${location.label} is marked ?anonymous, but it is written here, and anonymous requests can only read: give it credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ?profile=).`,
      );
    }
    const credentials = location.signing.kind === 'anonymous' ? undefined : await this.credentialsFor(location);
    if (credentials) return { ...server, ...credentials };
    if (readOnly) return { ...server, accessKeyId: '', secretAccessKey: '', anonymous: true };
    throw new FerryError(
      `No S3 credentials for ${location.label} at ${location.endpoint}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the location's ?profile= (or use the embedded server).`,
    );
  }

  /**
   * The location's ?profile=, else the configured keys, else AWS_PROFILE, else the shared files' default profile if
   * they have one; undefined when none of them applies. A profile asked for by name that cannot be resolved is an error.
   */
  private async credentialsFor(
    location: S3Location,
  ): Promise<Pick<S3Endpoint, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'credentials'> | undefined> {
    const { accessKeyId, secretAccessKey, sessionToken } = this.config;
    const named = location.signing.kind === 'profile' ? location.signing.profile : undefined;
    if (named === undefined && accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, sessionToken };
    const profile = named ?? this.config.profile;
    const provider = fromIni({
      profile: profile ?? 'default',
      ...(this.config.sharedCredentialsFile && { filepath: this.config.sharedCredentialsFile }),
      ...(this.config.sharedConfigFile && { configFilepath: this.config.sharedConfigFile }),
    });
    let current: S3Credentials;
    try {
      current = await provider();
    } catch (error) {
      if (profile === undefined) return undefined;
      const origin = named === undefined ? 'AWS_PROFILE' : '?profile=';
      throw new FerryError(`No S3 credentials for ${location.label}: the profile "${profile}" (${origin}) gives none: ${(error as Error).message}`, {
        cause: error,
      });
    }
    // Resolved once to know they exist; fetched again only when they are about to expire.
    const refreshed = async () => {
      if (current.expiration && current.expiration.getTime() - Date.now() < CREDENTIALS_REFRESH_MS) current = await provider();
      return current;
    };
    return { accessKeyId: current.accessKeyId, secretAccessKey: current.secretAccessKey, sessionToken: current.sessionToken, credentials: refreshed };
  }

  private clientFor(endpoint: S3Endpoint): S3Client {
    const id = [endpoint.url, endpoint.region, endpoint.forcePathStyle, endpoint.anonymous ?? false, endpoint.accessKeyId].join('\n');
    let client = this.clients.get(id);
    if (!client) {
      client = createS3Client(endpoint);
      this.clients.set(id, client);
    }
    return client;
  }

  private ensureEmbeddedBucket(client: S3Client, endpoint: S3Endpoint, bucket: string): Promise<void> {
    let checked = this.checkedBuckets.get(bucket);
    if (!checked) {
      checked = (async () => {
        try {
          await client.send(new HeadBucketCommand({ Bucket: bucket }));
        } catch (error) {
          if (!isNotFound(error) && statusOf(error) !== 404) throw s3Error(error, `s3://${bucket}`, 'HeadBucket', endpoint.url);
          await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((createError: unknown) => {
            throw s3Error(createError, `s3://${bucket}`, 'CreateBucket', endpoint.url);
          });
        }
      })();
      checked.catch(() => this.checkedBuckets.delete(bucket));
      this.checkedBuckets.set(bucket, checked);
    }
    return checked;
  }
}
