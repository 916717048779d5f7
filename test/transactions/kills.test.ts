import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { Storage } from '@ferry/storage';
import { useMinio } from '@ferry/storage/test-support';
import { MINIO, seededRandom, skipNote } from '@ferry/testbed';
import { runTransactions, type TransactionsRunResult } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { FERRY_BIN } from '../support/cli.ts';
import { checkPublished, publishedView, type PublishedView } from '../support/published.ts';

/** Kills the suite runs (about 8 s each here); FERRY_KILL_TRIALS=50 runs more, e.g. once for the closing note. */
const TRIALS = Number(process.env.FERRY_KILL_TRIALS ?? 6);
const SEED = 17;
/** Where a kill lands: a seeded instant within one of these steps, as the console announces them with --debug. */
const PHASES = ['sync', 'clean', 'publish'] as const;
type Phase = (typeof PHASES)[number];
const SAMPLE = { daysPerPeriod: 2, rowsPerDay: 300, start: '2019-08-22', defects: { duplicate: 0.01, malformed: 0.01 } };
const NOTE = skipNote(MINIO);
const minio = useMinio();

/**
 * SIGKILL of a `ferry run` child at seeded points of sync, clean and publish. Each trial starts from a results store
 * holding an earlier version of the first period, so the killed run also supersedes files (and a kill can land between
 * its manifest entry and the deletion of what it replaced).
 */
describe.skipIf(NOTE)(`${NOTE}given a results store on MinIO holding an earlier version of a period, and three new or changed periods`, () => {
  let direct: Storage;
  let reference: PublishedView;
  /** How long each phase took in a clean run, for where a kill can land. */
  let window: Record<Phase, number>;
  const bucket = { source: 'ferry-source-kills', work: 'ferry-work-kills', results: 'ferry-results-kills' };
  const tally = { trials: 0, killed: { sync: 0, clean: 0, publish: 0 }, finishedFirst: 0, unlistedAfterKill: 0 };

  beforeAll(async () => {
    const server = minio();
    await server.createBuckets([bucket.source, bucket.work]);
    await server.createBuckets([bucket.results], { versioned: true });
    direct = await Storage.open({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
    await writeSample(await direct.store(`s3://${bucket.source}/v1`), { ...SAMPLE, periods: 1, seed: 99 });
    await writeSample(await direct.store(`s3://${bucket.source}/v2`), { ...SAMPLE, periods: 3, seed: 5 });
    expect((await run('v1', 'reference')).status).toBe('succeeded');
    const clean = await run('v2', 'reference');
    expect(clean.status).toBe('succeeded');
    reference = await publishedView(await direct.store(`s3://${bucket.results}/reference`));
    const span = (from: string, to = from) => {
      const steps = clean.record.steps;
      const first = steps.find((step) => step.name.startsWith(from))!;
      const last = steps.findLast((step) => step.name.startsWith(to))!;
      return Date.parse(last.finished_at!) - Date.parse(first.started_at);
    };
    window = { sync: span('sync'), clean: span('clean'), publish: span('publish') };
  });
  afterAll(async () => {
    await direct?.close();
    if (tally.trials > 0) process.stdout.write(`kill trials: ${JSON.stringify({ ...tally, window })}\n`);
  });

  function run(source: 'v1' | 'v2', name: string): Promise<TransactionsRunResult> {
    return Promise.all(
      [`${bucket.source}/${source}`, `${bucket.work}/${name}`, `${bucket.results}/${name}`].map((at) => direct.store(`s3://${at}`)),
    ).then(([sourceStore, work, results]) =>
      runTransactions({
        source: sourceStore!,
        work: work!,
        results: results!,
        engine: createDuckDbEngine({ threads: 1, memoryLimit: '512MB' }),
        console: false,
      }),
    );
  }

  /** `ferry run` from v2 as a child process, SIGKILLed `delayMs` after the console says `phase` started. */
  function killedRun(name: string, phase: Phase, delayMs: number): Promise<'killed' | 'finished'> {
    const server = minio();
    const child = spawn(
      process.execPath,
      [
        FERRY_BIN,
        '--debug',
        'run',
        '--threads',
        '1',
        '--memory-limit',
        '512MB',
        '--source',
        `s3://${bucket.source}/v2`,
        '--work',
        `s3://${bucket.work}/${name}`,
        '--results',
        `s3://${bucket.results}/${name}`,
      ],
      {
        env: {
          ...process.env,
          FORCE_COLOR: '0',
          FERRY_S3_ENDPOINT: server.endpoint,
          AWS_ACCESS_KEY_ID: server.accessKeyId,
          AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const announced = new RegExp(`DEBUG \\[${phase}[^\\]]*\\] started`);
    let armed = false;
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (armed || !announced.test(line)) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve('killed') : code === 0 ? resolve('finished') : reject(new Error(`ferry run exited ${code}`)),
      );
    });
  }

  it(`when \`ferry run\` is SIGKILLed at ${TRIALS} seeded points of sync, clean and publish, then the manifest never lists a missing file, and the next run publishes exactly what a clean run does, leaving nothing unlisted`, async () => {
    const random = seededRandom(SEED);
    for (let trial = 0; trial < TRIALS; trial++) {
      const name = `trial-${trial}`;
      const phase = PHASES[trial % PHASES.length]!;
      const delayMs = Math.round(random() * window[phase]);
      const context = `trial ${trial}: kill ${delayMs} ms into ${phase}`;
      expect((await run('v1', name)).status, context).toBe('succeeded');

      const outcome = await killedRun(name, phase, delayMs);
      tally.trials++;
      if (outcome === 'killed') tally.killed[phase]++;
      else tally.finishedFirst++;
      const results = await direct.store(`s3://${bucket.results}/${name}`);
      const afterKill = await checkPublished(results);
      expect(afterKill.missing, `${context}: the manifest lists files that are not there`).toEqual([]);
      tally.unlistedAfterKill += afterKill.unlisted.length;

      const next = await run('v2', name);
      expect(next.status, `${context}: ${next.status === 'failed' ? String(next.error) : ''}`).toMatch(/^(succeeded|noop)$/);
      expect(await checkPublished(results), context).toEqual({ missing: [], unlisted: [] });
      expect(await publishedView(results), context).toEqual(reference);
    }
  });
});
