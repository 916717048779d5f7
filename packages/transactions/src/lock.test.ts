import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Storage } from '@ferry/storage';
import type { Store } from '@ferry/types';
import { LOCK_KEY, LOCK_TTL_MS, acquireRunLock } from './lock.ts';

describe('given a results store', () => {
  let dir: string;
  let storage: Storage;
  let results: Store;
  let clock: number;
  const now = () => new Date(clock);
  const acquire = (runId: string, store = results) => acquireRunLock({ results: store, runId, now, onRenewFailed: (error) => { throw error; } });
  /** The results store, with its writes going through `write` (which calls the real one). */
  const withWrites = (write: Store['write']): Store => Object.assign(Object.create(results) as Store, { write });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-lock-'));
    storage = await Storage.open();
    results = await storage.store(join(dir, 'results'));
    clock = Date.parse('2026-11-21T08:00:00Z');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a run holds the lock, then a second run is refused with who holds it and until when', async () => {
    const first = await acquire('run-a');
    await expect(acquire('run-b')).rejects.toThrow(/in use by run run-a \(since 2026-11-21T08:00:00\.000Z\).*expires at 2026-11-21T08:02:00\.000Z/);
    await first.release();
  });

  it('when the run releases the lock, then it is gone and the next run gets it', async () => {
    const first = await acquire('run-a');
    await first.release();
    expect(await results.head(LOCK_KEY)).toBeUndefined();
    const second = await acquire('run-b');
    expect(JSON.parse((await results.readText(LOCK_KEY))!)).toMatchObject({ run_id: 'run-b' });
    await second.release();
  });

  it('when the holder crashed and its lock expired, then the next run takes it over, and the old holder cannot delete it', async () => {
    const crashed = await acquire('run-a');
    clock += LOCK_TTL_MS + 1;
    const next = await acquire('run-b');
    await crashed.release();
    expect(JSON.parse((await results.readText(LOCK_KEY))!)).toMatchObject({ run_id: 'run-b' });
    await next.release();
  });

  it('when a run lasts longer than the lock lives, then renewals keep it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let renewals = 0;
    const long = await acquire(
      'run-a',
      withWrites(async (...args) => {
        const written = await results.write(...args);
        renewals++;
        return written;
      }),
    );
    const renewEvery = LOCK_TTL_MS / 4;
    for (let renewal = 1; renewal <= 20; renewal++) {
      clock += renewEvery;
      await vi.advanceTimersByTimeAsync(renewEvery);
      // Renewals are real writes, and the clock here moves faster than the disk: let each one land.
      await vi.waitFor(() => expect(renewals).toBe(renewal));
      const { expires_at } = JSON.parse((await results.readText(LOCK_KEY))!) as { expires_at: string };
      expect(Date.parse(expires_at)).toBe(clock + LOCK_TTL_MS);
    }
    await expect(acquire('run-b')).rejects.toThrow(/in use by run run-a/);
    await long.release();
  });

  it('when a renewal stalls, then no second renewal races it, and release waits for it before deleting', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const writes: string[] = [];
    let unstall!: () => void;
    const stalled = new Promise<void>((resolve) => (unstall = resolve));
    const lock = await acquire(
      'run-a',
      withWrites(async (...args) => {
        writes.push(String(args[1]));
        await stalled;
        return results.write(...args);
      }),
    );
    await vi.advanceTimersByTimeAsync(LOCK_TTL_MS);
    expect(writes).toHaveLength(1);

    const released = lock.release();
    unstall();
    await released;
    expect(await results.head(LOCK_KEY)).toBeUndefined();
  });
});
