import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import { jsonFormat, layout, type Logger, type Progress, type Store } from '@ferry/types';
import type { ImageReport, ImageReportEntry, ImageTotals } from './image-report.ts';
import type { Launch } from './launch.ts';
import type { RetryOptions } from './ll2-client.ts';
import type { TokenBucket } from './bandwidth.ts';
import { EXTENSIONS, formatOfContentType, sniffFormat } from './image-type.ts';
import { TransientError, errorMessage } from './http.ts';

const indexEntrySchema = z.object({
  sha256: z.string(),
  bytes: z.number(),
  content_type: z.string(),
  first_seen: z.string(),
});
export type ImageIndexEntry = z.infer<typeof indexEntrySchema>;
/** Image URL → where its bytes are. */
export type ImageIndex = Record<string, ImageIndexEntry>;

/**
 * The image index (`layout.rocket.imageIndex`). Version 2 wraps the URL map in `images` beside the version; version 1,
 * written before the index had a version, was the bare URL map, and reads as such.
 */
export const imageIndexFormat = jsonFormat({
  name: 'ferry image index',
  schema: z.object({ images: z.record(z.string(), indexEntrySchema) }),
  version: 2,
  unversioned: (json) => ({ images: json }),
});

export interface DownloadImagesOptions {
  store: Store;
  launches: readonly Launch[];
  concurrency: number;
  timeoutMs: number;
  retry: RetryOptions;
  /** Shared by all downloads when a bandwidth cap is set. */
  bucket?: TokenBucket;
  log: Logger;
  now: () => Date;
  progress?: Progress;
}

export function imageKey(sha256: string, contentType: string): string {
  const format = formatOfContentType(contentType);
  return layout.rocket.image(sha256, format ? EXTENSIONS[format] : 'bin');
}

/**
 * Downloads every launch image not yet stored, each unique URL once, content-addressed by SHA-256,
 * and reports one entry per launch. Failures are entries with a reason, never exceptions.
 */
export async function downloadImages(options: DownloadImagesOptions): Promise<ImageReport> {
  const { store, launches, log } = options;
  const { index, writable } = await readIndex(store, log);
  const firstLaunchOfUrl = new Map<string, string>();
  for (const launch of launches) {
    if (launch.image_url && !firstLaunchOfUrl.has(launch.image_url)) firstLaunchOfUrl.set(launch.image_url, launch.id);
  }
  // Which URL first brought each content hash in this run: the second URL with the same bytes is a duplicate.
  const claimedHashes = new Map<string, string>();
  const limit = pLimit(options.concurrency);
  const started = performance.now();
  let bytesDownloaded = 0;
  const results = new Map<string, Promise<UrlResult>>();
  for (const url of firstLaunchOfUrl.keys()) {
    results.set(
      url,
      limit(async () => {
        const result = await fetchOne(url, index, claimedHashes, options);
        if (result.received) bytesDownloaded += result.received;
        options.progress?.advance(1);
        return result;
      }),
    );
  }
  await Promise.all(results.values());
  const elapsedMs = performance.now() - started;
  options.progress?.done();

  const images: ImageReportEntry[] = [];
  for (const launch of launches) {
    const url = launch.image_url;
    if (!url) {
      images.push({ url: null, launch_id: launch.id, status: 'no_image' });
      continue;
    }
    const result = await results.get(url)!;
    if (firstLaunchOfUrl.get(url) === launch.id) {
      images.push({ url, launch_id: launch.id, ...result.entry });
    } else if (result.entry.status === 'failed') {
      images.push({ url, launch_id: launch.id, status: 'failed', reason: result.entry.reason! });
    } else {
      const { sha256, bytes } = result.entry;
      images.push({
        url,
        launch_id: launch.id,
        status: 'duplicate',
        reason: `same URL as launch ${firstLaunchOfUrl.get(url)}`,
        ...definedOnly({ sha256, bytes }),
      });
    }
  }

  let indexChanged = false;
  for (const result of await Promise.all(results.values())) {
    if (result.indexEntry) {
      index[result.url] = result.indexEntry;
      indexChanged = true;
    }
  }
  if (indexChanged && writable)
    await store.write(layout.rocket.imageIndex, imageIndexFormat.encode({ images: sortedIndex(index) }), { contentType: 'application/json' });

  const count = (status: ImageReportEntry['status']) => images.filter((entry) => entry.status === status).length;
  const totals: ImageTotals = {
    launches: launches.length,
    unique_urls: firstLaunchOfUrl.size,
    downloaded: count('downloaded'),
    present: count('present'),
    duplicate: count('duplicate'),
    failed: count('failed'),
    no_image: count('no_image'),
    bytes_downloaded: bytesDownloaded,
  };
  const throughput = bytesDownloaded > 0 ? Math.round(bytesDownloaded / (elapsedMs / 1000)) : 0;
  return { images, totals, throughput_bytes_per_second: throughput, elapsed_ms: Math.round(elapsedMs) };
}

type UrlEntry = Omit<ImageReportEntry, 'url' | 'launch_id'>;

interface UrlResult {
  url: string;
  entry: UrlEntry;
  /** Bytes received for this URL (0 when it was already stored or failed). */
  received: number;
  /** Set when the index learns this URL. */
  indexEntry?: ImageIndexEntry;
}

async function fetchOne(url: string, index: ImageIndex, claimedHashes: Map<string, string>, options: DownloadImagesOptions): Promise<UrlResult> {
  const { store, log } = options;
  const known = index[url];
  if (known && (await store.head(imageKey(known.sha256, known.content_type)))) {
    return { url, entry: { status: 'present', sha256: known.sha256, bytes: known.bytes }, received: 0 };
  }
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    log.warn('image failed', { url, reason: 'not an http(s) URL' });
    return { url, entry: { status: 'failed', reason: 'not an http(s) URL' }, received: 0 };
  }
  let lastAttemptMs = 0;
  let image: FetchedImage;
  try {
    image = await pRetry(
      async () => {
        const attemptStarted = performance.now();
        try {
          return await fetchImage(url, options);
        } finally {
          lastAttemptMs = Math.round(performance.now() - attemptStarted);
        }
      },
      {
        retries: options.retry.retries,
        minTimeout: options.retry.minTimeoutMs,
        randomize: true,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0) log.warn('image download failed; retrying', { url, attempt: attemptNumber, error: error.message });
        },
      },
    );
  } catch (error) {
    const reason = errorMessage(error);
    log.warn('image failed', { url, reason });
    return { url, entry: { status: 'failed', reason, ms: lastAttemptMs }, received: 0 };
  }

  const sha256 = createHash('sha256').update(image.body).digest('hex');
  const indexEntry: ImageIndexEntry = { sha256, bytes: image.body.length, content_type: image.contentType, first_seen: options.now().toISOString() };
  const measured = { sha256, bytes: image.body.length, ms: lastAttemptMs };
  const key = imageKey(sha256, image.contentType);
  const claimedBy = claimedHashes.get(sha256);
  if (claimedBy === undefined) claimedHashes.set(sha256, url);
  if (claimedBy !== undefined || (await store.head(key))) {
    const reason = claimedBy ? `same bytes as ${claimedBy}` : 'same bytes as an image stored earlier';
    log.info('image is a duplicate', { url, sha256, reason });
    return { url, entry: { status: 'duplicate', reason, ...measured }, received: image.body.length, indexEntry };
  }
  await store.write(key, image.body, { contentType: image.contentType });
  log.debug('image downloaded', { url, ...measured });
  return { url, entry: { status: 'downloaded', ...measured }, received: image.body.length, indexEntry };
}

interface FetchedImage {
  body: Buffer;
  contentType: string;
}

/**
 * One attempt. The timeout is an inactivity timeout (no headers or no data for timeoutMs), so a
 * large image under a low bandwidth cap is not cut off while it is still moving.
 */
async function fetchImage(url: string, options: DownloadImagesOptions): Promise<FetchedImage> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
  };
  const timeoutReason = () => `timeout: nothing received for ${options.timeoutMs} ms`;
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, headers: { 'user-agent': 'ferry-rocket' } });
    } catch (error) {
      throw new TransientError(timedOut ? timeoutReason() : errorMessage(error));
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      throw new TransientError(`HTTP ${response.status}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AbortError(`HTTP ${response.status}`);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('image/')) {
      await response.body?.cancel();
      throw new AbortError(`Content-Type ${contentType === '' ? '(missing)' : contentType} is not an image`);
    }
    const announced = formatOfContentType(contentType);
    if (!announced) {
      await response.body?.cancel();
      throw new AbortError(`unsupported image type ${contentType}`);
    }
    const lengthHeader = response.headers.get('content-length');
    const expected = lengthHeader === null ? undefined : Number(lengthHeader);
    const chunks: Uint8Array[] = [];
    let received = 0;
    const truncated = () => `truncated: Content-Length ${expected}, received ${received} bytes`;
    try {
      const reader = response.body?.getReader();
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        const chunk = next.value;
        clearTimeout(timer);
        chunks.push(chunk);
        received += chunk.length;
        if (options.bucket) await options.bucket.take(chunk.length);
        arm();
      }
    } catch (error) {
      if (timedOut) throw new TransientError(timeoutReason());
      if (expected !== undefined && received < expected) throw new TransientError(truncated());
      throw new TransientError(errorMessage(error));
    }
    if (expected !== undefined && received !== expected) throw new TransientError(truncated());
    if (received === 0) throw new AbortError('empty body');
    const body = Buffer.concat(chunks);
    const actual = sniffFormat(body);
    if (!actual) throw new AbortError(`body is not a ${announced} image (first bytes ${body.subarray(0, 4).toString('hex')})`);
    if (actual !== announced) throw new AbortError(`body is ${actual} but Content-Type says ${contentType}`);
    return { body, contentType };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The stored index, and whether this run may rewrite it. Objects are content-addressed, so an unreadable index costs
 * downloads, never data: it is started afresh. One written by a newer ferry is left as it is.
 */
async function readIndex(store: Store, log: Logger): Promise<{ index: ImageIndex; writable: boolean }> {
  const text = await store.readText(layout.rocket.imageIndex);
  if (text === undefined) return { index: {}, writable: true };
  const decoded = imageIndexFormat.decode(text);
  if (decoded.ok) return { index: decoded.value.images, writable: true };
  if (decoded.problem.kind === 'newer') {
    log.warn('image index was written by a newer ferry; this run neither uses nor updates it', {
      key: layout.rocket.imageIndex,
      version: decoded.problem.version,
    });
    return { index: {}, writable: false };
  }
  log.warn('image index is unreadable; starting a new one', { key: layout.rocket.imageIndex });
  return { index: {}, writable: true };
}

function sortedIndex(index: ImageIndex): ImageIndex {
  return Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b)));
}

function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
