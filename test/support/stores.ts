import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Storage, copyIncremental } from '@ferry/storage';
import type { Store } from '@ferry/types';

export type Backend = 'embedded S3' | 'local directories';

/** Source, work and results locations for one test, on a real embedded S3 server or in plain directories. */
export interface TestStores {
  storage: Storage;
  root: string;
  source: Store;
  work: Store;
  results: Store;
  close(): Promise<void>;
}

export async function openTestStores(backend: Backend): Promise<TestStores> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-e2e-'));
  const storage = await Storage.open({ endpoint: 'embedded', embeddedDir: join(root, '.ferry', 's3') });
  const url = (name: string) => (backend === 'embedded S3' ? `s3://ferry-${name}` : join(root, name));
  const [source, work, results] = await Promise.all([storage.store(url('source')), storage.store(url('work')), storage.store(url('results'))]);
  return {
    storage,
    root,
    source,
    work,
    results,
    async close() {
      await storage.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Copies a store's prefix into a local folder (so DuckDB can read it without httpfs) and returns the folder. */
export async function localCopy(stores: TestStores, from: Store, name: string): Promise<string> {
  const dir = join(stores.root, 'inspect', name);
  await copyIncremental(from, await stores.storage.store(dir));
  return dir;
}

export interface ResultRow {
  transaction_id: bigint;
  tx_date: string;
  tx_day_of_datetime: string;
  file: string;
}

/** Every clean row in a results store, with the partition and the file it came from. */
export async function readPublishedRows(stores: TestStores, name = `results-${Date.now()}`): Promise<ResultRow[]> {
  const dir = await localCopy(stores, stores.results.child('transactions/'), name);
  const db = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(`
      SELECT transaction_id, CAST(tx_date AS VARCHAR) AS tx_date, CAST(CAST(tx_datetime AS DATE) AS VARCHAR) AS tx_day_of_datetime,
             regexp_extract(filename, '[^/]+$') AS file
      FROM read_parquet('${dir}/**/*.parquet', hive_partitioning = true, filename = true)`);
    return reader.getRowObjects() as unknown as ResultRow[];
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}
