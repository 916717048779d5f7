import { FerryError } from '@ferry/types';
import { parseEndpoint } from './location.ts';

export interface StorageConfig {
  /** 'embedded' (default when nothing is configured), 'yandex' (= https://storage.yandexcloud.net), or an http(s) URL. */
  endpoint?: string;
  region?: string; // default 'ru-central1'
  forcePathStyle?: boolean; // default true
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** The profile of the AWS shared config and credentials files for locations without keys or ?profile= (AWS_PROFILE). */
  profile?: string;
  /** Where the shared files are, when not ~/.aws/credentials and ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE). */
  sharedCredentialsFile?: string;
  sharedConfigFile?: string;
  /** Where the embedded server keeps its data; default <cwd>/.ferry/s3 */
  embeddedDir?: string;
  /** Hash every directory file (`--checksum`) rather than trust the MD5 recorded for its identity (hash-record.ts). */
  checksum?: boolean;
  /** Where directory stores remember MD5s across runs; default `~/.cache/ferry/hashes.json` (or under XDG_CACHE_HOME). */
  hashRecord?: string;
  /** For tests: multipart part size / threshold in bytes (default 16 MiB; S3 minimum part is 5 MiB). */
  partSize?: number;
  /** For tests: objects above this many bytes are copied server-side with UploadPartCopy, not CopyObject (default 5 GiB, S3's limit). */
  maxSingleCopy?: number;
}

export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** Largest object one CopyObject call may copy; above it, multipart UploadPartCopy. */
export const MAX_SINGLE_COPY = 5 * 1024 ** 3;

/**
 * Reads FERRY_S3_ENDPOINT | AWS_ENDPOINT_URL_S3 | AWS_ENDPOINT_URL, AWS_REGION | AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE,
 * FERRY_S3_PATH_STYLE; overrides win.
 */
export function storageConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<StorageConfig> = {}): StorageConfig {
  const pick = (...names: string[]) => names.map((name) => env[name]).find((value) => value !== undefined && value !== '');
  const endpoint = pick('FERRY_S3_ENDPOINT', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL');
  const pathStyle = pick('FERRY_S3_PATH_STYLE');
  const fromEnv: StorageConfig = {
    endpoint: endpoint === undefined ? undefined : parseEndpoint(endpoint, 'FERRY_S3_ENDPOINT / AWS_ENDPOINT_URL'),
    region: pick('AWS_REGION', 'AWS_DEFAULT_REGION'),
    forcePathStyle: pathStyle === undefined ? undefined : parseBoolean(pathStyle),
    accessKeyId: pick('AWS_ACCESS_KEY_ID'),
    secretAccessKey: pick('AWS_SECRET_ACCESS_KEY'),
    sessionToken: pick('AWS_SESSION_TOKEN'),
    profile: pick('AWS_PROFILE'),
    sharedCredentialsFile: pick('AWS_SHARED_CREDENTIALS_FILE'),
    sharedConfigFile: pick('AWS_CONFIG_FILE'),
  };
  return withoutUndefined({ ...withoutUndefined(fromEnv), ...withoutUndefined(overrides) });
}

function parseBoolean(value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new FerryError(`FERRY_S3_PATH_STYLE must be true or false, got "${value}".`);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
