import { layout, manifestFormat, type Manifest, type PeriodRecord, type PipelineKeys, type Store } from '@ferry/types';

/**
 * The results store's manifest. An absent manifest is an empty one; one this ferry cannot read (not JSON, a field
 * missing, a newer version) stops the run before anything is published, and is never reset or overwritten.
 */
export async function readManifest(results: Store): Promise<Manifest> {
  return (await manifestFormat.read(results, layout.results.manifest)) ?? { periods: {} };
}

export async function writeManifest(results: Store, manifest: Manifest): Promise<void> {
  const periods = Object.fromEntries(Object.entries(manifest.periods).sort(([a], [b]) => a.localeCompare(b)));
  await manifestFormat.write(results, layout.results.manifest, { ...manifest, periods });
}

/** Records one published period, returning the record it replaces (if any). */
export async function recordPeriod(results: Store, record: PeriodRecord): Promise<PeriodRecord | undefined> {
  const manifest = await readManifest(results);
  const previous = manifest.periods[record.period];
  manifest.periods[record.period] = record;
  await writeManifest(results, manifest);
  return previous;
}

/** What a transactions run owns in the results store, for `ferry export`: the files of the periods it published. */
export const transactionsKeys: PipelineKeys = {
  pipeline: 'transactions',
  async runKeys(results, record) {
    const { periods } = await readManifest(results);
    return Object.values(periods)
      .filter((period) => period.run_id === record.run_id)
      .flatMap((period) => period.files.map((file) => file.key));
  },
  described: [
    [layout.results.run('<run-id>').quality, 'per-period data quality (transactions runs)'],
    [layout.results.manifest, 'which source period each published file comes from'],
    [layout.results.transactionsDay('YYYY-MM-DD'), 'clean rows as Parquet, one file per period and day'],
    [layout.results.quarantine('YYYY-MM-DD'), 'every rejected line with its rule'],
  ],
};
