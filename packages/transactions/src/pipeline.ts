import { copyIncremental } from '@ferry/storage';
import { startRun } from '@ferry/runs';
import {
  DEFAULT_RULE_PARAMS,
  FerryError,
  layout,
  rejectedRows,
  type CleanEngine,
  type CleanFailure,
  type CleanResult,
  type PeriodQuality,
  type PeriodRecord,
  type Plan,
  type RuleParams,
  type RunHandle,
  type RunOutcome,
  type SourcePeriod,
  type Store,
} from '@ferry/types';
import { acquireRunLock, type RunLock } from './lock.ts';
import { removeUnlisted } from './orphans.ts';
import { planTransactions } from './plan.ts';
import { publishPeriod } from './publish.ts';
import { qualitySection, writeQualityReport } from './quality.ts';

export interface RunTransactionsOptions {
  source: Store;
  work: Store;
  results: Store;
  /** Only asked to clean when the plan has new periods: with nothing new, no engine starts. */
  engine: CleanEngine;
  params?: RuleParams;
  runId?: string;
  console?: ((line: string) => void) | false;
  debug?: boolean;
  /** Extra values to redact from logs and records (credentials passed by flags rather than environment). */
  secrets?: string[];
  now?: () => Date;
  signal?: AbortSignal;
}

/** What a transactions run got done; a failed run has what it got to before it failed. */
export interface TransactionsRunParts {
  plan: Plan;
  /** The periods cleaned (and so published, unless the run failed while publishing). */
  quality: PeriodQuality[];
  published: PeriodRecord[];
  /** New periods that could not be cleaned: not published, not in the manifest, so the next run retries them. */
  failed: CleanFailure[];
}

export type TransactionsRunResult = RunOutcome<TransactionsRunParts>;

interface Context {
  options: RunTransactionsOptions;
  run: RunHandle;
  now: () => Date;
}

/**
 * One run of the transactions pipeline: lock → plan → sync → clean → publish each period, recorded step by step.
 * A period that cannot be cleaned fails alone: the others are published, and the run ends 'partial', naming each
 * failed period and why (when no period could be cleaned, it ends 'failed'). Once the run is recorded, its end is
 * returned, never thrown: a failed run resolves with status 'failed', its record and the error that ended it, after
 * the run was recorded as failed and the lock released.
 */
export async function runTransactions(options: RunTransactionsOptions): Promise<TransactionsRunResult> {
  const now = options.now ?? (() => new Date());
  const run = await startRun({
    pipeline: 'transactions',
    engine: options.engine.name,
    results: options.results,
    runId: options.runId,
    console: options.console,
    debug: options.debug,
    secrets: options.secrets,
    now,
  });
  const context: Context = { options, run, now };
  const soFar: Partial<TransactionsRunParts> = {};
  let lock: RunLock | undefined;
  try {
    lock = await takeLock(context);
    const plan = (soFar.plan = await planStep(context));
    if (plan.new.length === 0) return await finishNothingNew(context, plan);
    await syncStep(context, plan);
    const { cleaned: quality, failed } = await cleanStep(context, plan);
    Object.assign(soFar, { quality, failed });
    const published: PeriodRecord[] = [];
    soFar.published = published;
    const cleaned = new Set(quality.map((period) => period.period));
    for (const period of plan.new.filter((candidate) => cleaned.has(candidate.period))) {
      published.push(await publishStep(context, lock, period, quality));
    }
    return await finishPublished(context, lock, { plan, quality, published, failed });
  } catch (error) {
    const record = await run.finish('failed', error);
    return { status: 'failed', runId: run.id, record, error, ...soFar };
  } finally {
    // Not thrown: the run's outcome stands, and a lock left behind expires.
    await lock?.release().catch((error: unknown) => run.log.warn(`could not release the results store's lock: ${(error as Error).message}`));
  }
}

async function takeLock({ options, run, now }: Context): Promise<RunLock> {
  const lock = await acquireRunLock({
    results: options.results,
    runId: run.id,
    now,
    onRenewFailed: (error) => run.log.warn(`could not renew the results store's lock: ${(error as Error).message}`),
  });
  if (lock.tookOver) run.log.info(lock.tookOver);
  if (lock.guarantee === 'best-effort') {
    run.log.info(
      `the results store's server ignores conditional writes: its lock is best-effort, and two runs started at the same moment could both publish`,
    );
  }
  return lock;
}

/** Plans under the lock, and first removes what an unfinished run published without recording it (see removeUnlisted). */
function planStep({ options, run }: Context): Promise<Plan> {
  return run.step('plan', async (step) => {
    const planned = await planTransactions(options.source, options.results);
    step.count('source_periods', planned.source.length);
    step.count('new_periods', planned.new.length);
    for (const key of planned.ignored) step.log.warn(`ignoring ${key}: not a YYYY-MM-DD.txt source file`);
    const removed = await removeUnlisted(options.results, options.work, planned.processed);
    if (removed.length > 0) {
      step.count('unlisted_files_removed', removed.length);
      step.log.warn(`removed ${removed.length} published file(s) the manifest does not list, left by a run that did not finish`);
    }
    return planned;
  });
}

async function finishNothingNew({ run }: Context, plan: Plan): Promise<TransactionsRunResult> {
  run.log.info(`nothing new: all ${plan.source.length} source periods are already processed; no engine started`);
  run.setTotals({ periods: 0, rows_read: 0, rows_written: 0, rows_rejected: 0 });
  const record = await run.finish('noop');
  return { status: 'noop', runId: run.id, record, plan, quality: [], published: [], failed: [] };
}

/** Copies the new periods' source files into the work store, checking they are still what the plan saw. */
async function syncStep({ options, run }: Context, plan: Plan): Promise<void> {
  const { source, work, signal } = options;
  run.log.info(`${plan.new.length} new period(s): ${plan.new.map((period) => period.period).join(', ')}`);
  signal?.throwIfAborted();
  await run.step(
    'sync',
    async (step) => {
      const progress = run.progress(
        'sync',
        plan.new.reduce((sum, period) => sum + period.size, 0),
        'bytes',
      );
      let reported = 0;
      const copy = await copyIncremental(source, work.child(layout.work.inputs), {
        keys: plan.new.map((period) => period.source),
        progress: {
          onBytes(transferred) {
            progress.advance(transferred - reported);
            reported = transferred;
          },
        },
      });
      progress.done();
      step.count('files_copied', copy.copied.length);
      step.count('files_already_there', copy.skipped.length);
      step.addBytes(copy.bytesCopied);
      // The plan's size and ETag are what the manifest will record: a source that changed since the plan read it
      // must not slip in (the copy reports the ETag the source had when it was copied or found already there).
      const copiedEtags = new Map([...copy.copied, ...copy.skipped].map((object) => [object.key, object.etag]));
      for (const period of plan.new) {
        const synced = await work.head(layout.work.input(period.source));
        if (!synced || synced.size !== period.size || copiedEtags.get(period.source) !== period.etag) {
          throw new FerryError(`${period.source} changed while being read; run again`);
        }
      }
    },
    { retries: 2 },
  );
}

/**
 * Cleans every new period with the engine; its quality goes into the run's quality report and its report section.
 * A period the engine could not clean is recorded as the run's failure, and its staging folder is emptied.
 */
async function cleanStep({ options, run }: Context, plan: Plan): Promise<CleanResult> {
  const { engine, work, signal } = options;
  signal?.throwIfAborted();
  const progress = run.progress('clean', plan.new.length, 'items');
  const result = await run.step('clean', async (step) => {
    const done = await engine.clean({
      runId: run.id,
      periods: plan.new,
      work,
      params: options.params ?? DEFAULT_RULE_PARAMS,
      log: step.log,
      signal,
      onPeriodDone: () => progress.advance(1),
    });
    progress.done();
    for (const period of done.cleaned) {
      step.count('rows_read', period.rows_read);
      step.count('rows_written', period.rows_written);
    }
    if (done.failed.length > 0) step.count('periods_failed', done.failed.length);
    return done;
  });
  const answered = new Set([...result.cleaned, ...result.failed].map((period) => period.period));
  const missing = plan.new.filter((period) => !answered.has(period.period));
  if (missing.length > 0) {
    throw new FerryError(`the ${engine.name} engine returned no result for ${missing.map((period) => period.source).join(', ')}`);
  }
  for (const failure of result.failed) {
    run.recordFailure({ item: failure.period, reason: failure.reason });
    const staged = await work.list(layout.work.staged(run.id, failure.period).root);
    await work.delete(staged.map((object) => object.key));
  }
  await writeQualityReport(options.results, run.id, result.cleaned);
  run.addSection(qualitySection(result.cleaned));
  return result;
}

async function publishStep({ options, run, now }: Context, lock: RunLock, period: SourcePeriod, quality: PeriodQuality[]): Promise<PeriodRecord> {
  options.signal?.throwIfAborted();
  const periodQuality = quality.find((cleaned) => cleaned.period === period.period)!;
  // A run that lost the lock publishes nothing more: checked before each period and again before its manifest entry.
  await lock.confirm();
  return run.step(
    `publish ${period.period}`,
    (step) =>
      publishPeriod({
        runId: run.id,
        period,
        quality: periodQuality,
        work: options.work,
        results: options.results,
        step,
        now,
        confirmLock: () => lock.confirm(),
      }),
    { retries: 2, shouldRetry: (error) => !(error instanceof FerryError) },
  );
}

/** Succeeded, or partial when some periods failed; failed when none could be cleaned, each named in the error. */
async function finishPublished({ run }: Context, lock: RunLock, parts: TransactionsRunParts): Promise<TransactionsRunResult> {
  const { published, quality, failed } = parts;
  run.setPeriods(
    published.map(({ period, source, rows_read, rows_written, rows_rejected }) => ({ period, source, rows_read, rows_written, rows_rejected })),
  );
  run.setTotals({
    periods: published.length,
    rows_read: published.reduce((total, record) => total + record.rows_read, 0),
    rows_written: published.reduce((total, record) => total + record.rows_written, 0),
    rows_rejected: quality.reduce((total, period) => total + rejectedRows(period), 0),
  });
  await lock.confirm();
  if (failed.length > 0 && published.length === 0) {
    const reasons = failed.map((failure) => failure.reason);
    const error = new FerryError(
      reasons.length === 1 ? reasons[0]! : `none of the ${reasons.length} new periods could be cleaned: ${reasons.join('; ')}`,
    );
    const record = await run.finish('failed', error);
    return { status: 'failed', runId: run.id, record, error, ...parts };
  }
  const status = failed.length > 0 ? 'partial' : 'succeeded';
  const record = await run.finish(status);
  return { status, runId: run.id, record, ...parts };
}
