import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, oddFieldLines } from '@ferry/cleaning/cases';
import { generateSample } from '@ferry/sample';
import { copyIncremental } from '@ferry/storage';
import { runTransactions, type TransactionsRunResult } from '@ferry/transactions';
import { createDataprocEngine } from '@ferry/transactions/dataproc';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { completedOrThrow, layout, type Manifest, type Store } from '@ferry/types';
import { runLocalJob } from '../emulator/index.ts';
import { JOBS, createWorkCluster, startCloudHarness, type CloudHarness } from './harness.ts';

const MANIFEST_KEY = layout.results.manifest;
/** A run that did not fail (a failed one rejects with its error). */
type CompletedRun = Exclude<TransactionsRunResult, { status: 'failed' }>;

/** Small input splits, so one file is read as several, and few rows per file, so a day is written as several files. */
const SPARK_PROPERTIES = { 'spark.sql.files.maxPartitionBytes': String(64 * 1024), 'spark.sql.files.maxRecordsPerFile': '300' };
const HAND_WRITTEN = '2019-10-01.txt';
/** The same lines with a byte order mark and CRLF endings, as a Windows tool writes them. */
const HAND_WRITTEN_CRLF = '2019-10-15.txt';
const SPLIT = '2019-11-01.txt';

/** One file of many lines, read in several splits, ending with repeats of lines near its start (duplicates across splits). */
function splitFile(): string {
  const [period] = [
    ...generateSample({
      periods: 1,
      daysPerPeriod: 3,
      rowsPerDay: 1500,
      seed: 7,
      start: '2019-11-01',
      defects: { duplicate: 0.002, invalid_terminal: 0.002, midnight_24h: 0.002 },
    }),
  ];
  const text = Buffer.concat([...period!.chunks()]).toString('utf8');
  const lines = text.split('\n');
  return `${text}${[2, 3, 5, 40].map((i) => lines[i]).join('\n')}\n`;
}

/**
 * The transactions pipeline in process, against the emulated Data Processing API: the same sources cleaned by
 * `ferry run --engine duckdb` and by the dataproc engine, whose jobs run as JOBS says, publish the same results.
 */
describe(`given source periods with every defect kind, odd fields and a file of several splits, and a cluster whose jobs run on ${JOBS.name}`, () => {
  let harness: CloudHarness;
  let clusterId: string;
  let local: CompletedRun;
  let cloud: CompletedRun;
  let inspect: string;

  const run = async (engine: Parameters<typeof runTransactions>[0]['engine'], name: string, source?: Store) =>
    completedOrThrow(
      await runTransactions({
        source: source ?? harness.source,
        work: await harness.storage.store(`s3://ferry-work/${name}`),
        results: await harness.storage.store(`s3://ferry-results/${name}`),
        engine,
        console: false,
      }),
    );
  const dataproc = () => createDataprocEngine({ client: harness.client, clusterId, pollIntervalMs: 50, sparkProperties: SPARK_PROPERTIES });
  const duckdb = () => createDuckDbEngine({ threads: 1, memoryLimit: '1GB' });

  beforeAll(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 20 });
    inspect = join(harness.dir, 'inspect');
    const handWritten = [...CASES.map((c) => c.line), ...oddFieldLines()];
    await harness.source.write(HAND_WRITTEN, `${handWritten.join('\n')}\n`);
    await harness.source.write(HAND_WRITTEN_CRLF, `\ufeff${handWritten.join('\r\n')}\r\n`);
    await harness.source.write(SPLIT, splitFile());
    clusterId = await createWorkCluster(harness);

    local = await run(duckdb(), 'duckdb');
    harness.emulator.resetCalls();
    cloud = await run(dataproc(), 'dataproc');
  });
  afterAll(() => harness?.close());

  /** DuckDB over a local copy of one results store's prefix (no httpfs): every file, or every row. */
  const readResults = async (name: string, prefix: string, sql: (files: string) => string) => {
    const dir = join(inspect, name, prefix);
    await copyIncremental((await harness.storage.store(`s3://ferry-results/${name}`)).child(prefix), await harness.storage.store(dir));
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
    const connection = await instance.connect();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      return (await connection.runAndReadAll(sql(`'${dir}/**/*.parquet'`))).getRowObjectsJson();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  };
  // The period a published file belongs to is the start of its name (<period>_<run>_<n>.parquet).
  const everyRow = (files: string) =>
    `SELECT regexp_extract(filename, '([0-9]{4}-[0-9]{2}-[0-9]{2})_[^/]+$', 1) AS period, * EXCLUDE (filename)
     FROM read_parquet(${files}, hive_partitioning = true, filename = true) ORDER BY ALL`;

  it('when both runs end, then each published every period and the cloud one ran exactly one job, to DONE', () => {
    expect(local.status).toBe('succeeded');
    expect(cloud.status).toBe('succeeded');
    expect(cloud.published.map((record) => record.period)).toEqual(local.published.map((record) => record.period));
    expect(cloud.published).toHaveLength(5);
    expect(harness.emulator.count('jobs.create')).toBe(1);
    expect([...harness.emulator.jobs.values()].map((job) => job.json.status)).toEqual(['DONE']);
  });

  it('when their quality is compared, then every count of every period is the same', () => {
    expect(cloud.quality).toEqual(local.quality);
    expect(local.quality.every((period) => Object.values(period.rejected).some((n) => n > 0))).toBe(true);
  });

  it('when every published row is read, then every column value of every row is the same', async () => {
    const rows = await readResults('duckdb', 'transactions/', everyRow);
    expect(rows.length).toBe(local.published.reduce((sum, record) => sum + record.rows_written, 0));
    expect(await readResults('dataproc', 'transactions/', everyRow)).toEqual(rows);
  });

  it('when the quarantine is read, then the same lines are rejected with the same source, line number, text and rule', async () => {
    const quarantine = (files: string) => `SELECT source, line_number, raw_line, rule FROM read_parquet(${files}) ORDER BY source, line_number`;
    const rows = await readResults('duckdb', 'quarantine/', quarantine);
    const split = rows.filter((row) => row.source === SPLIT);
    // The repeats at the end of the split file are duplicates of lines in its first split.
    expect(split.filter((row) => row.rule === 'duplicate').length).toBeGreaterThanOrEqual(4);
    expect(await readResults('dataproc', 'quarantine/', quarantine)).toEqual(rows);
  });

  it('when the parquet schemas are read, then names, physical and logical types, UTC adjustment and decimal precision agree', async () => {
    // parquet_schema's converted and logical annotations, folded into one meaning: a plain INT64 is the same signed
    // 64-bit integer as one annotated INT_64 (DuckDB annotates plain integers, Spark does not).
    const schema = (files: string) =>
      `SELECT DISTINCT name, type,
         CASE WHEN logical_type LIKE 'TimestampType%' THEN logical_type
              WHEN converted_type = 'DECIMAL' THEN 'decimal(' || precision || ',' || scale || ')'
              WHEN converted_type IN ('UTF8') OR logical_type = 'StringType()' THEN 'string'
              WHEN converted_type LIKE 'INT_%' THEN lower(converted_type)
              WHEN type IN ('INT64', 'INT32') THEN 'int_' || substring(type, 4)
              ELSE coalesce(logical_type, converted_type) END AS meaning
       FROM parquet_schema(${files}) WHERE num_children IS NULL ORDER BY name`;
    for (const prefix of ['transactions/', 'quarantine/']) {
      const local = await readResults('duckdb', prefix, schema);
      expect(local.length, `one schema for every ${prefix} file`).toBe(new Set(local.map((column) => column.name)).size);
      expect(await readResults('dataproc', prefix, schema), prefix).toEqual(local);
    }
    const timestamps = await readResults(
      'dataproc',
      'transactions/',
      (files) => `SELECT DISTINCT logical_type FROM parquet_schema(${files}) WHERE name = 'tx_datetime'`,
    );
    expect(timestamps).toEqual([{ logical_type: expect.stringContaining('isAdjustedToUTC=1') }]);
  });

  it('when the Spark output is published, then several part files per day land as owned files and nothing Spark adds besides', async () => {
    const results = await harness.storage.store('s3://ferry-results/dataproc');
    const keys = (await results.list('transactions/')).map((object) => object.key);
    expect(keys.every((key) => /^transactions\/tx_date=\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}_[^/]+_\d+\.parquet$/.test(key))).toBe(true);
    const perDay = new Map<string, number>();
    for (const key of keys) perDay.set(key.split('/')[1]!, (perDay.get(key.split('/')[1]!) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeGreaterThan(1);
    const manifest = JSON.parse((await results.readText(MANIFEST_KEY))!) as Manifest;
    expect(
      Object.values(manifest.periods)
        .flatMap((record) => record.files.map((file) => file.key))
        .filter((key) => key.startsWith('transactions/'))
        .sort(),
    ).toEqual(keys);
    expect(await (await harness.storage.store('s3://ferry-work/dataproc')).list(layout.work.stagingRoot)).toEqual([]);
  });

  it.skipIf(!JOBS.real)(`${JOBS.real ? '' : 'SKIPPED, no real Spark: '}when the split file is cleaned, then Spark read it in several splits`, () => {
    const log = [...harness.emulator.jobs.values()][0]!.log;
    const splits = Number(new RegExp(`ferry: cleaned ${SPLIT}: .* in (\\d+) input splits`).exec(log)?.[1]);
    expect(splits).toBeGreaterThan(3);
  });

  it('when nothing is new, then no call creates, uses or waits for a cluster', async () => {
    harness.emulator.resetCalls();
    const again = await run(dataproc(), 'dataproc');
    expect(again.status).toBe('noop');
    expect(harness.emulator.clusterCalls).toBe(0);
    expect(harness.emulator.count('iam.token')).toBe(0);
  });

  it('when a period has a byte order mark and CRLF endings, then both engines clean it exactly like its LF twin', () => {
    const counts = (result: CompletedRun, source: string) => {
      const { period: _period, source: _source, ...rest } = result.quality.find((period) => period.source === source)!;
      return rest;
    };
    for (const result of [local, cloud]) expect(counts(result, HAND_WRITTEN_CRLF)).toEqual(counts(result, HAND_WRITTEN));
  });

  it.for([
    [
      'gzip-compressed',
      gzipSync('0,2019-08-22 00:00:00,0,0,0.01,0,0,0,0\n'),
      '2019-12-01.txt is gzip-compressed: ferry cleans plain text, so decompress it first',
    ],
    ['binary', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(32)]), '2019-12-01.txt is not a text file'],
  ] as const)('when a source is %s, then both engines refuse it with the same one line and publish nothing', async ([kind, content, message]) => {
    const source = await harness.storage.store(`s3://ferry-source/${kind}`);
    await source.write('2019-12-01.txt', content);
    const refusal = (engine: Parameters<typeof run>[0], name: string) =>
      run(engine, name, source).then(
        () => 'no error',
        (error: Error) => error.message,
      );
    expect(await refusal(duckdb(), `${kind}-duckdb`)).toBe(message);
    expect(await refusal(dataproc(), `${kind}-dataproc`)).toBe(message);
    expect(await (await harness.storage.store(`s3://ferry-results/${kind}-dataproc`)).list('transactions/')).toEqual([]);
  });
});

describe('given a new source period and a cluster whose jobs run the DuckDB stand-in (the API client is under test here, not the job)', () => {
  let harness: CloudHarness;
  let clusterId: string;

  beforeAll(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 20, runJob: runLocalJob });
    clusterId = await createWorkCluster(harness);
  });
  afterAll(() => harness?.close());

  const runOnCluster = async () =>
    completedOrThrow(
      await runTransactions({
        source: harness.source,
        work: await harness.storage.store('s3://ferry-work'),
        results: await harness.storage.store('s3://ferry-results'),
        engine: createDataprocEngine({ client: harness.client, clusterId, pollIntervalMs: 50 }),
        console: false,
      }),
    );

  it('when the API answers bursts of 429 and 500 during the run, then they are retried and the run succeeds', async () => {
    // Consecutive failures of one call stay within the client's retries (6); later calls see the rest.
    harness.emulator.failures.bursts.push(
      { status: 429, count: 2, retryAfterSeconds: 1 },
      { status: 500, count: 2 },
      { status: 503, count: 1, match: /operations|jobs/ },
    );
    const result = await runOnCluster();
    expect(result.status).toBe('succeeded');
    expect(harness.emulator.failures.bursts.every((burst) => burst.count === 0)).toBe(true);
    expect(result.published).toHaveLength(2);
  });

  it('when the answer to the job create is lost, then the run finds its job by name, submits exactly one, and succeeds', async () => {
    harness.emulator.resetCalls();
    const jobsBefore = harness.emulator.jobs.size;
    harness.emulator.failures.lostAnswers.push({ count: 1, match: /^POST .*\/jobs$/ });
    await harness.source.write('2019-12-01.txt', (await harness.source.readText((await harness.source.list())[0]!.key))!);
    const result = await runOnCluster();
    expect(result.status).toBe('succeeded');
    expect(result.published.map((period) => period.period)).toEqual(['2019-12-01']);
    expect(harness.emulator.failures.lostAnswers[0]!.count).toBe(0);
    expect(harness.emulator.count('jobs.create')).toBe(1);
    expect(harness.emulator.count('jobs.list')).toBe(1);
    expect(harness.emulator.jobs.size).toBe(jobsBefore + 1);
  });
});
