import { z } from 'zod';
import { jsonFormat } from './format.ts';
import type { SourcePeriod } from './manifest.ts';
import type { PeriodQuality } from './quality.ts';
import type { RuleParams } from './rule-params.ts';
import type { Logger } from './runs.ts';
import type { Store } from './storage.ts';

export interface CleanRequest {
  runId: string;
  periods: SourcePeriod[];
  work: Store;
  params: RuleParams;
  log: Logger;
  /** Called once per period as it is cleaned, for progress. */
  onPeriodDone?(quality: PeriodQuality): void;
  signal?: AbortSignal;
}

const cleanFailureSchema = z.object({
  period: z.string(),
  source: z.string(),
  /** One line, naming the source file: a refusal in the words both engines share, or what went wrong cleaning it. */
  reason: z.string(),
});

/** A period the engine could not clean (a refused file, an error on that file): it fails alone, the others go on. */
export type CleanFailure = z.infer<typeof cleanFailureSchema>;

/**
 * A failed period's record in its staging folder (`layout.work.staged(…).failure`), written by both engines in place
 * of its quality file. No version: it is written and read within one run, by the job rendered from this same ferry.
 */
export const cleanFailureFormat = jsonFormat({ name: 'period failure file', schema: cleanFailureSchema });

/** What an engine did with a request's periods: each one is either cleaned or failed. */
export interface CleanResult {
  cleaned: PeriodQuality[];
  failed: CleanFailure[];
}

/**
 * An engine cleans new periods from their inputs (`layout.work.input`) into their staging folders
 * (`layout.work.staged`): both engines (DuckDB and Spark) write exactly that layout, a failed period's record
 * included. A period that cannot be cleaned is returned as failed, not thrown; what fails every period (the engine
 * itself, the store) is thrown.
 */
export interface CleanEngine {
  readonly name: 'duckdb' | 'dataproc';
  clean(request: CleanRequest): Promise<CleanResult>;
}
