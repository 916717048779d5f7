import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Storage } from '@ferry/storage';
import { FerryError, layout, type PeriodRecord, type Store } from '@ferry/types';
import { acquireRunLock } from './lock.ts';
import { writeManifest } from './manifest.ts';
import { periodOfSourceKey } from './periods.ts';
import { planNextRun, planTransactions, renderPlan } from './plan.ts';

describe('periodOfSourceKey', () => {
  it('given real source names and look-alikes, then only real YYYY-MM-DD.txt dates are periods', () => {
    expect(periodOfSourceKey('2019-08-22.txt')).toBe('2019-08-22');
    expect(periodOfSourceKey('2022-11-04.txt')).toBe('2022-11-04');
    expect(periodOfSourceKey('2019-02-30.txt')).toBeUndefined();
    expect(periodOfSourceKey('2019-08-22.txt.gz')).toBeUndefined();
    expect(periodOfSourceKey('old/2019-08-22.txt')).toBeUndefined();
    expect(periodOfSourceKey('README.md')).toBeUndefined();
  });
});

describe('given a source directory and a results directory', () => {
  let root: string;
  let storage: Storage;
  let source: Store;
  let results: Store;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-plan-'));
    storage = await Storage.open();
    source = await storage.store(join(root, 'source'));
    results = await storage.store(join(root, 'results'));
  });
  afterEach(async () => {
    await storage.close();
    await rm(root, { recursive: true, force: true });
  });

  const recordOf = async (key: string): Promise<PeriodRecord> => {
    const info = (await source.head(key))!;
    return {
      period: key.slice(0, 10),
      source: key,
      size: info.size,
      etag: info.etag,
      run_id: 'r1',
      processed_at: '2026-01-01T00:00:00.000Z',
      rows_read: 1,
      rows_written: 1,
      rows_rejected: 0,
      files: [],
    };
  };

  it('when nothing was processed, then every source period is new and other files are ignored', async () => {
    await source.write('2019-09-21.txt', 'b');
    await source.write('2019-08-22.txt', 'a');
    await source.write('notes.txt', 'x');
    const plan = await planTransactions(source, results);
    expect(plan.new.map((period) => period.period)).toEqual(['2019-08-22', '2019-09-21']);
    expect(plan.processed).toEqual([]);
    expect(plan.ignored).toEqual(['notes.txt']);
  });

  it('when the manifest records one period as it is and another with a different ETag, then only the changed and unrecorded ones are new', async () => {
    await source.write('2019-08-22.txt', 'same');
    await source.write('2019-09-21.txt', 'changed');
    await source.write('2019-10-21.txt', 'unrecorded');
    const unchanged = await recordOf('2019-08-22.txt');
    const changed = { ...(await recordOf('2019-09-21.txt')), etag: 'an-older-etag' };
    await writeManifest(results, { periods: { [unchanged.period]: unchanged, [changed.period]: changed } });

    const plan = await planTransactions(source, results);
    expect(plan.new.map((period) => period.source)).toEqual(['2019-09-21.txt', '2019-10-21.txt']);
    expect(plan.processed.map((record) => record.period)).toEqual(['2019-08-22', '2019-09-21']);
    expect(renderPlan(plan)).toContain('2019-09-21.txt');
    expect(renderPlan(plan)).toContain('changed since it was processed');
    expect(await source.list()).toHaveLength(3);
  });

  it('when another run holds the results store, then the plan names it until its lock expires', async () => {
    await source.write('2019-08-22.txt', 'a');
    const lock = await acquireRunLock({ results, runId: 'run-a', now: () => new Date('2026-11-21T08:00:00Z'), onRenewFailed: () => undefined });
    const during = await planNextRun(source, results, () => new Date('2026-11-21T08:01:00Z'));
    expect(during.in_use_by).toEqual({
      run_id: 'run-a',
      acquired_at: '2026-11-21T08:00:00.000Z',
      expires_at: '2026-11-21T08:02:00.000Z',
      host: hostname(),
      host_id: expect.any(String),
      pid: process.pid,
    });
    expect(renderPlan(during)).toContain(
      `in use by run run-a (on host ${hostname()}, pid ${process.pid}, since 2026-11-21T08:00:00.000Z); its lock expires at 2026-11-21T08:02:00.000Z`,
    );
    const after = await planNextRun(source, results, () => new Date('2026-11-21T08:03:00Z'));
    expect(after.in_use_by).toBeUndefined();
    expect(renderPlan(after)).not.toContain('in use');
    await lock.release();
  });

  it('when the results store is a directory, then its lock is atomic and the plan has no lock line', async () => {
    const plan = await planNextRun(source, results);
    expect(plan.lock).toBe('atomic');
    expect(renderPlan(plan)).not.toContain('lock:');
  });

  it('when the results store is on the embedded s3rver, which ignores conditional writes, then the plan says its lock is best-effort', async () => {
    const embedded = await Storage.open({ embeddedDir: join(root, 's3') });
    try {
      const plan = await planNextRun(source, await embedded.store('s3://ferry-results'));
      expect(plan.lock).toBe('best-effort');
      expect(renderPlan(plan, embedded.describe('s3://ferry-results'))).toContain(
        `lock: best-effort on s3://ferry-results (embedded S3 server at ${embedded.embeddedEndpoint}, data in ${join(root, 's3')}): its S3 server ignores conditional writes, so two runs started at the same moment could both publish`,
      );
    } finally {
      await embedded.close();
    }
  });

  it('when the manifest is corrupt, then planning stops with one clear error instead of reprocessing everything', async () => {
    await results.write(layout.results.manifest, '{"version": 1, "periods": {"x": {"period": 3}}}');
    await expect(planTransactions(source, results)).rejects.toThrow(FerryError);
    await expect(planTransactions(source, results)).rejects.toThrow(/manifest\.json is not a ferry manifest: periods\.x/);
  });
});
