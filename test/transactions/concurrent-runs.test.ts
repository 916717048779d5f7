import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { useMinio } from '@ferry/storage/test-support';
import { MINIO, seededRandom, skipNote } from '@ferry/testbed';
import { readManifest, runTransactions, type TransactionsRunResult } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { completedOrThrow, layout, type Store } from '@ferry/types';
import { openTestStores, readPublishedRows, type TestStores } from '../support/stores.ts';

const LOCK_KEY = layout.results.lock;

/**
 * Trials of two runs started together. The suite runs TRIALS (about 30 s here); FERRY_CONCURRENT_TRIALS=100 runs
 * more, e.g. for the figure in the closing note.
 */
const TRIALS = Number(process.env.FERRY_CONCURRENT_TRIALS ?? 20);
const SEED = 13;
/** The second run starts up to this long after the first: from the very same instant to after the first has released. */
const MAX_OFFSET_MS = 900;
const NOTE = skipNote(MINIO);
const minio = useMinio();

const dayAfter = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Outcome = { status: 'published' | 'noop'; result: Exclude<TransactionsRunResult, { status: 'failed' }> } | { status: 'refused'; reason: string };

describe.skipIf(NOTE)(`${NOTE}given two sources publishing into one versioned results store on MinIO`, () => {
  let stores: TestStores;
  let second: Store;
  beforeAll(async () => {
    stores = await openTestStores('MinIO', minio());
    const bucket = `ferry-source-b-${process.pid}`;
    await minio().createBuckets([bucket]);
    second = await stores.storage.store(`s3://${bucket}`);
  });
  afterAll(async () => {
    await stores?.close();
  });

  /** Each source gets a new one-day period every trial, on days of its own: A on even days, B on odd ones. */
  const addPeriod = (source: Store, trial: number, which: 0 | 1) =>
    writeSample(source, { periods: 1, daysPerPeriod: 1, rowsPerDay: 40, seed: SEED + which, start: dayAfter('2019-08-22', 2 * trial + which) });

  async function runFrom(source: Store): Promise<Outcome> {
    try {
      const result = completedOrThrow(
        await runTransactions({
          source,
          work: stores.work,
          results: stores.results,
          engine: createDuckDbEngine({ threads: 1, memoryLimit: '512MB' }),
          console: false,
        }),
      );
      return { status: result.status === 'noop' ? 'noop' : 'published', result };
    } catch (error) {
      const reason = (error as Error).message;
      // Refused because the other run holds the lock: anything else is a failure of the trial.
      if (!/in use by run|is contended/.test(reason)) throw error;
      return { status: 'refused', reason };
    }
  }

  /** When a run published: from the start of its first publish step to the end of its last. */
  const publishWindow = (result: TransactionsRunResult): [number, number] => {
    const steps = result.record.steps.filter((step) => step.name.startsWith('publish '));
    return [Date.parse(steps[0]!.started_at), Date.parse(steps.at(-1)!.finished_at!)];
  };

  it(`when two runs start together at seeded random offsets, ${TRIALS} times in a row, then exactly one publishes at a time and no manifest entry is ever lost`, async () => {
    const random = seededRandom(SEED);
    const published = new Map<string, string>(); // period → run id, for every period any run reported publishing
    const tally = { published: 0, refused: 0, noop: 0 };
    const started = Date.now();
    for (let trial = 0; trial < TRIALS; trial++) {
      await Promise.all([addPeriod(stores.source, trial, 0), addPeriod(second, trial, 1)]);
      const offset = random() < 0.25 ? 0 : Math.round(random() * MAX_OFFSET_MS);
      const [early, late] = random() < 0.5 ? [stores.source, second] : [second, stores.source];
      const outcomes = await Promise.all([runFrom(early), new Promise((resolve) => setTimeout(resolve, offset)).then(() => runFrom(late))]);
      const context = `trial ${trial} (offset ${offset} ms): ${outcomes.map((outcome) => outcome.status).join(', ')}`;

      for (const outcome of outcomes) tally[outcome.status]++;
      const publishers = outcomes.flatMap((outcome) => (outcome.status === 'published' ? [outcome.result] : []));
      expect(publishers.length, context).toBeGreaterThanOrEqual(1);
      if (publishers.length === 2) {
        const [a, b] = publishers.map(publishWindow) as [[number, number], [number, number]];
        expect(a[1] < b[0] || b[1] < a[0], `${context}: both published at once`).toBe(true);
      }
      for (const result of publishers) for (const record of result.published) published.set(record.period, result.runId);

      const manifest = await readManifest(stores.results);
      for (const [period, runId] of published) expect(manifest.periods[period]?.run_id, `${context}: ${period} published by ${runId}`).toBe(runId);
      expect(await stores.results.head(LOCK_KEY), `${context}: lock left behind`).toBeUndefined();
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`concurrent runs: ${TRIALS} trials in ${seconds.toFixed(1)} s; runs ${JSON.stringify(tally)}\n`);

    // Whatever a refused run left behind is published by a last run from each source; then nothing is missing or doubled.
    for (const source of [stores.source, second]) expect((await runFrom(source)).status).not.toBe('refused');
    const manifest = await readManifest(stores.results);
    expect(Object.keys(manifest.periods)).toHaveLength(2 * TRIALS);
    const listed = new Set((await stores.results.list()).map((object) => object.key));
    for (const record of Object.values(manifest.periods)) for (const file of record.files) expect(listed).toContain(file.key);
    const rows = await readPublishedRows(stores);
    expect(rows.length).toBe(Object.values(manifest.periods).reduce((sum, record) => sum + record.rows_written, 0));
  });
});
