import { setTimeout as sleep } from 'node:timers/promises';
import { pySparkJobArgs, renderPySparkJob } from '@ferry/cleaning';
import { resolve } from '@ferry/storage';
import {
  cleanFailureFormat,
  FerryError,
  layout,
  periodQualityFormat,
  whereIs,
  type CleanEngine,
  type CleanFailure,
  type CleanRequest,
  type CleanResult,
  type Logger,
  type PeriodQuality,
  type RuleParams,
  type Store,
} from '@ferry/types';
import { JOB_TERMINAL_STATUSES, type Job, type YandexClient } from '@ferry/yandex';

export interface DataprocEngineOptions {
  client: YandexClient;
  /** The running cluster of the work stack. */
  clusterId: string;
  /** How often the job is polled once it runs (default 10 s; the first polls come sooner). */
  pollIntervalMs?: number;
  /** The job is cancelled after this long (default 6 h). */
  jobTimeoutMs?: number;
  /** Rules rendered into the job; default the request's. */
  params?: RuleParams;
  /** Spark properties of the job (its `properties`), e.g. spark.sql.files.maxPartitionBytes; default the cluster's. */
  sparkProperties?: Record<string, string>;
}

const LOG_TAIL_LINES = 20;
/** After a cancel, how long to wait for the job to reach a terminal state before giving up on it. */
const CANCEL_GRACE_MS = 120_000;

/**
 * The cloud engine: uploads the generated PySpark job to the work bucket, runs it on the cluster for the new
 * periods, mirrors the job's log into the run's log, and returns each period's quality, or its failure record (a
 * period the job could not clean), from its staging folder. A job that ends other than DONE fails every period.
 * Constructing it calls nothing: the cluster is only touched when there is something to clean.
 */
export function createDataprocEngine(options: DataprocEngineOptions): CleanEngine {
  const { client, clusterId } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  const jobTimeoutMs = options.jobTimeoutMs ?? 6 * 3_600_000;

  return {
    name: 'dataproc',
    async clean(request) {
      const s3aRoot = s3aRootOf(request.work);
      if (request.periods.length === 0) return { cleaned: [], failed: [] };
      const params = options.params ?? request.params;
      const jobKey = layout.work.job(request.runId);
      await request.work.write(jobKey, renderPySparkJob(params), { contentType: 'text/x-python' });
      const sources = request.periods.map((period) => period.source);
      // The job writes <output-uri><period>/…, i.e. layout.work.staged(runId, period) under the work root.
      const outputPrefix = layout.work.staging(request.runId);
      // One job per run: the client finds this name's job before it resends a create whose answer was lost.
      const name = `ferry-${request.runId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
      // Not aborted by an interrupt: the job may exist as soon as the request is sent, and only its id lets us cancel it.
      const jobId = await client.submitPysparkJob(clusterId, {
        name,
        pysparkJob: {
          mainPythonFileUri: `${s3aRoot}${jobKey}`,
          args: pySparkJobArgs({ inputUri: `${s3aRoot}${layout.work.inputs}`, outputUri: `${s3aRoot}${outputPrefix}`, sources, params }),
          ...(options.sparkProperties ? { properties: options.sparkProperties } : {}),
        },
      });
      request.log.info(`submitted Data Processing job ${jobId} (${name}) to cluster ${clusterId} for ${sources.join(', ')}`);

      const job = await waitForJob(request, jobId);
      const tail = await copyJobLog(request.log.child({ job: jobId }), jobId);
      if (job.status !== 'DONE') {
        const lines = tail.length > 0 ? `; last log lines:\n  ${tail.join('\n  ')}` : '; the job left no log';
        throw new FerryError(`Data Processing job ${jobId} (${name}) on cluster ${clusterId} ended ${job.status}${lines}`);
      }
      // DONE: the job staged each period's quality, or its failure record (a refused file, an error on that file).
      const result: CleanResult = { cleaned: [], failed: [] };
      for (const period of request.periods) {
        const outcome = await readOutcome(request, period.period, jobId);
        if ('reason' in outcome) {
          request.log.warn(`could not clean ${period.source}: ${outcome.reason}`, { period: period.period });
          result.failed.push(outcome);
          continue;
        }
        request.onPeriodDone?.(outcome);
        result.cleaned.push(outcome);
      }
      return result;
    },
  };

  /** Polls the job, logging each status change; cancels it when the run is aborted or the job overruns. */
  async function waitForJob(request: CleanRequest, jobId: string): Promise<Job> {
    const deadline = Date.now() + jobTimeoutMs;
    let interval = Math.min(1000, pollIntervalMs);
    let lastStatus = '';
    let cancelled: { reason: string; giveUpAt: number } | undefined;
    for (;;) {
      const job = await client.getJob(clusterId, jobId);
      if (job.status !== lastStatus) {
        request.log.info(`job ${jobId}: ${job.status}`, { status: job.status });
        lastStatus = job.status;
      }
      if ((JOB_TERMINAL_STATUSES as readonly string[]).includes(job.status)) {
        if (cancelled) throw new FerryError(`Data Processing job ${jobId} was cancelled (${cancelled.reason}); it ended ${job.status}`);
        return job;
      }
      if (!cancelled && (request.signal?.aborted || Date.now() > deadline)) {
        const reason = request.signal?.aborted ? 'the run was interrupted' : `it ran longer than ${Math.round(jobTimeoutMs / 60_000)} min`;
        request.log.warn(`cancelling job ${jobId}: ${reason}`);
        await client
          .cancelJob(clusterId, jobId)
          .catch((error: unknown) => request.log.warn(`cancelling job ${jobId} failed: ${(error as Error).message}`));
        cancelled = { reason, giveUpAt: Date.now() + CANCEL_GRACE_MS };
      }
      if (cancelled && Date.now() > cancelled.giveUpAt) {
        throw new FerryError(
          `Data Processing job ${jobId} was cancelled (${cancelled.reason}) but is still ${job.status}; destroying the cluster stops it`,
        );
      }
      await pause(cancelled ? 500 : interval, cancelled ? undefined : request.signal);
      interval = Math.min(interval * 2, pollIntervalMs);
    }
  }

  /** Copies the job's log, all pages, into the run's log line by line; returns its last lines for error messages. */
  async function copyJobLog(log: Logger, jobId: string): Promise<string[]> {
    const tail: string[] = [];
    const emit = (line: string) => {
      if (line.trim() === '') return;
      log.info(line, { source: 'job-log' });
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
    };
    let partial = '';
    try {
      // Pages are cut by bytes, not lines: carry the unfinished line over to the next page.
      for await (const page of client.jobLog(clusterId, jobId)) {
        const lines = (partial + page).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach(emit);
      }
      emit(partial);
    } catch (error) {
      log.warn(`could not read the log of job ${jobId}: ${(error as Error).message}`);
    }
    return tail;
  }
}

/** The cluster reads and writes the work location through s3a://, so it must be a bucket the cluster can reach. */
function s3aRootOf(work: Store): string {
  const location = resolve(work.url);
  if (location.kind !== 's3') {
    throw new FerryError(
      `the Data Processing engine needs the work location in object storage (s3://bucket/prefix), not the local directory ${location.path}`,
    );
  }
  return location.s3a;
}

/** What the job staged for one period: its failure record when it could not clean it, else its quality. */
async function readOutcome(request: CleanRequest, period: string, jobId: string): Promise<PeriodQuality | CleanFailure> {
  const staged = layout.work.staged(request.runId, period);
  const written = (key: string) => `${whereIs(request.work, key)} (written by job ${jobId})`;
  const failure = await request.work.readText(staged.failure);
  if (failure !== undefined) {
    const record = cleanFailureFormat.parse(failure, written(staged.failure));
    if (record.period !== period) throw new FerryError(`${written(staged.failure)} is not the failure of period ${period}`);
    return record;
  }
  const text = await request.work.readText(staged.quality);
  if (text === undefined) throw new FerryError(`Data Processing job ${jobId} ended DONE but wrote no ${staged.quality} in ${request.work.url}`);
  const quality = periodQualityFormat.parse(text, written(staged.quality));
  if (quality.period !== period) throw new FerryError(`${staged.quality} written by job ${jobId} is not the quality of period ${period}`);
  return quality;
}

/** Waits, but returns early (without throwing) when the run is aborted, so the job can still be cancelled. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
