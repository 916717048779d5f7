/**
 * Benchmark of the Spark job against ferry's DuckDB engine: `pnpm bench:spark [rows]` (default 10,000,000).
 * Generates one source file with @ferry/sample (real default defect rates), then cleans it, each in a process of its
 * own, with 2 cores each:
 *   (a) cleanPeriodWithDuckDb (threads 2, DuckDB's default memory);
 *   (b) the rendered Spark job, spark-submit --master local[2] --driver-memory 4g, on file:// locations;
 *   (c) Spark's floor: a plain Spark copy of the same file into parquet per day (bench/spark_plain_copy.py, the twin
 *       of bench:clean's plain DuckDB copy), with the same spark-submit.
 * Prints the wall times, rows/s, the ratio (target <= 5) and each one's peak RSS (for Spark, the largest process of
 * spark-submit's tree, sampled), what the floor alone is against (a), and the job against its floor; checks that the
 * job's physical plans hold no Python step, and that both engines report the same counts.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { cleanPeriodWithDuckDb, renderPySparkJob } from '@ferry/cleaning';
import { SPARK, sparkSubmit } from '@ferry/testbed';
import { layout, periodQualityFormat, type PeriodQuality } from '@ferry/types';
import { generateInput, phaseLine, PLAIN_COPY_COLUMNS, reportPhase, rowsArgument, runPhase, type PhaseResult } from './bench/support.ts';

const DRIVER_MEMORY = '4g';
const RSS_SAMPLE_MS = 200;
const QUALITY = layout.work.stagedFiles.quality;
const PLAIN_COPY_JOB = fileURLToPath(new URL('./bench/spark_plain_copy.py', import.meta.url));

const [, , first, , third, fourth] = process.argv;
if (first === '--phase') await reportPhase(() => cleanWithDuckDb(third!, fourth!));
else await main(rowsArgument(first, 10_000_000));

async function main(rows: number): Promise<void> {
  const missing = SPARK.missing();
  if (missing) throw new Error(`bench:spark needs Spark: ${missing}`);
  const dir = await mkdtemp(join(tmpdir(), 'ferry-bench-spark-'));
  try {
    const { inputPath, truth } = await generateInput(dir, rows);
    const duckdbOut = join(dir, 'duckdb-out');
    const duckdb = runPhase(import.meta.url, 'duckdb', [inputPath, duckdbOut]);
    const spark = await runSparkJob(dir, inputPath);
    const floor = await runPlainSparkCopy(dir, inputPath);

    console.log(phaseLine('(a) ferry DuckDB engine, 2 threads', duckdb, truth.data_lines));
    console.log(phaseLine(`(b) Spark job, local[2], ${DRIVER_MEMORY} driver`, spark, truth.data_lines));
    console.log(phaseLine('(c) plain Spark copy, the same', floor, truth.data_lines));
    console.log(`ratio (b)/(a): ${(spark.wallMs / duckdb.wallMs).toFixed(2)} wall (target <= 5)`);
    console.log(`ratio (c)/(a): ${(floor.wallMs / duckdb.wallMs).toFixed(2)} wall: Spark's floor here, before any cleaning`);
    console.log(
      `ratio (b)/(c): ${(spark.wallMs / floor.wallMs).toFixed(2)} wall: the job over its floor (bench:clean: the DuckDB engine over its own)`,
    );

    const period = basename(inputPath, '.txt');
    const [local, cluster] = await Promise.all([join(duckdbOut, QUALITY), join(dir, 'spark-out', period, QUALITY)].map(readQuality));
    console.log(
      `check: same counts from both engines: ${isDeepStrictEqual(local, cluster) ? 'yes' : `NO\n  duckdb ${JSON.stringify(local)}\n  spark  ${JSON.stringify(cluster)}`}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function cleanWithDuckDb(inputPath: string, outDir: string): Promise<number> {
  const source = basename(inputPath);
  const quality = await cleanPeriodWithDuckDb({
    inputPath,
    outDir,
    period: source.replace(/\.txt$/, ''),
    source,
    threads: 2,
    tempDir: join(outDir, '..', 'duckdb-tmp'),
  });
  return quality.rows_written;
}

/** The job on this machine's pinned Spark; its output is echoed, and its plan check is required. */
async function runSparkJob(dir: string, inputPath: string): Promise<PhaseResult> {
  const job = join(dir, 'job.py');
  await writeFile(job, renderPySparkJob());
  const args = [
    '--input-uri',
    `${pathToFileURL(dir).href}/`,
    '--output-uri',
    `${pathToFileURL(join(dir, 'spark-out')).href}/`,
    '--sources',
    basename(inputPath),
  ];
  const { result, ferryLines } = await timedSparkSubmit(dir, job, args);
  if (!ferryLines.some((line) => /have no Python step/.test(line))) throw new Error('the job did not report its physical plans free of Python steps');
  const rows = await readQuality(join(dir, 'spark-out', basename(inputPath, '.txt'), QUALITY));
  return { ...result, rows: rows.rows_written };
}

/** The floor: Spark's own typed read and day-partitioned write of the same file. Its output is removed after. */
async function runPlainSparkCopy(dir: string, inputPath: string): Promise<PhaseResult> {
  const out = join(dir, 'plain-copy-out');
  const schema = PLAIN_COPY_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
  const { result } = await timedSparkSubmit(dir, PLAIN_COPY_JOB, [pathToFileURL(inputPath).href, pathToFileURL(out).href, schema]);
  await rm(out, { recursive: true, force: true });
  return result;
}

/** One spark-submit, timed and with its peak RSS sampled; its `ferry:` lines are echoed and returned. */
async function timedSparkSubmit(dir: string, job: string, args: string[]): Promise<{ result: PhaseResult; ferryLines: string[] }> {
  const command = sparkSubmit({ job, args, driverMemory: DRIVER_MEMORY, conf: { 'spark.local.dir': join(dir, 'spark-local') } });
  const started = Date.now();
  const driver = spawn(command.command, command.args, { env: command.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  driver.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  driver.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakRssKb = 0;
  const sampler = setInterval(() => void largestRssKb(driver.pid!).then((kb) => (peakRssKb = Math.max(peakRssKb, kb))), RSS_SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => driver.on('close', resolve));
  clearInterval(sampler);
  const wallMs = Date.now() - started;
  const ferryLines = output.split('\n').filter((line) => line.startsWith('ferry:'));
  for (const line of ferryLines) console.log(`  spark ${line}`);
  if (code !== 0) throw new Error(`spark-submit ${basename(job)} exited with ${code}:\n${output.split('\n').slice(-30).join('\n')}`);
  // The driver's own CPU time is not visible from here; spark-submit's wall time is what a scheduler waits for.
  return { result: { wallMs, cpuMs: 0, peakRssMb: Math.round(peakRssKb / 1024), rows: 0 }, ferryLines };
}

/** Both engines leave a period's quality beside its data, as the staging layout has it. */

async function readQuality(path: string): Promise<PeriodQuality> {
  return periodQualityFormat.parse(await readFile(path, 'utf8'), path);
}

/** The largest resident set among `pid` and its descendants (the driver's JVM, not the launcher around it). */
async function largestRssKb(pid: number): Promise<number> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    rss.set(Number(entry), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
  }
  let largest = 0;
  const visit = (id: number): void => {
    largest = Math.max(largest, rss.get(id) ?? 0);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return largest;
}
