import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layout } from '@ferry/types';
import { readLaunchesTable, rocketStats, runRocketPipeline, type RocketOptions } from '@ferry/rocket';
import { emptyPage, json, throttle, type Handler } from './fake-ll2-server.ts';
import { CAPTURED_AT, generatedFixtures, rewriteHosts, toVersion230 } from './fixtures.ts';
import { closeRocketBed, openRocketBed, type RocketBed } from './bed.ts';

/** History and sync: backfill within the rate limit, newer copies by last_updated, launches gone from upcoming. */

const quick = { timeoutMs: 2000, retry: { retries: 0, minTimeoutMs: 10 }, now: () => CAPTURED_AT, console: false } satisfies Partial<RocketOptions>;

let bed: RocketBed;
let { fake, results } = {} as RocketBed;

beforeEach(async () => {
  bed = await openRocketBed('history');
  ({ fake, results } = bed);
});
afterEach(() => closeRocketBed(bed));

const template = () =>
  (JSON.parse(toVersion230(rewriteHosts(generatedFixtures().upcomingPage, 'http://unused'))) as { results: Record<string, unknown>[] }).results[1]!;

/** A 2.3.0 launch without an image (the image store is not what these stories are about). */
function launch(id: string, net: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...template(), id, name: `Launch ${id}`, slug: `launch-${id}`, net, image: null, ...extra };
}

const page = (results: Record<string, unknown>[], next: string | null = null) => ({ count: results.length, next, previous: null, results });

describe('given a --since backfill longer than the quota allows in one run', () => {
  it('when two runs go, then the first reads what its calls allow and records where it stopped, and the second goes on from there to the end', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 11)); // 4 calls left: upcoming, the recent 30 days, and 2 backfill pages
    fake.on('/2.3.0/launches/upcoming/', json(page([launch('u1', '2025-04-01T10:00:00Z')])));
    const backfillPages = [
      page([launch('b1', '2025-02-20T10:00:00Z'), launch('b2', '2025-02-10T10:00:00Z')], `${fake.url}/2.3.0/launches/previous/?backfill=2`),
      page([launch('b3', '2025-02-01T10:00:00Z'), launch('b4', '2025-01-20T10:00:00Z')], `${fake.url}/2.3.0/launches/previous/?backfill=3`),
      page([launch('b5', '2025-01-10T10:00:00Z')], null),
    ];
    const previous: Handler = (res, hit, req) => {
      const query = new URL(`http://x${req.path}`).searchParams;
      const n = Number(query.get('backfill') ?? (query.get('net__gte')?.startsWith('2025-01-01') ? 1 : 0));
      return json(n === 0 ? page([launch('r1', '2025-03-20T10:00:00Z')]) : backfillPages[n - 1]!)(res, hit, req);
    };
    fake.on('/2.3.0/launches/previous/', previous);
    const since = new Date('2025-01-01T00:00:00Z');

    const first = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, since, ...quick });
    expect(first.backfill).toEqual({ since: since.toISOString(), complete: false, pages: 2, launches: 4 });
    const firstQuery = new URL(`http://x${fake.seen('/2.3.0/launches/previous/')[1]!.path}`).searchParams;
    expect([firstQuery.get('net__gte'), firstQuery.get('net__lt'), firstQuery.get('ordering')]).toEqual([
      since.toISOString(),
      '2025-02-25T00:00:00.000Z',
      '-net',
    ]);
    expect(JSON.parse((await results.readText(layout.rocket.backfillState))!)).toMatchObject({
      version: 1,
      next: '/2.3.0/launches/previous/?backfill=3',
      complete: false,
    });

    const second = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, since, ...quick });
    expect(second.backfill).toEqual({ since: since.toISOString(), complete: true, pages: 1, launches: 1 });
    expect(fake.seen('/2.3.0/launches/previous/?backfill=3')).toHaveLength(1);
    expect(fake.seen('/2.3.0/launches/previous/?backfill=2')).toHaveLength(1);
    const ids = (await readLaunchesTable(results)).map((row) => row.launch_id);
    expect(ids).toEqual(['b5', 'b4', 'b3', 'b2', 'b1', 'r1', 'u1']);

    // Every page as received, numbered across the run: the backfill's follow the recent one.
    const raw = (await results.list(layout.rocket.raw(first.runId))).map((object) => object.key.slice(layout.rocket.raw(first.runId).length));
    expect(raw).toEqual(['page-1.json', 'previous-page-1.json', 'previous-page-2.json', 'previous-page-3.json']);

    // Complete: a third run spends no call on it.
    const before = fake.seen('/2.3.0/launches/previous/').length;
    const third = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, since, ...quick });
    expect(third.backfill).toMatchObject({ complete: true, pages: 0 });
    expect(fake.seen('/2.3.0/launches/previous/').length - before).toBe(1);
  });
});

describe('given a launch whose copies come with different last_updated times', () => {
  it('when an older copy follows a newer one (a stale mirror or cache), then the table keeps the newer; a newer copy then replaces it', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 0));
    fake.on('/2.3.0/launches/previous/', emptyPage);
    const serve = (status: string, lastUpdated: string) =>
      fake.on(
        '/2.3.0/launches/upcoming/',
        json(page([launch('x', '2025-04-01T10:00:00Z', { last_updated: lastUpdated, status: { id: 1, name: status, abbrev: status } })])),
      );
    serve('Go', '2025-03-20T00:00:00Z');
    await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, ...quick });
    serve('TBD', '2025-03-10T00:00:00Z');
    const stale = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, ...quick });
    expect(stale.table).toMatchObject({ updated: 0, kept_newer: 1 });
    expect((await readLaunchesTable(results))[0]).toMatchObject({
      status: 'Go',
      last_updated: '2025-03-20T00:00:00.000Z',
      last_seen_run: stale.runId,
    });
    serve('Success', '2025-03-25T00:00:00Z');
    const fresh = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, ...quick });
    expect(fresh.table).toMatchObject({ updated: 1, kept_newer: 0 });
    expect((await readLaunchesTable(results))[0]).toMatchObject({ status: 'Success', last_updated: '2025-03-25T00:00:00.000Z' });
    // The copy the last run took was 48 h old when that run started (2025-03-27 00:00 UTC).
    const stats = await rocketStats(results, { sinceMs: 86_400_000, asOf: new Date(CAPTURED_AT.getTime() + 3_600_000) });
    expect(stats.update_lag_hours).toEqual({ launches: 1, median: 48, max: 48 });
  });
});

describe('given a launch that disappears from the upcoming list', () => {
  it('when the next run reads the whole list without it, then it is marked gone with that run, not silently kept as upcoming', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 0));
    fake.on('/2.3.0/launches/previous/', emptyPage);
    const a = launch('a', '2025-04-01T10:00:00Z');
    const b = launch('b', '2025-04-02T10:00:00Z');
    const c = launch('c', '2025-04-03T10:00:00Z');
    fake.on('/2.3.0/launches/upcoming/', json(page([a, b, c])));
    await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, ...quick });
    fake.on('/2.3.0/launches/upcoming/', json(page([a, c])));
    const second = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, ...quick });
    expect(second.table).toMatchObject({ rows: 3, gone_from_upcoming: 1 });
    expect(second.record.totals.gone_from_upcoming).toBe(1);
    const rows = await readLaunchesTable(results);
    expect(rows.map((row) => [row.launch_id, row.in_upcoming, row.gone_from_upcoming_run])).toEqual([
      ['a', true, null],
      ['b', false, second.runId],
      ['c', true, null],
    ]);
  });

  it('when --limit stops the list before a launch, then that launch is not marked gone (it was never looked for)', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 0));
    fake.on('/2.3.0/launches/previous/', emptyPage);
    const launches = ['a', 'b', 'c'].map((id, i) => launch(id, `2025-04-0${i + 1}T10:00:00Z`));
    fake.on('/2.3.0/launches/upcoming/', json(page(launches)));
    await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, ...quick });
    fake.on('/2.3.0/launches/upcoming/', json(page(launches.slice(0, 2), `${fake.url}/2.3.0/launches/upcoming/?offset=2`)));
    const limited = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, limit: 2, ...quick });
    expect(limited.table).toMatchObject({ gone_from_upcoming: 0 });
    expect((await readLaunchesTable(results)).every((row) => row.in_upcoming)).toBe(true);
  });
});

describe('given a 2.0.0 backfill (no quota to ask) that the API throttles part-way', () => {
  it('when the second page answers 429 for an hour, then the run keeps what it read and succeeds, and the next run goes on from that page', async () => {
    const template200 = (JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { results: Record<string, unknown>[] }).results[1]!;
    const old = (id: string, net: string) => ({ ...template200, id, name: `Launch ${id}`, net, image: null });
    fake.on('/2.0.0/launch/upcoming/', json(page([old('u1', '2025-04-01T10:00:00Z')])));
    const first = page(
      [old('r1', '2025-03-20T10:00:00Z'), old('b1', '2025-02-10T10:00:00Z')],
      `${fake.url}/2.0.0/launch/previous/?limit=100&offset=2`,
    );
    const second = page([old('b2', '2025-01-20T10:00:00Z'), old('x', '2024-12-01T10:00:00Z')], null);
    let throttled = true;
    const previous: Handler = (res, hit, req) => {
      if (!req.path.includes('offset=2')) return json(first)(res, hit, req);
      if (throttled)
        return json({ detail: 'Request was throttled. Expected available in 3600 seconds.' }, 429, { 'retry-after': '3600' })(res, hit, req);
      return json(second)(res, hit, req);
    };
    fake.on('/2.0.0/launch/previous/', previous);
    const since = new Date('2025-01-01T00:00:00Z');

    const stopped = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, since, ...quick });
    expect(stopped.status).toBe('succeeded');
    expect(stopped.backfill).toMatchObject({ complete: false, launches: 1 });
    expect(JSON.parse((await results.readText(layout.rocket.backfillState))!)).toMatchObject({
      next: '/2.0.0/launch/previous/?limit=100&offset=2',
      complete: false,
    });

    throttled = false;
    const resumed = await runRocketPipeline({ results, api: `${fake.url}/2.0.0`, since, ...quick });
    expect(resumed.backfill).toMatchObject({ complete: true, pages: 1, launches: 1 });
    expect((await readLaunchesTable(results)).map((row) => row.launch_id)).toEqual(['b2', 'b1', 'r1', 'u1']);
  });
});
