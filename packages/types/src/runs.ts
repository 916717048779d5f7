import { z } from 'zod';
import { runClusterSchema } from './costs.ts';
import { jsonFormat } from './format.ts';
import type { Store } from './storage.ts';

export const PIPELINES = ['transactions', 'rocket'] as const;
export type Pipeline = (typeof PIPELINES)[number];
/** `partial`: the run finished, but some of its items (periods, images) failed; each is named in its record. */
export const RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'noop'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** How a run can end. */
export type FinishedStatus = Exclude<RunStatus, 'running'>;
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

const time = z.string();
const ms = z.number();

const attemptSchema = z.object({
  attempt: z.number().int().positive(),
  started_at: time,
  finished_at: time,
  duration_ms: ms,
  status: z.enum(['succeeded', 'failed']),
  error: z.string().optional(),
});
export type AttemptRecord = z.infer<typeof attemptSchema>;

/** One step of a run. Retried steps keep every attempt, for the Gantt chart. */
const stepSchema = z.object({
  name: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'skipped']),
  started_at: time,
  finished_at: time.optional(),
  duration_ms: ms.optional(),
  attempts: z.array(attemptSchema),
  counts: z.record(z.string(), z.number()),
  bytes: z.number().optional(),
  error: z.string().optional(),
});
export type StepRecord = z.infer<typeof stepSchema>;

/** Per-period line of a transactions run: rows_read = rows_written + rows_rejected always. */
const periodSummarySchema = z.object({
  period: z.string(),
  source: z.string(),
  rows_read: z.number(),
  rows_written: z.number(),
  rows_rejected: z.number(),
});
export type RunPeriodSummary = z.infer<typeof periodSummarySchema>;

/** An item of a run that failed while the rest went on (a period that could not be cleaned, an image): one line each. */
const runFailureSchema = z.object({ item: z.string(), reason: z.string() });
export type RunFailure = z.infer<typeof runFailureSchema>;

const reportTableSchema = z.object({ header: z.array(z.string()), rows: z.array(z.array(z.string())), align: z.array(z.enum(['left', 'right'])) });
export type ReportTable = z.infer<typeof reportTableSchema>;

/**
 * A part of a run's report that its pipeline hands over (a quality table, an images summary): @ferry/runs draws it
 * in text, Markdown and HTML without knowing what it is about. Plain text everywhere; the renderers escape it.
 */
const reportSectionSchema = z.object({
  title: z.string(),
  /** A paragraph, before the table and the items. */
  text: z.string().optional(),
  table: reportTableSchema.optional(),
  /** A list, one line each. */
  items: z.array(z.string()).optional(),
  /** A bar chart, drawn in report.html only (give the same numbers in `table` for the text reports). */
  chart: z.object({ title: z.string(), bars: z.array(z.object({ label: z.string(), value: z.number() })) }).optional(),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

const runRecordSchema = z.object({
  run_id: z.string(),
  pipeline: z.enum(PIPELINES),
  engine: z.string().optional(),
  status: z.enum(RUN_STATUSES),
  started_at: time,
  finished_at: time.optional(),
  duration_ms: ms.optional(),
  steps: z.array(stepSchema),
  /** Headline numbers for history: periods, rows_read, rows_written, rows_rejected, images, … */
  totals: z.record(z.string(), z.number()),
  periods: z.array(periodSummarySchema).optional(),
  /** What the pipeline reported, drawn after the summary (runs recorded before sections existed have none). */
  sections: z.array(reportSectionSchema).optional(),
  /** The cluster a cloud run used: host time per preset, and its cost with a price table (added after the cluster is deleted). */
  cluster: runClusterSchema.optional(),
  /** The items that failed, in the order they did: what makes a run `partial` (or, when nothing else got done, failed). */
  failures: z.array(runFailureSchema).optional(),
  error: z.string().optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/**
 * A run's run.json (`layout.results.run(id).record`), written by the recorder. Version 1; files written before it had
 * a version are version 1 (the same fields, without `sections`).
 */
export const runRecordFormat = jsonFormat({ name: 'ferry run record', schema: runRecordSchema, version: 1 });

/**
 * How a recorded run ended, the same shape for every pipeline. Once a run is recorded, its end is returned, never
 * thrown: a failed run still has its record and whatever it got done, and callers choose the exit code from `status`
 * (a `partial` run, where some items failed, finished all the same: it has everything a succeeded run has). `error` is
 * what ended a failed run, as it was thrown, so a caller can rethrow it with its message and kind.
 */
export type RunOutcome<Done, SoFar = Partial<Done>> =
  | ({ status: 'succeeded' | 'partial' | 'noop'; runId: string; record: RunRecord } & Done)
  | ({ status: 'failed'; runId: string; record: RunRecord; error: unknown } & SoFar);

/** A run that did not fail, as is; a failed run's error is thrown again, as the run threw it. */
export function completedOrThrow<Outcome extends { status: FinishedStatus; error?: unknown }>(
  outcome: Outcome,
): Exclude<Outcome, { status: 'failed' }> {
  if (outcome.status === 'failed') throw outcome.error;
  return outcome as Exclude<Outcome, { status: 'failed' }>;
}

/**
 * What a pipeline owns in the results store beyond its runs' folders, for `ferry export`: the CLI and the export
 * script compose every pipeline's, so @ferry/runs knows none of their files.
 */
export interface PipelineKeys {
  readonly pipeline: Pipeline;
  /** The keys one run of this pipeline owns (the files it published, the images it lists), present or not. */
  runKeys(results: Store, record: RunRecord): Promise<string[]>;
  /** For an export's README: a key or key pattern, and what it holds. */
  readonly described: readonly (readonly [key: string, what: string])[];
}

/** One line of a run's log.ndjson. */
export interface LogLine {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  run_id: string;
  pipeline: Pipeline;
  step?: string;
  msg: string;
  [field: string]: unknown;
}

/** Structured logger of a run; every line lands in the run's log.ndjson (secrets redacted) and on the console. */
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
  /**
   * Records an item that failed while the run goes on (kept in run.json's `failures`, drawn in every report's failures);
   * the pipeline then finishes the run `partial`, or `failed` when nothing else got done.
   */
  recordFailure(failure: RunFailure): void;
  /** Adds a section to the run's report (kept in run.json, drawn by every report). */
  addSection(section: ReportSection): void;
  /** Writes an artifact into the run's folder in the results store (a name of `layout.results.runFiles`). */
  writeArtifact(name: string, body: string): Promise<void>;
  /** Writes run.json, log.ndjson, report.md and report.html; returns the final record. */
  finish(status: FinishedStatus, error?: unknown): Promise<RunRecord>;
}
