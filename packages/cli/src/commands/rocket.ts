import { Option, type Command } from 'commander';
import type { RocketResult } from '@ferry/rocket';
import { DEFAULT_API, ROCKET_DEFAULTS, apiVersionOf, checkTimeZone, imageFailureLimitOf, type ImageFailureLimit } from '@ferry/rocket/settings';
import { FerryError, layout } from '@ferry/types';
import type { StoreContext } from '../context.ts';
import { addResultsOptions, checkedBy, day, secretOption, wholeNumber } from '../options.ts';
import { instant, webhookUrl, withResults, type ResultsOptions } from './rocket-options.ts';
import { registerRocketImages } from './rocket-images.ts';
import { registerRocketStats } from './rocket-stats.ts';
import { runFileNames } from './run.ts';

interface RocketRunOptions extends ResultsOptions {
  api: string;
  /** Blank (an unset CI secret in LL2_API_TOKEN) means none. */
  token?: string;
  limit: number;
  concurrency: number;
  perHostConcurrency?: number;
  timeoutMs: number;
  retries: number;
  maxBytesPerSecond?: number;
  perHostBytesPerSecond?: number;
  /** Blank (an unset CI secret in FERRY_WEBHOOK_URL) means none. */
  webhook?: string;
  asOf?: Date;
  tz: string;
  since?: string;
  maxImageFailures: ImageFailureLimit;
}

const launchLibraryUrl = checkedBy((api) => (apiVersionOf(api), api));

/** `ferry rocket …`: the rocket pipeline (`run`), its history (`stats`) and its image store (`images`). */
export function register(program: Command): void {
  const rocket = program.command('rocket').description('rocket launches from Launch Library 2: launches, images, reports');
  addResultsOptions(
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
    .addOption(
      new Option(
        '--since <day>',
        'also backfill previous launches back to this day (YYYY-MM-DD), page by page within the rate limit; goes on next run',
      ).argParser(day),
    )
    .addOption(new Option('--as-of <time>', 'what "last 30 days" and "upcoming" are measured against (default: now)').argParser(instant))
    .addOption(new Option('--tz <zone>', 'IANA time zone of the per-day/week/month counts').argParser(checkedBy(checkTimeZone)).default('UTC'))
    .addOption(new Option('--concurrency <n>', 'parallel image downloads').argParser(wholeNumber(1)).default(ROCKET_DEFAULTS.concurrency))
    .addOption(new Option('--per-host-concurrency <n>', 'parallel image downloads from one host (default: --concurrency)').argParser(wholeNumber(1)))
    .addOption(
      new Option('--timeout-ms <ms>', 'give up on a request after this long without data')
        .argParser(wholeNumber(1))
        .default(ROCKET_DEFAULTS.timeoutMs),
    )
    .addOption(
      new Option('--retries <n>', 'retries of a failed API page or image after its first attempt (attempts are recorded per image)')
        .argParser(wholeNumber(0))
        .default(ROCKET_DEFAULTS.retry.retries),
    )
    .addOption(new Option('--max-bytes-per-second <n>', 'cap on the total download rate of images').argParser(wholeNumber(1)))
    .addOption(new Option('--per-host-bytes-per-second <n>', 'cap on the download rate from one image host').argParser(wholeNumber(1)))
    .addOption(
      new Option('--max-image-failures <n|p%>', 'failed launch images the run tolerates before it exits non-zero (a count or a percentage)')
        .argParser(checkedBy(imageFailureLimitOf))
        .default({ count: 0 }, '0'),
    )
    .addOption(secretOption('--webhook <url>', 'POST a JSON notification here when the run ends', 'FERRY_WEBHOOK_URL', webhookUrl))
    .action(async (options: RocketRunOptions) => {
      const debug = Boolean(program.opts().debug);
      const { runRocketPipeline } = await import('@ferry/rocket');
      await withResults(options, async (context) => {
        const { api, token, webhook, retries, tz, since, asOf, maxImageFailures } = options;
        const result = await runRocketPipeline({
          results: await context.open('results'),
          api,
          ...(token ? { token } : {}),
          ...(webhook ? { webhook } : {}),
          limit: options.limit,
          concurrency: options.concurrency,
          ...(options.perHostConcurrency ? { perHostConcurrency: options.perHostConcurrency } : {}),
          timeoutMs: options.timeoutMs,
          retry: { retries, minTimeoutMs: ROCKET_DEFAULTS.retry.minTimeoutMs },
          maxBytesPerSecond: options.maxBytesPerSecond,
          ...(options.perHostBytesPerSecond ? { perHostBytesPerSecond: options.perHostBytesPerSecond } : {}),
          ...(asOf ? { asOf } : {}),
          ...(since ? { since: new Date(`${since}T00:00:00Z`) } : {}),
          timeZone: tz,
          maxImageFailures,
          debug,
        });
        process.stdout.write(`${await renderRocketSummary(result, context)}\n`);
        if (result.status === 'failed') {
          throw new FerryError(
            `rocket run ${result.runId} failed: ${result.record.error ?? 'unknown error'} (see ${layout.results.run(result.runId).log})`,
          );
        }
        const failures = result.imageFailures;
        if (failures?.over_limit) {
          throw new FerryError(
            `rocket run ${result.runId} is partial: ${failures.failed} of ${failures.with_image} launch images failed, more than the ${failures.allowed} --max-image-failures allows`,
          );
        }
      });
    });
  registerRocketStats(rocket);
  registerRocketImages(rocket);
}

export async function renderRocketSummary(result: RocketResult, context: StoreContext): Promise<string> {
  const [{ launchSummaryMarkdown }, { formatBytes }] = await Promise.all([import('@ferry/rocket'), import('@ferry/runs/format')]);
  const { record } = result;
  const seconds = ((record.duration_ms ?? 0) / 1000).toFixed(1);
  const lines = [
    `Rocket run ${record.run_id} ${record.status} in ${seconds}s: ${result.launches.length} launch${result.launches.length === 1 ? '' : 'es'}.`,
  ];
  if (result.imageReport) {
    const { totals, throughput_bytes_per_second: rate } = result.imageReport;
    const fallback = result.images.filter((entry) => entry.source).length;
    lines.push(
      `Images: ${totals.downloaded} downloaded, ${totals.present} already stored, ${totals.duplicate} duplicate, ${totals.failed} failed, ${totals.no_image} without image` +
        ` (${formatBytes(totals.bytes_downloaded)}${rate > 0 ? ` at ${formatBytes(rate)}/s` : ''})${fallback ? `; ${fallback} from a fallback source` : ''}.`,
    );
    const failed = result.images.filter((entry) => entry.status === 'failed');
    if (failed.length > 0)
      lines.push('Failed images:', ...failed.map((entry) => `  ${entry.launch_name ?? entry.launch_id}: ${entry.url} — ${entry.reason}`));
  }
  if (result.table?.gone_from_upcoming)
    lines.push(`Gone from upcoming since the last run: ${result.table.gone_from_upcoming} launch(es), marked in the table.`);
  if (result.backfill)
    lines.push(
      `Backfill since ${result.backfill.since.slice(0, 10)}: ${result.backfill.launches} launches from ${result.backfill.pages} page(s)` +
        `${result.backfill.complete ? ', complete' : '; not complete yet: the next run with the same --since goes on'}.`,
    );
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
