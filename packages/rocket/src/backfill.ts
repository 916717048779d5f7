import { z } from 'zod';
import { jsonFormat, layout, type Logger, type Store } from '@ferry/types';

/**
 * How far a `--since` backfill got (`layout.rocket.backfillState`): the page to read next, so a backfill longer than
 * one run's share of the rate limit goes on where it stopped. Version 1.
 */
export const backfillStateFormat = jsonFormat({
  name: 'ferry backfill state',
  schema: z.object({
    /** The backfill's start (ISO): a run with another --since starts afresh. */
    since: z.string(),
    /** Path and query of the next page of previous launches, or null when none is left. */
    next: z.string().nullable(),
    complete: z.boolean(),
    updated_at: z.string(),
  }),
  version: 1,
});
export type BackfillState = ReturnType<typeof backfillStateFormat.parse>;

/** The stored state; one this ferry cannot read starts the backfill afresh (it costs API calls, never data). */
export async function readBackfillState(store: Store, log: Logger): Promise<BackfillState | undefined> {
  const text = await store.readText(layout.rocket.backfillState);
  if (text === undefined) return undefined;
  const decoded = backfillStateFormat.decode(text);
  if (decoded.ok) return decoded.value;
  log.warn('backfill state is unreadable or newer; the backfill starts from the newest page', { key: layout.rocket.backfillState });
  return undefined;
}

export async function writeBackfillState(store: Store, state: BackfillState): Promise<void> {
  await store.write(layout.rocket.backfillState, backfillStateFormat.encode(state), { contentType: 'application/json' });
}
