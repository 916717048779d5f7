import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FerryError, layout, type PipelineKeys, type RunRecord, type Store } from '@ferry/types';
import { formatBytes, formatTime } from './format.ts';
import { listRuns, loadRun } from './history.ts';

export interface ExportResult {
  dir: string;
  files: number;
  bytes: number;
}

export interface ExportOptions {
  /** Every pipeline's keys: what one run owns beyond its folder, and what the README says of them. */
  pipelines: readonly PipelineKeys[];
  /** Export this run only. */
  runId?: string;
  now?: Date;
}

/**
 * Copies the results store — or one run: its folder plus what its pipeline says the run owns (the files of the
 * periods it published, the launch images it lists) — into `<outRoot>/ferry-export-<UTC timestamp>/`, as plain files
 * with a README.txt index, so the results, logs and reports can be opened without ferry.
 */
export async function exportResults(results: Store, outRoot: string, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const selection = options.runId ? await runSelection(results, options.runId, options.pipelines) : await storeSelection(results);
  const dir = await createExportDir(outRoot, now);

  let bytes = 0;
  for (const key of selection.keys) {
    const target = path.join(dir, ...key.split('/'));
    if (!target.startsWith(dir + path.sep)) throw new FerryError(`refusing to export ${key}: it would land outside ${dir}`);
    bytes += (await results.download(key, target)).size;
  }
  await writeFile(path.join(dir, 'README.txt'), readme(results, now, selection, bytes, options.pipelines));
  return { dir, files: selection.keys.length, bytes };
}

interface Selection {
  keys: string[];
  runs: RunRecord[];
  runId?: string;
  /** Files the run's pipeline says it owns that the store no longer holds. */
  missing: string[];
}

async function storeSelection(results: Store): Promise<Selection> {
  const [objects, runs] = await Promise.all([results.list(), listRuns(results)]);
  return { keys: objects.map((object) => object.key), runs, missing: [] };
}

async function runSelection(results: Store, runId: string, pipelines: readonly PipelineKeys[]): Promise<Selection> {
  const record = await loadRun(results, runId);
  const runKeys = (await results.list(layout.results.run(runId).prefix)).map((object) => object.key);
  const owned = (await pipelines.find((keys) => keys.pipeline === record.pipeline)?.runKeys(results, record)) ?? [];
  const present = await Promise.all(owned.map(async (key) => ((await results.head(key)) ? key : undefined)));
  return {
    keys: [...new Set([...runKeys, ...present.filter((key): key is string => key !== undefined)])].sort(),
    runs: [record],
    runId,
    missing: owned.filter((key, i) => present[i] === undefined),
  };
}

/** A fresh folder named after the export time; a second export within the same second gets a suffix. */
async function createExportDir(outRoot: string, now: Date): Promise<string> {
  const root = path.resolve(outRoot);
  await mkdir(root, { recursive: true });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  for (let n = 1; ; n += 1) {
    const dir = path.join(root, n === 1 ? `ferry-export-${stamp}` : `ferry-export-${stamp}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function readme(results: Store, now: Date, selection: Selection, bytes: number, pipelines: readonly PipelineKeys[]): string {
  const run = layout.results.run('<run-id>');
  const described: (readonly [string, string])[] = [
    [run.reportHtml, 'the run report with its Gantt chart: open it in any browser (works offline)'],
    [run.reportMarkdown, 'the same report as Markdown (the Gantt chart is a Mermaid block)'],
    [run.record, 'the run record: steps, every attempt, timings, counts, totals'],
    [run.log, 'the structured log, one JSON object per line'],
    ...pipelines.flatMap((keys) => keys.described),
  ];
  const folders = new Map<string, { files: number }>();
  for (const key of selection.keys) {
    const folder = key.includes('/') ? `${key.slice(0, key.indexOf('/'))}/` : key;
    folders.set(folder, { files: (folders.get(folder)?.files ?? 0) + 1 });
  }
  const lines = [
    'ferry export',
    '============',
    '',
    `Exported from: ${results.url}`,
    `Exported at:   ${formatTime(now.toISOString())} UTC`,
    `Contents:      ${selection.runId ? `run ${selection.runId} only` : 'the whole results store'} — ${selection.keys.length} files, ${formatBytes(bytes)}`,
    '',
    'These are plain files; nothing here needs ferry to be read.',
    '',
    'What is where',
    '-------------',
    ...described.map(([key, what]) => `  ${key.padEnd(36)} ${what}`),
    '',
    'Top-level folders in this export',
    '--------------------------------',
    ...[...folders].map(([folder, { files }]) => `  ${folder.padEnd(30)} ${files} files`),
    '',
    'Runs',
    '----',
    ...(selection.runs.length
      ? selection.runs.map(
          (run) =>
            `  ${run.run_id}  ${run.pipeline.padEnd(12)} ${run.status.padEnd(9)} started ${formatTime(run.started_at)} UTC   ${layout.results.run(run.run_id).reportHtml}`,
        )
      : ['  (none)']),
  ];
  if (selection.missing.length) {
    lines.push(
      '',
      'Owned by the run but absent from the store (not exported)',
      '---------------------------------------------------------',
      ...selection.missing.map((key) => `  ${key}`),
    );
  }
  lines.push('', 'Files', '-----', ...selection.keys.map((key) => `  ${key}`), '');
  return lines.join('\n');
}
