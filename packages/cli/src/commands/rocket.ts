import { Option, type Command } from 'commander';
import { DEFAULT_API, ROCKET_DEFAULTS, apiVersionOf, launchSummaryMarkdown, runRocketPipeline, type RocketResult } from '@ferry/rocket';
import { formatBytes } from '@ferry/runs';
import { FerryError, layout } from '@ferry/types';
import { withStores, type LocationOptions, type StoreContext } from '../context.ts';
import { addLocationOptions, checkedBy, httpUrl, secretOption, wholeNumber } from '../options.ts';
import { runFileNames } from './run.ts';

interface RocketRunOptions extends LocationOptions {
  api: string;
  /** Blank (an unset CI secret in LL2_API_TOKEN) means none. */
  token?: string;
  limit: number;
  concurrency: number;
  timeoutMs: number;
  maxBytesPerSecond?: number;
  /** Blank (an unset CI secret in FERRY_WEBHOOK_URL) means none. */
  webhook?: string;
}

const launchLibraryUrl = checkedBy((api) => (apiVersionOf(api), api));
const webhookUrl = (text: string) => (text === '' ? text : httpUrl(text));

/** `ferry rocket run`: upcoming launches and their images from Launch Library 2 into the results store. */
export function register(program: Command): void {
  const rocket = program.command('rocket').description('rocket launches from Launch Library 2: launches, images, reports');
  addLocationOptions(
    rocket.command('run').description('fetch upcoming launches and launches of the last 30 days, download their images, build the table and reports'),
  )
    .addOption(
      new Option('--api <url>', 'Launch Library base URL; its last segment (2.3.0 or 2.0.0) picks the API version')
        .argParser(launchLibraryUrl)
        .default(DEFAULT_API),
    )
    .addOption(
      new Option('--token <key>', 'API key for a higher rate limit (the env variable keeps it out of the process list)').env('LL2_API_TOKEN'),
    )
    .addOption(new Option('--limit <n>', 'upcoming launches to read').argParser(wholeNumber(1)).default(ROCKET_DEFAULTS.limit))
    .addOption(new Option('--concurrency <n>', 'parallel image downloads').argParser(wholeNumber(1)).default(ROCKET_DEFAULTS.concurrency))
    .addOption(
      new Option('--timeout-ms <ms>', 'give up on a request after this long without data')
        .argParser(wholeNumber(1))
        .default(ROCKET_DEFAULTS.timeoutMs),
    )
    .addOption(new Option('--max-bytes-per-second <n>', 'cap on the total download rate of images').argParser(wholeNumber(1)))
    .addOption(secretOption('--webhook <url>', 'POST a JSON notification here when the run ends', 'FERRY_WEBHOOK_URL', webhookUrl))
    .action(async (options: RocketRunOptions) => {
      const debug = Boolean(program.opts().debug);
      await withStores(options, async (context) => {
        const { api, token, limit, concurrency, timeoutMs, maxBytesPerSecond, webhook } = options;
        const result = await runRocketPipeline({
          results: await context.open('results'),
          api,
          ...(token ? { token } : {}),
          ...(webhook ? { webhook } : {}),
          limit,
          concurrency,
          timeoutMs,
          maxBytesPerSecond,
          debug,
        });
        process.stdout.write(`${renderRocketSummary(result, context)}\n`);
        if (result.status === 'failed') {
          throw new FerryError(
            `rocket run ${result.runId} failed: ${result.record.error ?? 'unknown error'} (see ${layout.results.run(result.runId).log})`,
          );
        }
      });
    });
}

export function renderRocketSummary(result: RocketResult, context: StoreContext): string {
  const { record } = result;
  const seconds = ((record.duration_ms ?? 0) / 1000).toFixed(1);
  const lines = [
    `Rocket run ${record.run_id} ${record.status} in ${seconds}s: ${result.launches.length} launch${result.launches.length === 1 ? '' : 'es'}.`,
  ];
  if (result.imageReport) {
    const { totals, throughput_bytes_per_second: rate } = result.imageReport;
    lines.push(
      `Images: ${totals.downloaded} downloaded, ${totals.present} already stored, ${totals.duplicate} duplicate, ${totals.failed} failed, ${totals.no_image} without image` +
        ` (${formatBytes(totals.bytes_downloaded)}${rate > 0 ? ` at ${formatBytes(rate)}/s` : ''}).`,
    );
    const failed = result.images.filter((entry) => entry.status === 'failed');
    if (failed.length > 0) lines.push('Failed images:', ...failed.map((entry) => `  ${entry.url}: ${entry.reason}`));
  }
  if (result.report) lines.push('', launchSummaryMarkdown(result.report));
  const runFolder = layout.results.run(record.run_id).prefix;
  if (result.status === 'failed') {
    lines.push(
      `Results: ${context.describe('results')}`,
      `  ${runFolder}  ${runFileNames('record', 'log', 'reportMarkdown', 'reportHtml')}`,
      `See it: pnpm ferry report ${record.run_id}`,
    );
    return lines.join('\n');
  }
  const { rocket } = layout;
  lines.push(
    `Results: ${context.describe('results')}`,
    ...[
      [rocket.raw(record.run_id), 'API responses as received'],
      [rocket.images, `images by SHA-256, ${rocket.imageIndex.slice(rocket.images.length)} maps URL → image`],
      [rocket.launchesTable, 'every launch seen, upserted by id'],
    ].map(([key, what]) => `  ${key!.padEnd(32)}${what}`),
    `  ${runFolder}  ${runFileNames('record', 'log', 'reportMarkdown', 'reportHtml', 'images', 'launches', 'launchesMarkdown')}`,
    `See it: pnpm ferry report ${record.run_id}`,
  );
  return lines.join('\n');
}
