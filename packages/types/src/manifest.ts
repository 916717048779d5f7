/** A source period: one `YYYY-MM-DD.txt` file in the source location. */
export interface SourcePeriod {
  /** `YYYY-MM-DD`, the file name's date. */
  period: string;
  /** Object key of the source file, e.g. `2019-08-22.txt`. */
  source: string;
  size: number;
  etag: string;
}

/** What the results store holds for one processed period (manifest.json). */
export interface PeriodRecord extends SourcePeriod {
  run_id: string;
  processed_at: string;
  rows_read: number;
  rows_written: number;
  rows_rejected: number;
  /** Every results-store key this period owns (transactions/ and quarantine/), with what was verified. */
  files: { key: string; size: number; etag: string }[];
}

export interface Manifest {
  version: 1;
  /** Keyed by period. */
  periods: Record<string, PeriodRecord>;
}

/** Where a results store keeps its manifest: which run produced which period's files. */
export const MANIFEST_KEY = 'manifest.json';

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

/** Who holds a results store's run lock, and until when unless renewed. */
export interface RunLockHolder {
  run_id: string;
  acquired_at: string;
  expires_at: string;
  /** Where the run's process is: its host name (shown), and an id that tells whether another process shares its process table. */
  host?: string;
  host_id?: string;
  pid?: number;
}
