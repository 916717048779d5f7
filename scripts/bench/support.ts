/** What the benchmark scripts share: a generated period file, and phases measured each in a process of its own. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { OUTPUT_TYPES, SOURCE_COLUMNS } from '@ferry/cleaning';
import { generateSample, type SamplePeriodTruth } from '@ferry/sample';

export interface PhaseResult {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  rows: number;
}

/**
 * The typed columns of the plain copies, the floor each engine's cleaning is measured against (bench:clean's DuckDB
 * copy, bench:spark's Spark copy): the published table's columns and types, as the rules define them, read straight
 * from the file.
 */
export const PLAIN_COPY_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = SOURCE_COLUMNS.map((name) => [name, OUTPUT_TYPES[name]]);

export interface BenchInput {
  inputPath: string;
  truth: SamplePeriodTruth;
  bytes: number;
}

/** Parses `[rows]`, the first argument of every benchmark: digits, `_` allowed, at least 1000. */
export function rowsArgument(value: string | undefined, fallback: number): number {
  const rows = Number((value ?? String(fallback)).replaceAll('_', ''));
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`rows must be an integer >= 1000, got ${value}`);
  return rows;
}

/** One 30-day source file of about `rows` data lines, from @ferry/sample with the real default defect rates. */
export async function generateInput(dir: string, rows: number): Promise<BenchInput> {
  const days = 30;
  const [period] = [...generateSample({ periods: 1, daysPerPeriod: days, rowsPerDay: Math.round(rows / days), seed: 1 })];
  if (!period) throw new Error('the sample generator produced no period');
  const inputPath = join(dir, period.name);
  const started = Date.now();
  await pipeline(Readable.from(period.chunks()), createWriteStream(inputPath));
  const truth = period.truth();
  const bytes = (await stat(inputPath)).size;
  console.log(
    `input: ${period.name} from @ferry/sample (real default defect rates), ${truth.data_lines.toLocaleString('en')} data lines, ` +
      `${(bytes / 1e6).toFixed(1)} MB, generated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { inputPath, truth, bytes };
}

/**
 * Runs `script --phase <name> …args` in a child process, after flushing the files written so far to disk, so the
 * phase's peak RSS is its own and writeback does not land in it; the child prints its PhaseResult last.
 */
export function runPhase(script: string, name: string, args: string[]): PhaseResult {
  spawnSync('sync');
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(script), '--phase', name, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`phase ${name} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

/** Inside a phase's process: measures `work` (which returns rows written) and prints the PhaseResult. */
export async function reportPhase(work: () => Promise<number>): Promise<void> {
  const wall = Date.now();
  const cpu = process.cpuUsage();
  const rows = await work();
  const used = process.cpuUsage(cpu);
  const result: PhaseResult = {
    wallMs: Date.now() - wall,
    cpuMs: Math.round((used.user + used.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rows,
  };
  console.log(JSON.stringify(result));
}

export function phaseLine(label: string, result: PhaseResult, dataLines: number): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
  const rate = Math.round(dataLines / (result.wallMs / 1000))
    .toLocaleString('en')
    .padStart(11);
  return `${label.padEnd(34)} ${seconds(result.wallMs)} s wall  ${seconds(result.cpuMs)} s cpu  ${rate} rows/s  peak RSS ${result.peakRssMb} MB`;
}

/** One line of a benchmark's table: what was measured, ferry's figure, the reference's, their ratio and the goal. */
export interface BenchRow {
  measure: string;
  ferry: string;
  reference: string;
  /** ferry / reference, where the goal is a ratio. */
  ratio?: number;
  goal: string;
  /** Undefined when it could not be judged (the reference is not installed). */
  met?: boolean;
}

export function printTable(rows: BenchRow[]): void {
  const table = [
    ['measure', 'ferry', 'reference', 'ratio', 'goal', 'met'],
    ...rows.map((row) => [row.measure, row.ferry, row.reference, row.ratio === undefined ? '' : row.ratio.toFixed(2), row.goal, metText(row.met)]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  for (const cells of table) console.log(`| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`);
}

const metText = (met: boolean | undefined): string => (met === undefined ? 'n/a' : met ? 'yes' : 'NO');

export interface S3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): void;
}

/** Starts the embedded S3 server in a process of its own (bench/s3-server.ts) with `buckets`, its data in `dir`. */
export async function startS3ServerProcess(dir: string, buckets: string[]): Promise<S3Server> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./s3-server.ts', import.meta.url)), dir, ...buckets], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const started = JSON.parse(line) as Omit<S3Server, 'stop'>;
  return { ...started, stop: () => child.stdin!.end() };
}
