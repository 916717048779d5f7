import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layout } from '@ferry/types';
import { runRocketPipeline, type LaunchReport, type RocketOptions } from '@ferry/rocket';
import { FakeLl2Server, emptyPage, image, json, status } from './fake-ll2-server.ts';
import { CAPTURED_AT, contentTypeOf, generatedFixtures, generatedPng, rewriteHosts } from './fixtures.ts';
import { closeRocketBed, openRocketBed, type RocketBed } from './bed.ts';

/** The bugs issue 15 lists, one story each; every one of these failed before its fix. */

const quick = { timeoutMs: 600, retry: { retries: 0, minTimeoutMs: 10 }, console: false } satisfies Partial<RocketOptions>;

let bed: RocketBed;
let { fake, results } = {} as RocketBed;

beforeEach(async () => {
  bed = await openRocketBed('bugs');
  ({ fake, results } = bed);
});
afterEach(() => closeRocketBed(bed));

/** The generated 2.0.0 page on the fake, every image served; `next` as given. */
function servePage(next: string | null, options: { failing?: number } = {}): { results: Record<string, unknown>[] } {
  const fixtures = generatedFixtures();
  const page = JSON.parse(rewriteHosts(fixtures.upcomingPage, fake.url)) as { next: string | null; results: Record<string, unknown>[] };
  page.next = next;
  const files = [...fixtures.images.entries()];
  page.results.forEach((launch, i) => {
    const [name, bytes] = files[i % files.length]!;
    const url = `${fake.url}/media/images/own-${i}-${name}`;
    launch.image = url;
    fake.on(new URL(url).pathname, i < (options.failing ?? 0) ? status(404) : image(bytes, contentTypeOf(name)));
  });
  fake.on('/2.0.0/launch/upcoming/', json(page));
  fake.on('/2.0.0/launch/previous/', emptyPage);
  return page;
}

describe('given a page whose next link points to another host (a mirror or proxy rewrote ours)', () => {
  it('when --limit means the next page is never fetched, then the run does not fail over that link', async () => {
    servePage('https://ll.thespacedevs.com/2.0.0/launch/upcoming/?limit=10&offset=10');
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, limit: 10, now: () => CAPTURED_AT, ...quick });
    expect(result.status).toBe('succeeded');
    expect(result.launches).toHaveLength(10);
  });

  it('when the next page is needed, then it is fetched from our host under our base path, and the other host never hears from us', async () => {
    const other = await FakeLl2Server.start();
    try {
      servePage(`${other.url}/2.0.0/launch/upcoming/?limit=10&offset=10`);
      const second = JSON.parse(rewriteHosts(generatedFixtures(9).upcomingPage, fake.url)) as {
        next: string | null;
        results: Record<string, unknown>[];
      };
      second.next = null;
      second.results = second.results.slice(0, 2).map((launch, i) => ({ ...launch, id: `second-${i}`, image: null }));
      fake.on('/2.0.0/launch/upcoming/?limit=10&offset=10', json(second));
      const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, limit: 12, token: 'tok', now: () => CAPTURED_AT, ...quick });
      expect(result.launches.map((launch) => launch.id).slice(-2)).toEqual(['second-0', 'second-1']);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('given a run in which 5 of 8 images fail', () => {
  it('when it ends, then it is partial (not succeeded), over the default limit, and every failed launch is recorded by name', async () => {
    const page = servePage(null, { failing: 5 });
    page.results.splice(8);
    fake.on('/2.0.0/launch/upcoming/', json(page));
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: () => CAPTURED_AT, ...quick });
    expect(result.status).toBe('partial');
    expect(result.imageFailures).toEqual({ failed: 5, with_image: 8, allowed: 0, over_limit: true });
    expect(result.record.failures?.map((failure) => failure.item)).toEqual(page.results.slice(0, 5).map((launch) => launch.name));
  });
});

describe('given a run that fetched 10 launches and then failed', () => {
  it('when its webhook is sent, then it counts the 10 launches, not 0', async () => {
    servePage(`${fake.url}/2.0.0/launch/upcoming/?limit=10&offset=10`);
    fake.on('/2.0.0/launch/upcoming/?limit=10&offset=10', status(500));
    fake.on('/hooks/h', json({ ok: true }));
    const result = await runRocketPipeline({
      results,
      api: `${fake.url}/2.0.0`,
      limit: 20,
      webhook: `${fake.url}/hooks/h`,
      now: () => CAPTURED_AT,
      ...quick,
    });
    expect(result.status).toBe('failed');
    const hook = JSON.parse(fake.seen('/hooks/h')[0]!.body) as { status: string; totals: Record<string, number> };
    expect(hook).toMatchObject({ status: 'failed', totals: { launches: 10 } });
    expect(result.record.totals.launches).toBe(10);
  });
});

describe('given a snapshot of launches from another date', () => {
  it('when the report is made with --as-of that date, then "last 30 days" and "upcoming" are counted against it, not the machine clock', async () => {
    servePage(null);
    const today = () => new Date('2026-12-01T00:00:00Z');
    const withoutAsOf = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: today, ...quick });
    expect(withoutAsOf.report).toMatchObject({ last_30_days: { count: 0 }, upcoming: { count: 0 } });
    const asOf = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: today, asOf: new Date('2025-03-27T00:00:00Z'), ...quick });
    expect(asOf.report!.as_of).toBe('2025-03-27T00:00:00.000Z');
    expect(asOf.report!.last_30_days.count).toBeGreaterThan(0);
    expect(asOf.report!.last_30_days.count + asOf.report!.upcoming.count).toBe(10);
    const previous = new URL(`${fake.url}${fake.seen('/2.0.0/launch/previous/').at(-1)!.path}`);
    expect(previous.searchParams.get('ordering')).toBe('-net');
  });
});

describe("given the 2.0.0 API (the DAG's own), whose pads name no time zone", () => {
  it('when the launch report is written, then each launch has its local pad time, found from the pad coordinates', async () => {
    const page = servePage(null);
    page.results.forEach((launch) => ((launch.pad as Record<string, unknown>).latitude = '28.562'));
    page.results.forEach((launch) => ((launch.pad as Record<string, unknown>).longitude = '-80.577'));
    fake.on('/2.0.0/launch/upcoming/', json(page));
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: () => CAPTURED_AT, ...quick });
    const report = JSON.parse((await results.readText(layout.results.run(result.runId).launches))!) as LaunchReport;
    const local = [...report.last_30_days.launches, ...report.upcoming.launches].map((launch) => launch.net_local);
    expect(local.every((text) => text?.endsWith('(America/New_York)'))).toBe(true);
    expect(await results.readText(layout.results.run(result.runId).launchesMarkdown)).not.toMatch(/\| — \| Rocket/);
  });
});

describe('given a failed image', () => {
  it('when the run report is read, then the failure names the launch, and the per-image table leads from each launch to its stored file', async () => {
    const page = servePage(null, { failing: 1 });
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: () => CAPTURED_AT, maxImageFailures: { count: 1 }, ...quick });
    const markdown = (await results.readText(layout.results.run(result.runId).reportMarkdown))!;
    // Markdown escapes the pipe in "Rocket 0 | Mission 1".
    expect(markdown).toContain(`- ${String(page.results[0]!.name).replace('|', '\\|')}: ${String(page.results[0]!.image)}: HTTP 404`);
    expect(markdown).not.toMatch(/launch 00000000-/);
    expect(markdown).toContain('## Images by launch');
    const downloaded = result.images.find((entry) => entry.status === 'downloaded')!;
    expect(markdown).toMatch(
      new RegExp(`\\| ${escapeRegExp(downloaded.launch_name!.replace('|', '\\|'))} +\\|.*\\| ${escapeRegExp(downloaded.file!)} +\\|`),
    );
    expect(downloaded.file).toMatch(/^rocket\/images\/[0-9a-f]{64}\.(png|jpg)$/);
  });
});

describe('given an image URL that is no web address', () => {
  it('when the run meets it, then it is refused without any request', async () => {
    const page = servePage(null);
    page.results[0]!.image = 'file:///etc/passwd';
    page.results[1]!.image = 'javascript:alert(1)';
    fake.on('/2.0.0/launch/upcoming/', json(page));
    const before = fake.requests.length;
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: () => CAPTURED_AT, maxImageFailures: { count: 2 }, ...quick });
    expect(result.images.slice(0, 2).map((entry) => [entry.status, entry.reason, entry.attempts])).toEqual([
      ['failed', 'not an http(s) URL', 0],
      ['failed', 'not an http(s) URL', 0],
    ]);
    // Upcoming, previous and the 8 other images: nothing else.
    expect(fake.requests.length - before).toBe(2 + 8);
  });
});

describe('given an API that answers megabytes of junk', () => {
  it.each([
    ['as application/octet-stream', 'application/octet-stream', /answered application\/octet-stream, not JSON; not read/],
    ['as JSON, larger than a page can be', 'application/json', /response is larger than 4194304 bytes; not read/],
  ])('when it comes %s, then it is refused before it is parsed', async (_label, contentType, message) => {
    const junk = Buffer.from(generatedPng(1200, 1200));
    expect(junk.length).toBeGreaterThan(4 * 1024 * 1024);
    fake.on('/2.0.0/launch/upcoming/', (res) => {
      res.writeHead(200, { 'content-type': contentType, 'content-length': junk.length });
      res.end(junk);
    });
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: () => CAPTURED_AT, ...quick });
    expect(result.status).toBe('failed');
    expect(result.record.error).toMatch(message);
  });
});

describe('given a launch whose net is not a time', () => {
  it('when the run reads it, then the launch is kept with a null time, counted as such, and the run does not fail', async () => {
    const page = servePage(null);
    page.results[3]!.net = 'sometime in April';
    fake.on('/2.0.0/launch/upcoming/', json(page));
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, now: () => CAPTURED_AT, ...quick });
    expect(result.status).toBe('succeeded');
    expect(result.launches[3]).toMatchObject({ net: null });
    expect(result.report!.unknown_time).toEqual({ count: 1, launches: [{ id: page.results[3]!.id, name: page.results[3]!.name }] });
    expect(result.table).toMatchObject({ rows: 10, unknown_time: 1 });
    expect(result.record.totals.unknown_time).toBe(1);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
