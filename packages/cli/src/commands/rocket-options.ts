import { withStores, type LocationOptions, type StoreContext } from '../context.ts';
import { day, httpUrl, refuse, type Parser } from '../options.ts';

/** The rocket commands touch the results store only. */
export type ResultsOptions = Pick<LocationOptions, 'results' | 'endpoint' | 'region'>;

export const webhookUrl = (text: string) => (text === '' ? text : httpUrl(text));

/** `2025-03-27` (midnight UTC), `2025-03-27 12:00:00` (UTC) or ISO 8601 with a zone (`2025-03-27T12:00:00+03:00`). */
export const instant: Parser<Date> = (text) => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${day(text)}T00:00:00Z`);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) || Number.isNaN(ms))
    refuse('a date (2025-03-27), a UTC time (2025-03-27 12:00:00) or ISO 8601 with a zone');
  return new Date(ms);
};

/** Runs an action with the results store only: the rocket commands have no source or work location. */
export function withResults<T>(options: ResultsOptions, fn: (context: StoreContext) => Promise<T>): Promise<T> {
  // withStores opens a location only when asked; these two are never asked for.
  return withStores({ source: '', work: '', ...options }, fn);
}
