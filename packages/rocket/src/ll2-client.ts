import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import { FerryError } from '@ferry/types';
import type { Logger } from '@ferry/types';
import { parseLaunchPage } from './launch.ts';
import type { Launch, LaunchPage } from './launch.ts';
import type { ApiVersion } from './settings.ts';
import { TransientError, errorMessage, retryAfterMs, sleep } from './http.ts';
import { apiVersionOf } from './settings.ts';

/** The API caps `limit` at 100 per page. */
const MAX_PAGE_SIZE = 100;
/** Longer waits (an exhausted anonymous quota resets hourly) are better reported than slept through. */
const MAX_RATE_LIMIT_WAIT_MS = 120_000;
const MAX_RATE_LIMIT_WAITS = 3;
/** A page of 100 launches in 2.3.0's normal mode is well under 1 MB: more is not a launch list, and is not read. */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export interface RetryOptions {
  retries: number;
  minTimeoutMs: number;
}

export interface Ll2ClientOptions {
  api: string;
  token?: string;
  timeoutMs: number;
  retry: RetryOptions;
  log: Logger;
}

export type PageKind = 'upcoming' | 'previous';

/** The API asks for a wait longer than a run should sleep: a backfill stops here and goes on next run. */
export class RateLimitedError extends FerryError {}

/** Hands over each page as it arrives, so a run that fails later still has what it read. */
export type OnPage = (page: FetchedPage) => Promise<void> | void;

export interface PreviousQuery {
  /** Launches at or after this instant. */
  since: Date;
  /** Launches before this instant (the report's "as of"). */
  until: Date;
  limit: number;
  maxPages: number;
  /** Where a backfill stopped last time (path and query of the next page); default the first page. */
  resumeFrom?: string;
}

export interface PreviousResult {
  pages: FetchedPage[];
  /** Path and query of the page after the last one read, when there is more to read. */
  next: string | null;
  /** Whether the pages reached back to `since` (or the end of the list). */
  complete: boolean;
}

export interface FetchedPage {
  kind: PageKind;
  /** 1-based within its kind. */
  number: number;
  url: string;
  /** The response body exactly as received. */
  body: Uint8Array;
  page: LaunchPage;
}

const throttleSchema = z.object({
  your_request_limit: z.number(),
  limit_frequency_secs: z.number(),
  current_use: z.number(),
  next_use_secs: z.number(),
});

/** Launch Library 2 client: pages, rate limit, retries, validation. The token only ever goes into a header. */
export class Ll2Client {
  readonly version: ApiVersion;
  private readonly base: URL;

  constructor(private readonly options: Ll2ClientOptions) {
    this.version = apiVersionOf(options.api);
    this.base = new URL(options.api.replace(/\/*$/, '/'));
  }

  /** Calls that fetching `limit` upcoming launches plus one page of previous ones will cost. */
  callsNeeded(limit: number): number {
    return Math.ceil(limit / Math.min(limit, MAX_PAGE_SIZE)) + 1;
  }

  /**
   * Asks /api-throttle/ (2.3.0 only; free of charge) whether the quota covers this run.
   * With no call left it waits for the next one when that is near, else fails with when to come back.
   */
  async checkQuota(callsNeeded: number): Promise<number | undefined> {
    if (this.version !== '2.3.0') return undefined;
    const url = new URL('api-throttle/', this.base).toString();
    let throttle: z.infer<typeof throttleSchema>;
    try {
      const response = await fetch(url, { headers: this.headers(), signal: AbortSignal.timeout(this.options.timeoutMs) });
      const parsed = throttleSchema.safeParse(response.ok ? await response.json() : undefined);
      if (!parsed.success) throw new Error(`HTTP ${response.status}`);
      throttle = parsed.data;
    } catch (error) {
      this.options.log.warn('could not read the API quota; going on', { url, error: errorMessage(error) });
      return undefined;
    }
    const left = throttle.your_request_limit - throttle.current_use;
    this.options.log.info('API quota', {
      calls_left: left,
      limit: throttle.your_request_limit,
      per_secs: throttle.limit_frequency_secs,
      calls_needed: callsNeeded,
    });
    if (left >= callsNeeded) return left;
    if (left > 0) {
      this.options.log.warn('API quota is low: later pages may be rate limited', { calls_left: left, calls_needed: callsNeeded });
      return left;
    }
    const waitMs = throttle.next_use_secs * 1000;
    if (waitMs > MAX_RATE_LIMIT_WAIT_MS) {
      throw new FerryError(
        `Launch Library quota used up (${throttle.your_request_limit} calls per ${throttle.limit_frequency_secs} s); ` +
          `next call possible in ${throttle.next_use_secs} s. Try later, or use an API key for a higher limit.`,
      );
    }
    this.options.log.info('API quota used up; waiting for the next call', { wait_ms: waitMs });
    await sleep(waitMs);
    return 1;
  }

  /** Upcoming launches, following `next` until `limit` launches are read. */
  async upcoming(limit: number, onPage?: OnPage): Promise<FetchedPage[]> {
    const path = this.version === '2.0.0' ? 'launch/upcoming/' : 'launches/upcoming/';
    const first = new URL(path, this.base);
    first.searchParams.set('limit', String(Math.min(limit, MAX_PAGE_SIZE)));
    const { pages } = await this.pages('upcoming', first.toString(), limit, Number.POSITIVE_INFINITY, () => false, onPage);
    return pages;
  }

  /**
   * Launches in [since, until), newest first, at most `maxPages` pages (for the rate limit's sake). 2.3.0 filters
   * on the server; 2.0.0 has no documented net filter, so its newest-first pages are cut client-side.
   */
  async previous(query: PreviousQuery, onPage?: OnPage): Promise<PreviousResult> {
    const { since, until } = query;
    const first = new URL(this.version === '2.0.0' ? 'launch/previous/' : 'launches/previous/', this.base);
    first.searchParams.set('limit', String(Math.min(query.limit, MAX_PAGE_SIZE)));
    if (this.version === '2.3.0') {
      first.searchParams.set('net__gte', since.toISOString());
      first.searchParams.set('net__lt', until.toISOString());
    }
    first.searchParams.set('ordering', '-net');
    const start = query.resumeFrom ? this.followable(query.resumeFrom) : first.toString();
    const inRange = (launch: Launch) => launch.net !== null && Date.parse(launch.net) >= since.getTime() && Date.parse(launch.net) < until.getTime();
    const reachedSince = (page: LaunchPage) => page.launches.some((launch) => launch.net !== null && Date.parse(launch.net) < since.getTime());
    const result = await this.pages('previous', start, query.limit, query.maxPages, reachedSince, onPage, (page) => {
      page.launches = page.launches.filter(inRange);
    });
    return result;
  }

  private async pages(
    kind: PageKind,
    firstUrl: string,
    limit: number,
    maxPages: number,
    reachedEnd: (page: LaunchPage) => boolean,
    onPage?: OnPage,
    keep: (page: LaunchPage) => void = () => undefined,
  ): Promise<PreviousResult> {
    const pages: FetchedPage[] = [];
    let url: string | null = firstUrl;
    let launches = 0;
    let complete = false;
    while (url && launches < limit && pages.length < maxPages) {
      const body = await this.get(url);
      const source = `${kind} page ${pages.length + 1}`;
      const page = parseLaunchPage(parseJson(body, source), this.version, source);
      const ended = reachedEnd(page);
      keep(page);
      const remaining = limit - launches;
      if (page.launches.length > remaining) page.launches = page.launches.slice(0, remaining);
      const fetched: FetchedPage = { kind, number: pages.length + 1, url, body, page };
      pages.push(fetched);
      launches += page.launches.length;
      this.options.log.info('fetched launches', { page: source, launches: page.launches.length, count: page.count });
      await onPage?.(fetched);
      if (ended || !page.next) {
        complete = true;
        url = null;
        break;
      }
      // The link is checked only when it is followed: a page we never fetch cannot fail the run.
      url = launches < limit && pages.length < maxPages ? this.followable(page.next) : page.next;
    }
    return { pages, next: complete || !url ? null : pathAndQuery(url), complete };
  }

  /** GET with retries for transient failures and patient waits for 429; returns the body bytes. */
  private async get(url: string): Promise<Uint8Array> {
    const { retries, minTimeoutMs } = this.options.retry;
    try {
      return await pRetry(() => this.attempt(url), {
        retries,
        minTimeout: minTimeoutMs,
        randomize: true,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0) this.options.log.warn('API request failed; retrying', { url, attempt: attemptNumber, error: error.message });
        },
      });
    } catch (error) {
      if (error instanceof FerryError) throw error;
      throw new FerryError(`Launch Library request failed after ${retries + 1} attempts: ${errorMessage(error)} (${url})`);
    }
  }

  private async attempt(url: string): Promise<Uint8Array> {
    for (let waits = 0; ; waits++) {
      let response: Response;
      let body: Uint8Array;
      try {
        response = await fetch(url, { headers: this.headers(), signal: AbortSignal.timeout(this.options.timeoutMs) });
        refuseNonJson(response, url);
        body = await readCapped(response, MAX_PAGE_BYTES, url);
      } catch (error) {
        if (error instanceof AbortError) throw error;
        throw new TransientError(errorMessage(error));
      }
      if (response.status === 429) {
        const waitMs = retryAfterMs(response.headers.get('retry-after'), Buffer.from(body).toString('utf8'));
        if (waits >= MAX_RATE_LIMIT_WAITS || waitMs > MAX_RATE_LIMIT_WAIT_MS) {
          throw new AbortError(
            new RateLimitedError(
              `Launch Library rate limit reached; next call possible in ${Math.ceil(waitMs / 1000)} s. Try later, or use an API key for a higher limit.`,
            ),
          );
        }
        this.options.log.warn('rate limited by the API; waiting as asked', { url, wait_ms: waitMs });
        await sleep(waitMs);
        continue;
      }
      if (response.status >= 500) throw new TransientError(`HTTP ${response.status}`);
      if (!response.ok) {
        throw new AbortError(new FerryError(`Launch Library answered HTTP ${response.status}: ${snippet(body)} (${url})`));
      }
      return body;
    }
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'ferry-rocket' };
    if (this.options.token) headers.authorization = `Token ${this.options.token}`;
    return headers;
  }

  /**
   * The URL of a `next` link to follow. Ours when it is on the base URL's origin; on another host (a mirror or proxy
   * rewrote ours, or the API names its canonical host), its path and query under our base path are taken onto our
   * origin, so the token never leaves for another host; anything else is refused.
   */
  private followable(next: string): string {
    const url = new URL(next, this.base);
    if (url.origin === this.base.origin) return url.toString();
    const basePath = this.base.pathname;
    const versionAt = url.pathname.indexOf(`/${this.version}/`);
    const tail = versionAt >= 0 ? url.pathname.slice(versionAt + this.version.length + 2) : undefined;
    if (tail === undefined) throw new FerryError(`Launch Library "next" link is not a page of this API: ${url.origin}${url.pathname}`);
    const rebased = new URL(`${basePath}${tail}${url.search}`, this.base);
    this.options.log.info('next link names another host; following it on ours', { host: url.host, next: rebased.pathname });
    return rebased.toString();
  }
}

/** What a page URL is without its origin: the part a backfill remembers. */
function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** A JSON API answers JSON (DRF: application/json); an image, an archive or a binary blob is refused unread. */
function refuseNonJson(response: Response, url: string): void {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type.startsWith('text/')) return;
  void response.body?.cancel();
  throw new AbortError(new FerryError(`Launch Library answered ${type}, not JSON; not read (${url})`));
}

/** The body, refused as soon as it is announced or found to be larger than `max` bytes. */
async function readCapped(response: Response, max: number, url: string): Promise<Uint8Array> {
  const tooLarge = () => new AbortError(new FerryError(`Launch Library response is larger than ${max} bytes; not read (${url})`));
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > max) {
    void response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    received += next.value.length;
    if (received > max) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function parseJson(body: Uint8Array, source: string): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new FerryError(`${source}: the API answered with something that is not JSON: ${snippet(body)}`);
  }
}

/** The start of a body, on one line, for error messages. */
function snippet(body: Uint8Array): string {
  const text = Buffer.from(body.subarray(0, 200)).toString('utf8').replace(/\s+/g, ' ').trim();
  return text === '' ? '(empty body)' : JSON.stringify(text);
}
