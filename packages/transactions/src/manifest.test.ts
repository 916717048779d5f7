import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportResults } from '@ferry/runs';
import { writeSample } from '@ferry/sample';
import { Storage } from '@ferry/storage';
import { FerryError, completedOrThrow, layout, type Store } from '@ferry/types';
import { createDuckDbEngine } from './duckdb-engine.ts';
import { transactionsKeys } from './manifest.ts';
import { runTransactions } from './pipeline.ts';

const SAMPLE = { periods: 2, daysPerPeriod: 2, rowsPerDay: 50, seed: 11, start: '2019-08-22' } as const;

let root: string;
let storage: Storage;
let source: Store;
let work: Store;
let results: Store;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-manifest-'));
  storage = await Storage.open();
  [source, work, results] = await Promise.all([
    storage.store(join(root, 'source')),
    storage.store(join(root, 'work')),
    storage.store(join(root, 'results')),
  ]);
  await writeSample(source, SAMPLE);
});
afterEach(async () => {
  await storage.close();
  await rm(root, { recursive: true, force: true });
});

const run = (runId?: string) =>
  runTransactions({
    source,
    work,
    results,
    engine: createDuckDbEngine({ threads: 1, memoryLimit: '512MB' }),
    console: false,
    ...(runId ? { runId } : {}),
  });

/** The failure a run resolved with: it is returned, not thrown. */
async function failureOf(result: ReturnType<typeof run>): Promise<FerryError> {
  const outcome = await result;
  expect(outcome.status).toBe('failed');
  expect(outcome.record.status).toBe('failed');
  const error = outcome.status === 'failed' ? outcome.error : undefined;
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

describe('given a results store whose manifest this ferry cannot read', () => {
  const where = () => `${join(root, 'results')}/${layout.results.manifest}`;

  it('when it was written by a newer ferry, then a run stops before cleaning, names the file and the version, and leaves it as it is', async () => {
    const newer = `${JSON.stringify({ version: 2, periods: {}, owners: { '2019-08-22': 'team-a' } }, null, 2)}\n`;
    await results.write(layout.results.manifest, newer);
    const error = await failureOf(run());
    expect(error.message).toBe(`${where()} is a ferry manifest of version 2, newer than this ferry reads (1): upgrade ferry`);
    expect(await results.readText(layout.results.manifest)).toBe(newer);
    expect(await results.list(layout.results.transactionsRoot)).toEqual([]);
  });

  it('when a period lacks a field, then a run stops naming the file and the field, and leaves it as it is', async () => {
    const first = completedOrThrow(await run());
    const text = (await results.readText(layout.results.manifest))!;
    const manifest = JSON.parse(text) as { periods: Record<string, { files: Record<string, unknown>[] }> };
    delete manifest.periods['2019-08-22']!.files[0]!.etag;
    const broken = JSON.stringify(manifest, null, 2);
    await results.write(layout.results.manifest, broken);
    await writeSample(source, { ...SAMPLE, periods: 3 });

    const error = await failureOf(run());
    expect(error.message).toBe(
      `${where()} is not a ferry manifest: periods.2019-08-22.files[0].etag is missing; fix or restore it (the store is versioned) before running again`,
    );
    expect(await results.readText(layout.results.manifest)).toBe(broken);
    const published = (await results.list(layout.results.transactionsRoot)).map((object) => object.key);
    expect(published.every((key) => key.includes(`_${first.runId}_`))).toBe(true);
  });
});

describe('given a quality report already at its key in the folder of the run', () => {
  it('when it is from a newer ferry or lacks a field, then the run fails naming the file and the field, publishes nothing and leaves it as it is', async () => {
    const key = layout.results.run('run-again').quality;
    for (const [text, problem] of [
      [
        JSON.stringify({ version: 2, run_id: 'run-again', periods: [], engines: ['spark'] }),
        'is a ferry quality report of version 2, newer than this ferry reads (1): upgrade ferry',
      ],
      [JSON.stringify({ version: 1, periods: [] }), 'is not a ferry quality report: run_id is missing'],
    ] as const) {
      await results.write(key, text);
      const error = await failureOf(run('run-again'));
      expect(error.message).toBe(`${join(root, 'results')}/${key} ${problem}; it was left as it is, not overwritten`);
      expect(await results.readText(key)).toBe(text);
      expect(await results.head(layout.results.manifest)).toBeUndefined();
    }
  });
});

describe('given two runs that each published periods', () => {
  it('when one run is exported with the transactions keys, then its folder and exactly the files the manifest gives its periods come along', async () => {
    await source.delete(['2019-08-24.txt']);
    const first = completedOrThrow(await run());
    await writeSample(source, SAMPLE);
    const second = completedOrThrow(await run());
    expect(second.published.map((period) => period.period)).toEqual(['2019-08-24']);

    const exported = await exportResults(results, join(root, 'exports'), { pipelines: [transactionsKeys], runId: first.runId });
    const files = (await readdir(exported.dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(exported.dir.length + 1));
    const owned = first.published.flatMap((period) => period.files.map((file) => file.key));
    expect(owned.length).toBeGreaterThan(1);
    expect(files.filter((file) => !file.startsWith(layout.results.run(first.runId).prefix) && file !== 'README.txt').sort()).toEqual(
      [...owned].sort(),
    );
    expect(files).toContain(layout.results.run(first.runId).quality);
  });
});
