import { createHash } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import { jsonFormat, layout, type Logger, type Progress, type Store } from '@ferry/types';
import type { ImageReport, ImageReportEntry, ImageTotals } from './image-report.ts';
import type { Launch } from './launch.ts';
import type { RetryOptions } from './ll2-client.ts';
import { TokenBucket } from './bandwidth.ts';
import { EXTENSIONS, formatOfContentType, sniffFormat } from './image-type.ts';
import { TransientError, errorMessage } from './http.ts';

const indexEntrySchema = z.object({
  sha256: z.string(),
  bytes: z.number(),
  content_type: z.string(),
  first_seen: z.string(),
  /** The last run that found it in use (images stored before this was kept have none): what prune goes by. */
  last_seen: z.string().optional(),
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
  /** Parallel downloads from one host (default: the global concurrency). */
  perHostConcurrency?: number;
  /** Download rate cap per host, next to the global one. */
  perHostBytesPerSecond?: number;
  log: Logger;
  now: () => Date;
  progress?: Progress;
}

/** A launch image larger than this is not a launch image; it is refused while it streams. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export function imageKey(sha256: string, contentType: string): string {
  const format = formatOfContentType(contentType);
  return layout.rocket.image(sha256, format ? EXTENSIONS[format] : 'bin');
}

/** Where a launch's image came from: its own image, or a fallback when that failed. */
export type ImageSource = 'image' | 'thumbnail' | 'rocket_image';

/**
 * Downloads every launch image not yet stored, each unique URL once, content-addressed by SHA-256, and reports one
 * entry per launch. A launch whose image fails after its retries gets its fallbacks, in order (the image's thumbnail,
 * then the rocket's image), recorded as such. Failures are entries with a reason, never exceptions.
 */
export async function downloadImages(options: DownloadImagesOptions): Promise<ImageReport> {
  const { store, launches, log } = options;
  const { index, writable } = await readIndex(store, log);
  const fetcher = new UrlFetcher(index, options);
  const started = performance.now();

  // Every primary URL at once, then each failed launch's next fallback, round by round.
  const primaries = [...new Set(launches.flatMap((launch) => (launch.image_url ? [launch.image_url] : [])))];
  await Promise.all(primaries.map((url) => fetcher.get(url)));
  const chosen = new Map<string, { url: string; source: ImageSource; fallbackReason?: string }>();
  for (const launch of launches) if (launch.image_url) chosen.set(launch.id, { url: launch.image_url, source: 'image' });
  for (const source of ['thumbnail', 'rocket_image'] as const) {
    const retrying: Promise<unknown>[] = [];
    for (const launch of launches) {
      const current = chosen.get(launch.id);
      const fallback = source === 'thumbnail' ? launch.thumbnail_url : launch.rocket_image_url;
      if (!current || !fallback || fallback === current.url) continue;
      const result = await fetcher.peek(current.url);
      if (result?.entry.status !== 'failed') continue;
      const fallbackReason = current.fallbackReason ?? result.entry.reason;
      chosen.set(launch.id, { url: fallback, source, ...(fallbackReason ? { fallbackReason } : {}) });
      log.info('image failed; trying a fallback source', { launch: launch.name, failed: current.url, source, url: fallback });
      retrying.push(fetcher.get(fallback));
    }
    await Promise.all(retrying);
  }
  const elapsedMs = performance.now() - started;
  options.progress?.done();

  // Entries in launch order: the first launch to use a URL has its download, the others are duplicates of it.
  const firstUser = new Map<string, string>();
  const images: ImageReportEntry[] = [];
  for (const launch of launches) {
    const about = { launch_id: launch.id, launch_name: launch.name, rocket: launch.rocket };
    const pick = chosen.get(launch.id);
    if (!launch.image_url || !pick) {
      images.push({ url: null, ...about, status: 'no_image' });
      continue;
    }
    let result = (await fetcher.peek(pick.url))!;
    let viaFallback = {};
    if (pick.source !== 'image' && result.entry.status === 'failed') {
      // Every source failed: the entry is the launch's own image's failure, with what its fallbacks answered.
      const tried = [launch.thumbnail_url, launch.rocket_image_url].filter((url): url is string => url !== null && url !== launch.image_url);
      const answers = await Promise.all(tried.map(async (url) => `${url}: ${(await fetcher.peek(url))?.entry.reason ?? 'not tried'}`));
      viaFallback = { fallbacks_failed: answers.join('; ') };
      result = (await fetcher.peek(launch.image_url))!;
    } else if (pick.source !== 'image') {
      viaFallback = { source: pick.source, fetched_url: pick.url, fallback_reason: pick.fallbackReason ?? 'failed' };
    }
    const base = { url: launch.image_url, ...about, ...viaFallback };
    const earlier = firstUser.get(pick.url);
    if (earlier === undefined) firstUser.set(pick.url, launch.id);
    if (earlier === undefined || result.entry.status === 'failed') {
      images.push({ ...base, ...result.entry, ...(earlier === undefined ? {} : { attempts: 0, ms: 0 }) });
    } else {
      const { sha256, bytes, file, host } = result.entry;
      images.push({ ...base, status: 'duplicate', reason: `same URL as launch ${earlier}`, ...definedOnly({ sha256, bytes, file, host }) });
    }
  }

  const seenAt = options.now().toISOString();
  let indexChanged = false;
  for (const result of fetcher.settled()) {
    if (result.indexEntry) {
      index[result.url] = result.indexEntry;
      indexChanged = true;
    } else if (index[result.url] && result.entry.status === 'present') {
      index[result.url] = { ...index[result.url]!, last_seen: seenAt };
      indexChanged = true;
    }
  }
  if (indexChanged && writable)
    await store.write(layout.rocket.imageIndex, imageIndexFormat.encode({ images: sortedIndex(index) }), { contentType: 'application/json' });

  const count = (status: ImageReportEntry['status']) => images.filter((entry) => entry.status === status).length;
  const totals: ImageTotals = {
    launches: launches.length,
    unique_urls: primaries.length,
    downloaded: count('downloaded'),
    present: count('present'),
    duplicate: count('duplicate'),
    failed: count('failed'),
    no_image: count('no_image'),
    bytes_downloaded: fetcher.bytesReceived,
  };
  const throughput = fetcher.bytesReceived > 0 ? Math.round(fetcher.bytesReceived / (elapsedMs / 1000)) : 0;
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

/**
 * Fetches each URL once, under the global and per-host limits (a host's slot is taken before a global one, so a
 * busy host never holds global slots while it waits), with one bandwidth bucket per host beside the global one.
 */
class UrlFetcher {
  bytesReceived = 0;
  private readonly results = new Map<string, Promise<UrlResult>>();
  private readonly done: UrlResult[] = [];
  private readonly global: LimitFunction;
  private readonly hosts = new Map<string, { limit: LimitFunction; bucket?: TokenBucket }>();
  // Which URL first brought each content hash in this run: the second URL with the same bytes is a duplicate.
  private readonly claimedHashes = new Map<string, string>();

  constructor(
    private readonly index: ImageIndex,
    private readonly options: DownloadImagesOptions,
  ) {
    this.global = pLimit(options.concurrency);
  }

  get(url: string): Promise<UrlResult> {
    let result = this.results.get(url);
    if (!result) {
      const host = hostOf(url);
      result = this.host(host).limit(() =>
        this.global(async () => {
          const fetched = await fetchOne(url, this.index, this.claimedHashes, this.options, this.host(host).bucket);
          this.bytesReceived += fetched.received;
          this.done.push(fetched);
          this.options.progress?.advance(1);
          return fetched;
        }),
      );
      this.results.set(url, result);
    }
    return result;
  }

  peek(url: string): Promise<UrlResult> | undefined {
    return this.results.get(url);
  }

  settled(): readonly UrlResult[] {
    return this.done;
  }

  private host(host: string): { limit: LimitFunction; bucket?: TokenBucket } {
    let limits = this.hosts.get(host);
    if (!limits) {
      const { perHostConcurrency, perHostBytesPerSecond, concurrency } = this.options;
      limits = {
        limit: pLimit(perHostConcurrency ?? concurrency),
        ...(perHostBytesPerSecond ? { bucket: new TokenBucket(perHostBytesPerSecond) } : {}),
      };
      this.hosts.set(host, limits);
    }
    return limits;
  }
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : '';
}

async function fetchOne(
  url: string,
  index: ImageIndex,
  claimedHashes: Map<string, string>,
  options: DownloadImagesOptions,
  hostBucket: TokenBucket | undefined,
): Promise<UrlResult> {
  const { store, log } = options;
  const host = hostOf(url);
  const known = index[url];
  if (known && (await store.head(imageKey(known.sha256, known.content_type)))) {
    const file = imageKey(known.sha256, known.content_type);
    return { url, entry: { status: 'present', sha256: known.sha256, bytes: known.bytes, host, file, attempts: 0 }, received: 0 };
  }
  // Refused before any request: a file:, data: or javascript: URL in a response is never fetched.
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    log.warn('image failed', { url, reason: 'not an http(s) URL' });
    return { url, entry: { status: 'failed', reason: 'not an http(s) URL', attempts: 0 }, received: 0 };
  }
  let attempts = 0;
  let ttfbMs: number | undefined;
  const started = performance.now();
  let image: FetchedImage;
  try {
    image = await pRetry(
      async () => {
        attempts += 1;
        const attemptStarted = performance.now();
        return fetchImage(url, options, hostBucket, () => (ttfbMs = Math.round(performance.now() - attemptStarted)));
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
    log.warn('image failed', { url, reason, attempts });
    const timing = { ms: Math.round(performance.now() - started), ...(ttfbMs === undefined ? {} : { ttfb_ms: ttfbMs }) };
    return { url, entry: { status: 'failed', reason, host, attempts, ...timing }, received: 0 };
  }

  const sha256 = createHash('sha256').update(image.body).digest('hex');
  const seen = options.now().toISOString();
  const indexEntry: ImageIndexEntry = { sha256, bytes: image.body.length, content_type: image.contentType, first_seen: seen, last_seen: seen };
  const key = imageKey(sha256, image.contentType);
  const measured = { sha256, bytes: image.body.length, ms: Math.round(performance.now() - started), ttfb_ms: ttfbMs ?? 0, attempts, host, file: key };
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
async function fetchImage(
  url: string,
  options: DownloadImagesOptions,
  hostBucket: TokenBucket | undefined,
  onHeaders: () => void,
): Promise<FetchedImage> {
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
    onHeaders();
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
    if (expected !== undefined && expected > MAX_IMAGE_BYTES) {
      await response.body?.cancel();
      throw new AbortError(`Content-Length ${expected} is over the ${MAX_IMAGE_BYTES}-byte limit for an image`);
    }
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
        if (received > MAX_IMAGE_BYTES) {
          await reader?.cancel();
          throw new AbortError(`body is over the ${MAX_IMAGE_BYTES}-byte limit for an image`);
        }
        if (options.bucket) await options.bucket.take(chunk.length);
        if (hostBucket) await hostBucket.take(chunk.length);
        arm();
      }
    } catch (error) {
      if (error instanceof AbortError) throw error;
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
