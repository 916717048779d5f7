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
    const operation = await client.createPysparkJob(clusterId, {
      name: 'clean',
      pysparkJob: { mainPythonFileUri: 's3a://work/job.py', args: ['--x', '1'] },
    });
    const jobId = String(operation.metadata?.jobId);
    const done = await client.waitForOperation(operation, { pollIntervalMs: 10 });
    expect(done.response).toMatchObject({ id: jobId, status: 'DONE' });

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
