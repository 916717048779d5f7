import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storage } from '@ferry/storage';
import { layout, type PeriodRecord, type Store } from '@ferry/types';
import { removeUnlisted } from './orphans.ts';

const { transactions, quarantineFile } = layout.results;
const LISTED = [transactions('2019-08-22', '2019-08-22', 'r2', 0), quarantineFile('2019-08-22', 'r2', 0)];
/** A killed publish of r3 (its copy and its promoted twin), and what r2's republish superseded but never deleted. */
const UNLISTED = [
  transactions('2019-08-22', '2019-08-22', 'r3', 0),
  transactions('2019-08-23', '2019-08-22', 'r1', 0),
  quarantineFile('2019-08-22', 'r1', 0),
];
/** Not names ferry gives its files: left alone. */
const FOREIGN = ['transactions/tx_date=2019-08-22/part-0000.parquet', 'transactions/README.txt', layout.results.run('r3').record];

describe('given a results store whose manifest lists some of the published files', () => {
  let root: string;
  let storage: Storage;
  let results: Store;
  let work: Store;
  const record = { period: '2019-08-22', files: LISTED.map((key) => ({ key, size: 1, etag: 'e' })) } as PeriodRecord;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-orphans-'));
    storage = await Storage.open();
    results = await storage.store(join(root, 'results'));
    work = await storage.store(join(root, 'work'));
    for (const key of [...LISTED, ...UNLISTED, ...FOREIGN]) await results.write(key, key);
    for (const key of [...LISTED, ...UNLISTED]) if (layout.work.outputOf(key)) await work.write(layout.work.outputOf(key)!, key);
  });
  afterAll(async () => {
    await storage.close();
    await rm(root, { recursive: true, force: true });
  });

  it('when only one run is asked about, then only its unlisted files go', async () => {
    expect(await removeUnlisted(results, work, [record], (publisher) => publisher.runId === 'r3')).toEqual([UNLISTED[0]]);
    expect(await results.head(UNLISTED[1]!)).toBeDefined();
  });

  it('when every file is asked about, then exactly the ferry-named files it does not list go, from both stores', async () => {
    expect((await removeUnlisted(results, work, [record])).sort()).toEqual(UNLISTED.slice(1).sort());
    expect((await results.list()).map((object) => object.key).sort()).toEqual([...LISTED, ...FOREIGN].sort());
    expect((await work.list()).map((object) => object.key)).toEqual([layout.work.outputOf(LISTED[0]!)]);
  });
});
