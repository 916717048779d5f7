import { Option, type Command } from 'commander';
import { formatBytes, renderQualityTable } from '@ferry/runs';
import { createDataprocEngine, createDuckDbEngine, runTransactions, type TransactionsRunResult } from '@ferry/transactions';
import { createYandexClientFromEnv } from '@ferry/yandex';
import { DEFAULT_RULE_PARAMS, FerryError, type CleanEngine, type RuleParams } from '@ferry/types';
import { addLocationOptions, withStores, type LocationOptions, type StoreContext } from '../context.ts';

interface RunOptions extends LocationOptions {
  engine: 'duckdb' | 'dataproc';
  clusterId?: string;
  terminalIdMax: string;
  epoch: string;
  threads?: string;
  memoryLimit?: string;
}

export function register(program: Command): void {
  addRunOptions(
    addLocationOptions(program.command('run').description('sync new source periods, clean them and publish them to the results store')),
  ).action(async (options: RunOptions) => {
    const debug = Boolean(program.opts().debug);
    await withStores(options, async (context) => {
      const result = await runWithOptions(context, options, debug);
      process.stdout.write(`${renderSummary(result, context)}\n`);
    });
  });
}

export function addRunOptions(command: Command): Command {
  return addRuleOptions(
    command
      .addOption(new Option('--engine <engine>', 'where cleaning runs').choices(['duckdb', 'dataproc']).default('duckdb'))
      .option('--cluster-id <id>', 'Data Processing cluster for --engine dataproc (env FERRY_DATAPROC_CLUSTER_ID)'),
  )
    .option('--threads <n>', 'DuckDB threads (default: all cores)')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 4GB (default: 80% of RAM)');
}

export async function runWithOptions(context: StoreContext, options: RunOptions, debug: boolean): Promise<TransactionsRunResult> {
  const [source, work, results] = await Promise.all([context.open('source'), context.open('work'), context.open('results')]);
  // SIGINT/SIGTERM abort the run: the engine cancels its job, the run is recorded as failed, storage is closed.
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    process.exitCode = signal === 'SIGINT' ? 130 : 143;
    abort.abort(new FerryError(`interrupted by ${signal}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runTransactions({ source, work, results, engine: chooseEngine(options), params: ruleParams(options), debug, signal: abort.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The cleaning rules' parameters, as `ferry run` and `ferry spark-job` take them. */
export function addRuleOptions(command: Command): Command {
  return command
    .option('--terminal-id-max <n>', 'largest valid terminal_id', String(DEFAULT_RULE_PARAMS.terminalIdMax))
    .option('--epoch <datetime>', 'origin of tx_time_seconds', DEFAULT_RULE_PARAMS.epoch);
}

export function ruleParams(options: { terminalIdMax: string; epoch: string }): RuleParams {
  const terminalIdMax = Number(options.terminalIdMax);
  if (!Number.isInteger(terminalIdMax) || terminalIdMax < 0) throw new FerryError(`--terminal-id-max must be a whole number ≥ 0, got "${options.terminalIdMax}"`);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(options.epoch)) throw new FerryError(`--epoch must look like 2019-08-22 00:00:00, got "${options.epoch}"`);
  return { terminalIdMax, epoch: options.epoch };
}

/** The engine is only constructed here; it does no work (no cluster call, no DuckDB) until there is something to clean. */
function chooseEngine(options: RunOptions): CleanEngine {
  if (options.engine === 'duckdb') {
    const threads = options.threads === undefined ? undefined : Number(options.threads);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new FerryError(`--threads must be a whole number ≥ 1, got "${options.threads}"`);
    return createDuckDbEngine({ threads, memoryLimit: options.memoryLimit });
  }
  const clusterId = options.clusterId ?? process.env.FERRY_DATAPROC_CLUSTER_ID;
  if (!clusterId) throw new FerryError('--engine dataproc needs --cluster-id (or FERRY_DATAPROC_CLUSTER_ID): the cluster of the work stack');
  return createDataprocEngine({ client: createYandexClientFromEnv(), clusterId, params: ruleParams(options) });
}

export function renderSummary(result: TransactionsRunResult, context: StoreContext): string {
  const seconds = ((result.record.duration_ms ?? 0) / 1000).toFixed(1);
  if (result.status === 'noop') {
    return [
      `Nothing new: all ${result.plan.source.length} source period(s) are already processed. No engine was started.`,
      `Results: ${context.describe('results')}`,
    ].join('\n');
  }
  const totals = result.record.totals;
  const bytes = result.plan.new.reduce((sum, period) => sum + period.size, 0);
  return [
    `Run ${result.runId} (${result.record.engine}) processed ${result.published.length} period(s) (${formatBytes(bytes)}) in ${seconds}s:`,
    `  ${result.published.map((record) => record.period).join(', ')}`,
    `  rows read ${totals.rows_read}, written ${totals.rows_written}, rejected ${totals.rows_rejected} (kept in quarantine/ with the reason)`,
    '',
    renderQualityTable({ run_id: result.runId, periods: result.quality }),
    '',
    `Results: ${context.describe('results')}`,
    ...[
      ['transactions/tx_date=YYYY-MM-DD/', 'clean parquet, one file per period and day'],
      ['quarantine/period=YYYY-MM-DD/', 'every rejected line with its rule'],
      [`runs/${result.runId}/`, 'run.json, quality.json, log.ndjson, report.md, report.html'],
    ].map(([path, what]) => `  ${path!.padEnd(44)}${what}`),
    `See it: pnpm ferry report ${result.runId}   Export it: pnpm ferry export ./exports`,
  ].join('\n');
}
