import { Option, type Command } from 'commander';
import type { Pipeline } from '@ferry/types';
import { withStores, type LocationOptions } from '../context.ts';
import { addLocationOptions } from '../options.ts';

interface RunsOptions extends LocationOptions {
  pipeline?: Pipeline;
  json?: boolean;
}

/** `ferry runs`: the run history of the results store, newest first. */
export function register(program: Command): void {
  addLocationOptions(program.command('runs').description('list recorded runs, newest first'))
    .addOption(new Option('--pipeline <pipeline>', 'only runs of this pipeline').choices(['transactions', 'rocket']))
    .option('--json', 'print the run records as JSON')
    .action(async (options: RunsOptions) => {
      const { listRuns, renderRunsTable } = await import('@ferry/runs');
      await withStores(options, async (context) => {
        const runs = await listRuns(await context.open('results'), options.pipeline ? { pipeline: options.pipeline } : {});
        process.stdout.write(options.json ? `${JSON.stringify(runs, null, 2)}\n` : `${renderRunsTable(runs)}\n`);
      });
    });
}
