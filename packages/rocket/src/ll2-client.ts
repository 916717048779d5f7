import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import { FerryError } from '@ferry/types';
import type { Logger } from '@ferry/types';
import { parseLaunchPage } from './launch.ts';
import type { ApiVersion, LaunchPage } from './launch.ts';
import { TransientError, errorMessage, retryAfterMs, sleep } from './http.ts';

export const DEFAULT_API = 'https://ll.thespacedevs.com/2.3.0';
/** The API caps `limit` at 100 per page. */
const MAX_PAGE_SIZE = 100;
/** Longer waits (an exhausted anonymous quota resets hourly) are better reported than slept through. */
const MAX_RATE_LIMIT_WAIT_MS = 120_000;
const MAX_RATE_LIMIT_WAITS = 3;

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

export interface FetchedPage {
  kind: PageKind;
  /** 1-based within its kind. */
  number: number;
  url: string;
  /** The response body exactly as received. */
  body: Uint8Array;
  page: LaunchPage;
}

/** The version is the last path segment of the base URL (…/2.3.0 or …/2.0.0). */
export function apiVersionOf(api: string): ApiVersion {
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    throw new FerryError(`the Launch Library base URL must be a URL like ${DEFAULT_API} (got "${api}")`);
  }
  const version = url.pathname.replace(/\/+$/, '').split('/').pop();
  if (version === '2.0.0' || version === '2.3.0') return version;
  throw new FerryError(`the Launch Library base URL must end with the API version 2.3.0 or 2.0.0 (got "${version ?? ''}")`);
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
  async checkQuota(callsNeeded: number): Promise<void> {
    if (this.version !== '2.3.0') return;
    const url = new URL('api-throttle/', this.base).toString();
    let throttle: z.infer<typeof throttleSchema>;
    try {
      const response = await fetch(url, { headers: this.headers(), signal: AbortSignal.timeout(this.options.timeoutMs) });
      const parsed = throttleSchema.safeParse(response.ok ? await response.json() : undefined);
      if (!parsed.success) throw new Error(`HTTP ${response.status}`);
      throttle = parsed.data;
    } catch (error) {
      this.options.log.warn('could not read the API quota; going on', { url, error: errorMessage(error) });
      return;
    }
    const left = throttle.your_request_limit - throttle.current_use;
    this.options.log.info('API quota', {
      calls_left: left,
      limit: throttle.your_request_limit,
      per_secs: throttle.limit_frequency_secs,
      calls_needed: callsNeeded,
    });
    if (left >= callsNeeded) return;
    if (left > 0) {
      this.options.log.warn('API quota is low: later pages may be rate limited', { calls_left: left, calls_needed: callsNeeded });
      return;
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
  }

  /** Upcoming launches, following `next` until `limit` launches are read. */
  async upcoming(limit: number): Promise<FetchedPage[]> {
    const path = this.version === '2.0.0' ? 'launch/upcoming/' : 'launches/upcoming/';
    const first = new URL(path, this.base);
    first.searchParams.set('limit', String(Math.min(limit, MAX_PAGE_SIZE)));
    return this.pages('upcoming', first.toString(), limit, Number.POSITIVE_INFINITY, () => false);
  }

  /**
   * Launches since `since` (at most `maxPages` pages, for the rate limit's sake). 2.3.0 filters on the
   * server; 2.0.0 has no documented net filter, so its newest-first pages are cut client-side.
   */
  async previous(since: Date, limit: number, maxPages: number): Promise<FetchedPage[]> {
    const pageSize = String(Math.min(limit, MAX_PAGE_SIZE));
    const first = new URL(this.version === '2.0.0' ? 'launch/previous/' : 'launches/previous/', this.base);
    first.searchParams.set('limit', pageSize);
    if (this.version === '2.3.0') first.searchParams.set('net__gte', since.toISOString());
    first.searchParams.set('ordering', '-net');
    const pages = await this.pages('previous', first.toString(), limit, maxPages, (page) =>
      page.launches.some((launch) => Date.parse(launch.net) < since.getTime()),
    );
    for (const fetched of pages) {
      fetched.page.launches = fetched.page.launches.filter((launch) => Date.parse(launch.net) >= since.getTime());
    }
    return pages;
  }

  private async pages(
    kind: PageKind,
    firstUrl: string,
    limit: number,
    maxPages: number,
    reachedEnd: (page: LaunchPage) => boolean,
  ): Promise<FetchedPage[]> {
    const pages: FetchedPage[] = [];
    let url: string | null = firstUrl;
    let launches = 0;
    while (url && launches < limit && pages.length < maxPages) {
      const body = await this.get(url);
      const source = `${kind} page ${pages.length + 1}`;
      const page = parseLaunchPage(parseJson(body, source), this.version, source);
      const remaining = limit - launches;
      if (page.launches.length > remaining) page.launches = page.launches.slice(0, remaining);
      pages.push({ kind, number: pages.length + 1, url, body, page });
      launches += page.launches.length;
      this.options.log.info('fetched launches', { page: source, launches: page.launches.length, count: page.count });
      if (reachedEnd(page)) break;
      url = page.next ? this.sameOrigin(page.next) : null;
    }
    return pages;
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
        body = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw new TransientError(errorMessage(error));
      }
      if (response.status === 429) {
        const waitMs = retryAfterMs(response.headers.get('retry-after'), Buffer.from(body).toString('utf8'));
        if (waits >= MAX_RATE_LIMIT_WAITS || waitMs > MAX_RATE_LIMIT_WAIT_MS) {
          throw new AbortError(
            new FerryError(
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

  /** Following `next` to another host would hand it our token. */
  private sameOrigin(next: string): string {
    const url = new URL(next, this.base);
    if (url.origin !== this.base.origin) throw new FerryError(`Launch Library "next" link points to another host: ${url.origin}`);
    return url.toString();
  }
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
