import pRetry from 'p-retry';
import {
  FerryError,
  layout,
  runRecordFormat,
  type AttemptRecord,
  type FinishedStatus,
  type Logger,
  type Pipeline,
  type Progress,
  type ReportSection,
  type RunFailure,
  type RunHandle,
  type RunPeriodSummary,
  type RunRecord,
  type StepHandle,
  type StepOptions,
  type StepRecord,
  type Store,
} from '@ferry/types';
import { formatBytes, formatDuration } from './format.ts';
import { isValidRunId, newRunId } from './ids.ts';
import { createRunLogger, formatConsoleLine } from './logger.ts';
import { createProgress, plainProgress, silentProgress } from './progress.ts';
import { createRedactor } from './redact.ts';
import { writeReports } from './render/reports.ts';

export interface StartRunOptions {
  pipeline: Pipeline;
  engine?: string;
  results: Store;
  /** Default: newRunId(). */
  runId?: string;
  /** Values to redact beyond those found in the environment. */
  secrets?: string[];
  /** Receives human-readable lines; default process.stderr; false = silent. */
  console?: ((line: string) => void) | false;
  /** Debug lines to the console too (they always go to log.ndjson). */
  debug?: boolean;
  now?: () => Date;
}

/** A crashed run still leaves its log and record behind: both are rewritten this often while it runs… */
const FLUSH_INTERVAL_MS = 5000;
/** …or as soon as this many new log lines have piled up. */
const FLUSH_EVERY_LINES = 500;
const { runFiles } = layout.results;
/** Files the recorder writes itself; artifacts may not replace them. */
const RECORDER_FILES = new Set<string>([runFiles.record, runFiles.log, runFiles.reportMarkdown, runFiles.reportHtml]);

/** Starts recording a run: its run.json (status running) is written before this resolves. */
export async function startRun(options: StartRunOptions): Promise<RunHandle> {
  const recorder = new RunRecorder(options);
  await recorder.persist();
  recorder.startFlushing();
  recorder.log.info(`${options.pipeline} run ${recorder.id} started`, options.engine ? { engine: options.engine } : undefined);
  return recorder;
}

class RunRecorder implements RunHandle {
  readonly id: string;
  readonly pipeline: Pipeline;
  readonly log: Logger;
  private readonly record: RunRecord;
  private readonly results: Store;
  private readonly now: () => Date;
  private readonly redact: (text: string) => string;
  private readonly writeConsole: ((line: string) => void) | undefined;
  private readonly defaultConsole: boolean;
  private readonly logLines: string[] = [];
  private flushedLines = -1;
  private flushRequestedAt = 0;
  private recordChanged = true;
  private writes: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushFailureReported = false;
  private finished = false;

  constructor(options: StartRunOptions) {
    this.now = options.now ?? (() => new Date());
    this.id = options.runId ?? newRunId(this.now());
    if (!isValidRunId(this.id)) throw new FerryError(`"${this.id}" cannot be a run id: use letters, digits, '.', '_' and '-'`);
    this.pipeline = options.pipeline;
    this.results = options.results;
    this.redact = createRedactor(options.secrets ? { secrets: options.secrets } : {});
    this.defaultConsole = options.console === undefined;
    this.writeConsole = options.console === false ? undefined : (options.console ?? ((line: string) => process.stderr.write(`${line}\n`)));
    this.record = { run_id: this.id, pipeline: this.pipeline, status: 'running', started_at: this.now().toISOString(), steps: [], totals: {} };
    if (options.engine) this.record.engine = options.engine;
    const debug = options.debug ?? false;
    this.log = createRunLogger({
      runId: this.id,
      pipeline: this.pipeline,
      redact: this.redact,
      now: this.now,
      onLine: (line, parsed) => {
        this.logLines.push(line);
        if (this.writeConsole && (parsed.level !== 'debug' || debug)) this.writeConsole(formatConsoleLine(parsed));
        if (this.logLines.length - this.flushRequestedAt >= FLUSH_EVERY_LINES) {
          this.flushRequestedAt = this.logLines.length;
          void this.flushInBackground();
        }
      },
    });
  }

  async step<T>(name: string, fn: (step: StepHandle) => Promise<T>, options: StepOptions = {}): Promise<T> {
    const step: StepRecord = { name, status: 'running', started_at: this.now().toISOString(), attempts: [], counts: {} };
    // Pushed at start: concurrent steps stay in the order they began.
    this.record.steps.push(step);
    this.recordChanged = true;
    const log = this.log.child({ step: name });
    log.debug('started');

    const attempt = async (attemptNumber: number): Promise<T> => {
      const startedAt = this.now();
      // Counts and bytes describe the attempt that ended the step, so a retry does not count rows twice.
      step.counts = {};
      delete step.bytes;
      const handle: StepHandle = {
        name,
        attempt: attemptNumber,
        log,
        count: (counter, n = 1) => {
          step.counts[counter] = (step.counts[counter] ?? 0) + n;
        },
        addBytes: (n) => {
          step.bytes = (step.bytes ?? 0) + n;
        },
      };
      try {
        const value = await fn(handle);
        step.attempts.push(this.attemptRecord(attemptNumber, startedAt, 'succeeded'));
        return value;
      } catch (error) {
        step.attempts.push(this.attemptRecord(attemptNumber, startedAt, 'failed', error));
        this.recordChanged = true;
        // p-retry only accepts Error instances.
        throw error instanceof Error ? error : new Error(String(error));
      }
    };

    try {
      const value = await pRetry(attempt, {
        retries: options.retries ?? 0,
        minTimeout: options.minTimeoutMs ?? 1000,
        maxTimeout: options.maxTimeoutMs ?? Number.POSITIVE_INFINITY,
        shouldRetry: ({ error }) => (options.shouldRetry ? options.shouldRetry(error) : true),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0) log.warn(`attempt ${attemptNumber} failed: ${error.message}`);
        },
      });
      this.endStep(step, 'succeeded');
      log.info(`done in ${formatDuration(step.duration_ms)}`, {
        ...step.counts,
        ...(step.bytes !== undefined ? { bytes: formatBytes(step.bytes) } : {}),
      });
      return value;
    } catch (error) {
      this.endStep(step, 'failed');
      step.error = this.redact(errorMessage(error));
      log.error(`failed after ${step.attempts.length} attempt(s): ${errorMessage(error)}`);
      throw error;
    }
  }

  progress(label: string, total: number, unit: 'bytes' | 'items'): Progress {
    if (!this.writeConsole) return silentProgress;
    if (this.defaultConsole) return createProgress(label, total, unit);
    return plainProgress(label, total, unit, this.writeConsole);
  }

  setTotals(totals: Record<string, number>): void {
    Object.assign(this.record.totals, totals);
    this.recordChanged = true;
  }

  setPeriods(periods: RunPeriodSummary[]): void {
    this.record.periods = periods.map((period) => ({ ...period }));
    this.recordChanged = true;
  }

  recordFailure(failure: RunFailure): void {
    this.record.failures = [...(this.record.failures ?? []), { item: failure.item, reason: this.redact(failure.reason) }];
    this.recordChanged = true;
  }

  addSection(section: ReportSection): void {
    this.record.sections = [...(this.record.sections ?? []), structuredClone(section)];
    this.recordChanged = true;
  }

  async writeArtifact(name: string, body: string): Promise<void> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..') || RECORDER_FILES.has(name)) {
      throw new FerryError(`"${name}" cannot be a run artifact name`);
    }
    await this.results.write(layout.results.run(this.id).prefix + name, this.redact(body), { contentType: contentType(name) });
  }

  async finish(status: FinishedStatus, error?: unknown): Promise<RunRecord> {
    if (this.finished) throw new Error(`run ${this.id} is already finished`);
    this.finished = true;
    clearInterval(this.flushTimer);
    const finishedAt = this.now();
    this.record.status = status;
    this.record.finished_at = finishedAt.toISOString();
    this.record.duration_ms = finishedAt.getTime() - Date.parse(this.record.started_at);
    if (error !== undefined) this.record.error = this.redact(errorMessage(error));
    this.recordChanged = true;
    const summary = `${this.pipeline} run ${this.id} ${status} in ${formatDuration(this.record.duration_ms)}`;
    const failed = this.record.failures?.length ?? 0;
    if (status === 'failed') this.log.error(error === undefined ? summary : `${summary}: ${errorMessage(error)}`);
    else if (status === 'partial') this.log.warn(`${summary}: ${failed} item(s) failed`);
    else this.log.info(summary);

    try {
      await this.persist();
      await writeReports(this.results, this.id, this.record, this.redact);
    } catch (writeError) {
      // Not recorded: the caller may finish the run again, as failed by this very error.
      this.finished = false;
      throw writeError;
    }
    return structuredClone(this.record);
  }

  /** Writes run.json and log.ndjson when they changed; writes never overlap and land in order. */
  persist(): Promise<void> {
    const next = this.writes.then(async () => {
      const keys = layout.results.run(this.id);
      const pending: Promise<unknown>[] = [];
      if (this.recordChanged) {
        this.recordChanged = false;
        pending.push(this.results.write(keys.record, this.redact(runRecordFormat.encode(this.record)), { contentType: 'application/json' }));
      }
      if (this.logLines.length !== this.flushedLines) {
        this.flushedLines = this.logLines.length;
        const body = this.logLines.map((line) => `${line}\n`).join('');
        pending.push(this.results.write(keys.log, body, { contentType: 'application/x-ndjson' }));
      }
      try {
        await Promise.all(pending);
      } catch (error) {
        // Whatever was not saved is saved by the next write.
        this.recordChanged = true;
        this.flushedLines = -1;
        throw error;
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  startFlushing(): void {
    this.flushTimer = setInterval(() => void this.flushInBackground(), FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
  }

  /** A failed periodic flush must not break the run: finish() writes everything again and fails loudly there. */
  private async flushInBackground(): Promise<void> {
    try {
      await this.persist();
    } catch (error) {
      if (!this.flushFailureReported && this.writeConsole) {
        this.flushFailureReported = true;
        this.writeConsole(`warning: could not save the run log yet: ${this.redact(errorMessage(error))}`);
      }
    }
  }

  private endStep(step: StepRecord, status: 'succeeded' | 'failed'): void {
    const finishedAt = this.now();
    step.status = status;
    step.finished_at = finishedAt.toISOString();
    step.duration_ms = finishedAt.getTime() - Date.parse(step.started_at);
    this.recordChanged = true;
  }

  private attemptRecord(attempt: number, startedAt: Date, status: 'succeeded' | 'failed', error?: unknown): AttemptRecord {
    const finishedAt = this.now();
    const record: AttemptRecord = {
      attempt,
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - startedAt.getTime(),
      status,
    };
    if (error !== undefined) record.error = this.redact(errorMessage(error));
    return record;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function contentType(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.html')) return 'text/html; charset=utf-8';
  if (name.endsWith('.md')) return 'text/markdown; charset=utf-8';
  return 'text/plain; charset=utf-8';
}
