import { copyIncremental, verifyCopy } from '@ferry/storage';
import {
  FerryError,
  RULE_IDS,
  stagingPrefix,
  type PeriodQuality,
  type PeriodRecord,
  type SourcePeriod,
  type StepHandle,
  type Store,
} from '@ferry/types';
import { recordPeriod } from './manifest.ts';

/** Work and results layout, in one place. */
export const layout = {
  input: 'input_data/',
  output: 'output_data/',
  transactions: 'transactions/',
  quarantine: (period: string) => `quarantine/period=${period}/`,
  /** A file a period owns: its name carries the period and the run, so periods never collide inside a day partition. */
  ownedFileName: (period: string, runId: string, index: number) => `${period}_${runId}_${index}.parquet`,
};

export function checkQualityBalance(quality: PeriodQuality): void {
  const rejected = RULE_IDS.reduce((sum, rule) => sum + (quality.rejected[rule] ?? 0), 0);
  if (quality.rows_read !== quality.rows_written + rejected) {
    throw new FerryError(
      `${quality.source}: rows do not add up (read ${quality.rows_read}, written ${quality.rows_written}, rejected ${rejected}); nothing of this period is published`,
    );
  }
}

export function rejectedRows(quality: PeriodQuality): number {
  return RULE_IDS.reduce((sum, rule) => sum + (quality.rejected[rule] ?? 0), 0);
}

/**
 * Publishes one cleaned period: promotes the staged parquet into work/output_data/tx_date=…/, copies it and the
 * quarantine to the results store, verifies every copy (size and ETag), and only then records the period in the
 * manifest. Files of an earlier version of the same period are deleted last, so a crash at any point leaves the
 * manifest describing data that is really there.
 */
export async function publishPeriod(args: {
  runId: string;
  period: SourcePeriod;
  quality: PeriodQuality;
  work: Store;
  results: Store;
  step: StepHandle;
  now: () => Date;
  /** Throws when the run no longer holds the results store's lock: then the manifest is not touched. */
  confirmLock: () => Promise<void>;
}): Promise<PeriodRecord> {
  const { runId, period, quality, work, results, step } = args;
  checkQualityBalance(quality);
  const staging = work.child(stagingPrefix(runId, period.period));
  const staged = await staging.list();
  const stagedData = staged.filter((object) => object.key.startsWith('data/') && object.key.endsWith('.parquet'));
  const stagedQuarantine = staged.filter((object) => object.key.startsWith('quarantine/') && object.key.endsWith('.parquet'));
  if (quality.rows_written > 0 && stagedData.length === 0) {
    throw new FerryError(`${period.source}: the engine reported ${quality.rows_written} rows but staged no parquet under ${staging.url}`);
  }

  // data/tx_date=D/<engine's name>.parquet → tx_date=D/<period>_<run>_<i>.parquet
  const perDay = new Map<string, number>();
  const dataNames = new Map<string, string>();
  for (const object of stagedData) {
    const day = /^data\/(tx_date=\d{4}-\d{2}-\d{2})\//.exec(object.key)?.[1];
    if (!day) throw new FerryError(`${period.source}: unexpected staged file ${object.key} (expected data/tx_date=YYYY-MM-DD/…)`);
    const index = perDay.get(day) ?? 0;
    perDay.set(day, index + 1);
    dataNames.set(object.key, `${day}/${layout.ownedFileName(period.period, runId, index)}`);
  }
  const quarantineNames = new Map(
    stagedQuarantine.map((object, index) => [object.key, layout.ownedFileName(period.period, runId, index)] as const),
  );

  const output = work.child(layout.output);
  const transactions = results.child(layout.transactions);
  const quarantine = results.child(layout.quarantine(period.period));
  const dataKeys = [...dataNames.keys()];
  const quarantineKeys = [...quarantineNames.keys()];
  const promoted = [...dataNames.values()];

  await copyIncremental(staging, output, { keys: dataKeys, mapKey: (key) => dataNames.get(key) ?? key });
  const copiedData = await copyIncremental(output, transactions, { keys: promoted });
  const copiedQuarantine = await copyIncremental(staging, quarantine, {
    keys: quarantineKeys,
    mapKey: (key) => quarantineNames.get(key) ?? key,
  });
  step.count('files', promoted.length + quarantineKeys.length);
  step.addBytes(copiedData.bytesCopied + copiedQuarantine.bytesCopied);

  const verified = [
    await verifyCopy(output, transactions, promoted),
    await verifyCopy(staging, quarantine, quarantineKeys, (key) => quarantineNames.get(key) ?? key),
  ];
  const problems = verified.flatMap((report) => report.problems);
  if (problems.length > 0) {
    throw new FerryError(`${period.source}: published files failed verification, manifest left unchanged:\n  ${problems.join('\n  ')}`);
  }

  // What the manifest records is what the results store holds now, read back after verification.
  const ownedKeys = [
    ...promoted.map((key) => ({ store: transactions, key, recorded: `${layout.transactions}${key}` })),
    ...[...quarantineNames.values()].map((key) => ({ store: quarantine, key, recorded: `${layout.quarantine(period.period)}${key}` })),
  ];
  const owned = await Promise.all(
    ownedKeys.map(async ({ store, key, recorded }) => {
      const info = await store.head(key);
      if (!info) throw new FerryError(`${results.url}/${recorded} vanished right after it was verified`);
      return { key: recorded, size: info.size, etag: info.etag };
    }),
  );

  const record: PeriodRecord = {
    ...period,
    run_id: runId,
    processed_at: args.now().toISOString(),
    rows_read: quality.rows_read,
    rows_written: quality.rows_written,
    rows_rejected: rejectedRows(quality),
    files: owned,
  };
  await args.confirmLock();
  const previous = await recordPeriod(results, record);

  // Only now is it safe to drop what the earlier version of this period owned.
  if (previous) {
    const kept = new Set(owned.map((file) => file.key));
    const superseded = previous.files.map((file) => file.key).filter((key) => !kept.has(key));
    await results.delete(superseded);
    const stale = superseded
      .filter((key) => key.startsWith(layout.transactions))
      .map((key) => key.slice(layout.transactions.length));
    await output.delete(stale);
    step.count('superseded_files', superseded.length);
  }
  await staging.delete(staged.map((object) => object.key));
  return record;
}
