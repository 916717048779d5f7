import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FerryError, MANIFEST_KEY, type Manifest, type RunRecord, type Store } from '@ferry/types';
import { formatBytes, formatTime } from './format.ts';
import { listRuns, loadRun, parseJson, runPrefix, type ImagesReport } from './history.ts';

const IMAGES_PREFIX = 'rocket/images/';

export interface ExportResult {
  dir: string;
  files: number;
  bytes: number;
}

/**
 * Copies the results store — or one run: runs/<id>/ plus the data and quarantine files of the periods that run
 * published, or the launch images it lists — into `<outRoot>/ferry-export-<UTC timestamp>/`, as plain files with a README.txt index, so the
 * results, logs and reports can be opened without ferry.
 */
export async function exportResults(results: Store, outRoot: string, options: { runId?: string; now?: Date } = {}): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const selection = options.runId ? await runSelection(results, options.runId) : await storeSelection(results);
  const dir = await createExportDir(outRoot, now);

  let bytes = 0;
  for (const key of selection.keys) {
    const target = path.join(dir, ...key.split('/'));
    if (!target.startsWith(dir + path.sep)) throw new FerryError(`refusing to export ${key}: it would land outside ${dir}`);
    bytes += (await results.download(key, target)).size;
  }
  await writeFile(path.join(dir, 'README.txt'), readme(results, now, selection, bytes));
  return { dir, files: selection.keys.length, bytes };
}

interface Selection {
  keys: string[];
  runs: RunRecord[];
  runId?: string;
  /** Files the manifest lists for the run that the store no longer holds. */
  missing: string[];
}

async function storeSelection(results: Store): Promise<Selection> {
  const [objects, runs] = await Promise.all([results.list(), listRuns(results)]);
  return { keys: objects.map((object) => object.key), runs, missing: [] };
}

async function runSelection(results: Store, runId: string): Promise<Selection> {
  const { record, images } = await loadRun(results, runId);
  const runKeys = (await results.list(runPrefix(runId))).map((object) => object.key);
  const manifest = parseJson<Manifest>(await results.readText(MANIFEST_KEY));
  const periodKeys = Object.values(manifest?.periods ?? {})
    .filter((period) => period.run_id === runId)
    .flatMap((period) => period.files.map((file) => file.key));
  const present = await Promise.all(periodKeys.map(async (key) => ((await results.head(key)) ? key : undefined)));
  return {
    keys: [...runKeys, ...present.filter((key): key is string => key !== undefined), ...(await imageKeys(results, images))].sort(),
    runs: [record],
    runId,
    missing: periodKeys.filter((key, i) => present[i] === undefined),
  };
}

/** The launch images a rocket run refers to: the rocket pipeline stores each as rocket/images/<sha256>.<ext>. */
async function imageKeys(results: Store, images: ImagesReport | undefined): Promise<string[]> {
  const hashes = new Set((images?.images ?? []).flatMap((image) => (image.sha256 ? [image.sha256] : [])));
  if (hashes.size === 0) return [];
  return (await results.list(IMAGES_PREFIX))
    .map((object) => object.key)
    .filter((key) => hashes.has(key.slice(IMAGES_PREFIX.length).replace(/\.[^.]*$/, '')));
}

/** A fresh folder named after the export time; a second export within the same second gets a suffix. */
async function createExportDir(outRoot: string, now: Date): Promise<string> {
  const root = path.resolve(outRoot);
  await mkdir(root, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
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

function readme(results: Store, now: Date, selection: Selection, bytes: number): string {
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
    '  runs/<run-id>/report.html   the run report with its Gantt chart: open it in any browser (works offline)',
    '  runs/<run-id>/report.md     the same report as Markdown (the Gantt chart is a Mermaid block)',
    '  runs/<run-id>/run.json      the run record: steps, every attempt, timings, counts, totals',
    '  runs/<run-id>/log.ndjson    the structured log, one JSON object per line',
    '  runs/<run-id>/quality.json  per-period data quality (transactions runs)',
    '  runs/<run-id>/images.json   one entry per launch image (rocket runs)',
    '  manifest.json               which source period each published file comes from',
    '  rocket/images/              launch images, named by the SHA-256 of their content',
    '  other folders               published data (Parquet partitioned by day) and quarantined rows with their reasons',
    '',
    'Top-level folders in this export',
    '--------------------------------',
    ...[...folders].map(([folder, { files }]) => `  ${folder.padEnd(30)} ${files} files`),
    '',
    'Runs',
    '----',
    ...(selection.runs.length
      ? selection.runs.map((run) => `  ${run.run_id}  ${run.pipeline.padEnd(12)} ${run.status.padEnd(9)} started ${formatTime(run.started_at)} UTC   runs/${run.run_id}/report.html`)
      : ['  (none)']),
  ];
  if (selection.missing.length) {
    lines.push('', 'Listed in the manifest but absent from the store (not exported)', '---------------------------------------------------------------', ...selection.missing.map((key) => `  ${key}`));
  }
  lines.push('', 'Files', '-----', ...selection.keys.map((key) => `  ${key}`), '');
  return lines.join('\n');
}
