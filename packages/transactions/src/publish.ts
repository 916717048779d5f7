import { copyIncremental, verifyCopy } from '@ferry/storage';
import {
  FerryError,
  layout,
  rejectedRows,
  whereIs,
  type ObjectInfo,
  type PeriodQuality,
  type PeriodRecord,
  type SourcePeriod,
  type StepHandle,
  type Store,
} from '@ferry/types';
import { readManifest, recordPeriod } from './manifest.ts';
import { removeUnlisted } from './orphans.ts';
import { checkQualityBalance } from './quality.ts';

export interface PublishPeriodArgs {
  runId: string;
  period: SourcePeriod;
  quality: PeriodQuality;
  work: Store;
  results: Store;
  step: StepHandle;
  now: () => Date;
  /** Throws when the run no longer holds the results store's lock: then the manifest is not touched. */
  confirmLock: () => Promise<void>;
}

/**
 * Publishes one cleaned period: promotes the staged parquet into the work store's output, copies it and the
 * quarantine to the results store, verifies every copy (size and ETag), and only then records the period in the
 * manifest. Files of an earlier version of the same period are deleted last, so a crash at any point leaves the
 * manifest describing data that is really there. What a failed publish copied is removed again; what a killed one
 * copied, the next run removes (removeUnlisted), so no reader of transactions/ counts a row twice.
 */
export async function publishPeriod(args: PublishPeriodArgs): Promise<PeriodRecord> {
  checkQualityBalance(args.quality);
  const staged = await listStaged(args);
  const files = ownedFiles(args, staged);
  let previous: PeriodRecord | undefined;
  let record: PeriodRecord;
  try {
    await copyAndVerify(args, files);
    record = periodRecord(args, await readBack(args.results, files));
    await args.confirmLock();
    previous = await recordPeriod(args.results, record);
  } catch (error) {
    await removeOwnUnlisted(args);
    throw error;
  }
  // Only now is it safe to drop what the earlier version of this period owned.
  if (previous) await dropSuperseded(args, previous, record);
  await args.work.delete(staged.all.map((object) => object.key));
  return record;
}

/** Tries to take back what a failed publish copied: the store that failed it may still be failing for a moment. */
const REMOVE_ATTEMPTS = 3;

/**
 * After a failed publish, the files it copied, unless the manifest lists them after all (a manifest write whose reply
 * was lost): the manifest, read again now, decides. If that keeps failing, they stay for the next run to remove.
 */
async function removeOwnUnlisted({ results, work, runId, period, step }: PublishPeriodArgs): Promise<void> {
  const ownFiles = (publisher: { period: string; runId: string }) => publisher.period === period.period && publisher.runId === runId;
  for (let attempt = 1; ; attempt++) {
    try {
      const { periods } = await readManifest(results);
      const removed = await removeUnlisted(results, work, Object.values(periods), ownFiles);
      if (removed.length > 0) step.log.warn(`removed the ${removed.length} file(s) this failed publish had copied`);
      return;
    } catch (error) {
      if (attempt < REMOVE_ATTEMPTS) continue;
      step.log.warn(`could not remove what this failed publish had copied (the next run does): ${(error as Error).message}`);
      return;
    }
  }
}

interface Staged {
  /** Everything in the period's staging folder (Spark adds _SUCCESS and .crc files), removed once published. */
  all: ObjectInfo[];
  /** Parquet under data/, keys relative to it: tx_date=YYYY-MM-DD/<the engine's name>.parquet */
  data: string[];
  /** Parquet under quarantine/, keys relative to it. */
  quarantine: string[];
}

async function listStaged({ work, runId, period, quality }: PublishPeriodArgs): Promise<Staged> {
  const folder = layout.work.staged(runId, period.period);
  const all = await work.list(folder.root);
  const parquetUnder = (prefix: string) =>
    all.filter(({ key }) => key.startsWith(prefix) && key.endsWith('.parquet')).map(({ key }) => key.slice(prefix.length));
  const staged = { all, data: parquetUnder(folder.data), quarantine: parquetUnder(folder.quarantine) };
  if (quality.rows_written > 0 && staged.data.length === 0) {
    throw new FerryError(
      `${period.source}: the engine reported ${quality.rows_written} rows but staged no parquet under ${whereIs(work, folder.data)}`,
    );
  }
  return staged;
}

/**
 * Where each staged file goes, relative to the stores the copies run between (so each copy lists only its own
 * folders): data/tx_date=D/<engine's name>.parquet → output and transactions tx_date=D/<period>_<run>_<i>.parquet,
 * quarantine/<engine's name>.parquet → quarantine/period=P/<period>_<run>_<i>.parquet.
 */
interface OwnedFiles {
  staging: { data: Store; quarantine: Store };
  output: Store;
  transactions: Store;
  quarantine: Store;
  /** Where `quarantine` is in the results store. */
  quarantineRoot: string;
  /** Staged data key → its key in output and in transactions. */
  data: Map<string, string>;
  /** Staged quarantine key → its key in quarantine. */
  rejected: Map<string, string>;
}

function ownedFiles({ work, results, runId, period }: PublishPeriodArgs, staged: Staged): OwnedFiles {
  const folder = layout.work.staged(runId, period.period);
  const perDay = new Map<string, number>();
  const data = new Map<string, string>();
  for (const key of staged.data) {
    const day = layout.work.dayOfStaged(key);
    if (!day) throw new FerryError(`${period.source}: unexpected staged file ${folder.data}${key} (expected a day partition under ${folder.data})`);
    const n = perDay.get(day) ?? 0;
    perDay.set(day, n + 1);
    data.set(key, relative(layout.results.transactionsRoot, layout.results.transactions(day, period.period, runId, n)));
  }
  const quarantineRoot = layout.results.quarantine(period.period);
  const rejected = new Map(
    staged.quarantine.map((key, n) => [key, relative(quarantineRoot, layout.results.quarantineFile(period.period, runId, n))] as const),
  );
  return {
    staging: { data: work.child(folder.data), quarantine: work.child(folder.quarantine) },
    output: work.child(layout.work.outputs),
    transactions: results.child(layout.results.transactionsRoot),
    quarantine: results.child(quarantineRoot),
    quarantineRoot,
    data,
    rejected,
  };
}

/** Promotes, publishes and verifies every file; a single difference fails the period before the manifest is touched. */
async function copyAndVerify({ period, step }: PublishPeriodArgs, files: OwnedFiles): Promise<void> {
  const promoted = [...files.data.values()];
  const renamed = (names: Map<string, string>) => (key: string) => names.get(key) ?? key;
  await copyIncremental(files.staging.data, files.output, { keys: [...files.data.keys()], mapKey: renamed(files.data) });
  const copiedData = await copyIncremental(files.output, files.transactions, { keys: promoted });
  const copiedQuarantine = await copyIncremental(files.staging.quarantine, files.quarantine, {
    keys: [...files.rejected.keys()],
    mapKey: renamed(files.rejected),
  });
  step.count('files', files.data.size + files.rejected.size);
  step.addBytes(copiedData.bytesCopied + copiedQuarantine.bytesCopied);

  const verified = [
    await verifyCopy(files.output, files.transactions, promoted),
    await verifyCopy(files.staging.quarantine, files.quarantine, [...files.rejected.keys()], renamed(files.rejected)),
  ];
  const problems = verified.flatMap((report) => report.problems);
  if (problems.length > 0) {
    throw new FerryError(`${period.source}: published files failed verification, manifest left unchanged:\n  ${problems.join('\n  ')}`);
  }
}

/** What the manifest records is what the results store holds now, read back after verification. */
async function readBack(results: Store, files: OwnedFiles): Promise<PeriodRecord['files']> {
  const owned = [
    ...[...files.data.values()].map((key) => ({ store: files.transactions, key, recorded: `${layout.results.transactionsRoot}${key}` })),
    ...[...files.rejected.values()].map((key) => ({ store: files.quarantine, key, recorded: `${files.quarantineRoot}${key}` })),
  ];
  return Promise.all(
    owned.map(async ({ store, key, recorded }) => {
      const info = await store.head(key);
      if (!info) throw new FerryError(`${whereIs(results, recorded)} vanished right after it was verified`);
      return { key: recorded, size: info.size, etag: info.etag };
    }),
  );
}

function periodRecord({ runId, period, quality, now }: PublishPeriodArgs, files: PeriodRecord['files']): PeriodRecord {
  return {
    ...period,
    run_id: runId,
    processed_at: now().toISOString(),
    rows_read: quality.rows_read,
    rows_written: quality.rows_written,
    rows_rejected: rejectedRows(quality),
    files,
  };
}

/** Deletes what the earlier version of the period owned and this one does not, in both stores. */
async function dropSuperseded({ work, results, step }: PublishPeriodArgs, previous: PeriodRecord, record: PeriodRecord): Promise<void> {
  const kept = new Set(record.files.map((file) => file.key));
  const superseded = previous.files.map((file) => file.key).filter((key) => !kept.has(key));
  await results.delete(superseded);
  await work.delete(superseded.flatMap((key) => layout.work.outputOf(key) ?? []));
  step.count('superseded_files', superseded.length);
}

function relative(prefix: string, key: string): string {
  if (!key.startsWith(prefix)) throw new Error(`${key} is not under ${prefix}`);
  return key.slice(prefix.length);
}
