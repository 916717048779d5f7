import { Option, type Command } from 'commander';
import type { Pipeline } from '@ferry/types';
import { withStores, type LocationOptions } from '../context.ts';
import { addLocationOptions } from '../options.ts';
import { addCheckOptions, checkLastSuccess, type CheckOptions } from './runs-check.ts';

interface RunsOptions extends LocationOptions, CheckOptions {
  pipeline?: Pipeline;
  json?: boolean;
}

/** `ferry runs`: the run history of the results store, newest first. */
export function register(program: Command): void {
  addCheckOptions(
    addLocationOptions(
      program.command('runs').description('list recorded runs, newest first; with --check, whether the last success is recent enough'),
    )
      .addOption(new Option('--pipeline <pipeline>', 'only runs of this pipeline').choices(['transactions', 'rocket']))
      .option('--json', 'print the run records as JSON'),
  ).action(async (options: RunsOptions) => {
    const { listRuns, renderRunsTable } = await import('@ferry/runs');
    await withStores(options, async (context) => {
      const runs = await listRuns(await context.open('results'), options.pipeline ? { pipeline: options.pipeline } : {});
      if (options.check) {
        process.stdout.write(await checkLastSuccess(runs, options));
        return;
      }
      process.stdout.write(options.json ? `${JSON.stringify(runs, null, 2)}\n` : `${renderRunsTable(runs)}\n`);
    });
  });
}
