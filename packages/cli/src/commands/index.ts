import type { Command } from 'commander';
import { register as registerPlan } from './plan.ts';
import { register as registerRun } from './run.ts';
import { register as registerSample } from './sample.ts';
import { register as registerStart } from './start.ts';

/** Every subcommand registers itself here; each lives in its own file. */
export const commands: ((program: Command) => void)[] = [registerStart, registerRun, registerPlan, registerSample];
import { register as registerReap } from './reap.ts'; commands.push(registerReap);
import { register as registerRuns } from './runs.ts'; commands.push(registerRuns);
import { register as registerReport } from './report.ts'; commands.push(registerReport);
import { register as registerExport } from './export.ts'; commands.push(registerExport);
import { register as registerRocket } from './rocket.ts'; commands.push(registerRocket);
