import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanPeriodWithDuckDb } from '@ferry/cleaning';
import { Storage, copyIncremental } from '@ferry/storage';
import { layout, type CleanEngine, type PeriodQuality } from '@ferry/types';

export interface DuckDbEngineOptions {
  threads?: number;
  memoryLimit?: string;
  /** Where inputs are downloaded and parquet is staged before upload; default the OS temp dir. */
  tempRoot?: string;
}

/**
 * The local engine: one period at a time (bounded memory), its input downloaded from the work store, cleaned by
 * DuckDB into the staging layout, uploaded to the work store.
 */
export function createDuckDbEngine(options: DuckDbEngineOptions = {}): CleanEngine {
  return {
    name: 'duckdb',
    async clean(request) {
      const results: PeriodQuality[] = [];
      const local = await Storage.open();
      try {
        for (const period of request.periods) {
          request.signal?.throwIfAborted();
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
            });
            await copyIncremental(await local.store(outDir), request.work.child(layout.work.staged(request.runId, period.period).root));
            request.log.info(`cleaned ${period.source}: ${quality.rows_written} rows written, ${quality.rows_read - quality.rows_written} rejected`, {
              period: period.period,
            });
            request.onPeriodDone?.(quality);
            results.push(quality);
          } finally {
            await rm(scratch, { recursive: true, force: true });
          }
        }
      } finally {
        await local.close();
      }
      return results;
    },
  };
}
