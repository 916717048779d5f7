import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanPeriodWithDuckDb } from '@ferry/cleaning';
import { Storage, copyIncremental } from '@ferry/storage';
import { cleanFailureFormat, FerryError, layout, type CleanEngine, type CleanFailure, type CleanResult, type SourcePeriod } from '@ferry/types';

export interface DuckDbEngineOptions {
  threads?: number;
  memoryLimit?: string;
  /** Where inputs are downloaded and parquet is staged before upload; default the OS temp dir. */
  tempRoot?: string;
}

/**
 * The local engine: one period at a time (bounded memory), its input downloaded from the work store, cleaned by
 * DuckDB into the staging layout, uploaded to the work store. A period whose file cannot be cleaned (refused, or an
 * error while DuckDB cleans it) fails alone: its failure record is staged instead, and the next period goes on.
 */
export function createDuckDbEngine(options: DuckDbEngineOptions = {}): CleanEngine {
  return {
    name: 'duckdb',
    async clean(request) {
      const result: CleanResult = { cleaned: [], failed: [] };
      const local = await Storage.open();
      try {
        for (const period of request.periods) {
          request.signal?.throwIfAborted();
          const staged = layout.work.staged(request.runId, period.period);
          const scratch = await mkdtemp(join(options.tempRoot ?? tmpdir(), `ferry-${period.period}-`));
          try {
            const inputPath = join(scratch, period.source);
            await request.work.download(layout.work.input(period.source), inputPath);
            const outDir = join(scratch, 'out');
            const quality = await cleanPeriodWithDuckDb({
              inputPath,
              outDir,
              period: period.period,
              source: period.source,
              params: request.params,
              threads: options.threads,
              memoryLimit: options.memoryLimit,
              tempDir: join(scratch, 'duckdb-tmp'),
            }).catch((error: unknown) => {
              if (request.signal?.aborted) throw error;
              return failureOf(period, error);
            });
            if ('reason' in quality) {
              await cleanFailureFormat.write(request.work, staged.failure, quality);
              request.log.warn(`could not clean ${period.source}: ${quality.reason}`, { period: period.period });
              result.failed.push(quality);
              continue;
            }
            await copyIncremental(await local.store(outDir), request.work.child(staged.root));
            request.log.info(`cleaned ${period.source}: ${quality.rows_written} rows written, ${quality.rows_read - quality.rows_written} rejected`, {
              period: period.period,
            });
            request.onPeriodDone?.(quality);
            result.cleaned.push(quality);
          } finally {
            await rm(scratch, { recursive: true, force: true });
          }
        }
      } finally {
        await local.close();
      }
      return result;
    },
  };
}

/**
 * Why a period failed, in one line naming its file: a refusal or another FerryError as it was said, anything else
 * (DuckDB's own errors) as the first line of its message after "cleaning failed", as the Spark job says it.
 */
function failureOf(period: SourcePeriod, error: unknown): CleanFailure {
  const message = error instanceof Error ? error.message : String(error);
  const reason =
    error instanceof FerryError && message.includes(period.source) ? message : `${period.source}: cleaning failed: ${message.split('\n')[0]!.trim()}`;
  return { period: period.period, source: period.source, reason };
}
