import { z } from 'zod';
import { formatBytes, formatCount } from '@ferry/runs';
import { jsonFormat, layout, type PipelineKeys, type ReportSection } from '@ferry/types';

const imageEntrySchema = z.object({
  /** The launch's own image URL. */
  url: z.string().nullable(),
  launch_id: z.string(),
  launch_name: z.string().optional(),
  rocket: z.string().optional(),
  status: z.enum(['downloaded', 'present', 'duplicate', 'failed', 'no_image']),
  reason: z.string().optional(),
  sha256: z.string().optional(),
  bytes: z.number().optional(),
  /** Wall time of every attempt and the waits between them. */
  ms: z.number().optional(),
  /** Time to the response headers, on the last attempt. */
  ttfb_ms: z.number().optional(),
  /** Requests made for it (0: already stored, or refused without a request). */
  attempts: z.number().optional(),
  /** The host of the URL the bytes came from. */
  host: z.string().optional(),
  /** Its key in the store (rocket/images/<sha256>.<ext>). */
  file: z.string().optional(),
  /** Set when a fallback gave the image: which one, its URL, and why the launch's own image did not. */
  source: z.enum(['thumbnail', 'rocket_image']).optional(),
  fetched_url: z.string().optional(),
  fallback_reason: z.string().optional(),
  /** When the fallbacks were tried and failed too: each URL and its answer. */
  fallbacks_failed: z.string().optional(),
});

/**
 * One launch image of a run: downloaded, already present, a duplicate, failed (with the reason) or no image at all.
 * Entries of runs before the launch name, timings and file were kept have only the first fields.
 */
export type ImageReportEntry = z.infer<typeof imageEntrySchema>;

const count = z.number().int().nonnegative();
const imageTotalsSchema = z.object({
  launches: count,
  unique_urls: count,
  downloaded: count,
  present: count,
  duplicate: count,
  failed: count,
  no_image: count,
  bytes_downloaded: count,
});
export type ImageTotals = z.infer<typeof imageTotalsSchema>;

const imageReportSchema = z.object({
  images: z.array(imageEntrySchema),
  totals: imageTotalsSchema,
  /** Bytes received over the wall time of the download phase. */
  throughput_bytes_per_second: z.number(),
  elapsed_ms: z.number(),
});
export type ImageReport = z.infer<typeof imageReportSchema>;

/**
 * A rocket run's images.json (`layout.results.run(id).images`): one entry per launch. Version 1; files written before
 * it had a version are version 1 (the same fields).
 */
export const imageReportFormat = jsonFormat({ name: 'ferry image report', schema: imageReportSchema, version: 1 });

/** The images section of a rocket run's report: `5 launches: downloaded 3, present 1, failed 1; 1.2 MB downloaded`, then each failure. */
export function imagesSection(report: ImageReport): ReportSection {
  const byStatus = new Map<string, number>();
  let bytes = 0;
  for (const image of report.images) {
    byStatus.set(image.status, (byStatus.get(image.status) ?? 0) + 1);
    if (image.status === 'downloaded') bytes += image.bytes ?? 0;
  }
  const counts = [...byStatus].map(([status, n]) => `${status} ${formatCount(n)}`).join(', ') || 'no images';
  const totals = Object.entries(report.totals)
    .map(([name, n]) => `${name} ${formatCount(n)}`)
    .join(', ');
  return {
    title: 'Images',
    text: `${formatCount(report.images.length)} launches: ${counts}; ${formatBytes(bytes)} downloaded${totals ? ` (totals: ${totals})` : ''}`,
    items: failedImages(report).map((failed) => `${failed.launch}: ${failed.url ?? 'no url'} — ${failed.reason}`),
  };
}

/** A launch whose image could not be had, by name: what the webhook and the reports list. */
export interface FailedImage {
  launch: string;
  launch_id: string;
  url: string | null;
  reason: string;
}

export function failedImages(report: ImageReport): FailedImage[] {
  return report.images
    .filter((image) => image.status === 'failed')
    .map((image) => ({
      launch: image.launch_name ?? `launch ${image.launch_id}`,
      launch_id: image.launch_id,
      url: image.url,
      reason: image.reason ?? 'failed',
    }));
}

/** One row per launch: from the launch to its stored file, with how the download went. */
export function imageTableSection(report: ImageReport): ReportSection {
  const dash = (value: string | number | undefined) => (value === undefined ? '-' : String(value));
  return {
    title: 'Images by launch',
    text: 'Time is the wall time of every attempt and the waits between them; TTFB is the time to the response headers on the last attempt.',
    table: {
      header: ['launch', 'rocket', 'host', 'status', 'reason', 'attempts', 'bytes', 'total ms', 'TTFB ms', 'file'],
      rows: report.images.map((image) => [
        image.launch_name ?? image.launch_id,
        dash(image.rocket),
        dash(image.host),
        image.source ? `${image.status} (${image.source})` : image.status,
        dash(image.source ? `fallback: ${image.fallback_reason ?? ''}` : image.reason),
        dash(image.attempts),
        image.bytes === undefined ? '-' : formatBytes(image.bytes),
        dash(image.ms),
        dash(image.ttfb_ms),
        dash(image.file),
      ]),
      align: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
    },
  };
}

/** Failed launch images counted by reason and by host: which problem, and where. */
export function failuresSection(report: ImageReport): ReportSection {
  const failed = report.images.filter((image) => image.status === 'failed');
  const rows = [
    ...countRows(failed, (image) => `reason: ${image.reason ?? 'failed'}`),
    ...countRows(failed, (image) => `host: ${image.host ?? (image.url && URL.canParse(image.url) ? new URL(image.url).host : 'none')}`),
  ];
  const fallbacks = report.images.filter((image) => image.source).length;
  return {
    title: 'Image failures',
    text:
      failed.length === 0
        ? `No image failed${fallbacks ? ` (${fallbacks} came from a fallback source)` : ''}.`
        : `${failed.length} of ${report.images.filter((image) => image.url).length} launch images failed${fallbacks ? `; ${fallbacks} came from a fallback source` : ''}.`,
    ...(rows.length ? { table: { header: ['grouped by', 'launches'], rows, align: ['left', 'right'] as ('left' | 'right')[] } } : {}),
  };
}

function countRows(images: readonly ImageReportEntry[], key: (image: ImageReportEntry) => string): string[][] {
  const counts = new Map<string, number>();
  for (const image of images) counts.set(key(image), (counts.get(key(image)) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([name, n]) => [name, String(n)]);
}

/** What a rocket run owns in the results store, for `ferry export`: the stored images its images.json lists. */
export const rocketKeys: PipelineKeys = {
  pipeline: 'rocket',
  async runKeys(results, record) {
    const report = await imageReportFormat.read(results, layout.results.run(record.run_id).images);
    const hashes = new Set((report?.images ?? []).flatMap((image) => (image.sha256 ? [image.sha256] : [])));
    if (hashes.size === 0) return [];
    return (await results.list(layout.rocket.images)).map((object) => object.key).filter((key) => hashes.has(layout.rocket.sha256OfImage(key) ?? ''));
  },
  described: [
    [layout.results.run('<run-id>').images, 'one entry per launch image (rocket runs)'],
    [layout.rocket.images, 'launch images, named by the SHA-256 of their content'],
  ],
};
