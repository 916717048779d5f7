import { z } from 'zod';
import { formatBytes, formatCount } from '@ferry/runs';
import { jsonFormat, layout, type PipelineKeys, type ReportSection } from '@ferry/types';

const imageEntrySchema = z.object({
  url: z.string().nullable(),
  launch_id: z.string(),
  status: z.enum(['downloaded', 'present', 'duplicate', 'failed', 'no_image']),
  reason: z.string().optional(),
  sha256: z.string().optional(),
  bytes: z.number().optional(),
  ms: z.number().optional(),
});

/** One launch image of a run: downloaded, already present, a duplicate, failed (with the reason) or no image at all. */
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
  const failed = report.images
    .filter((image) => image.status === 'failed')
    .map((image) => `launch ${image.launch_id}: ${image.url ?? 'no url'}${image.reason ? ` — ${image.reason}` : ''}`);
  return {
    title: 'Images',
    text: `${formatCount(report.images.length)} launches: ${counts}; ${formatBytes(bytes)} downloaded${totals ? ` (totals: ${totals})` : ''}`,
    items: failed,
  };
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
