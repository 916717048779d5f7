import { z } from 'zod';
import { jsonFormat } from './format.ts';
import type { RunLockHolder } from './lock.ts';

const count = z.number().int().nonnegative();

const sourcePeriodShape = {
  /** `YYYY-MM-DD`, the file name's date. */
  period: z.string(),
  /** Object key of the source file, e.g. `2019-08-22.txt`. */
  source: z.string(),
  size: count,
  etag: z.string(),
};

/** A source period: one `YYYY-MM-DD.txt` file in the source location. */
export type SourcePeriod = z.infer<z.ZodObject<typeof sourcePeriodShape>>;

// Loose objects: fields a newer ferry adds (within the same version) survive this ferry's read-modify-write.
const periodRecordSchema = z.looseObject({
  ...sourcePeriodShape,
  run_id: z.string(),
  processed_at: z.string(),
  rows_read: count,
  rows_written: count,
  rows_rejected: count,
  /** Every results-store key this period owns (transactions/ and quarantine/), with what was verified. */
  files: z.array(z.looseObject({ key: z.string(), size: count, etag: z.string() })),
});

/** What the results store holds for one processed period: its entry in the manifest. */
export type PeriodRecord = z.infer<typeof periodRecordSchema>;

const manifestSchema = z.looseObject({
  /** Keyed by period. */
  periods: z.record(z.string(), periodRecordSchema),
});

/** The results store's manifest (`layout.results.manifest`): which run produced which period's files. */
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * The manifest's file format. Version 1 from the start; a later version is refused (a run stops before touching the store), so an
 * older ferry never rewrites a newer one's manifest.
 */
export const manifestFormat = jsonFormat({
  name: 'ferry manifest',
  schema: manifestSchema,
  version: 1,
  remedy: 'fix or restore it (the store is versioned) before running again',
});

export interface Plan {
  source: SourcePeriod[];
  processed: PeriodRecord[];
  /** Periods absent from the manifest or recorded with another size or ETag. */
  new: SourcePeriod[];
  /** The run holding the results store's lock, if one does: a run started now would be refused. */
  in_use_by?: RunLockHolder;
  /** How the results store's run lock holds: 'best-effort' where its S3 server ignores conditional writes (s3rver). */
  lock?: 'atomic' | 'best-effort';
}
