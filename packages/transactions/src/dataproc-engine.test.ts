import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPySparkJob } from '@ferry/cleaning';
import { Storage } from '@ferry/storage';
import { DEFAULT_RULE_PARAMS, FerryError, layout, noRejections, type Logger, type PeriodQuality, type SourcePeriod, type Store } from '@ferry/types';
import { StaticTokenSource, YandexClient } from '@ferry/yandex';
import { clusterRequest, YandexEmulator, type JobRunInput, type EmulatorOptions } from '../../../test/emulator/index.ts';
import { createDataprocEngine } from './dataproc-engine.ts';

const TOKEN = 't1.engine-test';
const WORK_URL = 's3://ferry-work/team-a';
const RUN_ID = 'run-20261121-0600';
const PERIODS: SourcePeriod[] = [
  { period: '2019-08-22', source: '2019-08-22.txt', size: 10, etag: 'a' },
  { period: '2019-09-21', source: '2019-09-21.txt', size: 10, etag: 'b' },
];

interface LoggedLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

function capturingLogger(lines: LoggedLine[], bindings: Record<string, unknown> = {}, onLine?: (line: LoggedLine) => void): Logger {
  const at =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      const line = { level, msg, fields: { ...bindings, ...fields } };
      lines.push(line);
      onLine?.(line);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => capturingLogger(lines, { ...bindings, ...more }, onLine),
  };
}

function qualityOf(period: SourcePeriod, rows: number): PeriodQuality {
  return {
    period: period.period,
    source: period.source,
    rows_read: rows,
    rows_written: rows,
    comment_lines: 0,
    rejected: noRejections(),
    repaired: { midnight_24h: 0 },
  };
}

describe('given a running cluster and a work bucket', () => {
  let dir: string;
  let storage: Storage;
  let work: Store;
  let emulator: YandexEmulator;
  let client: YandexClient;
  let clusterId: string;
  let submitted: JobRunInput['spec'][];

  /** Sources the fake job records as failed, with the reason it gives. */
  let failing: Map<string, string>;

  /**
   * Stands in for the PySpark job: checks its CLI contract and writes the period's quality where the job would, or, for a
   * source in `failing`, its failure record.
   */
  async function fakeJob({ spec, log }: JobRunInput): Promise<void> {
    submitted.push(spec);
    const args = new Map<string, string>();
    for (let i = 0; i < spec.args.length; i += 2) args.set(spec.args[i]!, spec.args[i + 1]!);
    for (const source of args.get('--sources')!.split(',')) {
      const period = PERIODS.find((candidate) => candidate.source === source)!;
      log(`INFO cleaning ${source}: a long line so that log pages cut lines in the middle, as the real API does`);
      const staged = layout.work.staged(RUN_ID, period.period);
      const reason = failing.get(source);
      if (reason) await work.write(staged.failure, JSON.stringify({ period: period.period, source, reason }));
      else await work.write(staged.quality, JSON.stringify(qualityOf(period, 100)));
    }
  }

  async function start(options: EmulatorOptions = {}): Promise<void> {
    emulator = await YandexEmulator.start({ staticTokens: [TOKEN], clusterCreateMs: 5, logPageBytes: 50, runJob: fakeJob, ...options });
    client = new YandexClient({
      tokens: new StaticTokenSource(TOKEN),
      endpoints: { dataproc: emulator.url, operation: emulator.url },
      retry: { retries: 5, minTimeoutMs: 5, maxTimeoutMs: 20 },
    });
    const operation = await client.createCluster(clusterRequest({ folderId: 'b1g', name: 'ferry-work', labels: { app: 'ferry' } }));
    clusterId = String(operation.metadata?.clusterId);
    await client.waitForOperation(operation, { pollIntervalMs: 10 });
    emulator.resetCalls();
  }

  function clean(lines: LoggedLine[], extra: { signal?: AbortSignal; onLine?: (line: LoggedLine) => void; done?: PeriodQuality[] } = {}) {
    const engine = createDataprocEngine({ client, clusterId, pollIntervalMs: 20 });
    return engine.clean({
      runId: RUN_ID,
      periods: PERIODS,
      work,
      params: DEFAULT_RULE_PARAMS,
      log: capturingLogger(lines, {}, extra.onLine),
      signal: extra.signal,
      onPeriodDone: (quality) => extra.done?.push(quality),
    });
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-dataproc-engine-'));
    storage = await Storage.open({ embeddedDir: dir });
    work = await storage.store(WORK_URL);
    submitted = [];
    failing = new Map();
  });
  afterEach(async () => {
    await emulator?.stop();
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when new periods are cleaned, then the job is uploaded and submitted with the s3a contract, its log is copied line by line, and the qualities come back', async () => {
    await start();
    const lines: LoggedLine[] = [];
    const done: PeriodQuality[] = [];
    const qualities = await clean(lines, { done });

    expect(qualities).toEqual({ cleaned: [qualityOf(PERIODS[0]!, 100), qualityOf(PERIODS[1]!, 100)], failed: [] });
    expect(done.map((quality) => quality.period)).toEqual(['2019-08-22', '2019-09-21']);
    expect(await work.readText(layout.work.job(RUN_ID))).toBe(renderPySparkJob(DEFAULT_RULE_PARAMS));
    expect(submitted).toEqual([
      {
        mainPythonFileUri: `s3a://ferry-work/team-a/${layout.work.job(RUN_ID)}`,
        args: [
          '--input-uri',
          `s3a://ferry-work/team-a/${layout.work.inputs}`,
          '--output-uri',
          `s3a://ferry-work/team-a/${layout.work.staging(RUN_ID)}`,
          '--sources',
          '2019-08-22.txt,2019-09-21.txt',
          '--terminal-id-max',
          '999',
          '--epoch',
          '2019-08-22 00:00:00',
        ],
        // No properties given: the cluster's own Spark settings apply.
        properties: {},
      },
    ]);
    const jobLog = lines.filter((line) => line.fields.source === 'job-log').map((line) => line.msg);
    expect(jobLog).toContain('INFO cleaning 2019-08-22.txt: a long line so that log pages cut lines in the middle, as the real API does');
    expect(jobLog).toContain('INFO cleaning 2019-09-21.txt: a long line so that log pages cut lines in the middle, as the real API does');
    expect(emulator.count('jobs.logs')).toBeGreaterThan(3);
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^job c9q\w+: DONE$/)]));
  });

  it('when the job ends DONE having recorded one period as failed, then that period comes back failed with its reason and the other cleaned', async () => {
    await start();
    failing.set('2019-09-21.txt', '2019-09-21.txt is not a text file');
    const lines: LoggedLine[] = [];
    const done: PeriodQuality[] = [];
    expect(await clean(lines, { done })).toEqual({
      cleaned: [qualityOf(PERIODS[0]!, 100)],
      failed: [{ period: '2019-09-21', source: '2019-09-21.txt', reason: '2019-09-21.txt is not a text file' }],
    });
    expect(done.map((quality) => quality.period)).toEqual(['2019-08-22']);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'could not clean 2019-09-21.txt: 2019-09-21.txt is not a text file' }),
    );
  });

  it('when the job ends ERROR, then clean throws a FerryError naming the job, its status and the tail of its log', async () => {
    await start();
    emulator.failures.jobError = 'Py4JJavaError: An error occurred while calling o123.parquet';
    const error = await clean([]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FerryError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Data Processing job c9q\\w+ \\(ferry-${RUN_ID}\\) on cluster ${clusterId} ended ERROR; last log lines:\\n(.|\\n)*RuntimeError: Py4JJavaError: An error occurred while calling o123.parquet`,
      ),
    );
  });

  it('when the run is interrupted while the job runs, then the job is cancelled and clean fails', async () => {
    await start({ jobHoldMs: 60_000 });
    const abort = new AbortController();
    const error = await clean([], { signal: abort.signal, onLine: (line) => line.msg.endsWith(': RUNNING') && abort.abort() }).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toMatch(/^Data Processing job c9q\w+ was cancelled \(the run was interrupted\); it ended CANCELLED$/);
    expect(emulator.count('jobs.cancel')).toBe(1);
    expect([...emulator.jobs.values()].map((job) => job.json.status)).toEqual(['CANCELLED']);
  });

  it('when the run is interrupted while the job is being submitted, then the submission completes and the job is cancelled', async () => {
    await start({ jobHoldMs: 60_000 });
    const abort = new AbortController();
    abort.abort();
    const error = await clean([], { signal: abort.signal }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^Data Processing job c9q\w+ was cancelled \(the run was interrupted\); it ended CANCELLED$/);
    expect(emulator.count('jobs.create')).toBe(1);
    expect(emulator.count('jobs.cancel')).toBe(1);
    expect([...emulator.jobs.values()].map((job) => job.json.status)).toEqual(['CANCELLED']);
  });

  it('when the API answers bursts of 429 and 500 while the job runs, then the calls are retried and the job still completes', async () => {
    await start();
    emulator.failures.bursts.push({ status: 429, count: 2, match: /jobs/ }, { status: 500, count: 2, match: /jobs/ });
    expect((await clean([])).cleaned).toHaveLength(2);
    expect(emulator.count('jobs.create')).toBeGreaterThan(1);
  });

  it('when the engine is only constructed, or asked to clean nothing, then no API call is made', async () => {
    await start();
    const engine = createDataprocEngine({ client, clusterId });
    expect(await engine.clean({ runId: RUN_ID, periods: [], work, params: DEFAULT_RULE_PARAMS, log: capturingLogger([]) })).toEqual({
      cleaned: [],
      failed: [],
    });
    expect(emulator.calls.size).toBe(0);
  });

  it('when the work location is a local directory, then the engine refuses it before any API call, in words that name no flag', async () => {
    await start();
    const engine = createDataprocEngine({ client, clusterId });
    const local = await storage.store(join(dir, 'work'));
    await expect(
      engine.clean({ runId: RUN_ID, periods: PERIODS, work: local, params: DEFAULT_RULE_PARAMS, log: capturingLogger([]) }),
    ).rejects.toThrow(
      new FerryError(
        `the Data Processing engine needs the work location in object storage (s3://bucket/prefix), not the local directory ${join(dir, 'work')}`,
      ),
    );
    expect(emulator.calls.size).toBe(0);
    expect(await local.list()).toEqual([]);
  });
});
