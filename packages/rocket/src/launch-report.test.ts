import { describe, expect, it } from 'vitest';
import type { Launch } from './launch.ts';
import { aLaunch } from './launch.fixture.ts';
import { buildLaunchReport, formatInZone, launchReportMarkdown } from './launch-report.ts';

const now = new Date('2025-03-27T00:00:00Z');
const launch = (id: string, net: string, extra: Partial<Launch> = {}): Launch => aLaunch(id, { net, status: 'Go', pad_timezone: null, ...extra });

describe('given a launch time', () => {
  it('when shown on a Florida pad after the DST switch, then local time is UTC-4 with the zone named', () => {
    expect(formatInZone(new Date('2025-03-29T11:30:00Z'), 'America/New_York')).toBe('2025-03-29 07:30 GMT-4 (America/New_York)');
    expect(formatInZone(new Date('2025-03-29T11:30:00Z'), 'UTC')).toBe('2025-03-29 11:30 UTC');
  });

  it('when the zone is unknown, then the UTC time is shown and the report does not fail', () => {
    expect(formatInZone(new Date('2025-03-29T11:30:00Z'), 'Mars/Jezero')).toBe('2025-03-29 11:30 UTC (unknown zone Mars/Jezero)');
  });
});

describe('given launches around now', () => {
  const launches = [
    launch('old', '2025-02-01T00:00:00.000Z'),
    launch('recent', '2025-03-20T10:00:00.000Z', { status: 'Success', provider: 'CASC', pad_country: 'CHN', pad_timezone: 'Asia/Shanghai' }),
    launch('next', '2025-03-29T11:30:00.000Z', { pad_timezone: 'America/New_York' }),
    launch('later', '2025-04-01T00:00:00.000Z', { provider: 'Rocket | Lab', pad_country: null }),
  ];

  it('when the report is built, then the last 30 days and upcoming split at now, with counts per provider, rocket, status and country', () => {
    const report = buildLaunchReport(launches, [{ url: 'u', launch_id: 'next', status: 'downloaded' }], { asOf: now });
    expect(report.last_30_days).toMatchObject({
      from: '2025-02-25T00:00:00.000Z',
      to: now.toISOString(),
      count: 1,
      by_provider: { CASC: 1 },
      by_status: { Success: 1 },
      by_pad_country: { CHN: 1 },
    });
    expect(report.last_30_days.launches[0]!.net_local).toBe('2025-03-20 18:00 GMT+8 (Asia/Shanghai)');
    expect(report.upcoming).toMatchObject({
      count: 2,
      by_provider: { SpaceX: 1, 'Rocket | Lab': 1 },
      by_rocket: { 'Falcon 9': 2 },
      by_pad_country: { USA: 1, unknown: 1 },
    });
    expect(report.upcoming.launches.map((entry) => [entry.id, entry.image, entry.net_local])).toEqual([
      ['next', 'downloaded', '2025-03-29 07:30 GMT-4 (America/New_York)'],
      ['later', 'no_image', null],
    ]);
  });

  it('when it is rendered as markdown, then both sections have count tables and pipes in names do not break the tables', () => {
    const markdown = launchReportMarkdown(buildLaunchReport(launches, [], { asOf: now }));
    expect(markdown).toContain('## Last 30 days (2025-02-25 – 2025-03-27): 1 launch');
    expect(markdown).toContain('## Upcoming: 2 launches');
    expect(markdown).toContain('| Rocket \\| Lab | 1 |');
    expect(markdown).toContain('| 2025-03-29 11:30 UTC | 2025-03-29 07:30 GMT-4 (America/New_York) | Launch next | SpaceX | Go | USA | no_image |');
  });
});
