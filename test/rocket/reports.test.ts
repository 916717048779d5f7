import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layout } from '@ferry/types';
import { runRocketPipeline, type LaunchReport, type RocketOptions } from '@ferry/rocket';
import { emptyPage, image, json } from './fake-ll2-server.ts';
import { CAPTURED_AT, generatedFixtures, generatedJpeg, rewriteHosts } from './fixtures.ts';
import { closeRocketBed, openRocketBed, type RocketBed } from './bed.ts';

const quick = { timeoutMs: 2000, retry: { retries: 0, minTimeoutMs: 10 }, now: () => CAPTURED_AT, console: false } satisfies Partial<RocketOptions>;

let bed: RocketBed;
let { fake, results } = {} as RocketBed;

beforeEach(async () => {
  bed = await openRocketBed('reports');
  ({ fake, results } = bed);
});
afterEach(() => closeRocketBed(bed));

/** Four launches: two on 2025-04-01 UTC late in the evening, one on 2025-04-02, one on 2025-04-07 (the next ISO week). */
function serveEvening(): void {
  const page = JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { next: string | null; results: Record<string, unknown>[] };
  page.next = null;
  const nets = ['2025-04-01T19:30:00Z', '2025-04-01T22:30:00Z', '2025-04-02T12:00:00Z', '2025-04-07T06:00:00Z'];
  page.results = nets.map((net, i) => {
    const url = `${fake.url}/img/${i}.jpg`;
    fake.on(`/img/${i}.jpg`, image(generatedJpeg(2000 + i * 100, { seed: i, counter: 0 }), 'image/jpeg'));
    return { ...page.results[i]!, net, image: url };
  });
  fake.on('/2.0.0/launch/upcoming/', json(page));
  fake.on('/2.0.0/launch/previous/', emptyPage);
}

describe('given launches late in the evening (UTC)', () => {
  it('when the report is made in Europe/Moscow (UTC+3), then the 22:30 UTC launch moves to the next day, and the week and month counts follow', async () => {
    serveEvening();
    const utc = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, ...quick });
    expect(utc.report!.calendar.per_day).toEqual({ '2025-04-01': 2, '2025-04-02': 1, '2025-04-07': 1 });

    const moscow = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, timeZone: 'Europe/Moscow', ...quick });
    const report = moscow.report!;
    expect(report.time_zone).toBe('Europe/Moscow');
    expect(report.calendar.per_day).toEqual({ '2025-04-01': 1, '2025-04-02': 2, '2025-04-07': 1 });
    expect(report.calendar.per_week).toEqual({ '2025-W14': 3, '2025-W15': 1 });
    expect(report.calendar.per_month).toEqual({ '2025-04': 4 });
    expect(report.upcoming.launches[1]).toMatchObject({ net_utc: '2025-04-01 22:30 UTC', net_in_zone: '2025-04-02 01:30 GMT+3 (Europe/Moscow)' });
    const markdown = (await results.readText(layout.results.run(moscow.runId).launchesMarkdown))!;
    expect(markdown).toContain('## Per day, week and month (Europe/Moscow)');
    expect(markdown).toContain('| 2025-04-02 | 2 |');
    const stored = JSON.parse((await results.readText(layout.results.run(moscow.runId).launches))!) as LaunchReport;
    expect(stored.calendar).toEqual(report.calendar);
  });

  it('when report.html is opened, then it has the launch report with a chart of launches per day and of downloads per run, and needs no network', async () => {
    serveEvening();
    await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, ...quick });
    const second = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, timeZone: 'Europe/Moscow', ...quick });
    const html = (await results.readText(layout.results.run(second.runId).reportHtml))!;
    expect(html).toContain('<h2>Launches</h2>');
    expect(html).toContain('aria-label="Launches per day (Europe/Moscow)"');
    expect(html).toMatch(/<rect class="bar" data-label="2025-04-02" data-value="2"/);
    expect(html).toContain('aria-label="Images downloaded per run"');
    expect(html).toMatch(/<rect class="bar" data-label="this run" data-value="0"/);
    expect(html).toMatch(/<rect class="bar" data-label="\d{4}-\d{2}-\d{2} \d{2}:\d{2}" data-value="4"/);
    expect(html).toContain('<h2>Images by launch</h2>');
    expect(html).toContain('<h2>Image failures</h2>');
    // Nothing to fetch: no script, no stylesheet or image by URL.
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(/i);
  });
});
