/**
 * Benchmark of the Spark job against ferry's DuckDB engine: `pnpm bench:spark [rows]` (default 10,000,000).
 * Generates one source file with @ferry/sample (real default defect rates), then cleans it, each in a process of its
 * own, with 2 cores each:
 *   (a) cleanPeriodWithDuckDb (threads 2, DuckDB's default memory);
 *   (b) the rendered Spark job, spark-submit --master local[2] --driver-memory 4g, on file:// locations.
 * Prints both wall times, rows/s, the ratio (target <= 5) and each one's peak RSS (for Spark, the largest process of
 * spark-submit's tree, sampled), checks that the job's physical plans hold no Python step, and that both engines
 * report the same counts.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { cleanPeriodWithDuckDb, renderPySparkJob } from '@ferry/cleaning';
import { SPARK, sparkSubmit } from '@ferry/testbed';
import { layout, periodQualityFormat, type PeriodQuality } from '@ferry/types';
import { generateInput, phaseLine, reportPhase, rowsArgument, runPhase, type PhaseResult } from './bench/support.ts';

const DRIVER_MEMORY = '4g';
const RSS_SAMPLE_MS = 200;
const QUALITY = layout.work.stagedFiles.quality;

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

    console.log(phaseLine('(a) ferry DuckDB engine, 2 threads', duckdb, truth.data_lines));
    console.log(phaseLine(`(b) Spark job, local[2], ${DRIVER_MEMORY} driver`, spark, truth.data_lines));
    console.log(`ratio (b)/(a): ${(spark.wallMs / duckdb.wallMs).toFixed(2)} wall (target <= 5)`);

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
  const command = sparkSubmit({
    job,
    args: [
      '--input-uri',
      `${pathToFileURL(dir).href}/`,
      '--output-uri',
      `${pathToFileURL(join(dir, 'spark-out')).href}/`,
      '--sources',
      basename(inputPath),
    ],
    driverMemory: DRIVER_MEMORY,
    conf: { 'spark.local.dir': join(dir, 'spark-local') },
  });
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
  if (code !== 0) throw new Error(`spark-submit exited with ${code}:\n${output.split('\n').slice(-30).join('\n')}`);
  if (!ferryLines.some((line) => /have no Python step/.test(line))) throw new Error('the job did not report its physical plans free of Python steps');
  const rows = await readQuality(join(dir, 'spark-out', basename(inputPath, '.txt'), QUALITY));
  // The driver's own CPU time is not visible from here; spark-submit's wall time is what a scheduler waits for.
  return { wallMs, cpuMs: 0, peakRssMb: Math.round(peakRssKb / 1024), rows: rows.rows_written };
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
