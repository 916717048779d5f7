import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { layout, type Store } from '@ferry/types';
import type { ImageReportEntry } from './image-report.ts';
import type { Launch } from './launch.ts';

export interface LaunchesTableResult {
  rows: number;
  inserted: number;
  /** Launches seen again whose copy was taken (newer `last_updated`, or the API gives none). */
  updated: number;
  /** Launches seen again in an older copy than the table's (an older `last_updated`): the table's is kept. */
  kept_newer: number;
  /** Launches the table had as upcoming that this run's upcoming list no longer has (and no recent-past page either). */
  gone_from_upcoming: number;
  /** Rows whose `net` is null: the API sent a time that is not one. */
  unknown_time: number;
}

/** One row of the launches table, as it is read back: a launch's own fields, and what the table keeps about it. */
export interface LaunchRow extends Pick<
  Launch,
  'name' | 'net' | 'last_updated' | 'status' | 'provider' | 'rocket' | 'pad' | 'pad_country' | 'pad_timezone' | 'image_url'
> {
  launch_id: string;
  /** Null in a table written before slugs were kept. */
  slug: string | null;
  image_sha256: string | null;
  image_file: string | null;
  in_upcoming: boolean | null;
  gone_from_upcoming_run: string | null;
  first_seen_run: string;
  last_seen_run: string;
}

const COLUMNS = {
  launch_id: 'VARCHAR',
  name: 'VARCHAR',
  slug: 'VARCHAR',
  net: 'TIMESTAMP',
  last_updated: 'TIMESTAMP',
  status: 'VARCHAR',
  provider: 'VARCHAR',
  rocket: 'VARCHAR',
  pad: 'VARCHAR',
  pad_country: 'VARCHAR',
  pad_timezone: 'VARCHAR',
  image_url: 'VARCHAR',
  image_sha256: 'VARCHAR',
  image_file: 'VARCHAR',
  in_upcoming: 'BOOLEAN',
  gone_from_upcoming_run: 'VARCHAR',
  first_seen_run: 'VARCHAR',
  last_seen_run: 'VARCHAR',
} as const satisfies Record<keyof LaunchRow, string>;

export interface UpsertOptions {
  store: Store;
  launches: readonly Launch[];
  images: readonly ImageReportEntry[];
  runId: string;
  /** Ids of the launches read from the upcoming list this run (default: none, so nothing is marked gone). */
  upcomingIds?: ReadonlySet<string>;
  /**
   * How far the upcoming list was read: a launch the table had as upcoming, timed before this and missing from it, is
   * gone. Infinity when every page was read; the latest `net` read when `--limit` stopped earlier.
   */
  upcomingCoveredUntil?: number;
}

/**
 * Upserts this run's launches into the launches table (`layout.rocket.launchesTable`) by launch id. A launch seen
 * again takes its new values (net slips, status changes) unless the API's copy is older than the table's by
 * `last_updated`; it keeps the run that first saw it. A launch that left the upcoming list is marked with the run
 * that found it gone, never silently kept as upcoming. `net` and `last_updated` are UTC TIMESTAMPs; `net` is null
 * when the API sent something that is not a time.
 */
export async function upsertLaunchesTable(options: UpsertOptions): Promise<LaunchesTableResult> {
  const { store } = options;
  return withDuckDb(async (connection, dir) => {
    const existing = (await store.head(layout.rocket.launchesTable)) ? await readRows(connection, store, dir) : [];
    const merged = mergeRows(existing, incomingRows(options), options);
    const outputPath = join(dir, 'launches.parquet');
    await writeRows(connection, merged.rows, dir, outputPath);
    await store.upload(outputPath, layout.rocket.launchesTable, { contentType: 'application/vnd.apache.parquet' });
    return merged.result;
  });
}

/** Every row of the launches table, oldest `net` first (unknown times last); empty when there is no table yet. */
export async function readLaunchesTable(store: Store): Promise<LaunchRow[]> {
  if (!(await store.head(layout.rocket.launchesTable))) return [];
  return withDuckDb((connection, dir) => readRows(connection, store, dir));
}

function incomingRows(options: UpsertOptions): LaunchRow[] {
  const imageOf = new Map(options.images.filter((entry) => entry.sha256).map((entry) => [entry.launch_id, entry]));
  return options.launches.map((launch) => {
    const image = imageOf.get(launch.id);
    return {
      launch_id: launch.id,
      name: launch.name,
      slug: launch.slug,
      net: launch.net,
      last_updated: launch.last_updated,
      status: launch.status,
      provider: launch.provider,
      rocket: launch.rocket,
      pad: launch.pad,
      pad_country: launch.pad_country,
      pad_timezone: launch.pad_timezone,
      image_url: launch.image_url,
      image_sha256: image?.sha256 ?? null,
      image_file: image?.file ?? null,
      in_upcoming: options.upcomingIds?.has(launch.id) ?? false,
      gone_from_upcoming_run: null,
      first_seen_run: options.runId,
      last_seen_run: options.runId,
    };
  });
}

function mergeRows(existing: LaunchRow[], incoming: LaunchRow[], options: UpsertOptions): { rows: LaunchRow[]; result: LaunchesTableResult } {
  const result = { inserted: 0, updated: 0, kept_newer: 0, gone_from_upcoming: 0 };
  const byId = new Map(existing.map((row) => [row.launch_id, row]));
  for (const row of incoming) {
    const old = byId.get(row.launch_id);
    if (!old) {
      byId.set(row.launch_id, row);
      result.inserted += 1;
    } else if (row.last_updated && old.last_updated && Date.parse(row.last_updated) < Date.parse(old.last_updated)) {
      byId.set(row.launch_id, { ...old, last_seen_run: row.last_seen_run });
      result.kept_newer += 1;
    } else {
      // A launch seen in this run keeps its image when this run only saw it as a duplicate or failed.
      byId.set(row.launch_id, {
        ...row,
        image_sha256: row.image_sha256 ?? (row.image_url === old.image_url ? old.image_sha256 : null),
        image_file: row.image_file ?? (row.image_url === old.image_url ? old.image_file : null),
        first_seen_run: old.first_seen_run,
      });
      result.updated += 1;
    }
  }
  const seen = new Set(incoming.map((row) => row.launch_id));
  const coveredUntil = options.upcomingIds ? (options.upcomingCoveredUntil ?? Number.POSITIVE_INFINITY) : Number.NEGATIVE_INFINITY;
  for (const row of byId.values()) {
    if (seen.has(row.launch_id) || !row.in_upcoming || row.net === null || Date.parse(row.net) > coveredUntil) continue;
    byId.set(row.launch_id, { ...row, in_upcoming: false, gone_from_upcoming_run: options.runId });
    result.gone_from_upcoming += 1;
  }
  const rows = [...byId.values()].sort(
    (a, b) =>
      (a.net === null ? 1 : 0) - (b.net === null ? 1 : 0) || (a.net ?? '').localeCompare(b.net ?? '') || a.launch_id.localeCompare(b.launch_id),
  );
  return { rows, result: { rows: rows.length, ...result, unknown_time: rows.filter((row) => row.net === null).length } };
}

async function withDuckDb<T>(fn: (connection: DuckDBConnection, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-rocket-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    return await fn(connection, dir);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the stored table; columns a table written by an older ferry lacks read as null. */
async function readRows(connection: DuckDBConnection, store: Store, dir: string): Promise<LaunchRow[]> {
  const path = join(dir, 'existing.parquet');
  await store.download(layout.rocket.launchesTable, path);
  await connection.run(`CREATE OR REPLACE TABLE existing (${columnList()})`);
  await connection.run(`INSERT INTO existing BY NAME SELECT * FROM read_parquet(${sqlString(path)})`);
  const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.000Z') AS ${column}`;
  const reader = await connection.runAndReadAll(
    `SELECT * REPLACE (${iso('net')}, ${iso('last_updated')}) FROM existing ORDER BY net NULLS LAST, launch_id`,
  );
  return reader.getRowObjectsJS() as unknown as LaunchRow[];
}

async function writeRows(connection: DuckDBConnection, rows: LaunchRow[], dir: string, outputPath: string): Promise<void> {
  const ndjson = join(dir, 'rows.ndjson');
  // DuckDB's JSON reader takes "YYYY-MM-DD HH:MM:SS" for a TIMESTAMP column.
  const plain = (iso: string | null) => (iso === null ? null : iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ''));
  await writeFile(ndjson, rows.map((row) => JSON.stringify({ ...row, net: plain(row.net), last_updated: plain(row.last_updated) })).join('\n'));
  const columns = Object.entries(COLUMNS)
    .map(([name, type]) => `${name}: '${type}'`)
    .join(', ');
  const source = rows.length
    ? `read_json(${sqlString(ndjson)}, format = 'newline_delimited', columns = {${columns}})`
    : `(SELECT * FROM existing LIMIT 0)`;
  if (!rows.length) await connection.run(`CREATE OR REPLACE TABLE existing (${columnList()})`);
  await connection.run(`COPY (SELECT * FROM ${source}) TO ${sqlString(outputPath)} (FORMAT parquet)`);
}

function columnList(): string {
  return Object.entries(COLUMNS)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
