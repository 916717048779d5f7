import { startRun } from '@ferry/runs';
import { FerryError, layout } from '@ferry/types';
import type { FinishedStatus, RunHandle, RunOutcome, Store } from '@ferry/types';
import { TokenBucket } from './bandwidth.ts';
import { imageReportFormat, imagesSection, type ImageReport, type ImageReportEntry } from './image-report.ts';
import { downloadImages } from './images.ts';
import type { Launch } from './launch.ts';
import { buildLaunchReport, launchReportMarkdown } from './launch-report.ts';
import type { LaunchReport } from './launch-report.ts';
import { upsertLaunchesTable } from './launches-table.ts';
import type { LaunchesTableResult } from './launches-table.ts';
import { DEFAULT_API, Ll2Client, apiVersionOf } from './ll2-client.ts';
import type { RetryOptions } from './ll2-client.ts';
import { notify } from './notify.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Previous launches feed only the 30-day report: a page or two keeps the rate limit for what matters. */
const PREVIOUS_MAX_PAGES = 2;

export interface RocketOptions {
  /** Where the rocket layers (`layout.rocket`) and the runs go. */
  results: Store;
  /** Base URL ending in the API version (default https://ll.thespacedevs.com/2.3.0). */
  api?: string;
  token?: string;
  /** Upcoming launches to read (default 100: one call). */
  limit?: number;
  /** Parallel image downloads (default 8). */
  concurrency?: number;
  /** Per-request timeout (default 30 000). */
  timeoutMs?: number;
  /** Total download rate across all images. */
  maxBytesPerSecond?: number;
  webhook?: string;
  /** The clock of the report windows ("last 30 days", "upcoming"). */
  now?: () => Date;
  /** Receives the run's human-readable lines; default stderr; false = silent. */
  console?: ((line: string) => void) | false;
  debug?: boolean;
  retry?: RetryOptions;
}

/** What a rocket run got done; a failed run has what it got to (the parts it did not reach are left out). */
export interface RocketRunParts {
  launches: Launch[];
  images: ImageReportEntry[];
  imageReport?: ImageReport;
  report?: LaunchReport;
  table?: LaunchesTableResult;
}

export type RocketResult = RunOutcome<RocketRunParts, RocketRunParts>;

export const ROCKET_DEFAULTS = { api: DEFAULT_API, limit: 100, concurrency: 8, timeoutMs: 30_000, retry: { retries: 3, minTimeoutMs: 1000 } };

/**
 * One recorded rocket run: fetch launches, download images, build tables, report, notify. Once the run is recorded,
 * its end is returned, never thrown: a failure ends the run as failed (recorded, notified) and resolves with status
 * 'failed' and the error.
 */
export async function runRocketPipeline(options: RocketOptions): Promise<RocketResult> {
  const settings = checkOptions(options);
  const secrets = [options.token, options.webhook].filter((value): value is string => Boolean(value));
  const run = await startRun({
    pipeline: 'rocket',
    results: options.results,
    secrets,
    ...(options.console !== undefined ? { console: options.console } : {}),
    ...(options.debug !== undefined ? { debug: options.debug } : {}),
  });
  return executeRocketRun(run, options, settings);
}

type Settings = ReturnType<typeof checkOptions>;

function checkOptions(options: RocketOptions) {
  const api = options.api ?? ROCKET_DEFAULTS.api;
  apiVersionOf(api);
  const whole = (what: string, value: number | undefined, fallback: number) => {
    const n = value ?? fallback;
    if (!Number.isInteger(n) || n < 1) throw new FerryError(`${what} must be a whole number ≥ 1, got ${value}`);
    return n;
  };
  const maxBytesPerSecond = options.maxBytesPerSecond;
  if (maxBytesPerSecond !== undefined && !(maxBytesPerSecond > 0))
    throw new FerryError(`the bandwidth cap must be > 0 bytes/s, got ${maxBytesPerSecond}`);
  // The URL itself stays out of the message: it may carry the hook's token.
  if (options.webhook !== undefined && !/^https?:\/\//i.test(options.webhook)) throw new FerryError('the webhook must be an http(s) URL');
  return {
    api,
    limit: whole('the number of upcoming launches to read', options.limit, ROCKET_DEFAULTS.limit),
    concurrency: whole('the number of parallel image downloads', options.concurrency, ROCKET_DEFAULTS.concurrency),
    timeoutMs: whole('the request timeout in ms', options.timeoutMs, ROCKET_DEFAULTS.timeoutMs),
    maxBytesPerSecond,
    retry: options.retry ?? ROCKET_DEFAULTS.retry,
    now: options.now ?? (() => new Date()),
  };
}

async function executeRocketRun(run: RunHandle, options: RocketOptions, settings: Settings): Promise<RocketResult> {
  const { results } = options;
  const now = settings.now();
  const result: RocketRunParts = { launches: [], images: [] };
  let status: Extract<FinishedStatus, 'succeeded' | 'failed'> = 'succeeded';
  let failure: unknown;
  try {
    result.launches = await run.step('fetch launches', async (step) => {
      const client = new Ll2Client({
        api: settings.api,
        ...(options.token ? { token: options.token } : {}),
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        log: step.log,
      });
      await client.checkQuota(client.callsNeeded(settings.limit));
      const upcoming = await client.upcoming(settings.limit);
      const previous = await client.previous(new Date(now.getTime() - 30 * DAY_MS), settings.limit, PREVIOUS_MAX_PAGES);
      // Only pages that parsed and validated get here: an error body is never kept as data.
      for (const page of [...upcoming, ...previous]) {
        await results.write(layout.rocket.rawPage(run.id, page.kind, page.number), page.body, { contentType: 'application/json' });
        step.addBytes(page.body.length);
        step.count('pages');
      }
      const launches = uniqueById([...upcoming, ...previous].flatMap((page) => page.page.launches));
      step.count('launches', launches.length);
      step.count(
        'upcoming',
        upcoming.reduce((sum, page) => sum + page.page.launches.length, 0),
      );
      return launches;
    });

    result.imageReport = await run.step('download images', async (step) => {
      const uniqueUrls = new Set(result.launches.flatMap((launch) => (launch.image_url ? [launch.image_url] : []))).size;
      const report = await downloadImages({
        store: results,
        launches: result.launches,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        ...(settings.maxBytesPerSecond ? { bucket: new TokenBucket(settings.maxBytesPerSecond) } : {}),
        log: step.log,
        now: settings.now,
        progress: run.progress('images', uniqueUrls, 'items'),
      });
      for (const [name, n] of Object.entries(report.totals)) if (name !== 'bytes_downloaded') step.count(name, n);
      step.addBytes(report.totals.bytes_downloaded);
      await run.writeArtifact(layout.results.runFiles.images, imageReportFormat.encode(report));
      run.addSection(imagesSection(report));
      return report;
    });
    result.images = result.imageReport.images;

    result.table = await run.step('build tables', async (step) => {
      const table = await upsertLaunchesTable({ store: results, launches: result.launches, images: result.images, runId: run.id });
      step.count('rows', table.rows);
      step.count('inserted', table.inserted);
      step.count('updated', table.updated);
      return table;
    });

    result.report = await run.step('report', async (step) => {
      const report = buildLaunchReport(result.launches, result.images, now);
      await run.writeArtifact(layout.results.runFiles.launches, `${JSON.stringify(report, null, 2)}\n`);
      await run.writeArtifact(layout.results.runFiles.launchesMarkdown, launchReportMarkdown(report));
      step.count('last_30_days', report.last_30_days.count);
      step.count('upcoming', report.upcoming.count);
      return report;
    });
  } catch (error) {
    status = 'failed';
    failure = error;
  }

  const totals = runTotals(result);
  run.setTotals(totals);
  await run.step('notify', async (step) => {
    const sent = await notify(
      { run_id: run.id, pipeline: 'rocket', status, totals, ...(failure ? { error: messageOf(failure) } : {}) },
      { ...(options.webhook ? { webhook: options.webhook } : {}), timeoutMs: settings.timeoutMs, log: step.log },
    );
    step.count('webhooks_sent', sent ? 1 : 0);
  });
  const record = await run.finish(status, failure);
  return status === 'failed' ? { status, runId: run.id, record, error: failure, ...result } : { status, runId: run.id, record, ...result };
}

/** A launch of the last 24 h comes back from both upcoming and previous. */
function uniqueById(launches: Launch[]): Launch[] {
  const seen = new Map<string, Launch>();
  for (const launch of launches) if (!seen.has(launch.id)) seen.set(launch.id, launch);
  return [...seen.values()];
}

function runTotals(result: RocketRunParts): Record<string, number> {
  const totals: Record<string, number> = { launches: result.launches.length };
  if (result.imageReport) {
    const images = result.imageReport.totals;
    Object.assign(totals, {
      images: images.unique_urls,
      images_downloaded: images.downloaded,
      images_present: images.present,
      images_duplicate: images.duplicate,
      images_failed: images.failed,
      images_no_image: images.no_image,
      bytes_downloaded: images.bytes_downloaded,
      throughput_bytes_per_second: result.imageReport.throughput_bytes_per_second,
    });
  }
  if (result.report) {
    totals.last_30_days = result.report.last_30_days.count;
    totals.upcoming = result.report.upcoming.count;
  }
  return totals;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
