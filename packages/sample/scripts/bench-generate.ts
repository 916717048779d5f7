// Prints how fast generateSample produces rows and how fast writeSample writes them to a directory store,
// per wall-clock second and per CPU second of this process (the machine may be shared).
// Usage: pnpm exec tsx packages/sample/scripts/bench-generate.ts [rows, default 2000000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '@ferry/storage';
import { generateSample, writeSample } from '../src/index.ts';
import type { SampleOptions } from '../src/index.ts';

const rows = Number(process.argv[2] ?? 2_000_000);
const options: SampleOptions = { periods: 2, daysPerPeriod: 30, rowsPerDay: Math.round(rows / 60), seed: 1 };

const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

let started = performance.now();
let cpu = process.cpuUsage();
let lines = 0;
let bytes = 0;
for (const period of generateSample(options)) {
  for (const chunk of period.chunks()) bytes += chunk.length;
  lines += period.truth().data_lines;
}
let seconds = (performance.now() - started) / 1000;
console.log(
  `generate: ${lines} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s = ${rate(lines, seconds)} (${rate(lines, cpuSeconds(cpu))} of CPU)`,
);

const directory = await mkdtemp(join(tmpdir(), 'ferry-sample-bench-'));
const storage = await Storage.open();
try {
  started = performance.now();
  cpu = process.cpuUsage();
  await writeSample(await storage.store(directory), options);
  seconds = (performance.now() - started) / 1000;
  console.log(
    `writeSample to a directory: ${lines} rows in ${seconds.toFixed(2)} s = ${rate(lines, seconds)} (${rate(lines, cpuSeconds(cpu))} of CPU)`,
  );
} finally {
  await storage.close();
  await rm(directory, { recursive: true, force: true });
}
