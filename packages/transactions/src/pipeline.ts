import { copyIncremental } from '@ferry/storage';
import { startRun } from '@ferry/runs';
import {
  DEFAULT_RULE_PARAMS,
  FerryError,
  type CleanEngine,
  type PeriodQuality,
  type PeriodRecord,
  type Plan,
  type RuleParams,
  type RunRecord,
  type Store,
} from '@ferry/types';
import { acquireRunLock, type RunLock } from './lock.ts';
import { planTransactions } from './plan.ts';
import { layout, publishPeriod, rejectedRows } from './publish.ts';

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

export interface TransactionsRunResult {
  status: 'noop' | 'succeeded';
  runId: string;
  plan: Plan;
  quality: PeriodQuality[];
  published: PeriodRecord[];
  record: RunRecord;
}

/**
 * One run of the transactions pipeline: plan → sync → clean → publish, recorded step by step.
 * Resolves on success or "nothing new"; on failure the run is recorded as failed and the error is rethrown.
 */
export async function runTransactions(options: RunTransactionsOptions): Promise<TransactionsRunResult> {
  const { source, work, results, engine } = options;
  const now = options.now ?? (() => new Date());
  const params = options.params ?? DEFAULT_RULE_PARAMS;
  const run = await startRun({
    pipeline: 'transactions',
    engine: engine.name,
    results,
    runId: options.runId,
    console: options.console,
    debug: options.debug,
    secrets: options.secrets,
    now,
  });
  let lock: RunLock | undefined;
  try {
    const held = (lock = await acquireRunLock({
      results,
      runId: run.id,
      now,
      onRenewFailed: (error) => run.log.warn(`could not renew the results store's lock: ${(error as Error).message}`),
    }));
    if (held.tookOver) run.log.info(held.tookOver);
    if (held.guarantee === 'best-effort') {
      run.log.info(`the results store's server ignores conditional writes: its lock is best-effort, and two runs started at the same moment could both publish`);
    }
    const plan = await run.step('plan', async (step) => {
      const planned = await planTransactions(source, results);
      step.count('source_periods', planned.source.length);
      step.count('new_periods', planned.new.length);
      for (const key of planned.ignored) step.log.warn(`ignoring ${key}: not a YYYY-MM-DD.txt source file`);
      return planned;
    });
    if (plan.new.length === 0) {
      run.log.info(`nothing new: all ${plan.source.length} source periods are already processed; no engine started`);
      run.setTotals({ periods: 0, rows_read: 0, rows_written: 0, rows_rejected: 0 });
      const record = await run.finish('noop');
      return { status: 'noop', runId: run.id, plan, quality: [], published: [], record };
    }
    run.log.info(`${plan.new.length} new period(s): ${plan.new.map((period) => period.period).join(', ')}`);
    options.signal?.throwIfAborted();

    await run.step(
      'sync',
      async (step) => {
        const total = plan.new.reduce((sum, period) => sum + period.size, 0);
        const progress = run.progress('sync', total, 'bytes');
        let reported = 0;
        const copy = await copyIncremental(source, work.child(layout.input), {
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
        // The plan's size and ETag are what the manifest will record: a source that changed meanwhile must not slip in.
        for (const period of plan.new) {
          const synced = await work.head(`${layout.input}${period.source}`);
          if (!synced || synced.size !== period.size) {
            throw new FerryError(`${period.source} changed in the source while it was being copied; run again`);
          }
        }
      },
      { retries: 2 },
    );

    options.signal?.throwIfAborted();
    const progress = run.progress('clean', plan.new.length, 'items');
    const quality = await run.step('clean', async (step) => {
      const cleaned = await engine.clean({
        runId: run.id,
        periods: plan.new,
        work,
        params,
        log: step.log,
        signal: options.signal,
        onPeriodDone: () => progress.advance(1),
      });
      progress.done();
      for (const period of cleaned) {
        step.count('rows_read', period.rows_read);
        step.count('rows_written', period.rows_written);
      }
      return cleaned;
    });
    const byPeriod = new Map(quality.map((period) => [period.period, period]));
    const missing = plan.new.filter((period) => !byPeriod.has(period.period));
    if (missing.length > 0) {
      throw new FerryError(`the ${engine.name} engine returned no result for ${missing.map((period) => period.source).join(', ')}`);
    }
    await run.writeArtifact('quality.json', `${JSON.stringify({ run_id: run.id, periods: quality }, null, 2)}\n`);

    const published: PeriodRecord[] = [];
    for (const period of plan.new) {
      options.signal?.throwIfAborted();
      const periodQuality = byPeriod.get(period.period)!;
      // A run that lost the lock publishes nothing more: checked before each period and again before its manifest entry.
      await held.confirm();
      published.push(
        await run.step(
          `publish ${period.period}`,
          (step) => publishPeriod({ runId: run.id, period, quality: periodQuality, work, results, step, now, confirmLock: () => held.confirm() }),
          { retries: 2, shouldRetry: (error) => !(error instanceof FerryError) },
        ),
      );
    }

    run.setPeriods(
      published.map((record) => ({
        period: record.period,
        source: record.source,
        rows_read: record.rows_read,
        rows_written: record.rows_written,
        rows_rejected: record.rows_rejected,
      })),
    );
    run.setTotals({
      periods: published.length,
      rows_read: sum(published, 'rows_read'),
      rows_written: sum(published, 'rows_written'),
      rows_rejected: quality.reduce((total, period) => total + rejectedRows(period), 0),
    });
    await held.confirm();
    const record = await run.finish('succeeded');
    return { status: 'succeeded', runId: run.id, plan, quality, published, record };
  } catch (error) {
    await run.finish('failed', error);
    throw error;
  } finally {
    // Not thrown: the run's outcome stands, and a lock left behind expires.
    await lock?.release().catch((error: unknown) => run.log.warn(`could not release the results store's lock: ${(error as Error).message}`));
  }
}

function sum(records: PeriodRecord[], field: 'rows_read' | 'rows_written'): number {
  return records.reduce((total, record) => total + record[field], 0);
}
