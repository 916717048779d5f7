import type { Command } from 'commander';
import { planNextRun, renderPlan } from '@ferry/transactions';
import { withStores, type LocationOptions } from '../context.ts';
import { addLocationOptions } from '../options.ts';

export function register(program: Command): void {
  addLocationOptions(program.command('plan').description('show source periods, processed periods and new ones; changes nothing'))
    .option('--json', 'print the plan as JSON')
    .action(async (options: LocationOptions & { json?: boolean }) => {
      await withStores(options, async (context) => {
        const plan = await planNextRun(await context.open('source'), await context.open('results'));
        process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPlan(plan, context.describe('results'))}\n`);
      });
    });
}
