import { Option, type Command } from 'commander';
import { formatBytes } from '@ferry/runs/format';
import type { TransactionsRunResult } from '@ferry/transactions';
import { FerryError, layout, type CleanEngine, type RuleParams, type Store } from '@ferry/types';
import { withStores, type LocationOptions, type StoreContext } from '../context.ts';
import { addEngineOptions, chooseEngine, type EngineOptions } from '../engine-choice.ts';
import { addLocationOptions, addRuleOptions, byteSize, ruleParams, wholeNumber } from '../options.ts';

export interface RunOptions extends LocationOptions, RuleParams, Omit<EngineOptions, 'prices'> {
  clusterId?: string;
  runId?: string;
  threads?: number;
  memoryLimit?: string;
}

export function register(program: Command): void {
  addRunOptions(
    addLocationOptions(program.command('run').description('sync new source periods, clean them and publish them to the results store')),
  ).action(async (options: RunOptions) => {
    const debug = Boolean(program.opts().debug);
    await withStores(options, async (context) => reportRun(await runWithOptions(context, options, debug), context));
  });
}

/**
 * The exit status of a partial run, one whose failed periods were not published while the others were: not 0,
 * since something failed, and not 1, a run that failed as a whole, so a scheduler can tell them apart.
 */
export const PARTIAL_EXIT_CODE = 2;

/** Prints what a finished run did; a partial run names each failed period and why on stderr, one line each. */
export async function reportRun(result: CompletedRun, context: StoreContext): Promise<void> {
  process.stdout.write(`${await renderSummary(result, context)}\n`);
  if (result.status !== 'partial') return;
  for (const failure of result.failed) process.stderr.write(`error: ${failure.reason}\n`);
  const failed = result.failed.length;
  process.stderr.write(
    `error: ${failed} of ${result.plan.new.length} new period(s) could not be cleaned and ${failed === 1 ? 'was' : 'were'} not published; the next run retries ${failed === 1 ? 'it' : 'them'}\n`,
  );
  process.exitCode = PARTIAL_EXIT_CODE;
}

export function addRunOptions(command: Command): Command {
  return addRuleOptions(
    addEngineOptions(command, 'duckdb', { prices: false })
      .addOption(new Option('--cluster-id <id>', 'Data Processing cluster for --engine dataproc').env('FERRY_DATAPROC_CLUSTER_ID'))
      .addOption(new Option('--run-id <id>', 'record the run under this id, one not used before (default: a new one)')),
  )
    .addOption(new Option('--threads <n>', 'DuckDB threads (default: all cores)').argParser(wholeNumber(1)))
    .addOption(new Option('--memory-limit <size>', 'DuckDB memory limit, e.g. 4GB (default: 80% of RAM)').argParser(byteSize));
}

/** A run that did not fail: a failed one is rethrown as the error that ended it (its message, its exit code). */
type CompletedRun = Exclude<TransactionsRunResult, { status: 'failed' }>;

export async function runWithOptions(context: StoreContext, options: RunOptions, debug: boolean): Promise<CompletedRun> {
  // The pipeline and the run record's schema are loaded only when a command runs it (see bin/compile.js): `ferry run
  // --help` needs neither.
  const [{ runTransactions }, { completedOrThrow }] = await Promise.all([import('@ferry/transactions'), import('@ferry/types/runs')]);
  const [source, work, results] = await Promise.all([context.open('source'), context.open('work'), context.open('results')]);
  if (options.runId !== undefined && (await results.head(layout.results.run(options.runId).record))) {
    throw new FerryError(`run ${options.runId} is already recorded in ${context.describe('results')}: a run id is used once`);
  }
  const engine = await engineFor(options, source, results);
  // SIGINT/SIGTERM abort the run: the engine cancels its job, the run is recorded as failed, storage is closed.
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    process.exitCode = signal === 'SIGINT' ? 130 : 143;
    abort.abort(new FerryError(`interrupted by ${signal}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return completedOrThrow(
      await runTransactions({ source, work, results, engine, runId: options.runId, params: ruleParams(options), debug, signal: abort.signal }),
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * The engine is only constructed here; it does no work (no cluster call, no DuckDB) until there is something to clean.
 * `auto` looks at the new periods first, and says on stderr which engine it chose and why.
 */
async function engineFor(options: RunOptions, source: Store, results: Store): Promise<CleanEngine> {
  let name = options.engine;
  if (name === 'auto') {
    const { planNextRun } = await import('@ferry/transactions');
    const decision = await chooseEngine(options, (await planNextRun(source, results)).new);
    process.stderr.write(`engine: ${decision.engine} (${decision.why})\n`);
    name = decision.engine;
  }
  if (name === 'duckdb') {
    const { createDuckDbEngine } = await import('@ferry/transactions/duckdb');
    return createDuckDbEngine({ threads: options.threads, memoryLimit: options.memoryLimit });
  }
  const { clusterId } = options;
  if (!clusterId) throw new FerryError('--engine dataproc needs --cluster-id (or FERRY_DATAPROC_CLUSTER_ID): the cluster of the work stack');
  const [{ createYandexClientFromEnv }, { createDataprocEngine }] = await Promise.all([
    import('@ferry/yandex'),
    import('@ferry/transactions/dataproc'),
  ]);
  return createDataprocEngine({ client: createYandexClientFromEnv(), clusterId, params: ruleParams(options) });
}

export async function renderSummary(result: CompletedRun, context: StoreContext): Promise<string> {
  const seconds = ((result.record.duration_ms ?? 0) / 1000).toFixed(1);
  if (result.status === 'noop') {
    return [
      `Nothing new: all ${result.plan.source.length} source period(s) are already processed. No engine was started.`,
      `Results: ${context.describe('results')}`,
    ].join('\n');
  }
  const { renderQualityTable } = await import('@ferry/transactions');
  const totals = result.record.totals;
  const bytes = result.published.reduce((sum, period) => sum + period.size, 0);
  return [
    `Run ${result.runId} (${result.record.engine}) processed ${result.published.length} period(s) (${formatBytes(bytes)}) in ${seconds}s:`,
    `  ${result.published.map((record) => record.period).join(', ')}`,
    ...(result.failed.length > 0 ? [`  failed, not published: ${result.failed.map((failure) => failure.period).join(', ')}`] : []),
    `  rows read ${totals.rows_read}, written ${totals.rows_written}, rejected ${totals.rows_rejected} (kept in ${layout.results.quarantineRoot} with the reason)`,
    '',
    renderQualityTable(result.quality),
    '',
    `Results: ${context.describe('results')}`,
    ...[
      [layout.results.transactionsDay('YYYY-MM-DD'), 'clean parquet, one file per period and day'],
      [layout.results.quarantine('YYYY-MM-DD'), 'every rejected line with its rule'],
      [layout.results.run(result.runId).prefix, runFileNames('record', 'quality', 'log', 'reportMarkdown', 'reportHtml')],
    ].map(([path, what]) => `  ${path!.padEnd(44)}${what}`),
    `See it: pnpm ferry report ${result.runId}   Export it: pnpm ferry export ./exports`,
  ].join('\n');
}

/** The names of some of a run's files (layout.results.runFiles), for the summaries. */
export function runFileNames(...files: (keyof typeof layout.results.runFiles)[]): string {
  return files.map((file) => layout.results.runFiles[file]).join(', ');
}
