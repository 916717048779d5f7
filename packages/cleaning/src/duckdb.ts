/** The local engine: cleans one source file with DuckDB into the staging layout of @ferry/types. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_RULE_PARAMS, FerryError, REPAIR_IDS, RULE_IDS } from '@ferry/types';
import type { PeriodQuality, RepairId, RuleId, RuleParams } from '@ferry/types';
import { renderCleaningQuery, renderCommentCountQuery, renderQualityQuery } from './render.ts';

export interface CleanPeriodOptions {
  inputPath: string;
  outDir: string;
  period: string;
  source: string;
  params?: RuleParams;
  threads?: number;
  memoryLimit?: string;
  tempDir?: string;
}

/** A delimiter no text line contains, so each physical line reads whole as one VARCHAR column. */
const NEVER_A_DELIMITER = '\x01\x02\x03\x04';

/**
 * The relation of physical lines, numbered from 1 (the header is line 1). The CSV reader keeps empty
 * lines (as NULL) and drops the final newline; row_number() OVER () is a streaming window, which DuckDB
 * runs in file order (it declares a fixed order even when the read is parallel).
 */
export function renderDuckDbSourceLines(inputPath: string): string {
  const q = (value: string): string => `'${value.replaceAll("'", "''")}'`;
  return `SELECT row_number() OVER () AS line_number, raw_line
FROM read_csv(${q(inputPath)}, columns = {'raw_line': 'VARCHAR'}, delim = ${q(NEVER_A_DELIMITER)}, quote = '', escape = '',
  header = false, auto_detect = false, new_line = '\\n')`;
}

/** The DuckDB rendering of the cleaning query over a relation `input` of (line_number, raw_line). */
export function renderDuckDbCleaningSql(options: { input: string; params?: RuleParams }): string {
  return renderCleaningQuery('duckdb', options);
}

/**
 * Cleans one local source file into outDir: outDir/data/tx_date=YYYY-MM-DD/*.parquet,
 * outDir/quarantine/*.parquet (source, line_number, raw_line, rule), outDir/quality.json (PeriodQuality).
 */
export async function cleanPeriodWithDuckDb(options: CleanPeriodOptions): Promise<PeriodQuality> {
  const params = options.params ?? DEFAULT_RULE_PARAMS;
  // A real period (47 M rows) does not fit in memory_limit: DuckDB spills there (else it would use ./.tmp).
  const ownTempDir = options.tempDir ? undefined : await mkdtemp(join(tmpdir(), 'ferry-duckdb-'));
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '1GB',
    temp_directory: options.tempDir ?? ownTempDir!,
  });
  const connection = await instance.connect();
  try {
    await rm(options.outDir, { recursive: true, force: true });
    await mkdir(join(options.outDir, 'quarantine'), { recursive: true });
    await mkdir(join(options.outDir, 'data'));
    const quality = await clean(connection, options, params);
    await writeFile(join(options.outDir, 'quality.json'), `${JSON.stringify(quality, null, 2)}\n`);
    return quality;
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError(`cleaning ${options.source} with DuckDB failed: ${(error as Error).message}`, { cause: error });
  } finally {
    connection.closeSync();
    instance.closeSync();
    if (ownTempDir) await rm(ownTempDir, { recursive: true, force: true });
  }
}

async function clean(connection: DuckDBConnection, options: CleanPeriodOptions, params: RuleParams): Promise<PeriodQuality> {
  const q = (value: string): string => `'${value.replaceAll("'", "''")}'`;
  const cleaningSql = renderDuckDbCleaningSql({ input: 'source_lines', params });
  await connection.run(`CREATE TEMP VIEW source_lines AS ${renderDuckDbSourceLines(options.inputPath)}`);
  // Classify once; the three outputs below read this table instead of re-reading the file.
  await connection.run(`CREATE TEMP TABLE classified AS ${cleaningSql}`);
  const comments = await firstRow(connection, renderCommentCountQuery('duckdb', 'source_lines'));
  const counts = await firstRow(connection, renderQualityQuery('duckdb', 'classified'));

  await connection.run('SET preserve_insertion_order = false');
  await connection.run(
    `COPY (SELECT * EXCLUDE (line_number, raw_line, rule, repair) FROM classified WHERE rule IS NULL)
     TO ${q(join(options.outDir, 'data'))} (FORMAT parquet, PARTITION_BY (tx_date), COMPRESSION zstd, OVERWRITE_OR_IGNORE)`,
  );
  await connection.run(
    `COPY (SELECT ${q(options.source)} AS source, line_number, raw_line, rule FROM classified WHERE rule IS NOT NULL ORDER BY line_number)
     TO ${q(join(options.outDir, 'quarantine', 'part-0.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
  );

  return {
    period: options.period,
    source: options.source,
    rows_read: Number(counts.rows_read),
    rows_written: Number(counts.rows_written),
    comment_lines: Number(comments.comment_lines),
    rejected: Object.fromEntries(RULE_IDS.map((id) => [id, Number(counts[`rejected_${id}`])])) as Record<RuleId, number>,
    repaired: Object.fromEntries(REPAIR_IDS.map((id) => [id, Number(counts[`repaired_${id}`])])) as Record<RepairId, number>,
  };
}

async function firstRow(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  const [row] = reader.getRowObjectsJS();
  if (!row) throw new Error(`no result from: ${sql}`);
  return row;
}
