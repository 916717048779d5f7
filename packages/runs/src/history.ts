import { FerryError, type ImageReportEntry, type Pipeline, type QualityReport, type RunRecord, type Store } from '@ferry/types';
import { isValidRunId } from './ids.ts';

/** What images.json holds (written by the rocket pipeline). */
export interface ImagesReport {
  images: ImageReportEntry[];
  totals?: Record<string, number>;
}

/** A recorded run with the artifacts the reports show. */
export interface LoadedRun {
  record: RunRecord;
  quality?: QualityReport;
  images?: ImagesReport;
}

export const runPrefix = (runId: string): string => `runs/${runId}/`;
const RUN_FILE = /^runs\/([^/]+)\/run\.json$/;

/** Every recorded run in the results store, newest first. */
export async function listRuns(results: Store, filter: { pipeline?: Pipeline } = {}): Promise<RunRecord[]> {
  const keys = (await results.list('runs/')).map((object) => object.key).filter((key) => RUN_FILE.test(key));
  const records = await Promise.all(keys.map(async (key) => parseJson<RunRecord>(await results.readText(key))));
  return records
    .filter((record): record is RunRecord => record !== undefined && typeof record.run_id === 'string')
    .filter((record) => !filter.pipeline || record.pipeline === filter.pipeline)
    .sort((a, b) => b.started_at.localeCompare(a.started_at) || b.run_id.localeCompare(a.run_id));
}

/** One run with its quality.json and images.json when present. */
export async function loadRun(results: Store, runId: string): Promise<LoadedRun> {
  if (!isValidRunId(runId)) throw new FerryError(`"${runId}" is not a run id (see \`ferry runs\`)`);
  const prefix = runPrefix(runId);
  const [recordText, qualityText, imagesText] = await Promise.all(
    ['run.json', 'quality.json', 'images.json'].map((name) => results.readText(prefix + name)),
  );
  if (recordText === undefined) throw new FerryError(`no run ${runId} in ${results.url} (see \`ferry runs\`)`);
  const record = parseJson<RunRecord>(recordText);
  if (!record) throw new FerryError(`${results.url}/${prefix}run.json is not valid JSON`);
  const loaded: LoadedRun = { record };
  const quality = parseJson<QualityReport>(qualityText);
  if (quality) loaded.quality = quality;
  const images = parseJson<ImagesReport>(imagesText);
  if (images) loaded.images = images;
  return loaded;
}

/** Undefined for a missing or unreadable file: one damaged run must not hide the others. */
export function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
