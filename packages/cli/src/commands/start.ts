import type { Command } from 'commander';
import { withStores } from '../context.ts';
import { addLocationOptions } from '../options.ts';
import { addRunOptions, reportRun, runWithOptions, type RunOptions } from './run.ts';
import { DEMO_SAMPLE } from './sample.ts';

/** `pnpm start`: the whole flow on a laptop — seed the source the first time, then run. */
export function register(program: Command): void {
  addRunOptions(
    addLocationOptions(program.command('start').description('first run on a laptop: seed 2 sample periods into an empty source, then run')),
  ).action(async (options: RunOptions) => {
    const debug = Boolean(program.opts().debug);
    const [{ writeSample }, { listSourcePeriods }] = await Promise.all([import('@ferry/sample'), import('@ferry/transactions')]);
    await withStores(options, async (context) => {
      const source = await context.open('source');
      const { periods } = await listSourcePeriods(source);
      if (periods.length === 0) {
        process.stdout.write(`The source is empty: seeding ${DEMO_SAMPLE.periods} sample periods into ${context.describe('source')}\n`);
        await writeSample(source, DEMO_SAMPLE);
      }
      await reportRun(await runWithOptions(context, options, debug), context);
    });
  });
}
