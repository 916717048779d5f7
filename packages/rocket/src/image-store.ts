import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FerryError, layout, type Store } from '@ferry/types';
import { imageReportFormat } from './image-report.ts';
import { imageIndexFormat, type ImageIndex } from './images.ts';
import { readLaunchesTable, type LaunchRow } from './launches-table.ts';

export interface VerifyReport {
  /** Images whose bytes still hash to their name. */
  ok: number;
  /** Stored images whose bytes no longer hash to their name. */
  corrupt: { key: string; sha256: string }[];
  /** Images the index names that the store does not hold. */
  missing: { url: string; key: string }[];
  bytes: number;
}

/** Re-hashes every stored image against the SHA-256 in its name, and checks that every image the index names is there. */
export async function verifyImages(store: Store): Promise<VerifyReport> {
  const objects = (await store.list(layout.rocket.images)).filter((object) => object.key !== layout.rocket.imageIndex);
  const report: VerifyReport = { ok: 0, corrupt: [], missing: [], bytes: 0 };
  const present = new Set<string>();
  for (const object of objects) {
    const named = layout.rocket.sha256OfImage(object.key);
    if (!named) continue;
    present.add(object.key);
    const hash = createHash('sha256');
    for await (const chunk of await store.readStream(object.key)) hash.update(chunk as Buffer);
    report.bytes += object.size;
    if (hash.digest('hex') === named) report.ok += 1;
    else report.corrupt.push({ key: object.key, sha256: named });
  }
  for (const [url, entry] of Object.entries(await readIndex(store))) {
    const key = objects.find((object) => layout.rocket.sha256OfImage(object.key) === entry.sha256)?.key;
    if (!key) report.missing.push({ url, key: layout.rocket.image(entry.sha256, '*') });
  }
  return report;
}

export interface PruneReport {
  deleted: string[];
  /** Index entries dropped with them. */
  forgotten: number;
  kept: number;
}

/**
 * Deletes the stored images no run has used since `before` (by the index's `last_seen`, else `first_seen`), and
 * their index entries; an image another, newer URL still uses is kept.
 */
export async function pruneImages(store: Store, before: Date): Promise<PruneReport> {
  const index = await readIndex(store);
  const lastUse = new Map<string, number>();
  for (const entry of Object.values(index)) {
    const used = Date.parse(entry.last_seen ?? entry.first_seen);
    lastUse.set(entry.sha256, Math.max(lastUse.get(entry.sha256) ?? Number.NEGATIVE_INFINITY, used));
  }
  const old = new Set([...lastUse].filter(([, used]) => used < before.getTime()).map(([sha256]) => sha256));
  const objects = (await store.list(layout.rocket.images)).filter((object) => object.key !== layout.rocket.imageIndex);
  const deleted = objects.map((object) => object.key).filter((key) => old.has(layout.rocket.sha256OfImage(key) ?? ''));
  const kept = Object.fromEntries(Object.entries(index).filter(([, entry]) => !old.has(entry.sha256)));
  if (deleted.length) await store.delete(deleted);
  const forgotten = Object.keys(index).length - Object.keys(kept).length;
  if (forgotten) await store.write(layout.rocket.imageIndex, imageIndexFormat.encode({ images: kept }), { contentType: 'application/json' });
  return { deleted, forgotten, kept: objects.length - deleted.length };
}

async function readIndex(store: Store): Promise<ImageIndex> {
  return (await imageIndexFormat.read(store, layout.rocket.imageIndex))?.images ?? {};
}

export interface ImagesByLaunchResult {
  files: string[];
  /** Launches that have no stored image (none, failed, or pruned since). */
  without: number;
}

/**
 * Copies stored images into `dir` named after their launch: `<net date>_<launch slug>.<ext>` (`unknown-date_` when the
 * API's time was not one). Every launch of the table, or those of one run (its images.json).
 */
export async function exportImagesByLaunch(store: Store, dir: string, options: { runId?: string } = {}): Promise<ImagesByLaunchResult> {
  let rows = await readLaunchesTable(store);
  if (options.runId) {
    const report = await imageReportFormat.read(store, layout.results.run(options.runId).images);
    if (!report) throw new FerryError(`run ${options.runId} has no images.json: it is not a rocket run, or it failed before downloading`);
    const ids = new Set(report.images.map((image) => image.launch_id));
    const files = new Map(report.images.flatMap((image) => (image.file ? [[image.launch_id, image.file] as const] : [])));
    rows = rows.filter((row) => ids.has(row.launch_id)).map((row) => ({ ...row, image_file: files.get(row.launch_id) ?? row.image_file }));
  }
  const stored = new Set((await store.list(layout.rocket.images)).map((object) => object.key));
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const taken = new Set<string>();
  let without = 0;
  for (const row of rows) {
    const key = fileOf(row, stored);
    if (!key) {
      without += 1;
      continue;
    }
    const name = uniqueName(launchFileName(row, path.extname(key)), taken);
    await pipeline(await store.readStream(key), createWriteStream(path.join(dir, name)));
    files.push(name);
  }
  return { files, without };
}

/** `2025-03-27_starlink-group-12-22.jpg`; the slug is already reduced to [a-z0-9-] when it is read. */
function launchFileName(row: Pick<LaunchRow, 'net' | 'slug' | 'name'>, extension: string): string {
  const date = row.net ? row.net.slice(0, 10) : 'unknown-date';
  const slug = (row.slug ?? row.name).replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'launch';
  return `${date}_${slug}${extension}`;
}

function fileOf(row: LaunchRow, stored: ReadonlySet<string>): string | undefined {
  if (row.image_file && stored.has(row.image_file)) return row.image_file;
  if (!row.image_sha256) return undefined;
  return [...stored].find((key) => layout.rocket.sha256OfImage(key) === row.image_sha256);
}

function uniqueName(name: string, taken: Set<string>): string {
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${stem}-${n}${extension}`;
  taken.add(candidate);
  return candidate;
}
