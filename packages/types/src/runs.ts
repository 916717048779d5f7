export type Pipeline = 'transactions' | 'rocket';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'noop';
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface AttemptRecord {
  attempt: number;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  status: 'succeeded' | 'failed';
  error?: string;
}

/** One step of a run (runs/<run-id>/run.json). Retried steps keep every attempt, for the Gantt chart. */
export interface StepRecord {
  name: string;
  status: StepStatus;
  started_at: string;
  finished_at?: string;
  duration_ms?: number;
  attempts: AttemptRecord[];
  counts: Record<string, number>;
  bytes?: number;
  error?: string;
}

/** Per-period line of a transactions run: rows_read = rows_written + rows_rejected always. */
export interface RunPeriodSummary {
  period: string;
  source: string;
  rows_read: number;
  rows_written: number;
  rows_rejected: number;
}

export interface RunRecord {
  run_id: string;
  pipeline: Pipeline;
  engine?: string;
  status: RunStatus;
  started_at: string;
  finished_at?: string;
  duration_ms?: number;
  steps: StepRecord[];
  /** Headline numbers for history: periods, rows_read, rows_written, rows_rejected, images, … */
  totals: Record<string, number>;
  periods?: RunPeriodSummary[];
  error?: string;
}

/** One line of runs/<run-id>/log.ndjson. */
export interface LogLine {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  run_id: string;
  pipeline: Pipeline;
  step?: string;
  msg: string;
  [field: string]: unknown;
}

/** One launch image in runs/<run-id>/images.json. */
export interface ImageReportEntry {
  url: string | null;
  launch_id: string;
  status: 'downloaded' | 'present' | 'duplicate' | 'failed' | 'no_image';
  reason?: string;
  sha256?: string;
  bytes?: number;
  ms?: number;
}

/** Structured logger of a run; every line lands in runs/<run-id>/log.ndjson (secrets redacted) and on the console. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A progress indicator: a bar on a TTY, periodic plain lines otherwise. */
export interface Progress {
  advance(n: number): void;
  done(): void;
}

export interface StepHandle {
  readonly name: string;
  /** 1 on the first try, 2 on the first retry, … */
  readonly attempt: number;
  readonly log: Logger;
  /** Adds n (default 1) to a named count of this step (rows_read, files, images, …). */
  count(name: string, n?: number): void;
  addBytes(n: number): void;
}

export interface StepOptions {
  /** Retries after the first attempt (default 0); each attempt is recorded. */
  retries?: number;
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
  /** Return false to fail at once (e.g. a FerryError about bad input). */
  shouldRetry?(error: unknown): boolean;
}

/** A run being recorded (implemented by @ferry/runs `startRun`). */
export interface RunHandle {
  readonly id: string;
  readonly pipeline: Pipeline;
  readonly log: Logger;
  step<T>(name: string, fn: (step: StepHandle) => Promise<T>, options?: StepOptions): Promise<T>;
  progress(label: string, total: number, unit: 'bytes' | 'items'): Progress;
  setTotals(totals: Record<string, number>): void;
  setPeriods(periods: RunPeriodSummary[]): void;
  /** Writes an artifact under runs/<run-id>/ in the results store (quality.json, images.json, …). */
  writeArtifact(name: string, body: string): Promise<void>;
  /** Writes run.json, log.ndjson, report.md and report.html; returns the final record. */
  finish(status: Exclude<RunStatus, 'running'>, error?: unknown): Promise<RunRecord>;
}
