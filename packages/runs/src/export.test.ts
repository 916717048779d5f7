import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Storage } from '@ferry/storage';
import { FerryError, layout, type PipelineKeys, type Store } from '@ferry/types';
import { exportResults, startRun } from './index.ts';

let dir: string;
let storage: Storage;
let results: Store;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-export-test-'));
  storage = await Storage.open();
  results = await storage.store(path.join(dir, 'results'));
});
afterEach(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

/** A pipeline as export sees it: which keys each of its runs owns, and what its files are. */
const owned = new Map<string, string[]>();
const testPipeline: PipelineKeys = {
  pipeline: 'transactions',
  runKeys: async (_results, record) => owned.get(record.run_id) ?? [],
  described: [['transactions/tx_date=YYYY-MM-DD/', 'what the test pipeline published']],
};
const pipelines = [testPipeline];

/** Records a run that "published" one period: data and quarantine files its pipeline says the run owns. */
async function publishPeriod(period: string): Promise<string> {
  const run = await startRun({ pipeline: 'transactions', engine: 'duckdb', results, console: false });
  const files = [`transactions/tx_date=${period}/part-0.parquet`, `quarantine/${period}.parquet`];
  await run.step(`publish ${period}`, async () => Promise.all(files.map((key) => results.write(key, `PAR1 fake parquet of ${key}`))));
  owned.set(run.id, files);
  await run.finish('succeeded');
  return run.id;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('given a results store with two runs that each published a period', () => {
  let first: string;
  let second: string;
  beforeEach(async () => {
    first = await publishPeriod('2019-08-22');
    second = await publishPeriod('2019-09-21');
  });

  it('when the whole store is exported, then a timestamped folder holds data, quarantine, every run and a README index', async () => {
    const out = path.join(dir, 'exports');
    const exported = await exportResults(results, out, { pipelines, now: new Date('2026-11-21T05:43:12.345Z') });

    expect(exported.dir).toBe(path.join(out, 'ferry-export-20261121T054312Z'));
    const files = await filesUnder(exported.dir);
    for (const run of [first, second].map((runId) => layout.results.run(runId))) {
      for (const key of [run.record, run.log, run.reportMarkdown, run.reportHtml]) expect(files).toContain(key);
    }
    expect(files).toEqual(
      expect.arrayContaining([
        'README.txt',
        'transactions/tx_date=2019-08-22/part-0.parquet',
        'transactions/tx_date=2019-09-21/part-0.parquet',
        'quarantine/2019-08-22.parquet',
        'quarantine/2019-09-21.parquet',
      ]),
    );
    expect(exported.files).toBe(files.length - 1);
    expect(await readFile(path.join(exported.dir, 'quarantine/2019-08-22.parquet'), 'utf8')).toBe(
      'PAR1 fake parquet of quarantine/2019-08-22.parquet',
    );
    const readme = await readFile(path.join(exported.dir, 'README.txt'), 'utf8');
    expect(readme).toContain('the whole results store');
    expect(readme).toContain(layout.results.run(second).reportHtml);
    expect(readme).toContain('  transactions/tx_date=2019-08-22/part-0.parquet');
    expect(readme).toMatch(/\n {2}runs\/<run-id>\/report\.html +the run report with its Gantt chart/);
    expect(readme).toMatch(/\n {2}transactions\/tx_date=YYYY-MM-DD\/ +what the test pipeline published\n/);
  });

  it('when one run is exported, then only its run folder and the files of the periods it published are copied', async () => {
    const exported = await exportResults(results, path.join(dir, 'exports'), { pipelines, runId: first });

    const run = layout.results.run(first);
    expect(await filesUnder(exported.dir)).toEqual([
      'README.txt',
      'quarantine/2019-08-22.parquet',
      run.log,
      run.reportHtml,
      run.reportMarkdown,
      run.record,
      'transactions/tx_date=2019-08-22/part-0.parquet',
    ]);
    expect(exported.files).toBe(6);
    expect(await readFile(path.join(exported.dir, 'README.txt'), 'utf8')).toContain(`run ${first} only`);
  });

  it('when a file the run owns is gone from the store, then the rest is exported and the README lists what is missing', async () => {
    await results.delete(['quarantine/2019-08-22.parquet']);
    const exported = await exportResults(results, path.join(dir, 'exports'), { pipelines, runId: first });
    expect(exported.files).toBe(5);
    expect(await readFile(path.join(exported.dir, 'README.txt'), 'utf8')).toContain(
      'Owned by the run but absent from the store (not exported)\n---------------------------------------------------------\n  quarantine/2019-08-22.parquet\n',
    );
  });

  it('when exporting twice in the same second, then the second export gets its own folder', async () => {
    const now = new Date('2026-11-21T05:43:12Z');
    const a = await exportResults(results, path.join(dir, 'exports'), { pipelines, runId: second, now });
    const b = await exportResults(results, path.join(dir, 'exports'), { pipelines, runId: second, now });
    expect(b.dir).toBe(`${a.dir}-2`);
  });

  it('when the run id is unknown, then the export fails with a FerryError and creates nothing', async () => {
    await expect(exportResults(results, path.join(dir, 'exports'), { pipelines, runId: '20200101T000000Z-000000' })).rejects.toThrow(FerryError);
    await expect(readdir(path.join(dir, 'exports'))).rejects.toThrow();
  });
});
