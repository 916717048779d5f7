import { Option, type Command } from 'commander';
import { FerryError, layout } from '@ferry/types';
import { addResultsOptions, duration } from '../options.ts';
import { withResults, type ResultsOptions } from './rocket-options.ts';

interface PruneOptions extends ResultsOptions {
  olderThan: number;
}

/** `ferry rocket images verify|prune`: the image store's health and its size. */
export function registerRocketImages(rocket: Command): void {
  const images = rocket.command('images').description(`the stored launch images (${layout.rocket.images})`);
  addResultsOptions(
    images
      .command('verify')
      .description('re-hash every stored image against its name and check that every image the index names is there; exits 1 if not'),
  ).action(async (options: ResultsOptions) => {
    const { verifyImages } = await import('@ferry/rocket');
    const { formatBytes } = await import('@ferry/runs/format');
    await withResults(options, async (context) => {
      const report = await verifyImages(await context.open('results'));
      const lines = [
        `${report.ok} images sound (${formatBytes(report.bytes)} re-hashed), ${report.corrupt.length} corrupt, ${report.missing.length} missing.`,
      ];
      for (const corrupt of report.corrupt) lines.push(`  corrupt: ${corrupt.key} (its bytes no longer hash to ${corrupt.sha256})`);
      for (const missing of report.missing) lines.push(`  missing: ${missing.key} (for ${missing.url})`);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (report.corrupt.length || report.missing.length)
        throw new FerryError(
          `${report.corrupt.length} corrupt and ${report.missing.length} missing image(s): the next rocket run downloads them again once they are deleted from the store`,
        );
    });
  });
  addResultsOptions(images.command('prune').description('delete stored images no run has used for a while, and their index entries'))
    .addOption(new Option('--older-than <duration>', 'images last used longer ago than this (90d, 12h, …)').argParser(duration).makeOptionMandatory())
    .action(async (options: PruneOptions) => {
      const { pruneImages } = await import('@ferry/rocket');
      await withResults(options, async (context) => {
        const report = await pruneImages(await context.open('results'), new Date(Date.now() - options.olderThan));
        const lines = [
          `Deleted ${report.deleted.length} image(s) not used since ${new Date(Date.now() - options.olderThan).toISOString()}; ${report.kept} kept.`,
        ];
        lines.push(...report.deleted.map((key) => `  ${key}`));
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
