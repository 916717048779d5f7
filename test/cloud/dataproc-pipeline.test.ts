import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataprocEngine, createDuckDbEngine, MANIFEST_KEY, runTransactions } from '@ferry/transactions';
import type { Store } from '@ferry/types';
import { clusterRequest } from '../emulator/index.ts';
import { FOLDER_ID, readParquetRows, startCloudHarness, type CloudHarness } from './harness.ts';

/**
 * The transactions pipeline with the cloud engine, in process, against the emulated Data Processing API:
 * the same sample cleaned by the DuckDB engine and by the dataproc engine must publish the same rows.
 */
describe('given two new source periods and a running Data Processing cluster', () => {
  let harness: CloudHarness;
  let clusterId: string;

  const dataproc = (workUrl: string) => createDataprocEngine({ client: harness.client, clusterId, workUrl, pollIntervalMs: 50 });
  const run = async (engine: ReturnType<typeof dataproc>, work: string, results: string) =>
    runTransactions({ source: harness.source, work: await harness.storage.store(work), results: await harness.storage.store(results), engine, console: false });

  beforeAll(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 20 });
    const operation = await harness.client.createCluster(clusterRequest({ folderId: FOLDER_ID, name: 'ferry-work', labels: { app: 'ferry' } }));
    clusterId = String(operation.metadata?.clusterId);
    await harness.client.waitForOperation(operation, { pollIntervalMs: 20 });
  });
  afterAll(() => harness?.close());

  it('when the pipeline runs once with DuckDB and once with the dataproc engine, then the job ends DONE and both results hold the same rows and quarantine', async () => {
    const local = await run(createDuckDbEngine({ threads: 1, memoryLimit: '1GB' }), 's3://ferry-work/duckdb', 's3://ferry-results/duckdb');
    harness.emulator.resetCalls();
    const cloud = await run(dataproc('s3://ferry-work/dataproc'), 's3://ferry-work/dataproc', 's3://ferry-results/dataproc');

    expect(local.status).toBe('succeeded');
    expect(cloud.status).toBe('succeeded');
    expect([...harness.emulator.jobs.values()].map((job) => job.json.status)).toEqual(['DONE']);
    expect(harness.emulator.count('jobs.create')).toBe(1);
    expect(cloud.published.map((record) => record.period)).toEqual(local.published.map((record) => record.period));
    expect(cloud.quality).toEqual(local.quality);

    const [localResults, cloudResults] = [await harness.storage.store('s3://ferry-results/duckdb'), await harness.storage.store('s3://ferry-results/dataproc')];
    const localRows = await readParquetRows(localResults, 'transactions/', 'transaction_id');
    expect(localRows.length).toBeGreaterThan(500);
    expect(await readParquetRows(cloudResults, 'transactions/', 'transaction_id')).toEqual(localRows);
    const localQuarantine = await readParquetRows(localResults, 'quarantine/', 'source, line_number');
    expect(localQuarantine.length).toBeGreaterThan(0);
    expect(await readParquetRows(cloudResults, 'quarantine/', 'source, line_number')).toEqual(localQuarantine);
  });

  it('when nothing is new, then no call creates, uses or waits for a cluster', async () => {
    harness.emulator.resetCalls();
    const again = await run(dataproc('s3://ferry-work/dataproc'), 's3://ferry-work/dataproc', 's3://ferry-results/dataproc');
    expect(again.status).toBe('noop');
    expect(harness.emulator.clusterCalls).toBe(0);
    expect(harness.emulator.count('iam.token')).toBe(0);
  });

  it('when the job ends ERROR, then the run fails, nothing is published and the manifest is unchanged', async () => {
    const results: Store = await harness.storage.store('s3://ferry-results/failing');
    harness.emulator.failures.jobError = 'Py4JJavaError: executor lost';
    const error = await run(dataproc('s3://ferry-work/failing'), 's3://ferry-work/failing', 's3://ferry-results/failing').catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^Data Processing job c9q\w+ \(ferry-[^)]+\) on cluster c9q\w+ ended ERROR; last log lines:\n(.|\n)*RuntimeError: Py4JJavaError: executor lost/);
    expect(await results.list('transactions/')).toEqual([]);
    expect(await results.list('quarantine/')).toEqual([]);
    expect(await results.readText(MANIFEST_KEY)).toBeUndefined();
  });

  it('when the API answers bursts of 429 and 500 during the run, then they are retried and the run succeeds', async () => {
    // Consecutive failures of one call stay within the client's retries (6); later calls see the rest.
    harness.emulator.failures.bursts.push({ status: 429, count: 2, retryAfterSeconds: 1 }, { status: 500, count: 2 }, { status: 503, count: 1, match: /operations|jobs/ });
    const result = await run(dataproc('s3://ferry-work/bursty'), 's3://ferry-work/bursty', 's3://ferry-results/bursty');
    expect(result.status).toBe('succeeded');
    expect(harness.emulator.failures.bursts.every((burst) => burst.count === 0)).toBe(true);
    expect(result.published).toHaveLength(2);
  });
});
