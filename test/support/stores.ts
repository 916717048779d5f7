import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Storage, copyIncremental } from '@ferry/storage';
import type { RealS3 } from '@ferry/testbed';
import type { Store } from '@ferry/types';

export type Backend = 'embedded S3' | 'local directories' | 'MinIO';

/** Source, work and results locations for one test: on the embedded S3 server, in plain directories, or on MinIO. */
export interface TestStores {
  storage: Storage;
  root: string;
  source: Store;
  work: Store;
  results: Store;
  close(): Promise<void>;
}

/** A number for each MinIO test's buckets: one MinIO serves a whole test file. */
let minioStores = 0;

/** `minio` is the server for the 'MinIO' backend (see useMinio); its buckets are made here, the results one versioned as in the cloud. */
export async function openTestStores(backend: Backend, minio?: RealS3): Promise<TestStores> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-e2e-'));
  const url = await locations(backend, root, minio);
  const storage = await Storage.open(
    backend === 'MinIO'
      ? { endpoint: minio!.endpoint, accessKeyId: minio!.accessKeyId, secretAccessKey: minio!.secretAccessKey }
      : { endpoint: 'embedded', embeddedDir: join(root, '.ferry', 's3') },
  );
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

async function locations(backend: Backend, root: string, minio: RealS3 | undefined): Promise<(name: 'source' | 'work' | 'results') => string> {
  if (backend === 'local directories') return (name) => join(root, name);
  if (backend === 'embedded S3') return (name) => `s3://ferry-${name}`;
  if (!minio) throw new Error('the MinIO backend needs a running MinIO (useMinio)');
  const suffix = `${process.pid}-${++minioStores}`;
  await minio.createBuckets([`ferry-source-${suffix}`, `ferry-work-${suffix}`]);
  await minio.createBuckets([`ferry-results-${suffix}`], { versioned: true });
  return (name) => `s3://ferry-${name}-${suffix}`;
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
