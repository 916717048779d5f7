import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { costOf, FerryError, type RunCluster } from '@ferry/types';
import { withStores, type LocationOptions } from '../context.ts';
import { addPricesOption, readPrices } from '../engine-choice.ts';
import { addLocationOptions } from '../options.ts';

/**
 * `ferry record-usage <run-id> --usage <file> [--prices <file>]`: adds a cluster's host time (and, with a price table,
 * its cost) to a finished run's record. The cluster outlives its run, so this comes after it is deleted: `pnpm
 * cloud-run` watches the deletion, writes the usage file and calls this.
 */
export function register(program: Command): void {
  addPricesOption(
    addLocationOptions(
      program
        .command('record-usage')
        .description("add a cluster's host time (and cost, with --prices) to a recorded run, once the cluster is deleted")
        .argument('<run-id>', 'the run the cluster served'),
    ).addOption(new Option('--usage <file>', 'the cluster usage file (JSON) pnpm cloud-run writes').makeOptionMandatory()),
  ).action(async (runId: string, options: LocationOptions & { usage: string; prices?: string }) => {
    const [{ recordRunCluster }, { clusterUsageFormat }] = await Promise.all([import('@ferry/runs'), import('@ferry/types/costs')]);
    const usage = clusterUsageFormat.parse(await readText(options.usage), options.usage);
    const prices = await readPrices(options.prices);
    const cluster: RunCluster = { ...usage, ...(prices && { cost: costOf(usage.host_seconds, prices.table, prices.where) }) };
    await withStores(options, async (context) => {
      await recordRunCluster(await context.open('results'), runId, cluster);
    });
    const seconds = Object.entries(cluster.host_seconds).map(([preset, n]) => `${preset} ${Math.round(n)} host-seconds`);
    const cost = cluster.cost ? `; cost ${cluster.cost.total} ${cluster.cost.currency}` : '';
    process.stdout.write(`run ${runId}: cluster ${cluster.cluster_id}, ${seconds.join(', ')}${cost}\n`);
  });
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new FerryError(`cannot read the cluster usage file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}
