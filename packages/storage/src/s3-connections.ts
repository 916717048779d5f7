import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Store } from '@ferry/types';
import { FerryError } from '@ferry/types';
import { DEFAULT_PART_SIZE, type StorageConfig } from './config.ts';
import { startEmbeddedS3, type EmbeddedS3 } from './embedded.ts';
import { embeddedDirOf, type S3Location } from './location.ts';
import { createS3Client, isNotFound, s3Error, statusOf, type S3Credentials, type S3Endpoint } from './s3-client.ts';
import { S3Store } from './s3-store.ts';

/** Temporary credentials (a role, SSO) are fetched again this long before they expire. */
const CREDENTIALS_REFRESH_MS = 5 * 60_000;

/**
 * Storage's S3 side: its clients, credentials and, once needed, the embedded S3 server. A module of its own, which
 * Storage loads at its first S3 location: the AWS SDK and s3rver take about 400 ms to load, which a run between
 * local folders never needs.
 */
export class S3Connections {
  private embedded: Promise<EmbeddedS3> | undefined;
  /** The embedded server, once started. */
  started: EmbeddedS3 | undefined;
  private readonly clients = new Map<string, S3Client>();
  private readonly checkedBuckets = new Map<string, Promise<void>>();
  /** Locations opened without credentials because none were found, by URL, for `describe`. */
  readonly unsigned = new Set<string>();

  constructor(private readonly config: StorageConfig) {}

  async store(location: S3Location, url: string, readOnly: boolean): Promise<Store> {
    const endpoint = await this.connect(location, readOnly);
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

  /** Destroys the clients and stops the embedded server if it was started here. */
  async close(): Promise<void> {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    const embedded = this.embedded;
    this.embedded = undefined;
    this.started = undefined;
    if (embedded) await (await embedded.catch(() => undefined))?.stop();
  }

  /** The endpoint a location's requests go to, signed for its region; starts the embedded server when it is the one. */
  private async connect(location: S3Location, readOnly: boolean): Promise<S3Endpoint> {
    const { region } = location;
    if (location.endpoint === 'embedded') {
      const dir = embeddedDirOf(this.config.embeddedDir);
      this.embedded ??= startEmbeddedS3({ dir }).then(
        (server) => (this.started = server),
        (error: unknown) => {
          this.embedded = undefined;
          throw new FerryError(`Cannot start the embedded S3 server with data in ${dir}: ${(error as Error).message}`, { cause: error });
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
