import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readManifest, runTransactions } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { layout } from '@ferry/types';
import { openTestStores, type TestStores } from '../support/stores.ts';

describe('given new source periods none of which can be cleaned', () => {
  let stores: TestStores;
  beforeEach(async () => {
    stores = await openTestStores('local directories');
  });
  afterEach(() => stores.close());

  it('when the run ends, then it failed naming every period and why in one line, recorded each, published nothing and left no staging behind', async () => {
    await stores.source.write('2019-12-01.txt', gzipSync('0,2019-08-22 00:00:00,0,0,0.01,0,0,0,0\n'));
    await stores.source.write('2019-12-02.txt', Buffer.alloc(16));
    const result = await runTransactions({ ...stores, engine: createDuckDbEngine({ threads: 1, memoryLimit: '512MB' }), console: false });

    expect(result.status).toBe('failed');
    expect(String((result as { error: unknown }).error)).toBe(
      'FerryError: none of the 2 new periods could be cleaned: 2019-12-01.txt is gzip-compressed: ferry cleans plain text, so decompress it first; 2019-12-02.txt is not a text file',
    );
    expect(result.record.failures).toEqual([
      { item: '2019-12-01', reason: '2019-12-01.txt is gzip-compressed: ferry cleans plain text, so decompress it first' },
      { item: '2019-12-02', reason: '2019-12-02.txt is not a text file' },
    ]);
    expect(await readManifest(stores.results)).toEqual({ periods: {} });
    expect(await stores.results.list(layout.results.transactionsRoot)).toEqual([]);
    expect(await stores.work.list(layout.work.stagingRoot)).toEqual([]);
  });
});
