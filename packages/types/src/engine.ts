import type { SourcePeriod } from './manifest.ts';
import type { PeriodQuality, RuleParams } from './quality.ts';
import type { Logger } from './runs.ts';
import type { Store } from './storage.ts';

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

/**
 * An engine cleans new periods from their inputs (`layout.work.input`) into their staging folders
 * (`layout.work.staged`): both engines (DuckDB and Spark) write exactly that layout.
 */
export interface CleanEngine {
  readonly name: 'duckdb' | 'dataproc';
  clean(request: CleanRequest): Promise<PeriodQuality[]>;
}
