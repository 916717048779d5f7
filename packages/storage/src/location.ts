import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FerryError } from '@ferry/types';

export type ParsedLocation =
  | { kind: 's3'; bucket: string; prefix: string; endpoint?: string; region?: string; anonymous?: true; profile?: string }
  | { kind: 'dir'; path: string };

const YANDEX_ENDPOINT = 'https://storage.yandexcloud.net';
const YANDEX_REGION = 'ru-central1';
/** The region of an S3 endpoint given by URL when neither the location nor the configuration names one. */
const DEFAULT_REGION = 'ru-central1';

const S3_SCHEME = /^s3a?:\/\//i;
const ANY_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOCATION_PARAMS = new Set(['endpoint', 'region', 'anonymous', 'profile']);
/** A profile name as the AWS shared files spell one (`[profile name]` sections). */
const PROFILE_NAME = /^[A-Za-z0-9_.+@-]{1,64}$/;

/**
 * `s3://bucket/prefix` (also `s3a://`), optional query `?endpoint=<url|yandex|embedded>&region=...` for a location on
 * another endpoint than the default, and how its requests are signed: `&anonymous` (not at all, like aws-cli's
 * --no-sign-request) or `&profile=name` (that profile of the AWS shared config and credentials files);
 * `file:///abs` or any other string = a local directory (resolved to an absolute path).
 */
export function parseLocation(url: string): ParsedLocation {
  const trimmed = url.trim();
  if (trimmed === '') throw new FerryError('Empty location: expected s3://bucket/prefix or a local directory.');
  if (S3_SCHEME.test(trimmed)) return parseS3(trimmed);
  if (/^file:\/\//i.test(trimmed)) {
    try {
      return { kind: 'dir', path: path.resolve(fileURLToPath(trimmed)) };
    } catch {
      throw new FerryError(`Invalid file location "${trimmed}": expected file:///absolute/path.`);
    }
  }
  const scheme = ANY_SCHEME.exec(trimmed);
  if (scheme) {
    // A typo like gs:// or http:// must not silently become a local directory named "gs:".
    throw new FerryError(`Unsupported location scheme "${scheme[1]}://": use s3://bucket/prefix or a local directory.`);
  }
  return { kind: 'dir', path: path.resolve(trimmed) };
}

function parseS3(url: string): ParsedLocation {
  const withoutScheme = url.replace(S3_SCHEME, '');
  const queryAt = withoutScheme.indexOf('?');
  const pathPart = queryAt === -1 ? withoutScheme : withoutScheme.slice(0, queryAt);
  const query = queryAt === -1 ? '' : withoutScheme.slice(queryAt + 1);
  const slashAt = pathPart.indexOf('/');
  const bucket = slashAt === -1 ? pathPart : pathPart.slice(0, slashAt);
  const shown = `s3://${bucket.includes('@') ? '<credentials>@…' : pathPart}`;

  if (bucket.includes('@') || bucket.includes(':')) {
    throw new FerryError(
      `Location ${shown} carries credentials or a port: credentials come only from the configuration/environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), endpoints from ?endpoint=.`,
    );
  }
  if (bucket === '') throw new FerryError(`Location "${url}" has no bucket: expected s3://bucket/prefix.`);
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    throw new FerryError(
      `Invalid bucket name "${bucket}" in ${shown}: 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.`,
    );
  }
  const prefix = (slashAt === -1 ? '' : pathPart.slice(slashAt + 1)).replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((segment) => segment === '.' || segment === '..') || prefix.includes('//')) {
    throw new FerryError(`Invalid prefix "${prefix}" in ${shown}: no empty, "." or ".." path segments.`);
  }

  const location: ParsedLocation = { kind: 's3', bucket, prefix };
  for (const [name, value] of new URLSearchParams(query)) {
    if (!LOCATION_PARAMS.has(name)) {
      throw new FerryError(`Unknown parameter "${name}" in location ${shown}: only ?endpoint=, ?region=, ?profile= and ?anonymous are allowed.`);
    }
    if (name === 'endpoint') location.endpoint = parseEndpoint(value, shown);
    else if (name === 'anonymous') {
      if (value !== '' && value !== 'true') throw new FerryError(`?anonymous in location ${shown} takes no value (or "true"), got "${value}".`);
      location.anonymous = true;
    } else if (name === 'profile') {
      if (!PROFILE_NAME.test(value))
        throw new FerryError(`Invalid profile "${value}" in location ${shown}: expected a profile name of the AWS shared files.`);
      location.profile = value;
    } else if (value === '') throw new FerryError(`Empty region in location ${shown}.`);
    else location.region = value;
  }
  if (location.anonymous && location.profile !== undefined) {
    throw new FerryError(`Location ${shown} is both ?anonymous and ?profile=${location.profile}: choose one.`);
  }
  return location;
}

/** 'embedded', 'yandex' or an http(s) URL without credentials; returned as written (URLs without a trailing slash). */
export function parseEndpoint(value: string, where = 'the S3 endpoint'): string {
  if (value === 'embedded' || value === 'yandex') return value;
  let endpoint: URL;
  try {
    endpoint = new URL(value);
  } catch {
    throw new FerryError(`Invalid S3 endpoint for ${where}: expected "embedded", "yandex" or an http(s) URL.`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new FerryError(`Invalid S3 endpoint for ${where}: expected "embedded", "yandex" or an http(s) URL.`);
  }
  if (endpoint.username || endpoint.password) {
    throw new FerryError(`The S3 endpoint for ${where} carries credentials: set them in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY instead.`);
  }
  return value.replace(/\/+$/, '');
}

/** What `resolve` takes from the storage settings (a StorageConfig will do). */
export interface LocationSettings {
  /** The endpoint of s3:// locations without ?endpoint= (default 'embedded'). */
  endpoint?: string;
  /** The configured region: --region, AWS_REGION or AWS_DEFAULT_REGION. */
  region?: string;
  /** Where the embedded server keeps its data (default <cwd>/.ferry/s3). */
  embeddedDir?: string;
  /** The embedded server's URL once it runs, for the description. */
  embeddedEndpoint?: string;
}

export interface DirLocation {
  kind: 'dir';
  /** Absolute path. */
  path: string;
  /** How messages name it: the path. */
  label: string;
  /** What `Storage.describe` prints: where it is, never credentials. */
  display: string;
}

/**
 * How a location's requests are signed: with whatever the configuration holds (keys, AWS_PROFILE, the shared
 * files' default profile), with one profile of the shared files, or not at all.
 */
export type Signing = { kind: 'configured' } | { kind: 'profile'; profile: string } | { kind: 'anonymous' };

export interface S3Location {
  kind: 's3';
  signing: Signing;
  bucket: string;
  /** Without surrounding slashes; '' for the whole bucket. */
  prefix: string;
  /** 'embedded' (the server ferry starts; its URL is known once it runs) or the endpoint's http(s) URL. */
  endpoint: string;
  /** The region its requests are signed with and its description names: one rule for both (see regionOf). */
  region: string;
  /** `s3://bucket/prefix`, without the query: how messages name it. */
  label: string;
  /** What `Storage.describe` prints: where it is, never credentials. */
  display: string;
  /** `s3a://bucket/prefix/`: the same root as Spark (hadoop-aws) spells it. */
  s3a: string;
}

export type ResolvedLocation = DirLocation | S3Location;

/** Where a location is and how to reach it, for everything that opens, signs, describes or hands on a location. */
export function resolve(url: string, settings: LocationSettings = {}): ResolvedLocation {
  const location = parseLocation(url);
  if (location.kind === 'dir') return { ...location, label: location.path, display: `${location.path} (local directory)` };
  const { bucket, prefix } = location;
  const label = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
  const s3a = `s3a://${bucket}/${prefix ? `${prefix}/` : ''}`;
  const name = location.endpoint ?? settings.endpoint ?? 'embedded';
  const region = regionOf(name, location.region, settings.region);
  const signing: Signing = location.anonymous
    ? { kind: 'anonymous' }
    : location.profile !== undefined
      ? { kind: 'profile', profile: location.profile }
      : { kind: 'configured' };
  const signed = signing.kind === 'anonymous' ? ', anonymous' : signing.kind === 'profile' ? `, profile ${signing.profile}` : '';
  if (name === 'embedded') {
    if (signing.kind !== 'configured') {
      throw new FerryError(`Location ${label} is on the embedded S3 server, which ferry signs for itself: ?anonymous and ?profile= do not apply.`);
    }
    const at = settings.embeddedEndpoint ? ` at ${settings.embeddedEndpoint}` : '';
    const display = `${label} (embedded S3 server${at}, data in ${embeddedDirOf(settings.embeddedDir)})`;
    return { kind: 's3', signing, bucket, prefix, endpoint: name, region, label, display, s3a };
  }
  const endpoint = name === 'yandex' ? YANDEX_ENDPOINT : name;
  return { kind: 's3', signing, bucket, prefix, endpoint, region, label, display: `${label} (S3 at ${endpoint}, region ${region}${signed})`, s3a };
}

/**
 * The one region rule, for signing and describing alike. The location's own ?region= wins. The yandex endpoint is
 * Yandex Object Storage, whose region is ru-central1: an AWS_REGION set for AWS tools on the same machine must not
 * sign its requests for another region. Otherwise the configured region (--region, AWS_REGION), else ru-central1.
 */
function regionOf(endpointName: string, ofLocation: string | undefined, configured: string | undefined): string {
  if (ofLocation !== undefined) return ofLocation;
  if (endpointName === 'yandex') return YANDEX_REGION;
  return configured ?? DEFAULT_REGION;
}

/** Where the embedded server keeps its data: the configured directory, else <cwd>/.ferry/s3. */
export function embeddedDirOf(configured: string | undefined): string {
  return path.resolve(configured ?? path.join(process.cwd(), '.ferry', 's3'));
}
