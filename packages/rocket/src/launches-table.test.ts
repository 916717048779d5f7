import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { Storage } from '@ferry/storage';
import { layout, type Store } from '@ferry/types';
import { aLaunch } from './launch.fixture.ts';
import { readLaunchesTable, upsertLaunchesTable } from './launches-table.ts';

let dir: string;
let storage: Storage;
let results: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-rocket-table-'));
  storage = await Storage.open();
  results = await storage.store(join(dir, 'results'));
});
afterEach(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

async function readTable(): Promise<Record<string, unknown>[]> {
  const path = join(dir, 'read.parquet');
  await results.download(layout.rocket.launchesTable, path);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT launch_id, status, strftime(net, '%Y-%m-%d %H:%M') AS net, image_sha256, first_seen_run, last_seen_run FROM read_parquet('${path}') ORDER BY launch_id`,
    );
    return reader.getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('given a launches table written by an earlier run', () => {
  it('when a later run sees one launch again with a new status and time and one new launch, then the table is upserted by id', async () => {
    const first = await upsertLaunchesTable({
      store: results,
      launches: [aLaunch('a'), aLaunch('b')],
      images: [{ url: 'u', launch_id: 'a', status: 'downloaded', sha256: 'f'.repeat(64) }],
      runId: 'run-1',
    });
    expect(first).toEqual({ rows: 2, inserted: 2, updated: 0, kept_newer: 0, gone_from_upcoming: 0, unknown_time: 0 });

    const second = await upsertLaunchesTable({
      store: results,
      launches: [aLaunch('b', { status: 'Go', net: '2025-03-30T01:00:00.000Z' }), aLaunch('c')],
      images: [],
      runId: 'run-2',
    });
    expect(second).toEqual({ rows: 3, inserted: 1, updated: 1, kept_newer: 0, gone_from_upcoming: 0, unknown_time: 0 });
    expect(await readTable()).toEqual([
      { launch_id: 'a', status: 'TBD', net: '2025-03-29 11:30', image_sha256: 'f'.repeat(64), first_seen_run: 'run-1', last_seen_run: 'run-1' },
      { launch_id: 'b', status: 'Go', net: '2025-03-30 01:00', image_sha256: null, first_seen_run: 'run-1', last_seen_run: 'run-2' },
      { launch_id: 'c', status: 'TBD', net: '2025-03-29 11:30', image_sha256: null, first_seen_run: 'run-2', last_seen_run: 'run-2' },
    ]);
  });
});

describe('given a launches table written by the ferry before last_updated, slug and in_upcoming were kept', () => {
  it('when a run upserts into it, then its rows are read with those columns null and kept, and the new columns are filled from then on', async () => {
    const old = join(dir, 'old.parquet');
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT 'a' AS launch_id, 'Launch a' AS name, TIMESTAMP '2025-03-29 11:30:00' AS net, 'TBD' AS status, 'SpaceX' AS provider,
               'Falcon 9' AS rocket, 'SLC-40' AS pad, 'USA' AS pad_country, NULL::VARCHAR AS pad_timezone, NULL::VARCHAR AS image_url,
               NULL::VARCHAR AS image_sha256, 'run-0' AS first_seen_run, 'run-0' AS last_seen_run) TO '${old}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    await results.upload(old, layout.rocket.launchesTable);

    const result = await upsertLaunchesTable({
      store: results,
      launches: [aLaunch('b', { last_updated: '2025-03-20T00:00:00.000Z' })],
      images: [],
      runId: 'run-1',
    });
    expect(result).toMatchObject({ rows: 2, inserted: 1, updated: 0 });
    const rows = await readLaunchesTable(results);
    expect(rows.map((row) => [row.launch_id, row.slug, row.last_updated, row.first_seen_run])).toEqual([
      ['a', null, null, 'run-0'],
      ['b', 'launch-b', '2025-03-20T00:00:00.000Z', 'run-1'],
    ]);
  });
});
