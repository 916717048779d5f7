import { barChartSvg, escapeHtml, formatCount, listRuns, renderTable } from '@ferry/runs';
import { layout, type Store } from '@ferry/types';
import { imageReportFormat, type ImageReportEntry } from './image-report.ts';
import { readLaunchesTable } from './launches-table.ts';

/** Rocket runs across time: what `ferry rocket stats` prints, as a table, JSON or an HTML page with charts. */
export interface RocketStats {
  since: string;
  as_of: string;
  /** Per run: its launches and images, the failed ones, the images it stored new, and the hours since the run before it. */
  runs: {
    run_id: string;
    started_at: string;
    status: string;
    launches: number;
    images: number;
    failed: number;
    failure_rate: number;
    new_images: number;
    hours_since_previous: number | null;
  }[];
  /** Images first stored, per UTC day of the run that stored them. */
  new_images_per_day: Record<string, number>;
  /** Download outcomes per image host, over the runs (each launch image that was fetched or failed). */
  hosts: { host: string; images: number; failed: number; failure_rate: number }[];
  /** The stored images most launches used, across the runs (each downloaded once: the rest were duplicates or present). */
  most_used_images: { file: string; launches: number; runs: number }[];
  /** From the launches table: launches and distinct images per rocket. */
  rockets: { rocket: string; launches: number; images: number }[];
  /** Hours between consecutive launches of the table (by net), when it has two or more. */
  launch_interval_hours: { launches: number; mean: number; median: number; min: number; max: number } | null;
  /**
   * How old the API's copy of a launch (`last_updated`, 2.3.0) was when the run that last saw it started: how far
   * behind the API a run's data can be. Launches last seen by a run in the window.
   */
  update_lag_hours: { launches: number; median: number; max: number } | null;
}

const HOUR_MS = 3_600_000;

/** Rocket runs started since `sinceMs` before `asOf` (and the whole launches table). */
export async function rocketStats(results: Store, options: { sinceMs: number; asOf?: Date }): Promise<RocketStats> {
  const asOf = options.asOf ?? new Date();
  const since = new Date(asOf.getTime() - options.sinceMs);
  const records = (await listRuns(results, { pipeline: 'rocket' }))
    .filter((record) => Date.parse(record.started_at) >= since.getTime() && Date.parse(record.started_at) <= asOf.getTime())
    .reverse();
  const runs: RocketStats['runs'] = [];
  const newPerDay = new Map<string, number>();
  const hosts = new Map<string, { images: number; failed: number }>();
  const used = new Map<string, { launches: number; runs: Set<string> }>();
  for (const record of records) {
    const report = await imageReportFormat.read(results, layout.results.run(record.run_id).images).catch(() => undefined);
    const images = report?.images ?? [];
    const fetched = images.filter((image) => image.status !== 'no_image');
    const failed = fetched.filter((image) => image.status === 'failed').length;
    const before = runs.at(-1);
    runs.push({
      run_id: record.run_id,
      started_at: record.started_at,
      status: record.status,
      launches: record.totals.launches ?? images.length,
      images: fetched.length,
      failed,
      failure_rate: rate(failed, fetched.length),
      new_images: images.filter((image) => image.status === 'downloaded').length,
      hours_since_previous: before ? round1((Date.parse(record.started_at) - Date.parse(before.started_at)) / HOUR_MS) : null,
    });
    const day = record.started_at.slice(0, 10);
    const downloaded = runs.at(-1)!.new_images;
    if (downloaded) newPerDay.set(day, (newPerDay.get(day) ?? 0) + downloaded);
    for (const image of fetched) {
      const host = hostOf(image);
      const counts = hosts.get(host) ?? { images: 0, failed: 0 };
      counts.images += 1;
      if (image.status === 'failed') counts.failed += 1;
      hosts.set(host, counts);
      const file = image.file ?? (image.sha256 ? `${layout.rocket.images}${image.sha256}.*` : undefined);
      if (!file || image.status === 'failed') continue;
      const use = used.get(file) ?? { launches: 0, runs: new Set<string>() };
      use.launches += 1;
      use.runs.add(record.run_id);
      used.set(file, use);
    }
  }
  const table = await readLaunchesTable(results);
  const rockets = new Map<string, { launches: number; images: Set<string> }>();
  for (const row of table) {
    const entry = rockets.get(row.rocket) ?? { launches: 0, images: new Set<string>() };
    entry.launches += 1;
    if (row.image_sha256) entry.images.add(row.image_sha256);
    rockets.set(row.rocket, entry);
  }
  const nets = table.flatMap((row) => (row.net ? [Date.parse(row.net)] : [])).sort((a, b) => a - b);
  const startOf = new Map(records.map((record) => [record.run_id, Date.parse(record.started_at)]));
  const lags = table
    .flatMap((row) => {
      const seen = startOf.get(row.last_seen_run);
      return row.last_updated && seen !== undefined ? [Math.max(0, seen - Date.parse(row.last_updated)) / HOUR_MS] : [];
    })
    .sort((a, b) => a - b);
  return {
    since: since.toISOString(),
    as_of: asOf.toISOString(),
    runs,
    new_images_per_day: Object.fromEntries([...newPerDay].sort(([a], [b]) => a.localeCompare(b))),
    hosts: [...hosts]
      .map(([host, counts]) => ({ host, ...counts, failure_rate: rate(counts.failed, counts.images) }))
      .sort((a, b) => b.images - a.images || a.host.localeCompare(b.host)),
    most_used_images: [...used]
      .map(([file, use]) => ({ file, launches: use.launches, runs: use.runs.size }))
      .sort((a, b) => b.launches - a.launches || a.file.localeCompare(b.file))
      .slice(0, 10),
    rockets: [...rockets]
      .map(([rocket, entry]) => ({ rocket, launches: entry.launches, images: entry.images.size }))
      .sort((a, b) => b.images - a.images || b.launches - a.launches || a.rocket.localeCompare(b.rocket)),
    launch_interval_hours: intervals(nets),
    update_lag_hours: lags.length ? { launches: lags.length, median: round1(median(lags)), max: round1(lags.at(-1)!) } : null,
  };
}

function intervals(nets: number[]): RocketStats['launch_interval_hours'] {
  if (nets.length < 2) return null;
  const gaps = nets.slice(1).map((net, i) => (net - nets[i]!) / HOUR_MS);
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    launches: nets.length,
    mean: round1(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length),
    median: round1(median(sorted)),
    min: round1(sorted[0]!),
    max: round1(sorted.at(-1)!),
  };
}

/** The median of sorted numbers. */
function median(sorted: number[]): number {
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round1(hours: number): number {
  return Math.round(hours * 10) / 10;
}

function rate(failed: number, total: number): number {
  return total === 0 ? 0 : Math.round((failed / total) * 1000) / 1000;
}

function hostOf(image: ImageReportEntry): string {
  if (image.host) return image.host;
  return image.url && URL.canParse(image.url) ? new URL(image.url).host : '(none)';
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The stats as text tables, one per question. */
export function renderStatsText(stats: RocketStats): string {
  const parts = [
    `Rocket runs from ${stats.since.slice(0, 16).replace('T', ' ')} to ${stats.as_of.slice(0, 16).replace('T', ' ')} UTC: ${stats.runs.length}`,
  ];
  if (stats.runs.length) {
    parts.push(
      'Failure rate per run',
      renderTable(
        ['run', 'started (UTC)', 'status', 'launches', 'images', 'failed', 'failure rate', 'new images', 'hours since previous'],
        stats.runs.map((run) => [
          run.run_id,
          run.started_at.slice(0, 19).replace('T', ' '),
          run.status,
          formatCount(run.launches),
          formatCount(run.images),
          formatCount(run.failed),
          percent(run.failure_rate),
          formatCount(run.new_images),
          run.hours_since_previous === null ? '-' : String(run.hours_since_previous),
        ]),
        ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
  }
  const days = Object.entries(stats.new_images_per_day);
  if (days.length)
    parts.push(
      'New images per day',
      renderTable(
        ['day (UTC)', 'new images'],
        days.map(([day, n]) => [day, formatCount(n)]),
        ['left', 'right'],
      ),
    );
  if (stats.hosts.length)
    parts.push(
      'Failure rate per host',
      renderTable(
        ['host', 'images', 'failed', 'failure rate'],
        stats.hosts.map((host) => [host.host, formatCount(host.images), formatCount(host.failed), percent(host.failure_rate)]),
        ['left', 'right', 'right', 'right'],
      ),
    );
  if (stats.most_used_images.length)
    parts.push(
      'Most used images',
      renderTable(
        ['file', 'launches', 'runs'],
        stats.most_used_images.map((image) => [image.file, formatCount(image.launches), formatCount(image.runs)]),
        ['left', 'right', 'right'],
      ),
    );
  if (stats.rockets.length)
    parts.push(
      'Images per rocket (launches table)',
      renderTable(
        ['rocket', 'launches', 'images'],
        stats.rockets.map((rocket) => [rocket.rocket, formatCount(rocket.launches), formatCount(rocket.images)]),
        ['left', 'right', 'right'],
      ),
    );
  const gap = stats.launch_interval_hours;
  const lag = stats.update_lag_hours;
  if (lag)
    parts.push(`Age of the API's copy when a run last saw it (last_updated, ${lag.launches} launches): median ${lag.median} h, max ${lag.max} h`);
  parts.push(
    gap
      ? `Interval between launches (launches table, ${gap.launches} launches): mean ${gap.mean} h, median ${gap.median} h, min ${gap.min} h, max ${gap.max} h`
      : 'Interval between launches: fewer than two launches with a time in the table',
  );
  return `${parts.join('\n\n')}\n`;
}

/** One self-contained page (inline SVG, no script, no network) with the stats' charts and tables. */
export function renderStatsHtml(stats: RocketStats): string {
  const chart = (title: string, bars: { label: string; value: number }[]) =>
    bars.length ? `<h2>${escapeHtml(title)}</h2>\n${barChartSvg({ title, bars })}` : '';
  const body = [
    `<h1>ferry rocket stats</h1>`,
    `<p>${escapeHtml(`${stats.runs.length} rocket runs from ${stats.since} to ${stats.as_of}`)}</p>`,
    chart(
      'Failure rate per run (%)',
      stats.runs.map((run) => ({ label: run.started_at.slice(0, 16).replace('T', ' '), value: Math.round(run.failure_rate * 1000) / 10 })),
    ),
    chart(
      'New images per day',
      Object.entries(stats.new_images_per_day).map(([label, value]) => ({ label, value })),
    ),
    chart(
      'Failure rate per host (%)',
      stats.hosts.map((host) => ({ label: host.host, value: Math.round(host.failure_rate * 1000) / 10 })),
    ),
    chart(
      'Images per rocket',
      stats.rockets.map((rocket) => ({ label: rocket.rocket, value: rocket.images })),
    ),
    `<h2>All numbers</h2>\n<pre>${escapeHtml(renderStatsText(stats))}</pre>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ferry rocket stats</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1040px; padding: 0 1em; color: #1d2330; }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; } svg .tick { fill: #5a6475; } svg .label { fill: #1d2330; }
rect.bar { fill: #5b8def; } pre { background: #f5f7fa; padding: 1em; overflow-x: auto; }
</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}
