import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FerryError } from '@ferry/types';

export type ParsedLocation =
  | { kind: 's3'; bucket: string; prefix: string; endpoint?: string; region?: string }
  | { kind: 'dir'; path: string };

export const YANDEX_ENDPOINT = 'https://storage.yandexcloud.net';
export const YANDEX_REGION = 'ru-central1';

const S3_SCHEME = /^s3a?:\/\//i;
const ANY_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOCATION_PARAMS = new Set(['endpoint', 'region']);

/**
 * `s3://bucket/prefix` (also `s3a://`), optional query `?endpoint=<url|yandex|embedded>&region=...` for a location on
 * another endpoint than the default; `file:///abs` or any other string = a local directory (resolved to an absolute path).
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
      throw new FerryError(`Unknown parameter "${name}" in location ${shown}: only ?endpoint= and ?region= are allowed.`);
    }
    if (name === 'endpoint') location.endpoint = parseEndpoint(value, shown);
    else if (value === '') throw new FerryError(`Empty region in location ${shown}.`);
    else location.region = value;
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
