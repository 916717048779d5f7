/**
 * Benchmark of the local cleaning engine: `pnpm bench:clean [rows] [memory-limit]` (default 10,000,000 rows, 2GB).
 * A real period (47 M rows) held to 2 GB keeps its classified rows compressed in a database file (see duckdb.ts).
 * Generates one source file with @ferry/sample (real default defect rates), then times, each in its own process
 * with the same threads and memory limit:
 *   (a) a plain DuckDB copy: typed read_csv (explicit schema, comment '#') -> parquet partitioned by day (snappy, as the engine writes);
 *   (b) cleanPeriodWithDuckDb on the same file.
 * (a) and (b) alternate, three pairs of them below 40 M rows (one for a real-size period, minutes each), and the pair
 * of the median ratio is the result: on a shared machine one pair's ratio moves by a third with the neighbours' load.
 * Prints the times, rows/s, the ratios (goal <= 1.5; <= 1.8 and 2.5 GB peak RSS from 40 M rows) and each phase's
 * peak RSS, and checks the quarantine against the generator's truth (line numbers included). `pnpm bench` runs the
 * same measure (measureCleaning).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { cleanPeriodWithDuckDb } from '@ferry/cleaning';
import {
  generateInput,
  phaseLine,
  PLAIN_COPY_COLUMNS,
  printTable,
  reportPhase,
  rowsArgument,
  runPhase,
  type BenchInput,
  type BenchRow,
  type PhaseResult,
} from './bench/support.ts';

const THREADS = 2;
/** From this many rows a file is a real-size period (≈ 47 M): its own goal, and one pair of runs (minutes each). */
const REAL_SIZE_ROWS = 40_000_000;
/** Issue 14's goals: at most this much more than the plain copy of the same file, and for a real-size period held to 2 GB, a peak RSS. */
function goalOf(rows: number): { ratio: number; peakRssGb?: number } {
  return rows >= REAL_SIZE_ROWS ? { ratio: 1.8, peakRssGb: 2.5 } : { ratio: 1.5 };
}

export interface CleaningMeasure {
  /** The pair of the median ratio. */
  copy: PhaseResult;
  clean: PhaseResult;
  /** Every pair's cleaning time over its copy's, in the order run. */
  ratios: number[];
  /** The highest peak RSS of the cleanings. */
  peakRssMb: number;
  /** Quarantined lines that differ from the generator's truth, either way: 0 when every defect was caught exactly. */
  mismatches: number;
}

/**
 * Alternating plain copies and cleanings of `input`, each in a process of its own (see the file's comment), and the
 * check of the last cleaning's quarantine.
 */
export async function measureCleaning(input: BenchInput, memoryLimit: string): Promise<CleaningMeasure> {
  const { inputPath, truth } = input;
  const dir = join(inputPath, '..');
  const pairs = truth.data_lines >= REAL_SIZE_ROWS ? 1 : 3;
  console.log(`clean: DuckDB, threads ${THREADS}, memory_limit ${memoryLimit}, ${pairs} alternating pair(s)`);
  const measured: { copy: PhaseResult; clean: PhaseResult; ratio: number }[] = [];
  for (let pair = 1; pair <= pairs; pair++) {
    const copy = runPhase(import.meta.url, 'copy', [inputPath, memoryLimit]);
    const clean = runPhase(import.meta.url, 'clean', [inputPath, memoryLimit]);
    console.log(phaseLine(`(a${pair}) plain copy CSV -> parquet/day`, copy, truth.data_lines));
    console.log(phaseLine(`(b${pair}) cleanPeriodWithDuckDb`, clean, truth.data_lines));
    measured.push({ copy, clean, ratio: clean.wallMs / copy.wallMs });
  }
  const { copy, clean } = [...measured].sort((a, b) => a.ratio - b.ratio)[Math.floor(measured.length / 2)]!;
  const ratios = measured.map((pair) => pair.ratio);
  const peakRssMb = Math.max(...measured.map((pair) => pair.clean.peakRssMb));
  console.log(`ratios: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}`);
  await writeFile(join(dir, 'truth.json'), JSON.stringify(truth.rejectedLines));
  const mismatches = await quarantineMismatches(join(dir, 'clean-out', 'quarantine', '*.parquet'), join(dir, 'truth.json'), memoryLimit);
  console.log(
    `check: ${clean.rows.toLocaleString('en')} rows written; quarantine vs generator truth: ${truth.rejectedLines.length.toLocaleString('en')} expected lines, ${mismatches} mismatches`,
  );
  await rm(join(dir, 'clean-out'), { recursive: true, force: true });
  await rm(join(dir, 'copy-out'), { recursive: true, force: true });
  return { copy, clean, ratios, peakRssMb, mismatches };
}

/** The table row: the cleaning's wall time against the plain copy's, met only with the quarantine exact. */
export function cleaningRow(rows: number, { copy, clean, ratios, peakRssMb, mismatches }: CleaningMeasure, memoryLimit: string): BenchRow {
  const ratio = clean.wallMs / copy.wallMs;
  const goal = goalOf(rows);
  const withinRss = goal.peakRssGb === undefined || peakRssMb <= goal.peakRssGb * 1024;
  const spread = ratios.length > 1 ? `median of ${ratios.length} pairs, ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; ` : '';
  return {
    measure: `clean ${(rows / 1e6).toFixed(0)} M rows (DuckDB ${memoryLimit}; ${spread}peak RSS ${(peakRssMb / 1024).toFixed(1)} GB; ${mismatches} quarantine mismatches)`,
    ferry: `${(clean.wallMs / 1000).toFixed(2)} s`,
    reference: `plain DuckDB copy ${(copy.wallMs / 1000).toFixed(2)} s`,
    ratio,
    goal: `≤ ${goal.ratio}× copy${goal.peakRssGb === undefined ? '' : `, RSS ≤ ${goal.peakRssGb} GB`}, exact`,
    met: ratio <= goal.ratio && withinRss && mismatches === 0,
  };
}

async function main(rows: number, memoryLimit: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-bench-clean-'));
  try {
    const measure = await measureCleaning(await generateInput(dir, rows), memoryLimit);
    printTable([cleaningRow(rows, measure, memoryLimit)]);
    console.log(`cpu ratio: ${(measure.clean.cpuMs / measure.copy.cpuMs).toFixed(2)}`);
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
          columns = {${PLAIN_COPY_COLUMNS.map(([name, type]) => `'${name}': '${type}'`).join(', ')}})
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

// Last, once every declaration above is initialised; not when `pnpm bench` imports this file.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [, , first, second, third, fourth] = process.argv;
  if (first === '--phase')
    await reportPhase(() => (second === 'clean' ? clean(third!, fourth!) : plainCopy(third!, join(third!, '..', 'copy-out'), fourth!)));
  else await main(rowsArgument(first, 10_000_000), second ?? '2GB');
}
