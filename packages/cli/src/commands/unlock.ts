import type { Command } from 'commander';
import { FerryError } from '@ferry/types';
import { withStores, type LocationOptions } from '../context.ts';
import { addLocationOptions } from '../options.ts';

/**
 * `ferry unlock [--force]`: shows whose the results store's run lock is and removes it, like `terraform force-unlock`,
 * so a killed run's lock need not be waited out. A run still holding it finds out at its next renewal and stops
 * publishing. Only ever the lock just shown is deleted; an object there that is not a ferry lock only with --force.
 */
export function register(program: Command): void {
  addLocationOptions(
    program.command('unlock').description("show whose the results store's run lock is and remove it, without waiting for it to expire"),
  )
    .option('--force', 'also remove an object at the lock key that is not a ferry lock')
    .action(async (options: LocationOptions & { force?: boolean }) => {
      const { describeHolder, inspectRunLock, removeRunLock } = await import('@ferry/transactions');
      await withStores(options, async (context) => {
        const results = await context.open('results');
        const found = await inspectRunLock(results);
        if (found.state === 'absent') throw new FerryError(`no lock at ${found.where}: nothing to remove`);
        if (found.state === 'foreign' && !options.force) {
          throw new FerryError(`${found.where} is ${found.why}: not removed (\`ferry unlock --force\` deletes it anyway)`);
        }
        process.stdout.write(
          found.state === 'held'
            ? `lock ${found.where}: ${describeHolder(found.holder)}, ${found.gone ?? `expires at ${found.holder.expires_at}`}\n`
            : `${found.where} is ${found.why}\n`,
        );
        if (!(await removeRunLock(results, found))) {
          throw new FerryError(`${found.where} changed while it was being removed, so it was left alone: run \`ferry unlock\` again to see it`);
        }
        const running = found.state === 'held' && !found.gone;
        process.stdout.write(
          `removed${running ? `: if run ${found.holder.run_id} is still running, it stops before it publishes anything more` : ''}\n`,
        );
      });
    });
}
