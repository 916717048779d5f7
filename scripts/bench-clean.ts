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
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { cleanPeriodWithDuckDb } from '@ferry/cleaning';
import { generateSample } from '@ferry/sample';

const THREADS = 2;

interface PhaseResult {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  rows: number;
}

const [, , first, second, third, fourth] = process.argv;
if (first === '--phase') await runPhase(second as 'copy' | 'clean', third!, fourth!);
else await main(Number((first ?? '10000000').replaceAll('_', '')), second ?? '2GB');

async function main(rows: number, memoryLimit: string): Promise<void> {
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`rows must be an integer >= 1000, got ${first}`);
  const dir = await mkdtemp(join(tmpdir(), 'ferry-bench-clean-'));
  try {
    const days = 30;
    const [period] = [...generateSample({ periods: 1, daysPerPeriod: days, rowsPerDay: Math.round(rows / days), seed: 1 })];
    if (!period) throw new Error('the sample generator produced no period');
    const inputPath = join(dir, period.name);
    const started = Date.now();
    await pipeline(Readable.from(period.chunks()), createWriteStream(inputPath));
    const truth = period.truth();
    const bytes = (await stat(inputPath)).size;
    console.log(`input: ${period.name} from @ferry/sample (real default defect rates), ${truth.data_lines.toLocaleString('en')} data lines, ${(bytes / 1e6).toFixed(1)} MB, generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`engine: DuckDB, threads ${THREADS}, memory_limit ${memoryLimit}`);

    const copy = phase('copy', inputPath, memoryLimit);
    const clean = phase('clean', inputPath, memoryLimit);
    const line = (label: string, r: PhaseResult): string =>
      `${label.padEnd(34)} ${(r.wallMs / 1000).toFixed(2).padStart(7)} s wall  ${(r.cpuMs / 1000).toFixed(2).padStart(7)} s cpu  ${Math.round(truth.data_lines / (r.wallMs / 1000)).toLocaleString('en').padStart(11)} rows/s  peak RSS ${r.peakRssMb} MB`;
    console.log(line('(a) plain copy CSV -> parquet/day', copy));
    console.log(line('(b) cleanPeriodWithDuckDb', clean));
    console.log(`ratio (b)/(a): ${(clean.wallMs / copy.wallMs).toFixed(2)} wall, ${(clean.cpuMs / copy.cpuMs).toFixed(2)} cpu (target <= 2.0)`);

    await writeFile(join(dir, 'truth.json'), JSON.stringify(truth.rejectedLines));
    const mismatches = await quarantineMismatches(join(dir, 'clean-out', 'quarantine', '*.parquet'), join(dir, 'truth.json'), memoryLimit);
    console.log(`check: ${clean.rows.toLocaleString('en')} rows written; quarantine vs generator truth: ${truth.rejectedLines.length.toLocaleString('en')} expected lines, ${mismatches} mismatches`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one phase in a child process so its peak RSS is its own, after flushing the files written so far to disk. */
function phase(name: 'copy' | 'clean', inputPath: string, memoryLimit: string): PhaseResult {
  spawnSync('sync');
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--phase', name, inputPath, memoryLimit], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`phase ${name} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

async function runPhase(name: 'copy' | 'clean', inputPath: string, memoryLimit: string): Promise<void> {
  const outDir = join(inputPath, '..', `${name}-out`);
  const wall = Date.now();
  const cpu = process.cpuUsage();
  let rows: number;
  if (name === 'clean') {
    const source = basename(inputPath);
    const quality = await cleanPeriodWithDuckDb({ inputPath, outDir, period: source.replace(/\.txt$/, ''), source, threads: THREADS, memoryLimit, tempDir: join(outDir, '..', 'duckdb-tmp') });
    rows = quality.rows_written;
  } else {
    rows = await plainCopy(inputPath, outDir, memoryLimit);
  }
  const used = process.cpuUsage(cpu);
  const result: PhaseResult = { wallMs: Date.now() - wall, cpuMs: Math.round((used.user + used.system) / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rows };
  console.log(JSON.stringify(result));
}

/** The reference: what a plain typed copy costs. Lines that do not fit the schema (Err terminals, 24:00:00) are skipped. */
async function plainCopy(inputPath: string, outDir: string, memoryLimit: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS), memory_limit: memoryLimit, temp_directory: join(outDir, '..', 'duckdb-tmp') });
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
