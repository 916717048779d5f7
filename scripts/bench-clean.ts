/**
 * Benchmark of the local cleaning engine: `pnpm bench:clean [rows] [memory-limit]` (default 10,000,000 rows, 2GB).
 * A real period (47 M rows) needs about 5 GB to clean without spilling to disk.
 * Generates one source file with @ferry/sample (real default defect rates), then times, each in its own process
 * with the same threads and memory limit:
 *   (a) a plain DuckDB copy: typed read_csv (explicit schema, comment '#') -> parquet partitioned by day (snappy, as the engine writes);
 *   (b) cleanPeriodWithDuckDb on the same file.
 * Prints both times, rows/s, the ratio (target <= 2.0) and each phase's peak RSS, and checks the quarantine
 * against the generator's truth (line numbers included).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cleanPeriodWithDuckDb } from '@ferry/cleaning';
import { generateInput, phaseLine, reportPhase, rowsArgument, runPhase } from './bench/support.ts';

const THREADS = 2;

const [, , first, second, third, fourth] = process.argv;
if (first === '--phase')
  await reportPhase(() => (second === 'clean' ? clean(third!, fourth!) : plainCopy(third!, join(third!, '..', 'copy-out'), fourth!)));
else await main(rowsArgument(first, 10_000_000), second ?? '2GB');

async function main(rows: number, memoryLimit: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-bench-clean-'));
  try {
    const { inputPath, truth } = await generateInput(dir, rows);
    console.log(`engine: DuckDB, threads ${THREADS}, memory_limit ${memoryLimit}`);

    const copy = runPhase(import.meta.url, 'copy', [inputPath, memoryLimit]);
    const clean = runPhase(import.meta.url, 'clean', [inputPath, memoryLimit]);
    console.log(phaseLine('(a) plain copy CSV -> parquet/day', copy, truth.data_lines));
    console.log(phaseLine('(b) cleanPeriodWithDuckDb', clean, truth.data_lines));
    console.log(`ratio (b)/(a): ${(clean.wallMs / copy.wallMs).toFixed(2)} wall, ${(clean.cpuMs / copy.cpuMs).toFixed(2)} cpu (target <= 2.0)`);

    await writeFile(join(dir, 'truth.json'), JSON.stringify(truth.rejectedLines));
    const mismatches = await quarantineMismatches(join(dir, 'clean-out', 'quarantine', '*.parquet'), join(dir, 'truth.json'), memoryLimit);
    console.log(
      `check: ${clean.rows.toLocaleString('en')} rows written; quarantine vs generator truth: ${truth.rejectedLines.length.toLocaleString('en')} expected lines, ${mismatches} mismatches`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function clean(inputPath: string, memoryLimit: string): Promise<number> {
  const source = basename(inputPath);
  const outDir = join(inputPath, '..', 'clean-out');
  const quality = await cleanPeriodWithDuckDb({
    inputPath,
    outDir,
    period: source.replace(/\.txt$/, ''),
    source,
    threads: THREADS,
    memoryLimit,
    tempDir: join(outDir, '..', 'duckdb-tmp'),
  });
  return quality.rows_written;
}

/** The reference: what a plain typed copy costs. Lines that do not fit the schema (Err terminals, 24:00:00) are skipped. */
async function plainCopy(inputPath: string, outDir: string, memoryLimit: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(THREADS),
    memory_limit: memoryLimit,
    temp_directory: join(outDir, '..', 'duckdb-tmp'),
  });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`
      COPY (
        SELECT *, CAST(tx_datetime AS DATE) AS tx_date
        FROM read_csv('${inputPath}', header = false, comment = '#', delim = ',', quote = '', escape = '', auto_detect = false, ignore_errors = true,
          columns = {'transaction_id': 'BIGINT', 'tx_datetime': 'TIMESTAMP', 'customer_id': 'BIGINT', 'terminal_id': 'INTEGER',
                     'tx_amount': 'DECIMAL(12,2)', 'tx_time_seconds': 'BIGINT', 'tx_time_days': 'INTEGER', 'tx_fraud': 'SMALLINT', 'tx_fraud_scenario': 'SMALLINT'})
      ) TO '${outDir}' (FORMAT parquet, PARTITION_BY (tx_date), COMPRESSION snappy, OVERWRITE_OR_IGNORE)`);
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function quarantineMismatches(quarantineGlob: string, truthPath: string, memoryLimit: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS), memory_limit: memoryLimit });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`
      WITH got AS (SELECT line_number, raw_line, rule FROM read_parquet('${quarantineGlob}')),
           want AS (SELECT line_number::BIGINT AS line_number, raw_line, rule FROM read_json('${truthPath}'))
      SELECT count(*) FROM ((SELECT * FROM got EXCEPT ALL SELECT * FROM want) UNION ALL (SELECT * FROM want EXCEPT ALL SELECT * FROM got))`);
    return Number(reader.getRowsJS()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
