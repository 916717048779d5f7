import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { addResultsOptions, duration } from '../options.ts';
import { instant, withResults, type ResultsOptions } from './rocket-options.ts';

interface StatsOptions extends ResultsOptions {
  since: number;
  asOf?: Date;
  json?: boolean;
  html?: string;
}

/** `ferry rocket stats`: rocket runs across time, as tables, JSON or an HTML page with charts. */
export function registerRocketStats(rocket: Command): void {
  addResultsOptions(
    rocket
      .command('stats')
      .description(
        'across rocket runs: failure rate per run and per host, new images per day, most used images, images per rocket, interval between launches',
      ),
  )
    .addOption(
      new Option('--since <duration>', 'runs started this long before --as-of (30d, 12h, …)').argParser(duration).default(30 * 86_400_000, '30d'),
    )
    .addOption(new Option('--as-of <time>', 'the end of the window (default: now)').argParser(instant))
    .option('--json', 'print the numbers as JSON')
    .option('--html <file>', 'also write them as an HTML page with charts (opens offline)')
    .action(async (options: StatsOptions) => {
      const { rocketStats, renderStatsHtml, renderStatsText } = await import('@ferry/rocket');
      await withResults(options, async (context) => {
        const stats = await rocketStats(await context.open('results'), { sinceMs: options.since, ...(options.asOf ? { asOf: options.asOf } : {}) });
        if (options.html) await writeFile(options.html, renderStatsHtml(stats));
        process.stdout.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStatsText(stats));
        if (options.html && !options.json) process.stdout.write(`Charts: ${options.html}\n`);
      });
    });
}
