import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Storage, copyIncremental } from '@ferry/storage';
import { readManifest } from '@ferry/transactions';
import { layout, type Store } from '@ferry/types';

/**
 * What a results store publishes, as a reader sees it and independent of run ids and file names: per period what the
 * manifest records of its source and rows, and every clean row and every quarantined line a reader of
 * transactions/ and quarantine/ gets. Two stores published from the same sources by a clean run and by a troubled
 * one must be equal here.
 */
export interface PublishedView {
  periods: Record<string, { source: string; size: number; etag: string; rows_read: number; rows_written: number; rows_rejected: number }>;
  transactions: unknown[];
  quarantine: unknown[];
}

export async function publishedView(results: Store): Promise<PublishedView> {
  const manifest = await readManifest(results);
  const periods = Object.fromEntries(
    Object.values(manifest.periods).map(({ period, source, size, etag, rows_read, rows_written, rows_rejected }) => [
      period,
      { source, size, etag, rows_read, rows_written, rows_rejected },
    ]),
  );
  const dir = await mkdtemp(join(tmpdir(), 'ferry-view-'));
  const local = await Storage.open();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '512MB' });
  const connection = await instance.connect();
  try {
    const read = async (root: string, sql: (files: string) => string) => {
      await copyIncremental(results.child(root), await local.store(join(dir, root)));
      const keys = (await results.list(root)).filter((object) => object.key.endsWith('.parquet'));
      if (keys.length === 0) return [];
      return (await connection.runAndReadAll(sql(`read_parquet('${join(dir, root)}**/*.parquet', hive_partitioning = false)`))).getRowObjectsJson();
    };
    await connection.run("SET TimeZone = 'UTC'");
    return {
      periods,
      transactions: await read(layout.results.transactionsRoot, (files) => `SELECT * FROM ${files} ORDER BY ALL`),
      quarantine: await read(layout.results.quarantineRoot, (files) => `SELECT * FROM ${files} ORDER BY ALL`),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await local.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What must hold of a results store at any moment, even right after a run was killed or failed: every file the
 * manifest lists is there, with the size and ETag it records. `unlisted` are the published files it does not list
 * (what a reader of transactions/ would count twice once their period is published again).
 */
export async function checkPublished(results: Store): Promise<{ missing: string[]; unlisted: string[] }> {
  const manifest = await readManifest(results);
  const objects = new Map(
    (await Promise.all([layout.results.transactionsRoot, layout.results.quarantineRoot].map((root) => results.list(root))))
      .flat()
      .map((object) => [object.key, object]),
  );
  const listed = Object.values(manifest.periods).flatMap((record) => record.files);
  const missing = listed
    .filter((file) => objects.get(file.key)?.size !== file.size || objects.get(file.key)?.etag !== file.etag)
    .map((file) => file.key);
  const listedKeys = new Set(listed.map((file) => file.key));
  const unlisted = [...objects.keys()].filter((key) => layout.results.publisherOf(key) !== undefined && !listedKeys.has(key));
  return { missing, unlisted };
}
