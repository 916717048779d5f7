import type { Command } from 'commander';
import { register as registerExport } from './export.ts';
import { register as registerPlan } from './plan.ts';
import { register as registerReap } from './reap.ts';
import { register as registerRecordUsage } from './record-usage.ts';
import { register as registerReport } from './report.ts';
import { register as registerRocket } from './rocket.ts';
import { register as registerRun } from './run.ts';
import { register as registerRuns } from './runs.ts';
import { register as registerSample } from './sample.ts';
import { register as registerSparkJob } from './spark-job.ts';
import { register as registerStart } from './start.ts';
import { register as registerUnlock } from './unlock.ts';

/** Every subcommand lives in its own file and registers itself, in the order `ferry --help` lists them. */
export const commands: ((program: Command) => void)[] = [
  registerStart,
  registerRun,
  registerPlan,
  registerSample,
  registerRuns,
  registerReport,
  registerExport,
  registerReap,
  registerRecordUsage,
  registerSparkJob,
  registerUnlock,
  registerRocket,
];
