#!/usr/bin/env tsx
/**
 * Every benchmark in one run, at a size that takes about two minutes on the 2-core machine, and one table: measure,
 * ferry, reference, ratio, goal, met. `pnpm bench [rows, default 10M]`.
 *
 *   clean        cleanPeriodWithDuckDb against a plain DuckDB CSV → day-partitioned parquet copy (bench:clean)
 *   run          `ferry run` directory → directory, end to end (each step's time in its measure), against the same plain copy
 *   plan         a no-op `ferry plan` over three 584 MB local sources, against `ferry plan --checksum` (hashing them)
 *   --help       `ferry --help` and `ferry plan --help`, against node starting alone
 *   copy         folder → S3, S3 → S3, S3 → folder and the no-op against rclone (bench:copy)
 *
 * The 47 M-row period at 2 GB is left to `pnpm bench:clean 47000000 2GB` (several minutes).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchCopy } from './bench-copy.ts';
import { cleaningRow, measureCleaning } from './bench-clean.ts';
import { generateInput, printTable, rowsArgument, type BenchRow } from './bench/support.ts';

const run = promisify(execFile);
const FERRY = fileURLToPath(new URL('../packages/cli/bin/ferry.js', import.meta.url));
const MEMORY_LIMIT = '2GB';
const THREADS = '2';

const rows = rowsArgument(process.argv[2], 10_000_000);
const started = performance.now();
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
console.log(`pnpm bench: ${rows.toLocaleString('en')} rows; load average at start ${load()}`);

const dir = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
// A hash record of its own, empty: the first plan hashes the sources as a first run on a machine would.
const env = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') };
const table: BenchRow[] = [];
try {
  const source = join(dir, 'source');
  await mkdir(source);
  const input = await generateInput(source, rows);
  const cleaning = await measureCleaning(input, MEMORY_LIMIT);
  table.push(cleaningRow(rows, cleaning, MEMORY_LIMIT));

  const stores = ['--source', source, '--work', join(dir, 'work'), '--results', join(dir, 'results')];
  const ferryWithOutput = async (...args: string[]) => {
    const start = performance.now();
    const { stdout, stderr } = await run(process.execPath, [FERRY, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { seconds: (performance.now() - start) / 1000, output: `${stdout}${stderr}` };
  };
  const ferry = async (...args: string[]) => (await ferryWithOutput(...args)).seconds;
  await ferry('--help'); // compiles the CLI once, should a source have changed
  // --debug for the steps' lines: where the time goes.
  const first = await ferryWithOutput('run', ...stores, '--engine', 'duckdb', '--threads', THREADS, '--memory-limit', MEMORY_LIMIT, '--debug');
  const endToEnd = first.seconds;
  table.push({
    measure: `ferry run, ${(rows / 1e6).toFixed(0)} M rows, directory → directory (${stepTimes(first.output, endToEnd)})`,
    ferry: `${endToEnd.toFixed(2)} s`,
    reference: `plain DuckDB copy ${(cleaning.copy.wallMs / 1000).toFixed(2)} s`,
    ratio: endToEnd / (cleaning.copy.wallMs / 1000),
    goal: '≤ 2× copy',
    met: endToEnd <= 2 * (cleaning.copy.wallMs / 1000),
  });

  // Two more periods of the same size, processed, then plans with nothing new.
  for (const name of ['2019-09-21.txt', '2019-10-21.txt']) await copyFile(input.inputPath, join(source, name));
  await ferry('run', ...stores, '--engine', 'duckdb', '--threads', THREADS, '--memory-limit', MEMORY_LIMIT);
  const sizeMb = (input.bytes / 1e6).toFixed(0);
  const noop = await ferry('plan', ...stores);
  const hashing = await ferry('plan', ...stores, '--checksum');
  table.push({
    measure: `ferry plan, nothing new, 3 local sources of ${sizeMb} MB`,
    ferry: `${noop.toFixed(2)} s`,
    reference: `ferry plan --checksum ${hashing.toFixed(2)} s`,
    ratio: noop / hashing,
    goal: '< 1 s',
    met: noop < 1,
  });

  const node = await timed(() => run(process.execPath, ['-e', '0']));
  for (const args of [['--help'], ['plan', '--help']]) {
    const times = [await ferry(...args), await ferry(...args), await ferry(...args)].sort((a, b) => a - b);
    const median = times[1]!;
    table.push({
      measure: `ferry ${args.join(' ')} (median of 3)`,
      ferry: `${median.toFixed(2)} s`,
      reference: `node alone ${node.toFixed(2)} s`,
      goal: '< 0.3 s',
      met: median < 0.3,
    });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
table.push(...(await benchCopy()));

console.log(`\nload average at the end ${load()}; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
printTable(table);

/**
 * `plan 0.91 s, sync 0.00 s, clean 6.62 s, publish 0.71 s, start and exit 0.45 s` from a run's `[step] done in …`
 * lines and its `… succeeded in …` line: the last is the process's time outside its recorded run (`wall` seconds in all).
 */
function stepTimes(output: string, wall: number): string {
  const seconds = (amount: string, unit: string) => Number(amount) / (unit === 'ms' ? 1000 : 1);
  const steps = [...output.matchAll(/\[(plan|sync|clean|publish)[^\]]*\] done in ([\d.]+) (ms|s)\b/g)].map(
    ([, step, amount, unit]) => `${step} ${seconds(amount!, unit!).toFixed(2)} s`,
  );
  const run = /run \S+ succeeded in ([\d.]+) (ms|s)\b/.exec(output);
  if (run) steps.push(`start and exit ${(wall - seconds(run[1]!, run[2]!)).toFixed(2)} s`);
  return steps.join(', ');
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}
