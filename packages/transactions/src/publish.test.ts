import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';
import { FerryError, RULE_IDS, layout, type Manifest, type PeriodQuality, type Store } from '@ferry/types';
import { publishPeriod } from './publish.ts';

const RUN = 'r1';
const PERIOD = { period: '2019-08-22', source: '2019-08-22.txt', size: 100, etag: 'abc' };
const QUALITY: PeriodQuality = {
  period: PERIOD.period,
  source: PERIOD.source,
  rows_read: 10,
  rows_written: 9,
  comment_lines: 1,
  rejected: { ...Object.fromEntries(RULE_IDS.map((rule) => [rule, 0])), malformed: 1 } as PeriodQuality['rejected'],
  repaired: { midnight_24h: 0 },
};

const STAGED = layout.work.stagedFiles;
/** The staging layout exactly as Spark leaves it on a local file system: several part files a day, _SUCCESS and .crc files. */
const SPARK_STAGED = [
  `${STAGED.data}_SUCCESS`,
  `${STAGED.data}._SUCCESS.crc`,
  `${STAGED.data}tx_date=2019-08-22/part-00000-5ca9ff79-d6a4-42de-9e55-6cc86a255cda.c000.snappy.parquet`,
  `${STAGED.data}tx_date=2019-08-22/.part-00000-5ca9ff79-d6a4-42de-9e55-6cc86a255cda.c000.snappy.parquet.crc`,
  `${STAGED.data}tx_date=2019-08-22/part-00001-5ca9ff79-d6a4-42de-9e55-6cc86a255cda.c000.snappy.parquet`,
  `${STAGED.data}tx_date=2019-08-23/part-00001-5ca9ff79-d6a4-42de-9e55-6cc86a255cda.c000.snappy.parquet`,
  `${STAGED.quarantine}_SUCCESS`,
  `${STAGED.quarantine}part-00000-be8feb1a-3580-4801-ab70-7f504030d47e-c000.snappy.parquet`,
  `${STAGED.quarantine}.part-00000-be8feb1a-3580-4801-ab70-7f504030d47e-c000.snappy.parquet.crc`,
  STAGED.quality,
];

describe('given a period staged as Spark writes it', () => {
  let root: string;
  let storage: Storage;
  let work: Store;
  let results: Store;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-publish-'));
    storage = await Storage.open();
    work = await storage.store(join(root, 'work'));
    results = await storage.store(join(root, 'results'));
    const staging = work.child(layout.work.staged(RUN, PERIOD.period).root);
    for (const key of SPARK_STAGED) await staging.write(key, `bytes of ${key}`);
  });
  afterEach(async () => {
    await storage.close();
    await rm(root, { recursive: true, force: true });
  });

  it('when it is published, then every part file lands as a file the period owns, and nothing Spark adds besides', async () => {
    const run = await startRun({ pipeline: 'transactions', results, runId: RUN, console: false });
    const record = await run.step('publish', (step) =>
      publishPeriod({ runId: RUN, period: PERIOD, quality: QUALITY, work, results, step, now: () => new Date(), confirmLock: async () => undefined }),
    );
    await run.finish('succeeded');

    const published = (await results.list('transactions/')).map((object) => object.key);
    expect(published).toEqual([
      'transactions/tx_date=2019-08-22/2019-08-22_r1_0.parquet',
      'transactions/tx_date=2019-08-22/2019-08-22_r1_1.parquet',
      'transactions/tx_date=2019-08-23/2019-08-22_r1_0.parquet',
    ]);
    expect((await results.list('quarantine/')).map((object) => object.key)).toEqual(['quarantine/period=2019-08-22/2019-08-22_r1_0.parquet']);
    const manifest = JSON.parse((await results.readText(layout.results.manifest))!) as Manifest;
    expect(manifest.periods[PERIOD.period]!.files.map((file) => file.key)).toEqual([
      ...published,
      'quarantine/period=2019-08-22/2019-08-22_r1_0.parquet',
    ]);
    expect(record.rows_written).toBe(9);
    expect(await work.list(layout.work.staged(RUN, PERIOD.period).root)).toEqual([]);
  });

  describe('and a run that loses its lock just before the manifest write', () => {
    const lostLock = () => Promise.reject(new FerryError('this run lost the lock'));

    it('when it fails, then the files it copied are removed again, the manifest is untouched, and the staging stays for a retry', async () => {
      const run = await startRun({ pipeline: 'transactions', results, runId: RUN, console: false });
      await expect(
        run.step('publish', (step) =>
          publishPeriod({ runId: RUN, period: PERIOD, quality: QUALITY, work, results, step, now: () => new Date(), confirmLock: lostLock }),
        ),
      ).rejects.toThrow('this run lost the lock');
      await run.finish('failed');

      expect(await results.list('transactions/')).toEqual([]);
      expect(await results.list('quarantine/')).toEqual([]);
      expect(await work.list(layout.work.outputs + 'tx_date=')).toEqual([]);
      expect(await results.head(layout.results.manifest)).toBeUndefined();
      expect((await work.list(layout.work.staged(RUN, PERIOD.period).root)).length).toBe(SPARK_STAGED.length);
    });
  });
});
