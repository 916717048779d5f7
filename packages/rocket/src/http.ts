import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** An error worth another attempt (5xx, network, timeout, truncated body); anything else fails at once. */
export class TransientError extends Error {}

/**
 * Milliseconds a 429 asks us to wait: Retry-After in seconds or as an HTTP date, else DRF's
 * "Expected available in N seconds." in the body, else one minute.
 */
export function retryAfterMs(retryAfter: string | null, body: string, now = Date.now()): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const expected = /available in (\d+(?:\.\d+)?) seconds?/i.exec(body);
  if (expected) return Number(expected[1]) * 1000;
  return 60_000;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timeout';
    // undici hides the socket-level reason ("other side closed", ECONNREFUSED) in `cause`.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
