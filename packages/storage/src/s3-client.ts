import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { S3Client } from '@aws-sdk/client-s3';
import { FerryError } from '@ferry/types';
import type { Encryption } from './store-base.ts';

/** An AWS credential identity, as the SDK's providers resolve one. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface S3Endpoint {
  /** http(s) URL. */
  url: string;
  region: string;
  forcePathStyle: boolean;
  /** The signing key as first resolved ('' when unsigned): it tells credentials apart (client reuse, server-side copies). */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Where fresh credentials come from when they expire (a shared-files profile); else the keys above are used as they are. */
  credentials?: () => Promise<S3Credentials>;
  /** Requests are not signed at all (a public bucket read like aws-cli's --no-sign-request). */
  anonymous?: boolean;
}

/** Errors of unsigned requests, so that an access denied can say the request was anonymous. */
const unsignedErrors = new WeakSet<object>();

/**
 * An S3Client that works with s3rver and Yandex Object Storage: since aws-sdk ≈3.729 CRC32 checksums and aws-chunked
 * bodies are sent by default, which both mishandle, so checksums only when an operation requires them; and
 * DeleteObjects gets the Content-MD5 header Yandex requires but the SDK no longer sends (aws-sdk-js-v3 #6819).
 */
export function createS3Client(endpoint: S3Endpoint): S3Client {
  // ferry targets Node 20 on purpose; the SDK's "future versions need Node 22" warning would only confuse users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new S3Client({
    endpoint: endpoint.url,
    region: endpoint.region,
    forcePathStyle: endpoint.forcePathStyle,
    ...(endpoint.anonymous ? UNSIGNED : { credentials: endpoint.credentials ?? staticKeys(endpoint) }),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Each command class's middleware is put together once, not at every request (≈0.2 ms each for many small
    // objects); ferry's own middleware below is added before the first request, and never changed after it.
    cacheMiddleware: true,
  });
  // The SDK's logger middleware builds a redacted copy of every input and output for a logger that ferry never sets.
  client.middlewareStack.remove('loggerMiddleware');
  if (endpoint.anonymous) {
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if (typeof error === 'object' && error !== null) unsignedErrors.add(error);
          throw error;
        }
      },
      { step: 'initialize', name: 'ferryUnsignedErrors' },
    );
  }
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      if (
        context.commandName === 'DeleteObjectsCommand' &&
        request.headers &&
        (typeof request.body === 'string' || request.body instanceof Uint8Array)
      ) {
        request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
      }
      return next(args);
    },
    { step: 'build', name: 'ferryDeleteObjectsContentMd5' },
  );
  return client;
}

/**
 * The SDK's own way to send a request unsigned: the Smithy `noAuth` scheme, chosen for every operation, with a signer
 * that leaves the request as it is and an identity that is empty, so no credential provider is ever asked.
 */
const UNSIGNED = {
  httpAuthSchemes: [
    { schemeId: 'smithy.api#noAuth', identityProvider: () => async () => ({}), signer: { sign: async <Request>(request: Request) => request } },
  ],
  httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }],
};

function staticKeys(endpoint: S3Endpoint): S3Credentials {
  return {
    accessKeyId: endpoint.accessKeyId,
    secretAccessKey: endpoint.secretAccessKey,
    ...(endpoint.sessionToken ? { sessionToken: endpoint.sessionToken } : {}),
  };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** HTTP status of an SDK error, if any. */
export function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

export function codeOf(error: unknown): string | undefined {
  const e = error as { Code?: string; code?: string; name?: string };
  return e?.Code ?? e?.code ?? e?.name;
}

/** The object is missing (a missing bucket is an error, not an absent object; HEAD cannot tell them apart). */
export function isNotFound(error: unknown): boolean {
  const code = codeOf(error);
  return code !== 'NoSuchBucket' && (statusOf(error) === 404 || code === 'NoSuchKey' || code === 'NotFound');
}

function isUnsigned(error: unknown): boolean {
  return typeof error === 'object' && error !== null && unsignedErrors.has(error);
}

/** Turns an SDK error into one clear line: where, what, HTTP status/code, operation — never credentials. */
export function s3Error(error: unknown, where: string, operation: string, endpointUrl: string): FerryError {
  if (error instanceof FerryError) return error;
  const status = statusOf(error);
  const code = codeOf(error);
  let what: string;
  if (code && NETWORK_CODES.has(code)) what = `cannot reach the S3 endpoint ${endpointUrl} (${code})`;
  else if (status === 403 || code === 'AccessDenied' || code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch') {
    what = isUnsigned(error) ? 'access denied to an anonymous request (this location is read without credentials)' : 'access denied';
  } else if (code === 'NoSuchBucket') what = 'bucket does not exist';
  else if (isNotFound(error)) what = 'not found';
  else what = 'failed';
  const detail = [status, code && code !== 'Error' && !NETWORK_CODES.has(code) ? code : undefined].filter(Boolean).join(' ');
  return new FerryError(`${where}: ${what}${detail ? ` (${detail})` : ''} on ${operation}`, { cause: error });
}

/**
 * What a lean request needs of a client, resolved once: the endpoint's URL (undefined for one that lean requests do not
 * serve), its signer (none when unsigned), region and request handler.
 */
interface LeanParts {
  url?: URL;
  signer?: { sign(request: unknown, options: { signingRegion: string; signingService: string }): Promise<unknown> };
  region: string;
  handler: { handle(request: unknown): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Readable } }> };
}
const leanParts = new WeakMap<S3Client, Promise<LeanParts>>();

function partsOf(client: S3Client, endpoint: S3Endpoint): Promise<LeanParts> {
  let parts = leanParts.get(client);
  if (!parts) {
    const config = client.config as unknown as {
      signer: () => Promise<LeanParts['signer']>;
      region: () => Promise<string>;
      requestHandler: LeanParts['handler'];
    };
    const url = new URL(endpoint.url);
    parts = (async () => ({
      url: endpoint.forcePathStyle && url.pathname === '/' && url.search === '' ? url : undefined,
      signer: endpoint.anonymous ? undefined : await config.signer(),
      region: await config.region(),
      handler: config.requestHandler,
    }))();
    leanParts.set(client, parts);
  }
  return parts;
}

/** A small object read whole by leanGet; its encryption decides whether its ETag is an MD5 (md5Named). */
export interface LeanObject extends Encryption {
  body: Buffer;
  etag?: string;
  contentType?: string;
}

/*
 * Lean requests: GetObject and PutObject of a small object, and CopyObject, without the SDK's per-request middleware (endpoint rules,
 * a signer built per request, schema (de)serialisation, logging), signed by the client's own signer and sent through
 * its own connection pool. That middleware costs ≈ 0.4 ms of CPU per request, as much as the rest of a small copy,
 * and as much as rclone spends on all of it. Only a 200 is taken: anything else (an error, a redirect, a dropped
 * connection) answers undefined, and the caller makes the request again with the SDK's command, which retries and
 * explains. Path-style endpoints without a path only (ferry's default); undefined for any other.
 */

/** A small object whole, or undefined (see above). */
export async function leanGet(client: S3Client, endpoint: S3Endpoint, bucket: string, key: string): Promise<LeanObject | undefined> {
  const response = await leanRequest(client, endpoint, 'GET', bucket, key, {});
  if (!response) return undefined;
  const length = response.headers['content-length'];
  if (length !== undefined && response.body.length !== Number(length)) return undefined;
  return {
    body: response.body,
    etag: response.headers.etag,
    contentType: response.headers['content-type'],
    serverSideEncryption: response.headers['x-amz-server-side-encryption'],
    customerKeyAlgorithm: response.headers['x-amz-server-side-encryption-customer-algorithm'],
  };
}

/**
 * Puts a small object (with its Content-MD5, so the server checks what it received); its ETag, or undefined (see
 * above). `metadata` are x-amz-meta-* values.
 */
export async function leanPut(
  client: S3Client,
  endpoint: S3Endpoint,
  bucket: string,
  key: string,
  body: Uint8Array,
  options: { contentType?: string; metadata?: Record<string, string> },
): Promise<string | undefined> {
  const headers: Record<string, string> = {
    'content-length': String(body.byteLength),
    'content-md5': createHash('md5').update(body).digest('base64'),
  };
  if (options.contentType) headers['content-type'] = options.contentType;
  for (const [name, value] of Object.entries(options.metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
  return (await leanRequest(client, endpoint, 'PUT', bucket, key, headers, body))?.headers.etag;
}

/**
 * CopyObject (`headers` name the source and its conditions, x-amz-copy-source…, x-amz-metadata-directive); the
 * copy's ETag, or undefined (see above), also when the answer is not a CopyObjectResult (S3 may report a failed copy
 * in the body of a 200).
 */
export async function leanCopy(
  client: S3Client,
  endpoint: S3Endpoint,
  bucket: string,
  key: string,
  headers: Record<string, string>,
): Promise<string | undefined> {
  const response = await leanRequest(client, endpoint, 'PUT', bucket, key, headers);
  const etag = response && /<CopyObjectResult[\s>][\s\S]*<ETag>([^<]*)<\/ETag>/.exec(response.body.toString('utf8'))?.[1];
  return etag?.replace(/&quot;|&#34;/g, '"');
}

async function leanRequest(
  client: S3Client,
  endpoint: S3Endpoint,
  method: 'GET' | 'PUT',
  bucket: string,
  key: string,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<{ headers: Record<string, string>; body: Buffer } | undefined> {
  try {
    const { url, signer, region, handler } = await partsOf(client, endpoint);
    if (!url) return undefined;
    const request = {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `/${[bucket, ...key.split('/')].map(uriEscape).join('/')}`,
      query: {},
      headers: { ...headers, host: url.host },
      body,
    };
    const signed = signer ? await signer.sign(request, { signingRegion: region, signingService: 's3' }) : request;
    const { response } = await handler.handle(signed);
    const answer = await buffer(response.body);
    return response.statusCode === 200 ? { headers: response.headers, body: answer } : undefined;
  } catch {
    return undefined;
  }
}

/** The URI encoding of a path segment that S3 (and the SDK) sign: RFC 3986 unreserved characters stay. */
function uriEscape(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
