import type { ReportSection } from '@ferry/types';
import { checkTimeZone } from './settings.ts';
import type { ImageReportEntry } from './image-report.ts';
import type { Launch } from './launch.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportedLaunch {
  id: string;
  name: string;
  net_utc: string;
  /** The launch time in the report's zone (`time_zone`). */
  net_in_zone: string;
  /** The launch time on the pad's clock, when its zone is known (the API's, or found from the pad's coordinates). */
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

/** Launches per calendar period in the report's zone: `YYYY-MM-DD`, ISO week `YYYY-Www`, `YYYY-MM`. */
export interface LaunchCalendar {
  per_day: Record<string, number>;
  per_week: Record<string, number>;
  per_month: Record<string, number>;
}

/** A rocket run's launches.json (`layout.results.run(id).launches`). */
export interface LaunchReport {
  generated_at: string;
  /** What "last 30 days" and "upcoming" are measured against: the run's clock, or the `asOf` it was given. */
  as_of: string;
  /** The IANA zone of `net_in_zone` and the calendar counts. */
  time_zone: string;
  last_30_days: LaunchSection & { from: string; to: string };
  upcoming: LaunchSection;
  /** Every launch with a time, counted per day, week and month in `time_zone`. */
  calendar: LaunchCalendar;
  /** Launches whose `net` was not a time: kept in the table with a null time, in neither window. */
  unknown_time: { count: number; launches: { id: string; name: string }[] };
}

export interface LaunchReportOptions {
  /** The report's "now" (default the generated time). */
  asOf?: Date;
  /** Default UTC. */
  timeZone?: string;
  generatedAt?: Date;
}

/** Splits launches at `asOf`: the 30 days before it, and everything from it on; counts them per day, week and month. */
export function buildLaunchReport(launches: readonly Launch[], images: readonly ImageReportEntry[], options: LaunchReportOptions = {}): LaunchReport {
  const generatedAt = options.generatedAt ?? new Date();
  const asOf = options.asOf ?? generatedAt;
  const timeZone = checkTimeZone(options.timeZone ?? 'UTC');
  const imageOf = new Map(images.map((entry) => [entry.launch_id, entry.status]));
  const from = new Date(asOf.getTime() - 30 * DAY_MS);
  const timed = launches.filter((launch): launch is Launch & { net: string } => launch.net !== null);
  const at = (launch: { net: string }) => Date.parse(launch.net);
  const sorted = [...timed].sort((a, b) => at(a) - at(b));
  const recent = sorted.filter((launch) => at(launch) >= from.getTime() && at(launch) < asOf.getTime());
  const upcoming = sorted.filter((launch) => at(launch) >= asOf.getTime());
  const untimed = launches.filter((launch) => launch.net === null);
  return {
    generated_at: generatedAt.toISOString(),
    as_of: asOf.toISOString(),
    time_zone: timeZone,
    last_30_days: { from: from.toISOString(), to: asOf.toISOString(), ...section(recent, imageOf, timeZone) },
    upcoming: section(upcoming, imageOf, timeZone),
    calendar: calendarOf(sorted, timeZone),
    unknown_time: { count: untimed.length, launches: untimed.map((launch) => ({ id: launch.id, name: launch.name })) },
  };
}

function section(launches: readonly (Launch & { net: string })[], imageOf: Map<string, ImageReportEntry['status']>, timeZone: string): LaunchSection {
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
      net_in_zone: formatInZone(new Date(launch.net), timeZone),
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

/** Calendar counts in `timeZone`, oldest first. */
export function calendarOf(launches: readonly { net: string }[], timeZone: string): LaunchCalendar {
  const days = launches.map((launch) => localDay(new Date(launch.net), timeZone));
  const tally = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
  };
  return { per_day: tally(days), per_week: tally(days.map(isoWeek)), per_month: tally(days.map((day) => day.slice(0, 7))) };
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a zone. */
export function localDay(date: Date, timeZone: string): string {
  const part = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${part.year}-${part.month}-${part.day}`;
}

/** ISO 8601 week of a calendar day: `2025-W13` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
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

/** The same report as markdown: count tables, calendar, then the launches. */
export function launchReportMarkdown(report: LaunchReport): string {
  const lines = [
    `# Rocket launches`,
    '',
    `As of ${formatInZone(new Date(report.as_of), 'UTC')}; times also in ${report.time_zone}. Generated ${formatInZone(new Date(report.generated_at), 'UTC')}.`,
    '',
  ];
  const last = report.last_30_days;
  lines.push(
    `## Last 30 days (${last.from.slice(0, 10)} – ${last.to.slice(0, 10)}): ${launchCount(last.count)}`,
    '',
    ...sectionMarkdown(last, report),
  );
  lines.push(`## Upcoming: ${launchCount(report.upcoming.count)}`, '', ...sectionMarkdown(report.upcoming, report));
  lines.push(`## Per day, week and month (${report.time_zone})`, '', ...calendarMarkdown(report.calendar), '');
  if (report.unknown_time.count > 0) {
    lines.push(
      `## Unknown time: ${launchCount(report.unknown_time.count)}`,
      '',
      ...report.unknown_time.launches.map((launch) => `- ${launch.name}`),
      '',
    );
  }
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
  if (report.unknown_time.count > 0) lines.push(`Unknown time: ${launchCount(report.unknown_time.count)}`, '');
  return lines.join('\n');
}

/** The launches part of report.md and report.html: the windows, the calendar as a table and a chart. */
export function launchesSection(report: LaunchReport): ReportSection {
  const days = Object.entries(report.calendar.per_day);
  const unknown = report.unknown_time.count > 0 ? `; ${launchCount(report.unknown_time.count)} with an unknown time` : '';
  return {
    title: 'Launches',
    text:
      `As of ${formatInZone(new Date(report.as_of), 'UTC')}: ${launchCount(report.last_30_days.count)} in the last 30 days, ` +
      `${launchCount(report.upcoming.count)} upcoming${unknown}. Per day in ${report.time_zone}:`,
    table: { header: ['day', 'launches'], rows: days.map(([day, n]) => [day, String(n)]), align: ['left', 'right'] },
    chart: { title: `Launches per day (${report.time_zone})`, bars: days.map(([label, value]) => ({ label, value })) },
  };
}

function launchCount(n: number): string {
  return n === 1 ? '1 launch' : `${n} launches`;
}

function sectionMarkdown(part: LaunchSection, report: LaunchReport): string[] {
  if (part.count === 0) return ['No launches.', ''];
  const inZone = report.time_zone !== 'UTC';
  const rows = part.launches.map((launch) => [
    launch.net_utc,
    ...(inZone ? [launch.net_in_zone] : []),
    launch.net_local ?? '—',
    launch.name,
    launch.provider,
    launch.status,
    launch.pad_country ?? '—',
    launch.image,
  ]);
  const header = [
    'NET (UTC)',
    ...(inZone ? [`NET (${report.time_zone})`] : []),
    'NET (pad local)',
    'Launch',
    'Provider',
    'Status',
    'Country',
    'Image',
  ];
  return [...countTables(part), ...table(header, rows), ''];
}

function calendarMarkdown(calendar: LaunchCalendar): string[] {
  return (
    [
      ['Day', calendar.per_day],
      ['Week', calendar.per_week],
      ['Month', calendar.per_month],
    ] as const
  ).flatMap(([title, counts]) => [
    ...table(
      [title, 'Launches'],
      Object.entries(counts).map(([key, n]) => [key, String(n)]),
    ),
    '',
  ]);
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
