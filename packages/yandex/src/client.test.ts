import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '@ferry/types';
import { clusterRequest, YandexEmulator } from '../../../test/emulator/index.ts';
import { YandexClient } from './client.ts';
import { parseRetryAfter, StaticTokenSource, YandexApiError } from './index.ts';

const FOLDER = 'b1g-folder';
const TOKEN = 't1.client-test';

function clientFor(emulator: YandexEmulator, retries = 4): YandexClient {
  return new YandexClient({
    tokens: new StaticTokenSource(TOKEN),
    endpoints: { dataproc: emulator.url, operation: emulator.url },
    retry: { retries, minTimeoutMs: 5, maxTimeoutMs: 20 },
  });
}

async function runningCluster(client: YandexClient, name: string): Promise<string> {
  const created = await client.waitForOperation(await client.createCluster(clusterRequest({ folderId: FOLDER, name })), { pollIntervalMs: 10 });
  return String(created.metadata?.clusterId);
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('given the Data Processing emulator', () => {
  let emulator: YandexEmulator;
  let client: YandexClient;

  beforeEach(async () => {
    emulator = await YandexEmulator.start({
      staticTokens: [TOKEN],
      maxPageSize: 2,
      logPageBytes: 64,
      runJob: async ({ log }) => {
        for (let line = 1; line <= 20; line++) log(`INFO step ${line} of 20`);
      },
    });
    client = clientFor(emulator);
  });
  afterEach(() => emulator.stop());

  it('when a cluster is created, then the operation is polled until done and its response is the RUNNING cluster', async () => {
    const operation = await client.createCluster(clusterRequest({ folderId: FOLDER, name: 'ferry-work', labels: { app: 'ferry' } }));
    expect(operation.done).toBe(false);
    expect(operation.metadata?.['@type']).toBe('type.googleapis.com/yandex.cloud.dataproc.v1.CreateClusterMetadata');

    const done = await client.waitForOperation(operation, { pollIntervalMs: 10 });
    expect(done.response).toMatchObject({ '@type': 'type.googleapis.com/yandex.cloud.dataproc.v1.Cluster', name: 'ferry-work', status: 'RUNNING' });
    const cluster = await client.getCluster(String(operation.metadata?.clusterId));
    expect(cluster).toMatchObject({ name: 'ferry-work', status: 'RUNNING', labels: { app: 'ferry' } });
  });

  it('when cluster creation fails, then waiting throws a FerryError with the operation error', async () => {
    emulator.failures.clusterError = 'Quota limit mdb.hdd.size exceeded';
    const operation = await client.createCluster(clusterRequest({ folderId: FOLDER, name: 'ferry-work' }));
    await expect(client.waitForOperation(operation, { pollIntervalMs: 10 })).rejects.toThrow(/failed: Quota limit mdb.hdd.size exceeded \(code 13\)/);
  });

  it('when the folder has more clusters than one page, then listing follows nextPageToken to the end', async () => {
    for (const name of ['ferry-a', 'ferry-b', 'ferry-c', 'ferry-d', 'ferry-e'])
      await client.createCluster(clusterRequest({ folderId: FOLDER, name }));
    const clusters = await client.listClusters(FOLDER);
    expect(clusters.map((cluster) => cluster.name).sort()).toEqual(['ferry-a', 'ferry-b', 'ferry-c', 'ferry-d', 'ferry-e']);
    expect(emulator.count('clusters.list')).toBe(3);
    expect(await client.listClusters(FOLDER, { name: 'ferry-c' })).toHaveLength(1);
  });

  it('when a job ran, then its log is read page by page until nextPageToken is empty', async () => {
    const created = await client.waitForOperation(await client.createCluster(clusterRequest({ folderId: FOLDER, name: 'ferry-jobs' })), {
      pollIntervalMs: 10,
    });
    const clusterId = String(created.metadata?.clusterId);
    const jobId = await client.submitPysparkJob(clusterId, {
      name: 'clean',
      pysparkJob: { mainPythonFileUri: 's3a://work/job.py', args: ['--x', '1'] },
    });
    await until(async () => (await client.getJob(clusterId, jobId)).status === 'DONE');

    const pages: string[] = [];
    for await (const page of client.jobLog(clusterId, jobId)) pages.push(page);
    const log = pages.join('');
    expect(pages.length).toBeGreaterThan(5);
    for (let line = 1; line <= 20; line++) expect(log).toContain(`INFO step ${line} of 20\n`);
    expect((await client.getJob(clusterId, jobId)).status).toBe('DONE');
  });

  it('when the API answers bursts of 429 and 500, then calls are retried and succeed', async () => {
    emulator.failures.bursts.push({ status: 429, count: 2 }, { status: 500, count: 2 });
    expect(await client.listClusters(FOLDER)).toEqual([]);
    expect(emulator.count('clusters.list')).toBe(5);
  });

  it('when a retried POST reaches the API twice, then the Idempotency-Key makes it create one cluster', async () => {
    // The first attempt creates the cluster but its answer is lost; the retry gets the same operation back.
    emulator.failures.bursts.push({ status: 503, count: 1, match: /clusters$/, afterHandling: true });
    const operation = await client.createCluster(clusterRequest({ folderId: FOLDER, name: 'ferry-once' }));
    expect(emulator.count('clusters.create')).toBe(2);
    expect(await client.listClusters(FOLDER)).toEqual([expect.objectContaining({ id: operation.metadata?.clusterId, name: 'ferry-once' })]);
  });

  it('when the answer to a job create is lost, then the retry finds the job by its name and no second job is submitted', async () => {
    const clusterId = await runningCluster(client, 'ferry-lost');
    emulator.failures.lostAnswers.push({ count: 1, match: /^POST .*\/jobs$/ });
    const jobId = await client.submitPysparkJob(clusterId, { name: 'ferry-run-1', pysparkJob: { mainPythonFileUri: 's3a://work/job.py' } });

    expect(emulator.count('jobs.create')).toBe(1);
    expect(emulator.count('jobs.list')).toBe(1);
    expect([...emulator.jobs.keys()]).toEqual([jobId]);
  });

  it('when the create is answered 503 after the job was made, by an API that ignores Idempotency-Key, then the lookup still keeps it to one job', async () => {
    const ignoring = await YandexEmulator.start({ staticTokens: [TOKEN], idempotencyKeys: 'ignored', runJob: async () => undefined });
    try {
      const other = clientFor(ignoring);
      const clusterId = await runningCluster(other, 'ferry-ignoring');
      ignoring.failures.bursts.push({ status: 503, count: 1, match: /jobs$/, afterHandling: true });
      const jobId = await other.submitPysparkJob(clusterId, { name: 'ferry-run-2', pysparkJob: { mainPythonFileUri: 's3a://work/job.py' } });

      expect([...ignoring.jobs.keys()]).toEqual([jobId]);
      expect(ignoring.count('jobs.create')).toBe(1);
    } finally {
      await ignoring.stop();
    }
  });

  it('when jobs are listed by name, then only that name is returned, across pages, and a filter on anything else is refused', async () => {
    const clusterId = await runningCluster(client, 'ferry-names');
    for (const name of ['ferry-a', 'ferry-b', 'ferry-a', 'ferry-c', 'ferry-a'])
      await client.submitPysparkJob(clusterId, { name, pysparkJob: { mainPythonFileUri: 's3a://work/job.py' } });
    emulator.resetCalls();

    expect((await client.listJobs(clusterId, { name: 'ferry-a' })).map((job) => job.name)).toEqual(['ferry-a', 'ferry-a', 'ferry-a']);
    expect(emulator.count('jobs.list')).toBe(2);
    expect(await client.listJobs(clusterId)).toHaveLength(5);
    const url = new URL(`/dataproc/v1/clusters/${clusterId}/jobs?filter=status%3D%22DONE%22`, emulator.url);
    const refused = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(refused.status).toBe(400);
  });

  it('when the errors outlast the retries, then one FerryError says method, path, status and the API message', async () => {
    emulator.failures.bursts.push({ status: 500, count: 10 });
    const error = await clientFor(emulator, 2)
      .getCluster('c9qmissing')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(YandexApiError);
    expect((error as Error).message).toBe('Yandex Cloud GET /dataproc/v1/clusters/c9qmissing failed: HTTP 500: Internal error (injected)');
    expect(emulator.count('clusters.get')).toBe(3);
  });

  it('when the resource does not exist, then 404 is not retried', async () => {
    const error = await client.getCluster('c9qmissing').catch((caught: unknown) => caught);
    expect((error as YandexApiError).status).toBe(404);
    expect((error as Error).message).toMatch(/HTTP 404: Cluster c9qmissing not found/);
    expect(emulator.count('clusters.get')).toBe(1);
  });
});

describe('given an API that never answers', () => {
  let server: Server;
  let url: string;
  let requests = 0;

  beforeEach(async () => {
    server = createServer(() => void requests++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('when each attempt times out, then it is retried and finally fails with a timeout error', async () => {
    const client = new YandexClient({
      tokens: new StaticTokenSource(TOKEN),
      endpoints: { dataproc: url },
      timeoutMs: 100,
      retry: { retries: 1, minTimeoutMs: 5 },
    });
    const error = await client.getCluster('c9q1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FerryError);
    expect((error as Error).message).toBe('Yandex Cloud GET /dataproc/v1/clusters/c9q1 timed out after 100 ms');
    expect(requests).toBe(2);
  });
});

describe('given a Retry-After header', () => {
  it('when it is seconds or an HTTP date, then it becomes a delay in ms (capped at a minute)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('3600', now)).toBe(60_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
