/**
 * Benchmark of the Spark job against ferry's DuckDB engine: `pnpm bench:spark [rows]` (default 10,000,000).
 * Generates one source file with @ferry/sample (real default defect rates), then cleans it, each in a process of its
 * own, with 2 cores each:
 *   (a) cleanPeriodWithDuckDb (threads 2, DuckDB's default memory);
 *   (b) the rendered Spark job, spark-submit --master local[2] --driver-memory 4g, on file:// locations;
 *   (c) Spark's floor: a plain Spark copy of the same file into parquet per day (bench/spark_plain_copy.py, the twin
 *       of bench:clean's plain DuckDB copy), with the same spark-submit.
 * Prints the wall times, CPU, rows/s, the ratio (target <= 5) and each one's peak RSS (for Spark, both sampled over
 * spark-submit's process tree: its largest process, and the CPU of all), what the floor alone is against (a), the job
 * against its floor, and the job's stages by executor CPU from Spark's event log; checks that the job's physical plans
 * hold no Python step, and that both engines report the same counts.
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
const SAMPLE_MS = 200;
/** /proc counts CPU in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
const MS_PER_TICK = 10;
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
      `ratio (b)/(c): ${(spark.wallMs / floor.wallMs).toFixed(2)} wall, ${(spark.cpuMs / floor.cpuMs).toFixed(2)} cpu: the job over its floor (bench:clean: the DuckDB engine over its own)`,
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
  const { result, ferryLines, stages } = await timedSparkSubmit(dir, job, args);
  if (!ferryLines.some((line) => /have no Python step/.test(line))) throw new Error('the job did not report its physical plans free of Python steps');
  printStages(stages);
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

/** One spark-submit, timed, its process tree sampled, its stages read from its event log; `ferry:` lines echoed. */
async function timedSparkSubmit(
  dir: string,
  job: string,
  args: string[],
): Promise<{ result: PhaseResult; ferryLines: string[]; stages: StageCost[] }> {
  const events = await mkdtemp(join(dir, 'spark-events-'));
  const conf = { 'spark.local.dir': join(dir, 'spark-local'), 'spark.eventLog.enabled': 'true', 'spark.eventLog.dir': pathToFileURL(events).href };
  const command = sparkSubmit({ job, args, driverMemory: DRIVER_MEMORY, conf });
  const started = Date.now();
  const driver = spawn(command.command, command.args, { env: command.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  driver.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  driver.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const peak = { rssKb: 0, cpuTicks: 0 };
  const sampler = setInterval(
    () =>
      void sampleTree(driver.pid!).then((tree) => {
        peak.rssKb = Math.max(peak.rssKb, tree.largestRssKb);
        peak.cpuTicks = Math.max(peak.cpuTicks, tree.cpuTicks);
      }),
    SAMPLE_MS,
  );
  const code = await new Promise<number | null>((resolve) => driver.on('close', resolve));
  clearInterval(sampler);
  const wallMs = Date.now() - started;
  const ferryLines = output.split('\n').filter((line) => line.startsWith('ferry:'));
  for (const line of ferryLines) console.log(`  spark ${line}`);
  if (code !== 0) throw new Error(`spark-submit ${basename(job)} exited with ${code}:\n${output.split('\n').slice(-30).join('\n')}`);
  const stages = await stageCosts(events);
  await rm(events, { recursive: true, force: true });
  return { result: { wallMs, cpuMs: peak.cpuTicks * MS_PER_TICK, peakRssMb: Math.round(peak.rssKb / 1024), rows: 0 }, ferryLines, stages };
}

/** What one Spark stage cost: its tasks' executor CPU and its own wall time, by Spark's event log. */
interface StageCost {
  id: number;
  name: string;
  tasks: number;
  cpuMs: number;
  wallMs: number;
}

/** The stages of the one application whose event log is in `folder`, in the order they ran. */
async function stageCosts(folder: string): Promise<StageCost[]> {
  const [log] = await readdir(folder);
  if (!log) return [];
  const stages = new Map<number, StageCost>();
  const stage = (id: number): StageCost => stages.get(id) ?? stages.set(id, { id, name: '', tasks: 0, cpuMs: 0, wallMs: 0 }).get(id)!;
  for (const line of (await readFile(join(folder, log), 'utf8')).split('\n')) {
    if (!line.includes('"SparkListenerTaskEnd"') && !line.includes('"SparkListenerStageCompleted"')) continue;
    const event = JSON.parse(line) as SparkEvent;
    if (event.Event === 'SparkListenerTaskEnd') {
      const cost = stage(event['Stage ID']!);
      cost.tasks += 1;
      cost.cpuMs += (event['Task Metrics']?.['Executor CPU Time'] ?? 0) / 1e6;
    } else {
      const info = event['Stage Info']!;
      Object.assign(stage(info['Stage ID']), { name: info['Stage Name'], wallMs: info['Completion Time'] - info['Submission Time'] });
    }
  }
  return [...stages.values()].sort((a, b) => a.id - b.id);
}

/** The fields of Spark's listener events read here. */
interface SparkEvent {
  Event: string;
  'Stage ID'?: number;
  'Task Metrics'?: { 'Executor CPU Time'?: number };
  'Stage Info'?: { 'Stage ID': number; 'Stage Name': string; 'Submission Time': number; 'Completion Time': number };
}

/** The job's stages that took a second of CPU or more, with the rest summed; in the same units as phaseLine. */
function printStages(stages: StageCost[]): void {
  const total = stages.reduce((sum, stage) => sum + stage.cpuMs, 0);
  const large = stages.filter((stage) => stage.cpuMs >= 1000);
  const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(5);
  console.log(`  Spark job, executor CPU by stage (event log): ${seconds(total).trim()} s in ${stages.length} stages`);
  for (const stage of large) {
    console.log(
      `    stage ${String(stage.id).padStart(3)} ${seconds(stage.cpuMs)} s cpu ${seconds(stage.wallMs)} s wall ${String(stage.tasks).padStart(3)} tasks  ${stage.name}`,
    );
  }
  const rest = total - large.reduce((sum, stage) => sum + stage.cpuMs, 0);
  console.log(`    ${stages.length - large.length} other stages ${seconds(rest).trim()} s cpu`);
}

/** Both engines leave a period's quality beside its data, as the staging layout has it. */

async function readQuality(path: string): Promise<PeriodQuality> {
  return periodQualityFormat.parse(await readFile(path, 'utf8'), path);
}

/**
 * The largest resident set among `pid` and its descendants (the driver's JVM, not the launcher around it), and the
 * CPU the tree has used so far (its processes' own and that of children they have waited for), in clock ticks.
 */
async function sampleTree(pid: number): Promise<{ largestRssKb: number; cpuTicks: number }> {
  const children = new Map<number, number[]>();
  const usage = new Map<number, { rssKb: number; cpuTicks: number }>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const [status, stat] = await Promise.all(['status', 'stat'].map((file) => readFile(`/proc/${entry}/${file}`, 'utf8').catch(() => '')));
    const parent = Number(/^PPid:\s+(\d+)/m.exec(status!)?.[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    // Fields after the command name, which is in parentheses and may hold spaces: utime, stime, cutime, cstime are 14–17.
    const fields = stat!.slice(stat!.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    usage.set(Number(entry), { rssKb: Number(/^VmRSS:\s+(\d+)/m.exec(status!)?.[1] ?? 0), cpuTicks });
  }
  const tree = { largestRssKb: 0, cpuTicks: 0 };
  const visit = (id: number): void => {
    tree.largestRssKb = Math.max(tree.largestRssKb, usage.get(id)?.rssKb ?? 0);
    tree.cpuTicks += usage.get(id)?.cpuTicks ?? 0;
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}
