import { FerryError, layout, runRecordFormat, whereIs, type Pipeline, type RunRecord, type Store } from '@ferry/types';
import { isValidRunId } from './ids.ts';

/** Every recorded run in the results store, newest first; a run.json this ferry cannot read is left out. */
export async function listRuns(results: Store, filter: { pipeline?: Pipeline } = {}): Promise<RunRecord[]> {
  const keys = (await results.list(layout.results.runs)).map((object) => object.key).filter((key) => layout.results.runIdOfRecord(key) !== undefined);
  const records = await Promise.all(
    keys.map(async (key) => {
      const text = await results.readText(key);
      const decoded = text === undefined ? undefined : runRecordFormat.decode(text);
      // One damaged run must not hide the others.
      return decoded?.ok ? decoded.value : undefined;
    }),
  );
  return records
    .filter((record): record is RunRecord => record !== undefined)
    .filter((record) => !filter.pipeline || record.pipeline === filter.pipeline)
    .sort((a, b) => b.started_at.localeCompare(a.started_at) || b.run_id.localeCompare(a.run_id));
}

/** One run's record, with the sections its pipeline reported. */
export async function loadRun(results: Store, runId: string): Promise<RunRecord> {
  if (!isValidRunId(runId)) throw new FerryError(`"${runId}" is not a run id (see \`ferry runs\`)`);
  const key = layout.results.run(runId).record;
  const text = await results.readText(key);
  if (text === undefined) throw new FerryError(`no run ${runId} in ${results.url} (see \`ferry runs\`)`);
  return runRecordFormat.parse(text, whereIs(results, key));
}
