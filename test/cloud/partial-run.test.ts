import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '@ferry/sample';
import { copyIncremental } from '@ferry/storage';
import { readManifest } from '@ferry/transactions';
import { layout, type Store } from '@ferry/types';
import { JOBS, createWorkCluster, startCloudHarness, type CloudHarness } from './harness.ts';
import { runFerry, type Finished } from './processes.ts';

const SOURCE = 's3://ferry-source/partial';
/** Two good periods, and the first of them again with CRLF endings and a byte order mark, as a Windows tool writes it. */
const GOOD = ['2019-08-22', '2019-08-24'] as const;
const CRLF = '2019-10-01';
const GZIP = '2019-12-01';
const BINARY = '2019-12-02';
const REFUSED = {
  [GZIP]: `${GZIP}.txt is gzip-compressed: ferry cleans plain text, so decompress it first`,
  [BINARY]: `${BINARY}.txt is not a text file`,
};

/**
 * Per-period isolation, through `ferry run` as users run it: a source folder with one CRLF period, one gzip file, one
 * binary file and two good periods, cleaned by the DuckDB engine and by the dataproc engine (its job on JOBS).
 */
describe(`given a source folder with two good periods, a CRLF one, a gzip file and a binary file, and a cluster whose jobs run on ${JOBS.name}`, () => {
  let harness: CloudHarness;
  let clusterId: string;
  let inspect: string;
  let lfText: string;

  beforeAll(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 20 });
    inspect = join(harness.dir, 'inspect');
    const source = await harness.storage.store(SOURCE);
    const periods = [
      ...generateSample({ periods: 2, daysPerPeriod: 2, rowsPerDay: 150, seed: 11, start: GOOD[0], defects: { duplicate: 0.02, malformed: 0.02 } }),
    ];
    const texts = periods.map((period) => Buffer.concat([...period.chunks()]).toString('utf8'));
    lfText = texts[0]!;
    for (const [i, period] of periods.entries()) await source.write(period.name, texts[i]!);
    await source.write(`${CRLF}.txt`, `\ufeff${lfText.replaceAll('\n', '\r\n')}`);
    await source.write(`${GZIP}.txt`, gzipSync(lfText));
    await source.write(`${BINARY}.txt`, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64)]));
    clusterId = await createWorkCluster(harness);
  });
  afterAll(() => harness?.close());

  const locations = (engine: string) => [
    '--source',
    SOURCE,
    '--work',
    `s3://ferry-work/partial-${engine}`,
    '--results',
    `s3://ferry-results/partial-${engine}`,
  ];
  const ferryRun = (engine: 'duckdb' | 'dataproc') =>
    runFerry(['run', '--engine', engine, ...(engine === 'dataproc' ? ['--cluster-id', clusterId] : []), ...locations(engine)], harness.env);
  const results = (engine: string) => harness.storage.store(`s3://ferry-results/partial-${engine}`);

  /** The rows one period published, in line order: its transactions, and its quarantine without the source column. */
  async function periodRows(store: Store, period: string, name: string) {
    const dir = join(inspect, name);
    await copyIncremental(store, await harness.storage.store(dir));
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '512MB' });
    const connection = await instance.connect();
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    try {
      await connection.run("SET TimeZone = 'UTC'");
      const ofPeriod = (root: string) => `read_parquet('${dir}/${root}**/${period}_*.parquet', hive_partitioning = false)`;
      return {
        transactions: await read(`SELECT * FROM ${ofPeriod(layout.results.transactionsRoot)} ORDER BY transaction_id, tx_datetime`),
        quarantine: await read(`SELECT line_number, raw_line, rule FROM ${ofPeriod(layout.results.quarantineRoot)} ORDER BY line_number`),
      };
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  const expectPartial = async (engine: 'duckdb' | 'dataproc', run: Finished) => {
    expect(run.code, run.stderr).toBe(2);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual([
      `error: ${REFUSED[GZIP]}`,
      `error: ${REFUSED[BINARY]}`,
      'error: 2 of 5 new period(s) could not be cleaned and were not published; the next run retries them',
    ]);
    expect(run.stdout).toContain(`processed 3 period(s)`);
    expect(run.stdout).toContain(`failed, not published: ${GZIP}, ${BINARY}`);

    const store = await results(engine);
    const manifest = await readManifest(store);
    expect(Object.keys(manifest.periods)).toEqual([...GOOD, CRLF]);
    const listed = new Set((await store.list()).map((object) => object.key));
    for (const record of Object.values(manifest.periods)) for (const file of record.files) expect(listed).toContain(file.key);
    for (const failed of [GZIP, BINARY])
      expect(
        [...listed].some((key) => key.includes(`/${failed}_`)),
        `${failed} published nothing`,
      ).toBe(false);
    const work = await harness.storage.store(`s3://ferry-work/partial-${engine}`);
    expect(await work.list(layout.work.stagingRoot)).toEqual([]);

    const crlf = await periodRows(store, CRLF, `${engine}-crlf`);
    const lf = await periodRows(store, GOOD[0], `${engine}-lf`);
    expect(crlf.transactions.length).toBeGreaterThan(0);
    expect(crlf.quarantine.length).toBeGreaterThan(0);
    expect(crlf).toEqual(lf);
    expect(manifest.periods[CRLF]).toMatchObject({
      rows_read: manifest.periods[GOOD[0]]!.rows_read,
      rows_written: manifest.periods[GOOD[0]]!.rows_written,
    });

    const runs = await runFerry(['runs', '--results', `s3://ferry-results/partial-${engine}`], harness.env);
    expect(runs.stdout).toMatch(/\| partial \(2 failed\) +\|/);
    const runId = /^Run (\S+) /m.exec(run.stdout)![1]!;
    const report = await runFerry(['report', runId, '--results', `s3://ferry-results/partial-${engine}`], harness.env);
    expect(report.stdout).toContain(`Failures\n  ${GZIP}: ${REFUSED[GZIP]}\n  ${BINARY}: ${REFUSED[BINARY]}`);
  };

  it('when `ferry run --engine duckdb` runs, then the good and CRLF periods are published, the CRLF rows equal the LF ones, the gzip and binary files are reported failed with their own reasons, and it exits 2', async () => {
    await expectPartial('duckdb', await ferryRun('duckdb'));
  });

  it(`when \`ferry run --engine dataproc\` runs the job on ${JOBS.name}, then it ends the same way: published, reported and exit 2`, async () => {
    await expectPartial('dataproc', await ferryRun('dataproc'));
    const job = [...harness.emulator.jobs.values()].at(-1)!;
    expect(job.json.status).toBe('DONE');
  });

  it('when the gzip file is decompressed and ferry runs again, then that period is retried and published, and the binary one still fails alone', async () => {
    await (await harness.storage.store(SOURCE)).write(`${GZIP}.txt`, lfText);
    const again = await ferryRun('duckdb');
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toContain(`error: ${REFUSED[BINARY]}\n`);
    expect(again.stderr).not.toContain(REFUSED[GZIP]);
    expect(Object.keys((await readManifest(await results('duckdb'))).periods)).toEqual([...GOOD, CRLF, GZIP]);
  });
});
