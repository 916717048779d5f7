import type { SourcePeriod } from './manifest.ts';
import type { PeriodQuality, RuleParams } from './quality.ts';
import type { Logger } from './runs.ts';
import type { Store } from './storage.ts';

/**
 * Where an engine leaves one period's output in the work store, relative to the work root:
 *   output_data/_staging/<run-id>/<period>/data/tx_date=YYYY-MM-DD/*.parquet
 *   output_data/_staging/<run-id>/<period>/quarantine/*.parquet   (source, line_number, raw_line, rule)
 *   output_data/_staging/<run-id>/<period>/quality.json           (PeriodQuality)
 * Input files are read from input_data/<source>. Both engines (DuckDB and Spark) write exactly this.
 */
export function stagingPrefix(runId: string, period: string): string {
  return `output_data/_staging/${runId}/${period}/`;
}

/** What one period's staging prefix holds: parquet per day under `data`, rejected lines under `quarantine`, and `quality`. */
export const STAGED_PERIOD = { data: 'data/', quarantine: 'quarantine/', quality: 'quality.json' } as const;

export interface CleanRequest {
  runId: string;
  periods: SourcePeriod[];
  work: Store;
  params: RuleParams;
  log: Logger;
  /** Called once per period as it finishes, for progress. */
  onPeriodDone?(quality: PeriodQuality): void;
  signal?: AbortSignal;
}

/** An engine cleans new periods from work/input_data into the staging layout above. */
export interface CleanEngine {
  readonly name: 'duckdb' | 'dataproc';
  clean(request: CleanRequest): Promise<PeriodQuality[]>;
}
