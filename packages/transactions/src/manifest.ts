import { z } from 'zod';
import { FerryError, MANIFEST_KEY, type Manifest, type PeriodRecord, type Store } from '@ferry/types';

const fileSchema = z.object({ key: z.string(), size: z.number(), etag: z.string() });
const periodRecordSchema = z.object({
  period: z.string(),
  source: z.string(),
  size: z.number(),
  etag: z.string(),
  run_id: z.string(),
  processed_at: z.string(),
  rows_read: z.number(),
  rows_written: z.number(),
  rows_rejected: z.number(),
  files: z.array(fileSchema),
});
const manifestSchema = z.object({ version: z.literal(1), periods: z.record(z.string(), periodRecordSchema) });

/** The results store's manifest; an absent manifest is an empty one, a corrupt one is an error (never silently reset). */
export async function readManifest(results: Store): Promise<Manifest> {
  const text = await results.readText(MANIFEST_KEY);
  if (text === undefined) return { version: 1, periods: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FerryError(`${results.url}/${MANIFEST_KEY} is not valid JSON; fix or restore it (the store is versioned) before running again`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FerryError(`${results.url}/${MANIFEST_KEY} is not a ferry manifest: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

export async function writeManifest(results: Store, manifest: Manifest): Promise<void> {
  const periods = Object.fromEntries(Object.entries(manifest.periods).sort(([a], [b]) => a.localeCompare(b)));
  await results.write(MANIFEST_KEY, `${JSON.stringify({ ...manifest, periods }, null, 2)}\n`, { contentType: 'application/json' });
}

/** Records one published period, returning the record it replaces (if any). */
export async function recordPeriod(results: Store, record: PeriodRecord): Promise<PeriodRecord | undefined> {
  const manifest = await readManifest(results);
  const previous = manifest.periods[record.period];
  manifest.periods[record.period] = record;
  await writeManifest(results, manifest);
  return previous;
}
