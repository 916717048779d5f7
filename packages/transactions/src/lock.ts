import { z } from 'zod';
import { FerryError, type RunLockHolder, type Store } from '@ferry/types';

/**
 * One transactions run at a time per results store. Two runs publishing at once could each rewrite manifest.json
 * from a stale read and drop the other's periods, leaving their files unaccounted for. The lock is an object in the
 * results store, created only where none exists (Store.create), renewed while the run lasts and deleted at its end;
 * the lock of a run that crashed expires after LOCK_TTL_MS.
 */
export const LOCK_KEY = 'locks/transactions.json';
export const LOCK_TTL_MS = 120_000;
const RENEW_EVERY_MS = LOCK_TTL_MS / 4;

const lockSchema = z.object({ run_id: z.string(), acquired_at: z.string(), expires_at: z.string() });

export interface RunLock {
  /** Stops renewing and deletes the lock if it is still this run's. */
  release(): Promise<void>;
}

export interface AcquireRunLockOptions {
  results: Store;
  runId: string;
  now: () => Date;
  /** A renewal failed: the run goes on, but another run may take the lock once it expires. */
  onRenewFailed: (error: unknown) => void;
}

export async function acquireRunLock({ results, runId, now, onRenewFailed }: AcquireRunLockOptions): Promise<RunLock> {
  const acquiredAt = now().toISOString();
  const body = (): string =>
    `${JSON.stringify({ run_id: runId, acquired_at: acquiredAt, expires_at: new Date(now().getTime() + LOCK_TTL_MS).toISOString() } satisfies RunLockHolder)}\n`;
  const where = `${results.url}/${LOCK_KEY}`;

  if (!(await results.create(LOCK_KEY, body(), { contentType: 'application/json' }))) {
    const held = await readRunLock(results, now);
    if (held) {
      throw new FerryError(
        `the results store is in use by run ${held.run_id} (since ${held.acquired_at}): wait for it to finish. ` +
          `If it crashed, its lock ${where} expires at ${held.expires_at}.`,
      );
    }
    // Expired (or not a lock at all): the run that held it is gone.
    await results.delete([LOCK_KEY]);
    if (!(await results.create(LOCK_KEY, body(), { contentType: 'application/json' }))) {
      throw new FerryError(`another run took the lock ${where} first: wait for it to finish`);
    }
  }

  // One renewal at a time: a slow write landing after a newer one would shorten the lock.
  let renewal: Promise<unknown> | undefined;
  const renewing = setInterval(() => {
    renewal ??= results
      .write(LOCK_KEY, body(), { contentType: 'application/json' })
      .catch(onRenewFailed)
      .finally(() => {
        renewal = undefined;
      });
  }, RENEW_EVERY_MS);
  renewing.unref();
  return {
    async release() {
      clearInterval(renewing);
      // A renewal landing after the delete would bring the lock back.
      await renewal;
      const held = await readLock(results);
      if (held?.run_id === runId) await results.delete([LOCK_KEY]);
    },
  };
}

/** The run holding the results store's lock, unless there is none or it has expired. */
export async function readRunLock(results: Store, now: () => Date): Promise<RunLockHolder | undefined> {
  const held = await readLock(results);
  return held && Date.parse(held.expires_at) > now().getTime() ? held : undefined;
}

async function readLock(results: Store): Promise<RunLockHolder | undefined> {
  const text = await results.readText(LOCK_KEY);
  if (text === undefined) return undefined;
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
