import { FerryError } from '@ferry/types';

/**
 * The rocket pipeline's defaults and the checks of its settings, in a module that loads nothing else, so a command
 * line can show and check them without loading the pipeline (`@ferry/rocket/settings`).
 */

/** The API versions we speak: 2.3.0 is current; 2.0.0 is what the original DAG called. */
export type ApiVersion = '2.0.0' | '2.3.0';

export const DEFAULT_API = 'https://ll.thespacedevs.com/2.3.0';

export const ROCKET_DEFAULTS = { api: DEFAULT_API, limit: 100, concurrency: 8, timeoutMs: 30_000, retry: { retries: 3, minTimeoutMs: 1000 } };

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

/** Refuses a zone name Intl does not know, in words that name no flag. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    throw new FerryError(`"${timeZone}" is not an IANA time zone (like UTC, Europe/Moscow or America/New_York)`);
  }
}

/** How many launch images may fail before the run counts as over its limit: a count, or a share of the launches with an image. */
export type ImageFailureLimit = { count: number } | { percent: number };

/** `3` or `10%`. */
export function imageFailureLimitOf(text: string): ImageFailureLimit {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent && Number(percent[1]) <= 100) return { percent: Number(percent[1]) };
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return { count: Number(text) };
  throw new FerryError('the image failure limit must be a whole number ≥ 0 or a percentage from 0% to 100%');
}
