import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { useMinio } from '@ferry/storage/test-support';
import { MINIO, skipNote } from '@ferry/testbed';
import { acquireRunLock, readManifest, runTransactions } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { completedOrThrow, layout, type CleanEngine, type ObjectInfo, type RunRecord } from '@ferry/types';
import { openTestStores, readPublishedRows, type Backend, type TestStores } from '../support/stores.ts';

const { lock: LOCK_KEY, manifest: MANIFEST_KEY } = layout.results;

const SAMPLE = { daysPerPeriod: 3, rowsPerDay: 300, seed: 7, start: '2019-08-22' } as const;
const DAY_MS = 86_400_000;

/** The DuckDB engine, counting how often anything asked it to clean. */
function countingEngine(): CleanEngine & { calls: number } {
  const engine = createDuckDbEngine({ threads: 1, memoryLimit: '1GB' });
  const counting = {
    name: engine.name,
    calls: 0,
    clean: (request: Parameters<CleanEngine['clean']>[0]) => {
      counting.calls += 1;
      return engine.clean(request);
    },
  };
  return counting;
}

function daysOfPeriods(periods: number): string[] {
  const first = Date.parse(`${SAMPLE.start}T00:00:00Z`);
  return Array.from({ length: periods * SAMPLE.daysPerPeriod }, (_, day) => new Date(first + day * DAY_MS).toISOString().slice(0, 10));
}

function etags(objects: ObjectInfo[]): Map<string, string> {
  return new Map(objects.map((object) => [object.key, object.etag]));
}

const minio = useMinio();
const backends: Array<[Backend, string]> = [
  ['embedded S3', ''],
  ['local directories', ''],
  ['MinIO', skipNote(MINIO)],
];

for (const [backend, note] of backends)
  describe.skipIf(note)(`${note}given a source location on ${backend}`, () => {
    let stores: TestStores;
    beforeEach(async () => {
      stores = await openTestStores(backend, backend === 'MinIO' ? minio() : undefined);
    });
    afterEach(async () => {
      await stores.close();
    });

    /** A run that did not fail; a failed one rejects with the error that ended it. */
    const run = (engine: CleanEngine) =>
      runTransactions({ source: stores.source, work: stores.work, results: stores.results, engine, console: false }).then(completedOrThrow);

    it('when 2 periods run, then a 3rd is added and run, then nothing is new: each day is partitioned once, earlier files stay untouched, and the last run starts no engine', async () => {
      await writeSample(stores.source, { ...SAMPLE, periods: 2 });
      const first = await run(countingEngine());
      expect(first.status).toBe('succeeded');
      expect(first.published.map((record) => record.period)).toEqual(['2019-08-22', '2019-08-25']);

      const rowsAfterFirst = await readPublishedRows(stores, 'first');
      const partitions = new Set(rowsAfterFirst.map((row) => row.tx_date));
      for (const day of daysOfPeriods(2)) expect(partitions, `partition for ${day}`).toContain(day);
      // Midnight rows (24:00:00) may land on the day after a period: nowhere else.
      for (const day of partitions) expect([...daysOfPeriods(2), '2019-08-28']).toContain(day);
      for (const row of rowsAfterFirst) expect(row.tx_date).toBe(row.tx_day_of_datetime);
      expect(rowsAfterFirst.length).toBe(first.record.totals.rows_written);
      const filesAfterFirst = etags(await stores.results.child('transactions/').list());

      await writeSample(stores.source, { ...SAMPLE, periods: 3 });
      const second = await run(countingEngine());
      expect(second.plan.new.map((period) => period.source)).toEqual(['2019-08-28.txt']);
      const filesAfterSecond = etags(await stores.results.child('transactions/').list());
      for (const [key, etag] of filesAfterFirst) expect(filesAfterSecond.get(key), `${key} untouched`).toBe(etag);
      const added = [...filesAfterSecond.keys()].filter((key) => !filesAfterFirst.has(key));
      expect(added.length).toBeGreaterThan(0);
      for (const key of added) expect(key).toMatch(/^tx_date=2019-(08-2[89]|08-3[01]|09-0[1-9])\/2019-08-28_/);
      const rowsAfterSecond = await readPublishedRows(stores, 'second');
      expect(new Set(rowsAfterSecond.map((row) => row.transaction_id)).size).toBe(rowsAfterSecond.length);

      const third = countingEngine();
      const noop = await run(third);
      expect(noop.status).toBe('noop');
      expect(third.calls).toBe(0);
      expect(noop.record.status).toBe('noop');
      expect(etags(await stores.results.child('transactions/').list())).toEqual(filesAfterSecond);
    });

    it('when a source file changes under the same name, then it is reprocessed and replaces exactly its own rows', async () => {
      await writeSample(stores.source, { ...SAMPLE, periods: 2 });
      await run(countingEngine());
      const before = await readPublishedRows(stores, 'before');
      const secondPeriodFiles = (await stores.results.child('transactions/').list()).filter((object) => object.key.includes('/2019-08-25_'));

      // Same name, different content: another seed for the first period only.
      await writeSample(stores.source, { ...SAMPLE, seed: 99, periods: 1 });
      const rerun = await run(countingEngine());
      expect(rerun.plan.new.map((period) => period.source)).toEqual(['2019-08-22.txt']);

      const after = await readPublishedRows(stores, 'after');
      const firstPeriodRows = after.filter((row) => row.file.startsWith('2019-08-22_'));
      expect(firstPeriodRows.length).toBe(rerun.published[0]!.rows_written);
      expect(firstPeriodRows.every((row) => row.file.includes(rerun.runId))).toBe(true);
      expect(after.filter((row) => row.file.startsWith('2019-08-25_')).length).toBe(
        before.filter((row) => row.file.startsWith('2019-08-25_')).length,
      );
      const stillThere = etags(await stores.results.child('transactions/').list());
      for (const file of secondPeriodFiles) expect(stillThere.get(file.key)).toBe(file.etag);

      const manifest = await readManifest(stores.results);
      expect(manifest.periods['2019-08-22']!.run_id).toBe(rerun.runId);
      const listed = new Set((await stores.results.list()).map((object) => object.key));
      for (const record of Object.values(manifest.periods)) for (const file of record.files) expect(listed).toContain(file.key);
    });

    it('when another run holds the results store, then this run is refused and recorded as failed, starts no engine and publishes nothing; once released, the next run goes ahead', async () => {
      await writeSample(stores.source, { ...SAMPLE, periods: 1 });
      const other = await acquireRunLock({ results: stores.results, runId: 'other-run', now: () => new Date(), onRenewFailed: () => undefined });
      const expires = (JSON.parse((await stores.results.readText(LOCK_KEY))!) as { expires_at: string }).expires_at;
      const engine = countingEngine();
      await expect(run(engine)).rejects.toThrow(new RegExp(`in use by run other-run .*expires at ${expires.replaceAll('.', '\\.')}`));
      expect(engine.calls).toBe(0);
      expect(await stores.results.head(MANIFEST_KEY)).toBeUndefined();
      expect(await stores.results.child('transactions/').list()).toEqual([]);
      const [failed] = (await stores.results.list(layout.results.runs)).filter((object) => layout.results.runIdOfRecord(object.key) !== undefined);
      expect(JSON.parse((await stores.results.readText(failed!.key))!)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('other-run'),
      });
      expect(JSON.parse((await stores.results.readText(LOCK_KEY))!)).toMatchObject({ run_id: 'other-run' });

      await other.release();
      const next = await run(engine);
      expect(next.status).toBe('succeeded');
      expect(await stores.results.head(LOCK_KEY)).toBeUndefined();
    });

    it('when a run finishes, then run.json accounts for every row of every period: read = written + rejected', async () => {
      await writeSample(stores.source, {
        ...SAMPLE,
        periods: 2,
        defects: { duplicate: 0.01, invalid_terminal: 0.01, non_positive_amount: 0.005, midnight_24h: 0.005 },
      });
      const result = await run(countingEngine());
      const record = JSON.parse((await stores.results.readText(layout.results.run(result.runId).record))!) as RunRecord;
      expect(record.periods).toHaveLength(2);
      for (const period of record.periods!) {
        expect(period.rows_rejected).toBeGreaterThan(0);
        expect(period.rows_read).toBe(period.rows_written + period.rows_rejected);
      }
      const quality = JSON.parse((await stores.results.readText(layout.results.run(result.runId).quality))!);
      expect(quality.periods.map((period: { source: string }) => period.source)).toEqual(['2019-08-22.txt', '2019-08-25.txt']);
      const quarantine = await stores.results.child('quarantine/').list();
      expect(quarantine.map((object) => object.key.split('/')[0])).toEqual(expect.arrayContaining(['period=2019-08-22', 'period=2019-08-25']));
    });
  });
