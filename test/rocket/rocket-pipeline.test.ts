import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Storage } from '@ferry/storage';
import { layout, type Store } from '@ferry/types';
import { runRocketPipeline } from '@ferry/rocket';
import type { ImageReport, ImageReportEntry, LaunchReport, RocketOptions } from '@ferry/rocket';
import { closeRocketBed, openRocketBed, type RocketBed } from './bed.ts';
import { FakeLl2Server, emptyPage, image, json, status, throttle } from './fake-ll2-server.ts';
import { CAPTURED_AT, REAL_FIXTURES_MISSING, generatedFixtures, generatedPng, realFixtures, rewriteHosts } from './fixtures.ts';
import { serveScenario } from './scenario.ts';

const { imageIndex: IMAGE_INDEX_KEY, launchesTable: LAUNCHES_TABLE_KEY } = layout.rocket;

const real = realFixtures();
if (!real) console.warn(REAL_FIXTURES_MISSING);

/** Small timeouts and quick retries keep the hanging and flaky URLs cheap. */
const quick = { timeoutMs: 600, retry: { retries: 1, minTimeoutMs: 10 }, now: () => CAPTURED_AT, console: false } satisfies Partial<RocketOptions>;

let fake: FakeLl2Server;
let storage: Storage;
let results: Store;

/** A fresh rocket bed per test, in the variables above. Not for concurrent tests: they would share them. */
function useServerAndStore(): void {
  let bed: RocketBed;
  beforeEach(async () => {
    bed = await openRocketBed('e2e');
    ({ fake, storage, results } = bed);
  });
  afterEach(() => closeRocketBed(bed));
}

async function readJson<T>(store: Store, key: string): Promise<T> {
  const text = await store.readText(key);
  expect(text, key).toBeDefined();
  return JSON.parse(text!) as T;
}

const byUrl = (images: ImageReportEntry[], url: string) => images.filter((entry) => entry.url === url);

const scenarios = [
  { label: 'the real 2.0.0 capture', fixtures: real, version: '2.0.0' as const },
  { label: 'the real capture in 2.3.0 shape', fixtures: real, version: '2.3.0' as const },
  { label: 'generated fixtures', fixtures: generatedFixtures(), version: '2.0.0' as const },
  { label: 'generated fixtures in 2.3.0 shape', fixtures: generatedFixtures(), version: '2.3.0' as const },
].filter((scenario) => scenario.fixtures !== undefined);

describe('given launches and images served by a fake Launch Library', () => {
  if (!real) it.skip(REAL_FIXTURES_MISSING, () => undefined);

  // Concurrent: most of each case is waiting out the hanging URL's timeouts, so each case brings its own server and store.
  it.concurrent.for(scenarios)(
    'given $label, when the pipeline runs twice, then each unique image is stored once, duplicates and failures are reported with reasons, and the second run downloads nothing',
    async ({ fixtures, version }, { onTestFinished }) => {
      const bed = await openRocketBed('e2e');
      const { fake, dir, results } = bed;
      // The context's hook, not the global one: vitest cannot tell concurrent tests apart in global hooks, and would
      // run this cleanup when a sibling case finishes.
      onTestFinished(() => closeRocketBed(bed));
      const scenario = serveScenario(fake, fixtures!, version);
      const first = await runRocketPipeline({ results, api: scenario.api, ...quick });
      // Four images fail on purpose: the run finishes, partial, naming each.
      expect(first.record.status).toBe('partial');
      expect(first.record.failures).toHaveLength(4);
      expect(first.launches.map((launch) => launch.id)).toEqual(scenario.launches.map((launch) => launch.id));

      // One entry per launch.
      const report = await readJson<ImageReport>(results, layout.results.run(first.record.run_id).images);
      expect(report.images.map((entry) => entry.launch_id)).toEqual(scenario.launches.map((launch) => launch.id));
      for (const imageCase of scenario.cases) {
        const [entry] = byUrl(report.images, imageCase.url);
        if (imageCase.url === scenario.sameBytes[0] || imageCase.url === scenario.sameBytes[1]) continue;
        expect(entry, imageCase.url).toMatchObject({ status: imageCase.expect });
        if (imageCase.reason) expect(entry!.reason).toMatch(imageCase.reason);
        if (imageCase.expect === 'downloaded')
          expect(entry).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number), ms: expect.any(Number) });
        if (imageCase.retried) expect(fake.seen(new URL(imageCase.url).pathname)).toHaveLength(2);
      }
      // Three launches, one URL: fetched once, the other two are duplicates of the first.
      const shared = byUrl(report.images, scenario.sharedUrl);
      expect(shared.map((entry) => entry.status)).toEqual(['downloaded', 'duplicate', 'duplicate']);
      expect(shared[1]!.reason).toBe(`same URL as launch ${shared[0]!.launch_id}`);
      expect(fake.seen(new URL(scenario.sharedUrl).pathname)).toHaveLength(1);
      // Two URLs, same bytes: stored once.
      const pair = scenario.sameBytes.map((url) => byUrl(report.images, url)[0]!);
      expect(pair.map((entry) => entry.status).sort()).toEqual(['downloaded', 'duplicate']);
      expect(pair[0]!.sha256).toBe(pair[1]!.sha256);
      expect(pair.find((entry) => entry.status === 'duplicate')!.reason).toMatch(/^same bytes as /);
      // A null image is no image, not an error.
      expect(report.images.find((entry) => entry.launch_id === scenario.nullImageLaunch)).toEqual({
        url: null,
        launch_id: scenario.nullImageLaunch,
        launch_name: 'Extra launch 1',
        rocket: expect.any(String),
        status: 'no_image',
      });

      const stored = (await results.list('rocket/images/')).map((object) => object.key).filter((key) => key !== IMAGE_INDEX_KEY);
      const downloaded = report.images.filter((entry) => entry.status === 'downloaded');
      expect(stored.every((key) => /^rocket\/images\/[0-9a-f]{64}\.(jpg|png)$/.test(key))).toBe(true);
      expect(stored.map((key) => key.slice('rocket/images/'.length, -4)).sort()).toEqual(downloaded.map((entry) => entry.sha256).sort());
      expect(report.totals).toMatchObject({
        launches: scenario.launches.length,
        downloaded: downloaded.length,
        duplicate: 3,
        failed: 4,
        no_image: 1,
        bytes_downloaded: [...downloaded, pair.find((entry) => entry.status === 'duplicate')!].reduce((sum, entry) => sum + entry.bytes!, 0),
      });
      expect(report.throughput_bytes_per_second).toBeGreaterThan(0);
      const { images: index } = await readJson<{
        images: Record<string, { sha256: string; bytes: number; content_type: string; first_seen: string }>;
      }>(results, IMAGE_INDEX_KEY);
      expect(Object.keys(index).sort()).toEqual(
        [...downloaded.map((entry) => entry.url!), pair.find((entry) => entry.status === 'duplicate')!.url!].sort(),
      );
      expect(Object.values(index).every((entry) => entry.first_seen === CAPTURED_AT.toISOString() && entry.content_type.startsWith('image/'))).toBe(
        true,
      );

      // Raw pages are the exact bytes served.
      const rawKeys = (await results.list(`rocket/raw/${first.record.run_id}/`)).map((object) => object.key);
      expect(rawKeys).toEqual(['page-1.json', 'page-2.json', 'previous-page-1.json'].map((name) => `rocket/raw/${first.record.run_id}/${name}`));
      const page1 = await results.readText(`rocket/raw/${first.record.run_id}/page-1.json`);
      expect(page1).toContain(fake.url);

      const second = await runRocketPipeline({ results, api: scenario.api, ...quick });
      const again = await readJson<ImageReport>(results, layout.results.run(second.record.run_id).images);
      expect(again.totals.downloaded).toBe(0);
      expect(again.totals.bytes_downloaded).toBe(0);
      for (const url of Object.keys(index)) expect(byUrl(again.images, url)[0]!.status, url).toBe('present');
      expect(fake.seen(new URL(scenario.sharedUrl).pathname)).toHaveLength(1);

      // The table holds each launch once, first seen by the first run, last seen by the second.
      const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
      const connection = await instance.connect();
      const parquet = join(dir, 'launches.parquet');
      await results.download(LAUNCHES_TABLE_KEY, parquet);
      const rows = (
        await connection.runAndReadAll(
          `SELECT launch_id, first_seen_run, last_seen_run, pad_timezone FROM read_parquet('${parquet}') ORDER BY launch_id`,
        )
      ).getRowObjectsJS();
      connection.closeSync();
      instance.closeSync();
      expect(rows.map((row) => row.launch_id)).toEqual(scenario.launches.map((launch) => launch.id).sort());
      expect(new Set(rows.map((row) => `${row.first_seen_run}>${row.last_seen_run}`))).toEqual(
        new Set([`${first.record.run_id}>${second.record.run_id}`]),
      );
      // 2.3.0 names the pad's zone; for 2.0.0 it is found from the pad's coordinates.
      expect(rows.every((row) => typeof row.pad_timezone === 'string')).toBe(true);
      expect(second.table).toMatchObject({ rows: scenario.launches.length, inserted: 0, updated: scenario.launches.length, gone_from_upcoming: 0 });
    },
  );
});

describe('given a fake Launch Library and a results store on the embedded S3 server', () => {
  useServerAndStore();

  it('when a run with a token and a webhook is recorded, then run.json, log.ndjson and both reports exist, the webhook hears about it, and the token is nowhere', async () => {
    const token = 'll2-token-5ecr3t-4242';
    const s3 = await storage.store('s3://ferry-rocket-results');
    const scenario = serveScenario(fake, generatedFixtures(), '2.3.0');
    fake.on('/hooks/ferry-hook-path', json({ ok: true }));
    const consoleLines: string[] = [];
    const result = await runRocketPipeline({
      results: s3,
      api: scenario.api,
      token,
      webhook: `${fake.url}/hooks/ferry-hook-path`,
      ...quick,
      console: (line) => consoleLines.push(line),
    });

    expect(result.record.status).toBe('partial');
    expect(result.record.steps.map((step) => step.name)).toEqual(['fetch launches', 'download images', 'build tables', 'report', 'notify']);
    const run = layout.results.run(result.record.run_id);
    const keys = (await s3.list(run.prefix)).map((object) => object.key);
    expect(keys).toEqual(
      expect.arrayContaining([run.record, run.log, run.reportMarkdown, run.reportHtml, run.images, run.launches, run.launchesMarkdown]),
    );
    expect(fake.seen(scenario.upcomingPath)[0]!.headers.authorization).toBe(`Token ${token}`);

    const [hook] = fake.seen('/hooks/ferry-hook-path');
    expect(hook!.method).toBe('POST');
    expect(JSON.parse(hook!.body)).toEqual({
      run_id: result.record.run_id,
      pipeline: 'rocket',
      status: 'partial',
      totals: expect.objectContaining({ launches: scenario.launches.length, images_failed: 4 }),
      failed_images: expect.arrayContaining([expect.objectContaining({ launch: expect.any(String), reason: 'HTTP 404' })]),
      images: expect.arrayContaining([expect.objectContaining({ status: 'downloaded' }), expect.objectContaining({ status: 'no_image' })]),
      image_failures_over_limit: true,
    });
    expect(JSON.parse(hook!.body).images).toHaveLength(scenario.launches.length);

    const everything = await Promise.all((await s3.list('')).map(async (object) => (await s3.readText(object.key)) ?? ''));
    expect(everything.length).toBeGreaterThan(10);
    for (const text of [...everything, ...consoleLines]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('ferry-hook-path');
    }

    const launches = await readJson<LaunchReport>(s3, run.launches);
    expect(launches.last_30_days.count + launches.upcoming.count).toBe(scenario.launches.length);
    expect(
      launches.upcoming.launches.every((launch) => launch.net_local !== null && launch.net_local.includes('(') && launch.net_utc.endsWith('UTC')),
    ).toBe(true);
    const markdown = await s3.readText(run.launchesMarkdown);
    expect(markdown).toContain('## Last 30 days');
    expect(markdown).toContain('| Provider | Launches |');
  });
});

describe('given a fake Launch Library that fails', () => {
  useServerAndStore();

  it('when the API answers an HTML error page, then the run fails with a clear error, nothing is kept as data, and the webhook hears of the failure', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 0));
    fake.on('/2.3.0/launches/upcoming/', status(200, '<html><body>Bad gateway</body></html>'));
    fake.on('/hooks/h', json({ ok: true }));
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, webhook: `${fake.url}/hooks/h`, ...quick });
    expect(result.record.status).toBe('failed');
    expect(result.record.error).toMatch(/not JSON: "<html><body>Bad gateway/);
    expect(result.record.steps.map((step) => `${step.name}:${step.status}`)).toEqual(['fetch launches:failed', 'notify:succeeded']);
    expect(await results.list('rocket/')).toEqual([]);
    expect(JSON.parse(fake.seen('/hooks/h')[0]!.body)).toMatchObject({ status: 'failed', error: expect.stringMatching(/not JSON/) });
  });

  it('when the webhook answers 500, then the run still succeeds and the log has a warning', async () => {
    fake.on('/2.0.0/launch/upcoming/', json(rewriteHosts(JSON.stringify({ count: 0, next: null, previous: null, results: [] }), fake.url)));
    fake.on('/2.0.0/launch/previous/', emptyPage);
    fake.on('/hooks/h', status(500));
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, webhook: `${fake.url}/hooks/h`, ...quick });
    expect(result.record.status).toBe('succeeded');
    const log = (await results.readText(layout.results.run(result.record.run_id).log))!
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string; error?: string });
    expect(log.find((line) => line.msg === 'notification could not be sent')).toMatchObject({ level: 'warn', error: 'HTTP 500' });
  });
});

describe('given options a caller got wrong', () => {
  useServerAndStore();

  it('when the run starts, then it refuses in its own terms, naming no flag of any CLI and not echoing the webhook, and records nothing', async () => {
    const refusals = await Promise.all(
      (
        [
          { api: `${fake.url}/2.2.0` },
          { api: 'not a url' },
          { limit: 0 },
          { concurrency: 1.5 },
          { timeoutMs: -1 },
          { maxBytesPerSecond: 0 },
          { webhook: 'hooks.example.test/T0/secret-hook-token' },
        ] satisfies Partial<RocketOptions>[]
      ).map((wrong) =>
        runRocketPipeline({ results, ...quick, ...wrong }).then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
      ),
    );
    expect(refusals).toEqual([
      'the Launch Library base URL must end with the API version 2.3.0 or 2.0.0 (got "2.2.0")',
      'the Launch Library base URL must be a URL like https://ll.thespacedevs.com/2.3.0 (got "not a url")',
      'the number of upcoming launches to read must be a whole number ≥ 1, got 0',
      'the number of parallel image downloads must be a whole number ≥ 1, got 1.5',
      'the request timeout in ms must be a whole number ≥ 1, got -1',
      'the bandwidth cap must be > 0 bytes/s, got 0',
      'the webhook must be an http(s) URL',
    ]);
    expect(await results.list('')).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('given a bandwidth cap', () => {
  useServerAndStore();

  // The cap is an upper bound; a loaded machine may be slower than it, so the lower bound only rules out a crawl.
  it('when about 1.2 MB of images download under a 1 MB/s cap, then the measured rate stays under the cap (15% slack) and above half of it', async () => {
    const cap = 1_000_000;
    const launches = Array.from({ length: 6 }, (_, i) => {
      fake.on(`/media/images/big-${i}.png`, image(generatedPng(256, 260, { seed: 100 + i, counter: 0 }), 'image/png'));
      const template = (JSON.parse(generatedFixtures().upcomingPage) as { results: Record<string, unknown>[] }).results[1]!;
      return { ...template, id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`, image: `${fake.url}/media/images/big-${i}.png` };
    });
    fake.on('/2.0.0/launch/upcoming/', json({ count: launches.length, next: null, previous: null, results: launches }));
    fake.on('/2.0.0/launch/previous/', emptyPage);
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, ...quick, timeoutMs: 5000, concurrency: 3, maxBytesPerSecond: cap });
    const report = await readJson<ImageReport>(results, layout.results.run(result.record.run_id).images);
    expect(report.totals.downloaded).toBe(6);
    expect(report.totals.bytes_downloaded).toBeGreaterThan(1_100_000);
    const rate = report.totals.bytes_downloaded / (report.elapsed_ms / 1000);
    for (const measured of [rate, report.throughput_bytes_per_second]) {
      expect(measured).toBeLessThan(cap * 1.15);
      expect(measured).toBeGreaterThan(cap * 0.5);
    }
  });
});
