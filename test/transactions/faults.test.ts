import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { Storage } from '@ferry/storage';
import { useMinio } from '@ferry/storage/test-support';
import { MINIO, skipNote, startFaultProxy, type FaultCounts, type FaultProxy } from '@ferry/testbed';
import { inspectRunLock, removeRunLock, runTransactions, type TransactionsRunResult } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { FerryError, type Store } from '@ferry/types';
import { checkPublished, publishedView, type PublishedView } from '../support/published.ts';

/**
 * Seeds of the fault proxy the suite runs at each rate; FERRY_FAULT_SEEDS=1,2,3,… runs others (e.g. many, once, for
 * the figures in the closing note).
 */
const SEEDS = (process.env.FERRY_FAULT_SEEDS ?? '1,2').split(',').map(Number);
/** A low rate: the storage layer's retries must hide every fault. */
const LOW_RATE = 0.03;
/** A high rate: a run may fail, but only clearly and without leaving anything half-published. */
const HIGH_RATE = 0.25;
const SAMPLE = { periods: 3, daysPerPeriod: 2, rowsPerDay: 200, seed: 5, start: '2019-08-22', defects: { duplicate: 0.01, malformed: 0.01 } };
const NOTE = skipNote(MINIO);
const minio = useMinio();

/** Requests and faults over every run through the proxy, for the closing note. */
const tally = {
  runs: 0,
  succeeded: 0,
  failed: 0,
  locksLeft: 0,
  requests: 0,
  faults: 0,
  byKind: {} as Record<string, number>,
  errors: [] as string[],
};
function add(counts: FaultCounts): void {
  tally.requests += counts.requests;
  tally.faults += counts.faults;
  for (const [kind, n] of Object.entries(counts.byKind)) tally.byKind[kind] = (tally.byKind[kind] ?? 0) + n;
}

describe.skipIf(NOTE)(
  `${NOTE}given sources on MinIO behind a seeded fault-injecting proxy (errors, throttling, resets, cut bodies, slow first bytes)`,
  () => {
    let direct: Storage;
    let buckets: { source: string; work: string; results: string };
    let reference: PublishedView;

    beforeAll(async () => {
      const server = minio();
      const suffix = 'faults';
      buckets = { source: `ferry-source-${suffix}`, work: `ferry-work-${suffix}`, results: `ferry-results-${suffix}` };
      await server.createBuckets([buckets.source, buckets.work]);
      await server.createBuckets([buckets.results], { versioned: true });
      direct = await Storage.open({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
      await writeSample(await direct.store(`s3://${buckets.source}`), SAMPLE);
      const clean = await run(direct, 'reference');
      expect(clean.status).toBe('succeeded');
      reference = await publishedView(await direct.store(`s3://${buckets.results}/reference`));
      expect(Object.keys(reference.periods)).toHaveLength(SAMPLE.periods);
    });
    afterAll(async () => {
      await direct?.close();
      if (tally.runs > 0) process.stdout.write(`fault runs: ${JSON.stringify(tally)}\n`);
    });

    /** One run from the source into `<results>/<name>`, through whatever server `storage` reaches. */
    async function run(storage: Storage, name: string): Promise<TransactionsRunResult> {
      return runTransactions({
        source: await storage.store(`s3://${buckets.source}`),
        work: await storage.store(`s3://${buckets.work}/${name}`),
        results: await storage.store(`s3://${buckets.results}/${name}`),
        engine: createDuckDbEngine({ threads: 1, memoryLimit: '512MB' }),
        runId: `${name}-run`,
        console: false,
      });
    }

    /** A run with the proxy between ferry and MinIO; its requests and faults count in the tally. */
    async function runThroughFaults(seed: number, rate: number, name: string): Promise<TransactionsRunResult> {
      const server = minio();
      const proxy: FaultProxy = await startFaultProxy({ target: server.endpoint, seed, rate, slowMs: 150 });
      const storage = await Storage.open({ endpoint: proxy.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
      try {
        return await run(storage, name);
      } finally {
        await storage.close();
        add(proxy.counts());
        await proxy.stop();
        tally.runs++;
      }
    }

    const results = (name: string): Promise<Store> => direct.store(`s3://${buckets.results}/${name}`);

    it.for(SEEDS)(
      `when a run meets faults on ${LOW_RATE * 100}% of its requests (seed %i), then it succeeds with exactly the clean run's results`,
      async (seed) => {
        const result = await runThroughFaults(seed, LOW_RATE, `low-${seed}`);
        expect(result.status, result.status === 'failed' ? String(result.error) : '').toBe('succeeded');
        tally.succeeded++;
        expect(await checkPublished(await results(`low-${seed}`))).toEqual({ missing: [], unlisted: [] });
        expect(await publishedView(await results(`low-${seed}`))).toEqual(reference);
      },
    );

    it.for(SEEDS)(
      `when a run meets faults on ${HIGH_RATE * 100}% of its requests (seed %i), then it succeeds identically or fails in one line, leaves nothing half-published, and the next clean run completes it`,
      async (seed) => {
        const name = `high-${seed}`;
        // A run whose very record cannot be written under the faults rejects with that error (the CLI's one line).
        const result = await runThroughFaults(seed, HIGH_RATE, name).catch((error: unknown) => ({ status: 'thrown' as const, error }));
        const store = await results(name);
        if (result.status === 'failed' || result.status === 'thrown') {
          tally.failed++;
          const message = result.status === 'thrown' ? (result.error as Error).message : result.record.error;
          tally.errors.push(message ?? '');
          expect(result.error).toBeInstanceOf(FerryError);
          expect(message, 'one line').toMatch(/^[^\n]+$/);
          expect(await checkPublished(store)).toEqual({ missing: [], unlisted: [] });
          // A lock whose release failed under the faults is this live process's: it is taken off as `ferry unlock` does.
          const lock = await inspectRunLock(store);
          if (lock.state !== 'absent') {
            tally.locksLeft++;
            expect(await removeRunLock(store, lock)).toBe(true);
          }
        } else {
          expect(result.status).toBe('succeeded');
          tally.succeeded++;
          expect(await publishedView(store)).toEqual(reference);
        }
        const next = await run(direct, name);
        expect(next.status, next.status === 'failed' ? String(next.error) : '').toMatch(/^(succeeded|noop)$/);
        expect(await checkPublished(store)).toEqual({ missing: [], unlisted: [] });
        expect(await publishedView(store)).toEqual(reference);
      },
    );
  },
);
