import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { FerryError } from '@ferry/types';

/** How the client retries transient failures (429, 5xx, network errors, timeouts). */
export interface RetryOptions {
  retries?: number;
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
}

export interface HttpOptions {
  /** Per attempt; a timed-out attempt is retried. */
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: typeof fetch;
}

/** Anything that can hand out a bearer token (IAM token). */
export interface TokenSource {
  readonly kind: 'service-account-key' | 'static' | 'oauth' | 'metadata';
  /** The environment variable the credential came from, named when the API rejects its token. */
  readonly variable?: string;
  token(signal?: AbortSignal): Promise<string>;
}

/** A failed Yandex Cloud API call: method, path, HTTP status and the API's own message — never the token. */
export class YandexApiError extends FerryError {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof YandexApiError && error.status === 404;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_RETRY_AFTER_MS = 60_000;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  url: URL;
  body?: unknown;
  headers?: Record<string, string>;
  tokens?: TokenSource;
  signal?: AbortSignal;
}

/**
 * One JSON call with a timeout per attempt and retries (backoff with jitter, Retry-After honoured).
 * POSTs carry one Idempotency-Key for all their attempts, so a retried create does not create twice.
 */
export async function requestJson(request: ApiRequest, options: HttpOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.method === 'POST') headers['idempotency-key'] ??= randomUUID();
  return retrying(() => attempt(request, headers, options), options.retry, request.signal);
}

/**
 * Runs `fn` again after a transient failure (a retryable YandexApiError: 429, 5xx, network error, timeout), with
 * backoff and jitter, honouring Retry-After; `fn` learns which attempt it is (1 on the first).
 */
export function retrying<T>(fn: (attempt: number) => Promise<T>, retry: RetryOptions = {}, signal?: AbortSignal): Promise<T> {
  return pRetry(fn, {
    retries: retry.retries ?? 6,
    minTimeout: retry.minTimeoutMs ?? 500,
    maxTimeout: retry.maxTimeoutMs ?? 20_000,
    randomize: true,
    signal,
    shouldRetry: ({ error }) => error instanceof YandexApiError && error.retryable,
    onFailedAttempt: async ({ error }) => {
      if (error instanceof YandexApiError && error.retryAfterMs) {
        await sleep(error.retryAfterMs, undefined, { signal });
      }
    },
  });
}

async function attempt(request: ApiRequest, baseHeaders: Record<string, string>, options: HttpOptions): Promise<unknown> {
  const where = `${request.method} ${request.url.pathname}`;
  const headers = { ...baseHeaders };
  if (request.tokens) headers.authorization = `Bearer ${await request.tokens.token(request.signal)}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) {
      throw new YandexApiError(`Yandex Cloud ${where} timed out after ${timeoutMs} ms`, undefined, true, undefined, { cause: error });
    }
    const reason = networkReason(error);
    throw new YandexApiError(`Yandex Cloud ${where} failed: network error (${reason})`, undefined, true, undefined, { cause: error });
  }
  if (!response.ok) {
    const status = response.status;
    const retryable = status === 429 || status >= 500;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const origin = status === 401 && request.tokens?.variable ? ` (the token from ${request.tokens.variable})` : '';
    throw new YandexApiError(
      `Yandex Cloud ${where} failed: HTTP ${status}: ${apiMessage(text) || response.statusText}${origin}`,
      status,
      retryable,
      retryAfterMs,
    );
  }
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new YandexApiError(`Yandex Cloud ${where} answered HTTP ${response.status} with a body that is not JSON`, response.status, false);
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The API answers errors as {code, message, details}; fall back to the raw text, shortened. */
function apiMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: use the text itself
  }
  return text.trim().slice(0, 300);
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
