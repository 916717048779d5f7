import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { layout, type Store } from '@ferry/types';
import type { ImageReportEntry } from './image-report.ts';
import type { Launch } from './launch.ts';

export interface LaunchesTableResult {
  rows: number;
  inserted: number;
  updated: number;
}

const COLUMNS = {
  launch_id: 'VARCHAR',
  name: 'VARCHAR',
  net: 'TIMESTAMP',
  status: 'VARCHAR',
  provider: 'VARCHAR',
  rocket: 'VARCHAR',
  pad: 'VARCHAR',
  pad_country: 'VARCHAR',
  pad_timezone: 'VARCHAR',
  image_url: 'VARCHAR',
  image_sha256: 'VARCHAR',
  first_seen_run: 'VARCHAR',
  last_seen_run: 'VARCHAR',
} as const;

/**
 * Upserts this run's launches into the launches table (`layout.rocket.launchesTable`) by launch id: a launch seen again
 * takes its new values (net slips, status changes) and keeps the run that first saw it.
 * `net` is a TIMESTAMP in UTC.
 */
export async function upsertLaunchesTable(options: {
  store: Store;
  launches: readonly Launch[];
  images: readonly ImageReportEntry[];
  runId: string;
}): Promise<LaunchesTableResult> {
  const { store, launches, images, runId } = options;
  const dir = await mkdtemp(join(tmpdir(), 'ferry-rocket-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const shaOf = new Map(images.filter((entry) => entry.sha256).map((entry) => [entry.launch_id, entry.sha256!]));
    const incomingPath = join(dir, 'incoming.ndjson');
    const rows = launches.map((launch) => ({
      launch_id: launch.id,
      name: launch.name,
      net: launch.net.replace('Z', '').replace('T', ' '),
      status: launch.status,
      provider: launch.provider,
      rocket: launch.rocket,
      pad: launch.pad,
      pad_country: launch.pad_country,
      pad_timezone: launch.pad_timezone,
      image_url: launch.image_url,
      image_sha256: shaOf.get(launch.id) ?? null,
      first_seen_run: runId,
      last_seen_run: runId,
    }));
    await writeFile(incomingPath, rows.map((row) => JSON.stringify(row)).join('\n'));
    const columns = Object.entries(COLUMNS)
      .map(([name, type]) => `${name}: '${type}'`)
      .join(', ');
    await connection.run(
      `CREATE TABLE incoming AS SELECT * FROM read_json(${sqlString(incomingPath)}, format = 'newline_delimited', columns = {${columns}})`,
    );
    await connection.run(`CREATE TABLE existing AS SELECT * FROM incoming LIMIT 0`);
    const existingPath = join(dir, 'existing.parquet');
    if (await store.head(layout.rocket.launchesTable)) {
      await store.download(layout.rocket.launchesTable, existingPath);
      await connection.run(`INSERT INTO existing BY NAME SELECT * FROM read_parquet(${sqlString(existingPath)})`);
    }
    const counts = await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE e.launch_id IS NULL)::INTEGER AS inserted, count(e.launch_id)::INTEGER AS updated
         FROM incoming i LEFT JOIN existing e USING (launch_id)`,
    );
    const [inserted, updated] = counts.getRows()[0] as [number, number];
    const outputPath = join(dir, 'launches.parquet');
    await connection.run(
      `COPY (
         SELECT * FROM existing WHERE launch_id NOT IN (SELECT launch_id FROM incoming)
         UNION ALL
         SELECT i.* REPLACE (coalesce(e.first_seen_run, i.first_seen_run) AS first_seen_run)
           FROM incoming i LEFT JOIN existing e USING (launch_id)
         ORDER BY net, launch_id
       ) TO ${sqlString(outputPath)} (FORMAT parquet)`,
    );
    const total = await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM read_parquet(${sqlString(outputPath)})`);
    await store.upload(outputPath, layout.rocket.launchesTable, { contentType: 'application/vnd.apache.parquet' });
    return { rows: total.getRows()[0]![0] as number, inserted, updated };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
