import { setTimeout as sleep } from 'node:timers/promises';
import { codeOf, statusOf } from './s3-client.ts';

/** Attempts in all of what the SDK cannot retry itself; the SDK's own requests get its default 3 each. */
const ATTEMPTS = 4;
const FIRST_PAUSE_MS = 100;
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ABORT_ERR', 'TimeoutError']);
const THROTTLED = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
]);

/**
 * A failure that the same request may not meet again: a dropped connection, a body cut mid-way, a server error or
 * throttling. Looks through `cause`, since the stores wrap what the SDK threw.
 */
export function isTransient(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const status = statusOf(at);
    const code = codeOf(at);
    if ((status !== undefined && (status >= 500 || status === 429)) || (code && (DROPPED.has(code) || THROTTLED.has(code)))) return true;
    if (at instanceof Error && /^(aborted|socket hang up|Premature close)$/.test(at.message)) return true;
  }
  return false;
}

/**
 * Runs `attempt` again while it fails transiently, ATTEMPTS times in all with growing pauses: for what the SDK cannot
 * retry on its own, a body read after the answer arrived or an upload streamed from a source that must be opened again.
 */
export async function retryTransient<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= ATTEMPTS || !isTransient(error)) throw error;
      await sleep(FIRST_PAUSE_MS * 2 ** (n - 1));
    }
  }
}
