import type { Command } from 'commander';
import { withStores, type LocationOptions } from '../context.ts';
import { addEngineOptions, chooseEngine, type EngineOptions } from '../engine-choice.ts';
import { addLocationOptions } from '../options.ts';

type PlanOptions = LocationOptions & Partial<EngineOptions> & { json?: boolean };

export function register(program: Command): void {
  addEngineOptions(
    addLocationOptions(program.command('plan').description('show source periods, processed periods and new ones; changes nothing')),
    undefined,
    { prices: true },
  )
    .option('--json', 'print the plan as JSON')
    .action(async (options: PlanOptions) => {
      const { planNextRun, renderPlan, renderEngineDecision } = await import('@ferry/transactions');
      await withStores(options, async (context) => {
        const plan = await planNextRun(await context.open('source'), await context.open('results'));
        // With --engine: which engine a run would clean the new periods with, and why (and a cluster's estimate).
        const decision = options.engine && plan.new.length > 0 ? await chooseEngine({ ...options, engine: options.engine }, plan.new) : undefined;
        if (options.json) {
          process.stdout.write(`${JSON.stringify(decision ? { ...plan, engine: decision } : plan, null, 2)}\n`);
          return;
        }
        const lines = [
          `source: ${context.describe('source')}`,
          renderPlan(plan, context.describe('results')),
          ...(decision ? renderEngineDecision(decision) : []),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
