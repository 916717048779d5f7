import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { readManifest, runTransactions } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { layout, type CleanEngine, type Store } from '@ferry/types';
import { openTestStores, type TestStores } from '../support/stores.ts';

const SAMPLE = { periods: 1, daysPerPeriod: 2, rowsPerDay: 200, seed: 3, start: '2019-08-22' } as const;
const FILE = '2019-08-22.txt';

/** The source store, but its listing (what the plan reads) is followed at once by `change` to the file: a writer racing the run. */
function changedAfterListing(source: Store, change: () => Promise<void>): Store {
  const racing = Object.create(source) as Store;
  let changed = false;
  racing.list = async (prefix?: string) => {
    const listed = await source.list(prefix);
    if (!changed) {
      changed = true;
      await change();
    }
    return listed;
  };
  return racing;
}

describe('given a local source file that is rewritten right after the plan read it', () => {
  let stores: TestStores;
  beforeEach(async () => {
    stores = await openTestStores('local directories');
    await writeSample(stores.source, SAMPLE);
  });
  afterEach(() => stores.close());

  const runWith = (source: Store) =>
    runTransactions({
      source,
      work: stores.work,
      results: stores.results,
      engine: createDuckDbEngine({ threads: 1, memoryLimit: '1GB' }),
      console: false,
    });
  const file = () => join(stores.root, 'source', FILE);

  it('when a line is appended (its size moved), then the run fails saying it changed while being read, and nothing is recorded', async () => {
    const result = await runWith(changedAfterListing(stores.source, () => writeFile(file(), '# appended\n', { flag: 'a' })));
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && (result.error as Error).message).toBe(`${FILE} changed while being read; run again`);
    expect(Object.keys((await readManifest(stores.results)).periods)).toEqual([]);
  });

  it('when it is rewritten to the same size with its old mtime to the millisecond, then the hash recorded for the old content is not trusted', async () => {
    const rewrite = async () => {
      const before = await stat(file());
      const text = await readFile(file(), 'utf8');
      await writeFile(file(), text.replace('2019-08-22 ', '2019-08-23 '));
      await utimes(file(), before.atime, new Date(Math.floor(before.mtimeMs)));
    };
    const result = await runWith(changedAfterListing(stores.source, rewrite));
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && (result.error as Error).message).toBe(`${FILE} changed while being read; run again`);
  });

  it('when it is rewritten to the same size after the sync linked it, before the cleaning reads it, then the cleaning refuses what it read', async () => {
    const duckdb = createDuckDbEngine({ threads: 1, memoryLimit: '1GB' });
    const rewriteFirst: CleanEngine = {
      name: duckdb.name,
      clean: async (request) => {
        // The work input is a hard link of the source: the owner's rewrite of the source is a rewrite of it.
        const before = await stat(file());
        expect((await stat(join(stores.root, 'work', layout.work.input(FILE)))).ino).toBe(before.ino);
        await writeFile(file(), (await readFile(file(), 'utf8')).replace('2019-08-22 ', '2019-08-23 '));
        await utimes(file(), before.atime, before.mtime);
        return duckdb.clean(request);
      },
    };
    const result = await runTransactions({ source: stores.source, work: stores.work, results: stores.results, engine: rewriteFirst, console: false });
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && (result.error as Error).message).toBe(`${FILE} changed while being read; run again`);
    expect(Object.keys((await readManifest(stores.results)).periods)).toEqual([]);
  });

  it('when nothing changes, then the same run publishes the period', async () => {
    const result = await runWith(stores.source);
    expect(result.status).toBe('succeeded');
    expect(Object.keys((await readManifest(stores.results)).periods)).toEqual(['2019-08-22']);
  });
});
