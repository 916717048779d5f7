import type { ImageReportEntry } from './image-report.ts';
import type { Launch } from './launch.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportedLaunch {
  id: string;
  name: string;
  net_utc: string;
  /** The launch time on the pad's clock, when the API names its time zone. */
  net_local: string | null;
  status: string;
  provider: string;
  rocket: string;
  pad: string;
  pad_country: string | null;
  image: ImageReportEntry['status'];
}

export interface LaunchSection {
  count: number;
  by_provider: Record<string, number>;
  by_rocket: Record<string, number>;
  by_status: Record<string, number>;
  by_pad_country: Record<string, number>;
  launches: ReportedLaunch[];
}

/** A rocket run's launches.json (`layout.results.run(id).launches`). */
export interface LaunchReport {
  generated_at: string;
  last_30_days: LaunchSection & { from: string; to: string };
  upcoming: LaunchSection;
}

/** Splits launches at `now`: the 30 days before it, and everything after it. */
export function buildLaunchReport(launches: readonly Launch[], images: readonly ImageReportEntry[], now: Date): LaunchReport {
  const imageOf = new Map(images.map((entry) => [entry.launch_id, entry.status]));
  const from = new Date(now.getTime() - 30 * DAY_MS);
  const at = (launch: Launch) => Date.parse(launch.net);
  const sorted = [...launches].sort((a, b) => at(a) - at(b));
  const recent = sorted.filter((launch) => at(launch) >= from.getTime() && at(launch) < now.getTime());
  const upcoming = sorted.filter((launch) => at(launch) >= now.getTime());
  return {
    generated_at: now.toISOString(),
    last_30_days: { from: from.toISOString(), to: now.toISOString(), ...section(recent, imageOf) },
    upcoming: section(upcoming, imageOf),
  };
}

function section(launches: readonly Launch[], imageOf: Map<string, ImageReportEntry['status']>): LaunchSection {
  return {
    count: launches.length,
    by_provider: countBy(launches, (launch) => launch.provider),
    by_rocket: countBy(launches, (launch) => launch.rocket),
    by_status: countBy(launches, (launch) => launch.status),
    by_pad_country: countBy(launches, (launch) => launch.pad_country ?? 'unknown'),
    launches: launches.map((launch) => ({
      id: launch.id,
      name: launch.name,
      net_utc: formatInZone(new Date(launch.net), 'UTC'),
      net_local: launch.pad_timezone ? formatInZone(new Date(launch.net), launch.pad_timezone) : null,
      status: launch.status,
      provider: launch.provider,
      rocket: launch.rocket,
      pad: launch.pad,
      pad_country: launch.pad_country,
      image: imageOf.get(launch.id) ?? 'no_image',
    })),
  };
}

/** Counts per key, most frequent first. */
function countBy(launches: readonly Launch[], key: (launch: Launch) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const launch of launches) counts.set(key(launch), (counts.get(key(launch)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** "2025-03-29 07:30 GMT-4 (America/New_York)"; an unknown zone falls back to UTC rather than failing the report. */
export function formatInZone(date: Date, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
  } catch {
    return `${formatInZone(date, 'UTC')} (unknown zone ${timeZone})`;
  }
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  const stamp = `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
  return timeZone === 'UTC' ? `${stamp} UTC` : `${stamp} ${part.timeZoneName} (${timeZone})`;
}

/** The same report as markdown: count tables, then the launches. */
export function launchReportMarkdown(report: LaunchReport): string {
  const lines = [`# Rocket launches`, '', `Generated ${formatInZone(new Date(report.generated_at), 'UTC')}.`, ''];
  const last = report.last_30_days;
  lines.push(`## Last 30 days (${last.from.slice(0, 10)} – ${last.to.slice(0, 10)}): ${launchCount(last.count)}`, '', ...sectionMarkdown(last));
  lines.push(`## Upcoming: ${launchCount(report.upcoming.count)}`, '', ...sectionMarkdown(report.upcoming));
  return `${lines.join('\n')}\n`;
}

/** The count tables alone, for the terminal. */
export function launchSummaryMarkdown(report: LaunchReport): string {
  const lines: string[] = [];
  for (const [title, part] of [
    ['Last 30 days', report.last_30_days],
    ['Upcoming', report.upcoming],
  ] as const) {
    lines.push(`${title}: ${launchCount(part.count)}`, '');
    if (part.count > 0) lines.push(...countTables(part));
  }
  return lines.join('\n');
}

function launchCount(n: number): string {
  return n === 1 ? '1 launch' : `${n} launches`;
}

function sectionMarkdown(part: LaunchSection): string[] {
  if (part.count === 0) return ['No launches.', ''];
  const rows = part.launches.map((launch) => [
    launch.net_utc,
    launch.net_local ?? '—',
    launch.name,
    launch.provider,
    launch.status,
    launch.pad_country ?? '—',
    launch.image,
  ]);
  return [...countTables(part), ...table(['NET (UTC)', 'NET (pad local)', 'Launch', 'Provider', 'Status', 'Country', 'Image'], rows), ''];
}

function countTables(part: LaunchSection): string[] {
  const lines: string[] = [];
  for (const [title, counts] of [
    ['Provider', part.by_provider],
    ['Rocket', part.by_rocket],
    ['Status', part.by_status],
    ['Pad country', part.by_pad_country],
  ] as const) {
    lines.push(
      ...table(
        [title, 'Launches'],
        Object.entries(counts).map(([key, n]) => [key, String(n)]),
      ),
      '',
    );
  }
  return lines;
}

function table(header: string[], rows: string[][]): string[] {
  const cell = (value: string) => value.replaceAll('|', '\\|');
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}
