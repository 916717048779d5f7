import type { Command } from 'commander';
import { DEFAULT_API, ROCKET_DEFAULTS, launchSummaryMarkdown, runRocketPipeline, type RocketResult } from '@ferry/rocket';
import { formatBytes } from '@ferry/runs';
import { FerryError } from '@ferry/types';
import { addLocationOptions, withStores, type LocationOptions, type StoreContext } from '../context.ts';

interface RocketRunOptions extends LocationOptions {
  api: string;
  token?: string;
  limit: string;
  concurrency: string;
  timeoutMs: string;
  maxBytesPerSecond?: string;
  webhook?: string;
}

/** `ferry rocket run`: upcoming launches and their images from Launch Library 2 into the results store. */
export function register(program: Command): void {
  const rocket = program.command('rocket').description('rocket launches from Launch Library 2: launches, images, reports');
  addLocationOptions(rocket.command('run').description('fetch upcoming launches and launches of the last 30 days, download their images, build the table and reports'))
    .option('--api <url>', 'Launch Library base URL; its last segment (2.3.0 or 2.0.0) picks the API version', DEFAULT_API)
    .option('--token <key>', 'API key for a higher rate limit (env LL2_API_TOKEN, which keeps it out of the process list)')
    .option('--limit <n>', 'upcoming launches to read', String(ROCKET_DEFAULTS.limit))
    .option('--concurrency <n>', 'parallel image downloads', String(ROCKET_DEFAULTS.concurrency))
    .option('--timeout-ms <ms>', 'give up on a request after this long without data', String(ROCKET_DEFAULTS.timeoutMs))
    .option('--max-bytes-per-second <n>', 'cap on the total download rate of images')
    .option('--webhook <url>', 'POST a JSON notification here when the run ends (env FERRY_WEBHOOK_URL)')
    .action(async (options: RocketRunOptions) => {
      const debug = Boolean(program.opts().debug);
      await withStores(options, async (context) => {
        const token = options.token ?? process.env.LL2_API_TOKEN;
        const webhook = options.webhook ?? process.env.FERRY_WEBHOOK_URL;
        const result = await runRocketPipeline({
          results: await context.open('results'),
          api: options.api,
          ...(token ? { token } : {}),
          ...(webhook ? { webhook } : {}),
          limit: wholeNumber('--limit', options.limit),
          concurrency: wholeNumber('--concurrency', options.concurrency),
          timeoutMs: wholeNumber('--timeout-ms', options.timeoutMs),
          ...(options.maxBytesPerSecond !== undefined ? { maxBytesPerSecond: wholeNumber('--max-bytes-per-second', options.maxBytesPerSecond) } : {}),
          debug,
        });
        process.stdout.write(`${renderRocketSummary(result, context)}\n`);
        if (result.record.status === 'failed') {
          throw new FerryError(`rocket run ${result.record.run_id} failed: ${result.record.error ?? 'unknown error'} (see runs/${result.record.run_id}/log.ndjson)`);
        }
      });
    });
}

function wholeNumber(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1) throw new FerryError(`${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}

export function renderRocketSummary(result: RocketResult, context: StoreContext): string {
  const { record } = result;
  const seconds = ((record.duration_ms ?? 0) / 1000).toFixed(1);
  const lines = [`Rocket run ${record.run_id} ${record.status} in ${seconds}s: ${result.launches.length} launch${result.launches.length === 1 ? '' : 'es'}.`];
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
  if (record.status === 'failed') {
    lines.push(`Results: ${context.describe('results')}`, `  runs/${record.run_id}/  run.json, log.ndjson, report.md, report.html`, `See it: pnpm ferry report ${record.run_id}`);
    return lines.join('\n');
  }
  lines.push(
    `Results: ${context.describe('results')}`,
    `  rocket/raw/${record.run_id}/              API responses as received`,
    `  rocket/images/                  images by SHA-256, index.json maps URL → image`,
    `  rocket/tables/launches.parquet  every launch seen, upserted by id`,
    `  runs/${record.run_id}/  run.json, log.ndjson, report.md, report.html, images.json, launches.json, launches.md`,
    `See it: pnpm ferry report ${record.run_id}`,
  );
  return lines.join('\n');
}
