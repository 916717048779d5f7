import { listRuns, startRun } from '@ferry/runs';
import { FerryError, layout } from '@ferry/types';
import type { RunHandle, RunOutcome, Store } from '@ferry/types';
import { readBackfillState, writeBackfillState } from './backfill.ts';
import { TokenBucket } from './bandwidth.ts';
import { failedImages, failuresSection, imageReportFormat, imageTableSection, imagesSection } from './image-report.ts';
import type { FailedImage, ImageReport, ImageReportEntry } from './image-report.ts';
import { downloadImages } from './images.ts';
import type { Launch } from './launch.ts';
import { buildLaunchReport, launchReportMarkdown, launchesSection } from './launch-report.ts';
import type { LaunchReport } from './launch-report.ts';
import { upsertLaunchesTable } from './launches-table.ts';
import type { LaunchesTableResult } from './launches-table.ts';
import { Ll2Client, RateLimitedError } from './ll2-client.ts';
import { ROCKET_DEFAULTS, apiVersionOf, checkTimeZone, type ImageFailureLimit } from './settings.ts';
import type { FetchedPage, RetryOptions } from './ll2-client.ts';
import { notify } from './notify.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Previous launches feed the 30-day report: a page or two keeps the rate limit for what matters. */
const PREVIOUS_MAX_PAGES = 2;
/** Without a quota to ask (2.0.0), a backfill reads this many pages per run, then goes on next run. */
const BACKFILL_PAGES_PER_RUN = 10;
/** How many earlier runs the "downloads per run" chart shows. */
const CHART_RUNS = 14;

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
  /** Parallel image downloads from one host (default: `concurrency`). */
  perHostConcurrency?: number;
  /** Per-request timeout (default 30 000). */
  timeoutMs?: number;
  /** Total download rate across all images. */
  maxBytesPerSecond?: number;
  /** Download rate from one host. */
  perHostBytesPerSecond?: number;
  webhook?: string;
  /** What "last 30 days" and "upcoming" are measured against (default: the run's clock). */
  asOf?: Date;
  /** The zone of the per-day, week and month counts (default UTC). */
  timeZone?: string;
  /** Backfill previous launches back to this day, page by page within the rate limit, across runs if need be. */
  since?: Date;
  /** Default 0: any failed image puts the run over its limit. */
  maxImageFailures?: ImageFailureLimit;
  /** The run's clock. */
  now?: () => Date;
  /** Receives the run's human-readable lines; default stderr; false = silent. */
  console?: ((line: string) => void) | false;
  debug?: boolean;
  /** Retries after the first attempt, for API pages and images alike. */
  retry?: RetryOptions;
}

/** How the run's image failures stand against its limit. */
export interface ImageFailures {
  failed: number;
  /** Launches that have an image URL. */
  with_image: number;
  /** The most failures the limit allows. */
  allowed: number;
  over_limit: boolean;
}

/** What a rocket run got done; a failed run has what it got to (the parts it did not reach are left out). */
export interface RocketRunParts {
  launches: Launch[];
  images: ImageReportEntry[];
  imageReport?: ImageReport;
  report?: LaunchReport;
  table?: LaunchesTableResult;
  imageFailures?: ImageFailures;
  backfill?: { since: string; complete: boolean; pages: number; launches: number };
}

export type RocketResult = RunOutcome<RocketRunParts, RocketRunParts>;

/**
 * One recorded rocket run: fetch launches, download images, build tables, report, notify. Once the run is recorded,
 * its end is returned, never thrown: a failure ends the run as failed (recorded, notified) and resolves with status
 * 'failed' and the error; a run where some images failed ends 'partial', each failed launch recorded by name.
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
    ...(options.now ? { now: options.now } : {}),
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
  const rate = (what: string, value: number | undefined) => {
    if (value !== undefined && !(value > 0)) throw new FerryError(`${what} must be > 0 bytes/s, got ${value}`);
    return value;
  };
  // The URL itself stays out of the message: it may carry the hook's token.
  if (options.webhook !== undefined && !/^https?:\/\//i.test(options.webhook)) throw new FerryError('the webhook must be an http(s) URL');
  if (options.asOf && Number.isNaN(options.asOf.getTime())) throw new FerryError('the report time ("as of") is not a date');
  if (options.since && Number.isNaN(options.since.getTime())) throw new FerryError('the backfill start is not a date');
  const limit = options.maxImageFailures ?? { count: 0 };
  if ('count' in limit ? !(Number.isInteger(limit.count) && limit.count >= 0) : !(limit.percent >= 0 && limit.percent <= 100))
    throw new FerryError('the image failure limit must be a whole number ≥ 0 or a percentage from 0 to 100');
  return {
    api,
    limit: whole('the number of upcoming launches to read', options.limit, ROCKET_DEFAULTS.limit),
    concurrency: whole('the number of parallel image downloads', options.concurrency, ROCKET_DEFAULTS.concurrency),
    perHostConcurrency:
      options.perHostConcurrency === undefined ? undefined : whole('the number of parallel downloads per host', options.perHostConcurrency, 1),
    timeoutMs: whole('the request timeout in ms', options.timeoutMs, ROCKET_DEFAULTS.timeoutMs),
    maxBytesPerSecond: rate('the bandwidth cap', options.maxBytesPerSecond),
    perHostBytesPerSecond: rate('the bandwidth cap per host', options.perHostBytesPerSecond),
    timeZone: checkTimeZone(options.timeZone ?? 'UTC'),
    retry: options.retry ?? ROCKET_DEFAULTS.retry,
    now: options.now ?? (() => new Date()),
    failureLimit: limit,
  };
}

async function executeRocketRun(run: RunHandle, options: RocketOptions, settings: Settings): Promise<RocketResult> {
  const result: RocketRunParts = { launches: [], images: [] };
  let failure: unknown;
  try {
    const upcoming = await fetchLaunches(run, options, settings, result);
    const imageReport = await downloadStep(run, options, settings, result.launches);
    result.imageReport = imageReport;
    result.images = imageReport.images;
    result.imageFailures = imageFailuresOf(imageReport, settings.failureLimit);
    for (const failed of failedImages(imageReport)) run.recordFailure({ item: failed.launch, reason: `${failed.url ?? 'no url'}: ${failed.reason}` });
    result.table = await tableStep(run, options, result, upcoming);
    result.report = await reportStep(run, options, settings, result);
  } catch (error) {
    failure = error;
  }
  const status = failure !== undefined ? 'failed' : (result.imageFailures?.failed ?? 0) > 0 ? 'partial' : 'succeeded';
  const totals = runTotals(result);
  run.setTotals(totals);
  await run.step('notify', async (step) => {
    const failed: FailedImage[] = result.imageReport ? failedImages(result.imageReport) : [];
    const sent = await notify(
      {
        run_id: run.id,
        pipeline: 'rocket',
        status,
        totals,
        failed_images: failed,
        images: result.images.map((image) => ({
          launch: image.launch_name ?? image.launch_id,
          status: image.status,
          ...(image.source ? { source: image.source } : {}),
          ...(image.reason ? { reason: image.reason } : {}),
        })),
        ...(result.imageReport && result.imageReport.totals.unique_urls === 0 ? { warning: 'no launch images found' } : {}),
        ...(result.imageFailures ? { image_failures_over_limit: result.imageFailures.over_limit } : {}),
        ...(failure !== undefined ? { error: messageOf(failure) } : {}),
      },
      { ...(options.webhook ? { webhook: options.webhook } : {}), timeoutMs: settings.timeoutMs, log: step.log },
    );
    step.count('webhooks_sent', sent ? 1 : 0);
  });
  const record = await run.finish(status, failure);
  return status === 'failed' ? { status, runId: run.id, record, error: failure, ...result } : { status, runId: run.id, record, ...result };
}

/** Which launches the upcoming list had, and how far it was read (Infinity: to its end). */
interface UpcomingCoverage {
  ids: Set<string>;
  until: number;
}

/**
 * Upcoming launches, the 30 days before "as of", and (with `since`) a backfill of older ones. Each page is kept as
 * received and its launches are taken as it arrives, so a run that fails on a later page still counts them.
 */
async function fetchLaunches(run: RunHandle, options: RocketOptions, settings: Settings, result: RocketRunParts): Promise<UpcomingCoverage> {
  const { results } = options;
  const asOf = options.asOf ?? settings.now();
  const recentSince = new Date(asOf.getTime() - 30 * DAY_MS);
  const seen = new Set<string>();
  const upcomingIds = new Set<string>();
  // Pages are numbered per kind across the run: the backfill's previous pages follow the recent ones.
  const pagesOfKind = { upcoming: 0, previous: 0 };
  const keep = (step: { addBytes(n: number): void; count(name: string, n?: number): void }) => async (page: FetchedPage) => {
    pagesOfKind[page.kind] += 1;
    await results.write(layout.rocket.rawPage(run.id, page.kind, pagesOfKind[page.kind]), page.body, { contentType: 'application/json' });
    step.addBytes(page.body.length);
    step.count('pages');
    for (const launch of page.page.launches) {
      if (page.kind === 'upcoming') upcomingIds.add(launch.id);
      // A launch of the last 24 h comes back from both upcoming and previous.
      if (seen.has(launch.id)) continue;
      seen.add(launch.id);
      result.launches.push(launch);
    }
  };

  let coveredUntil = Number.POSITIVE_INFINITY;
  let callsLeft: number | undefined;
  await run.step('fetch launches', async (step) => {
    const client = clientFor(options, settings, step.log);
    const left = await client.checkQuota(client.callsNeeded(settings.limit));
    const upcoming = await client.upcoming(settings.limit, keep(step));
    const read = upcoming.reduce((sum, page) => sum + page.page.launches.length, 0);
    const last = upcoming.at(-1);
    if (last?.page.next && read >= settings.limit) coveredUntil = latestNet(upcoming);
    const recent = await client.previous({ since: recentSince, until: asOf, limit: settings.limit, maxPages: PREVIOUS_MAX_PAGES }, keep(step));
    step.count('launches', result.launches.length);
    step.count('upcoming', read);
    if (!result.launches.some((launch) => launch.image_url)) step.log.warn('no launch images found', { launches: result.launches.length });
    const unknown = result.launches.filter((launch) => launch.net === null).length;
    if (unknown > 0) step.log.warn('launches with a net that is not a time: kept with a null time', { launches: unknown });
    if (left !== undefined) callsLeft = left - upcoming.length - recent.pages.length;
  });

  if (options.since && options.since < recentSince) {
    const since = options.since;
    result.backfill = await run.step('backfill', async (step) => {
      const client = clientFor(options, settings, step.log);
      const state = await readBackfillState(results, step.log);
      const resume = state && state.since === since.toISOString() && !state.complete ? state.next : undefined;
      const budget = Math.max(0, callsLeft ?? BACKFILL_PAGES_PER_RUN);
      const before = result.launches.length;
      let pages = 0;
      // The next link of the last page read: where a backfill stopped by the rate limit goes on.
      let reached = resume ?? null;
      let outcome: { next: string | null; complete: boolean } = { next: resume ?? null, complete: false };
      if (state?.since === since.toISOString() && state.complete) {
        step.log.info('backfill already complete', { since: state.since });
        outcome = { next: null, complete: true };
      } else if (budget === 0) {
        step.log.warn('no API calls left for the backfill this run; it goes on next run', { since: since.toISOString() });
      } else {
        try {
          const read = await client.previous(
            { since, until: recentSince, limit: Number.POSITIVE_INFINITY, maxPages: budget, ...(resume ? { resumeFrom: resume } : {}) },
            async (page) => {
              pages += 1;
              reached = page.page.next;
              await keep(step)(page);
            },
          );
          outcome = { next: read.next, complete: read.complete };
        } catch (error) {
          // The quota ran out mid-way: what was read stays, and the next run goes on from the page after it.
          if (!(error instanceof RateLimitedError)) throw error;
          step.log.warn('backfill stopped by the rate limit; it goes on next run', { error: error.message });
          outcome = { next: reached && URL.canParse(reached) ? pathAndQuery(reached) : reached, complete: false };
        }
      }
      await writeBackfillState(results, {
        since: since.toISOString(),
        next: outcome.next,
        complete: outcome.complete,
        updated_at: settings.now().toISOString(),
      });
      step.count('launches', result.launches.length - before);
      if (!outcome.complete) step.log.info('backfill not complete yet: the next run with the same --since goes on', { since: since.toISOString() });
      return { since: since.toISOString(), complete: outcome.complete, pages, launches: result.launches.length - before };
    });
  }
  return { ids: upcomingIds, until: coveredUntil };
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function latestNet(pages: readonly FetchedPage[]): number {
  const nets = pages.flatMap((page) => page.page.launches.flatMap((launch) => (launch.net ? [Date.parse(launch.net)] : [])));
  return nets.length ? Math.max(...nets) : Number.NEGATIVE_INFINITY;
}

function clientFor(options: RocketOptions, settings: Settings, log: RunHandle['log']): Ll2Client {
  return new Ll2Client({
    api: settings.api,
    ...(options.token ? { token: options.token } : {}),
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    log,
  });
}

function downloadStep(run: RunHandle, options: RocketOptions, settings: Settings, launches: Launch[]): Promise<ImageReport> {
  return run.step('download images', async (step) => {
    const uniqueUrls = new Set(launches.flatMap((launch) => (launch.image_url ? [launch.image_url] : []))).size;
    const report = await downloadImages({
      store: options.results,
      launches,
      concurrency: settings.concurrency,
      ...(settings.perHostConcurrency ? { perHostConcurrency: settings.perHostConcurrency } : {}),
      ...(settings.perHostBytesPerSecond ? { perHostBytesPerSecond: settings.perHostBytesPerSecond } : {}),
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
    run.addSection(failuresSection(report));
    run.addSection(imageTableSection(report));
    return report;
  });
}

function tableStep(run: RunHandle, options: RocketOptions, result: RocketRunParts, upcoming: UpcomingCoverage): Promise<LaunchesTableResult> {
  return run.step('build tables', async (step) => {
    const table = await upsertLaunchesTable({
      store: options.results,
      launches: result.launches,
      images: result.images,
      runId: run.id,
      upcomingIds: upcoming.ids,
      upcomingCoveredUntil: upcoming.until,
    });
    for (const [name, n] of Object.entries(table)) step.count(name, n);
    return table;
  });
}

function reportStep(run: RunHandle, options: RocketOptions, settings: Settings, result: RocketRunParts): Promise<LaunchReport> {
  return run.step('report', async (step) => {
    const report = buildLaunchReport(result.launches, result.images, {
      generatedAt: settings.now(),
      ...(options.asOf ? { asOf: options.asOf } : {}),
      timeZone: settings.timeZone,
    });
    await run.writeArtifact(layout.results.runFiles.launches, `${JSON.stringify(report, null, 2)}\n`);
    await run.writeArtifact(layout.results.runFiles.launchesMarkdown, launchReportMarkdown(report));
    run.addSection(launchesSection(report));
    run.addSection(await downloadsPerRunSection(options.results, run.id, result.imageReport?.totals.downloaded ?? 0));
    step.count('last_30_days', report.last_30_days.count);
    step.count('upcoming', report.upcoming.count);
    step.count('unknown_time', report.unknown_time.count);
    return report;
  });
}

/** Images downloaded by this run and the rocket runs before it, as a chart in report.html. */
async function downloadsPerRunSection(results: Store, runId: string, downloaded: number) {
  const earlier = (await listRuns(results, { pipeline: 'rocket' })).filter((record) => record.run_id !== runId).slice(0, CHART_RUNS - 1);
  const bars = [
    ...earlier.reverse().map((record) => ({ label: record.started_at.slice(0, 16).replace('T', ' '), value: record.totals.images_downloaded ?? 0 })),
    { label: 'this run', value: downloaded },
  ];
  return {
    title: 'Downloads per run',
    text: `Images downloaded by this run and the ${earlier.length} rocket run(s) before it (started, UTC).`,
    table: {
      header: ['run started', 'downloaded'],
      rows: bars.map((bar) => [bar.label, String(bar.value)]),
      align: ['left', 'right'] as ('left' | 'right')[],
    },
    chart: { title: 'Images downloaded per run', bars },
  };
}

function imageFailuresOf(report: ImageReport, limit: Settings['failureLimit']): ImageFailures {
  const failed = report.totals.failed;
  const withImage = report.totals.launches - report.totals.no_image;
  const allowed = 'count' in limit ? limit.count : Math.floor((limit.percent / 100) * withImage);
  return { failed, with_image: withImage, allowed, over_limit: failed > allowed };
}

function runTotals(result: RocketRunParts): Record<string, number> {
  const totals: Record<string, number> = { launches: result.launches.length };
  if (result.imageReport) {
    const images = result.imageReport.totals;
    Object.assign(totals, {
      image_urls: images.unique_urls,
      images_downloaded: images.downloaded,
      images_present: images.present,
      images_duplicate: images.duplicate,
      images_failed: images.failed,
      images_no_image: images.no_image,
      images_from_fallback: result.imageReport.images.filter((image) => image.source).length,
      bytes_downloaded: images.bytes_downloaded,
      throughput_bytes_per_second: result.imageReport.throughput_bytes_per_second,
    });
  }
  if (result.table) totals.gone_from_upcoming = result.table.gone_from_upcoming;
  if (result.report) {
    totals.last_30_days = result.report.last_30_days.count;
    totals.upcoming = result.report.upcoming.count;
    totals.unknown_time = result.report.unknown_time.count;
  }
  if (result.backfill) totals.backfill_launches = result.backfill.launches;
  return totals;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
