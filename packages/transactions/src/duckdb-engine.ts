import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanPeriodWithDuckDb } from '@ferry/cleaning';
import { Storage, copyIncremental, localPathOf, md5Named } from '@ferry/storage';
import {
  cleanFailureFormat,
  FerryError,
  layout,
  type CleanEngine,
  type CleanFailure,
  type CleanResult,
  type SourcePeriod,
  type Store,
  whereIs,
} from '@ferry/types';

export interface DuckDbEngineOptions {
  threads?: number;
  memoryLimit?: string;
  /**
   * Where DuckDB spills and, for a work store that is not a local directory, inputs are downloaded and parquet is
   * staged before upload; default the OS temp dir.
   */
  tempRoot?: string;
}

/**
 * The local engine: one period at a time (bounded memory), cleaned by DuckDB into the staging layout: read and
 * written in place in a local work folder; from and to any other work store, downloaded to a scratch folder and its
 * cleaned files uploaded. A period whose file cannot be cleaned (refused, or an error while DuckDB cleans it) fails
 * alone: its failure record is staged instead, and the next period goes on.
 */
export function createDuckDbEngine(options: DuckDbEngineOptions = {}): CleanEngine {
  return {
    name: 'duckdb',
    async clean(request) {
      const result: CleanResult = { cleaned: [], failed: [] };
      // Only for a work store that is not a local directory: the scratch folder's cleaned files are uploaded from it.
      let local: Storage | undefined;
      try {
        for (const period of request.periods) {
          request.signal?.throwIfAborted();
          const staged = layout.work.staged(request.runId, period.period);
          const scratch = await mkdtemp(join(options.tempRoot ?? tmpdir(), `ferry-${period.period}-`));
          try {
            const inputKey = layout.work.input(period.source);
            // A local work folder is read and written in place: no download, and no copy of what DuckDB wrote.
            const inPlace = inPlaceOf(request.work, inputKey, staged.root);
            const inputPath = inPlace?.input ?? join(scratch, period.source);
            if (!inPlace) await request.work.download(inputKey, inputPath);
            const outDir = inPlace?.staged ?? join(scratch, 'out');
            const changed = inPlace && (await rewrittenSincePlan(request.work, inputKey, inputPath, period));
            const quality = changed
              ? failureOf(period, new FerryError(`${period.source} changed while being read; run again`))
              : await cleanPeriodWithDuckDb({
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
              // Whatever a failed cleaning wrote in place is not staged: only its failure record is.
              if (inPlace) await rm(inPlace.staged, { recursive: true, force: true });
              await cleanFailureFormat.write(request.work, staged.failure, quality);
              request.log.warn(`could not clean ${period.source}: ${quality.reason}`, { period: period.period });
              result.failed.push(quality);
              continue;
            }
            if (!inPlace) {
              local ??= await Storage.open();
              await copyIncremental(await local.store(outDir), request.work.child(staged.root));
            }
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
        await local?.close();
      }
      return result;
    },
  };
}

/**
 * Whether an input read in place was rewritten since the plan hashed it: a hard link of a local source is the source
 * file itself, which its owner may rewrite until the cleaning has read it (the cleaning itself refuses a file that
 * changes while it reads). Its MD5 comes from what the work store knows of its identity, so one that did not change
 * costs no hashing. A reflink or a copy cannot change under the run. Throws when the input is not there.
 */
async function rewrittenSincePlan(work: Store, inputKey: string, inputPath: string, period: SourcePeriod): Promise<boolean> {
  const stats = await stat(inputPath).catch(() => undefined);
  if (!stats?.isFile()) throw new FerryError(`${whereIs(work, inputKey)}: not found`);
  if (stats.nlink < 2 || md5Named(period.etag) === undefined) return false;
  return (await work.head(inputKey))?.etag !== period.etag;
}

/** The input file and the staging folder themselves, when the work store is a local directory. */
function inPlaceOf(work: Store, inputKey: string, stagedRoot: string): { input: string; staged: string } | undefined {
  const input = localPathOf(work, inputKey);
  const staged = localPathOf(work, stagedRoot);
  return input === undefined || staged === undefined ? undefined : { input, staged };
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
