import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRocketPipeline, type RocketOptions } from '@ferry/rocket';
import { layout } from '@ferry/types';
import { FakeLl2Server, emptyPage, image, json, sequence, status, throttle, type Handler } from './fake-ll2-server.ts';
import { CAPTURED_AT, generatedFixtures, generatedJpeg, generatedPng, rewriteHosts, toVersion230 } from './fixtures.ts';
import { closeRocketBed, openRocketBed, type RocketBed } from './bed.ts';

/** Downloads users can steer: retries, per-host limits, fallback sources. */

const quick = { timeoutMs: 2000, now: () => CAPTURED_AT, console: false, maxImageFailures: { percent: 100 } } satisfies Partial<RocketOptions>;

let bed: RocketBed;
let { fake, dir, storage, results } = {} as RocketBed;

beforeEach(async () => {
  bed = await openRocketBed('downloads');
  ({ fake, dir, storage, results } = bed);
});
afterEach(() => closeRocketBed(bed));

/** 2.3.0 launches shaped like the generated page, with the image URLs given (thumbnail and rocket image per launch). */
function serve230(images: { image: string | null; thumbnail?: string | null; rocket?: string | null }[]): void {
  const page = JSON.parse(toVersion230(rewriteHosts(generatedFixtures().upcomingPage, fake.url))) as {
    next: string | null;
    results: Record<string, unknown>[];
  };
  page.next = null;
  page.results = images.map((urls, i) => {
    const launch = structuredClone(page.results[i % page.results.length]!);
    launch.id = `launch-${i}`;
    launch.name = `Launch ${i}`;
    launch.image = urls.image === null ? null : { id: i, image_url: urls.image, thumbnail_url: urls.thumbnail ?? null };
    const rocket = launch.rocket as { configuration: Record<string, unknown> };
    rocket.configuration.image = urls.rocket ? { id: 100 + i, image_url: urls.rocket, thumbnail_url: null } : null;
    return launch;
  });
  fake.on('/2.3.0/launches/upcoming/', json(page));
  fake.on('/2.3.0/launches/previous/', emptyPage);
  fake.on('/2.3.0/api-throttle/', throttle(15, 0));
}

describe('given an image that fails twice before it answers', () => {
  it('when the run has --retries 2, then it is downloaded on the third attempt and the image records 3 attempts; with --retries 1 it fails after 2', async () => {
    const flaky = () => sequence(status(503), status(503), image(generatedJpeg(5000), 'image/jpeg'));
    fake.on('/img/flaky.jpg', flaky());
    serve230([{ image: `${fake.url}/img/flaky.jpg` }]);
    const patient = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, retry: { retries: 2, minTimeoutMs: 10 }, ...quick });
    expect(patient.images[0]).toMatchObject({ status: 'downloaded', attempts: 3, ttfb_ms: expect.any(Number), ms: expect.any(Number) });

    fake.on('/img/flaky-again.jpg', flaky());
    serve230([{ image: `${fake.url}/img/flaky-again.jpg` }]);
    const other = await storage.store(join(dir, 'other'));
    const hasty = await runRocketPipeline({ results: other, api: `${fake.url}/2.3.0`, retry: { retries: 1, minTimeoutMs: 10 }, ...quick });
    expect(hasty.images[0]).toMatchObject({ status: 'failed', reason: 'HTTP 503', attempts: 2 });
  });
});

describe('given six images on each of two hosts', () => {
  /** Counts how many requests a host has in flight at once: each answer waits 150 ms. */
  function slowImages(server: FakeLl2Server, seed: number, inFlight: { now: number; max: number }): string[] {
    return Array.from({ length: 6 }, (_, i) => {
      const path = `/img/slow-${i}.png`;
      const handler: Handler = async (res, hit, req) => {
        inFlight.now += 1;
        inFlight.max = Math.max(inFlight.max, inFlight.now);
        await sleep(150);
        inFlight.now -= 1;
        await image(generatedPng(8 + i, 8, { seed: seed + i, counter: 0 }), 'image/png')(res, hit, req);
      };
      server.on(path, handler);
      return `${server.url}${path}`;
    });
  }

  it('when the run allows 8 downloads at once but 2 per host, then no host ever has more than 2 in flight', async () => {
    const second = await FakeLl2Server.start();
    try {
      const [a, b] = [
        { now: 0, max: 0 },
        { now: 0, max: 0 },
      ];
      serve230([...slowImages(fake, 10, a), ...slowImages(second, 20, b)].map((url) => ({ image: url })));
      const result = await runRocketPipeline({
        results,
        api: `${fake.url}/2.3.0`,
        concurrency: 8,
        perHostConcurrency: 2,
        retry: { retries: 0, minTimeoutMs: 10 },
        ...quick,
      });
      expect(result.imageReport!.totals.downloaded).toBe(12);
      expect([a.max, b.max]).toEqual([2, 2]);
      expect(new Set(result.images.map((entry) => entry.host)).size).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('when one host is capped at 100 kB/s, then its images take at least as long as their bytes at that rate', async () => {
    const big = generatedPng(120, 120, { seed: 5, counter: 0 });
    fake.on('/img/big-1.png', image(big, 'image/png'));
    fake.on('/img/big-2.png', image(generatedPng(120, 120, { seed: 6, counter: 0 }), 'image/png'));
    serve230([{ image: `${fake.url}/img/big-1.png` }, { image: `${fake.url}/img/big-2.png` }]);
    const cap = 100_000;
    const result = await runRocketPipeline({
      results,
      api: `${fake.url}/2.3.0`,
      perHostBytesPerSecond: cap,
      retry: { retries: 0, minTimeoutMs: 10 },
      ...quick,
    });
    const bytes = result.imageReport!.totals.bytes_downloaded;
    expect(bytes).toBeGreaterThan(80_000);
    // The bucket lets 50 ms of tokens through at once; the rest waits.
    expect(result.imageReport!.elapsed_ms).toBeGreaterThanOrEqual(((bytes - cap / 20) / cap) * 1000 * 0.9);
  });
});

describe('given launches whose own image fails', () => {
  it("when the thumbnail answers, it is used; when it fails too, the rocket's image is; each recorded as a fallback, and a launch with none left fails naming what was tried", async () => {
    fake.on('/img/own-0.jpg', status(404));
    fake.on('/img/thumb-0.jpg', image(generatedJpeg(3000), 'image/jpeg'));
    fake.on('/img/own-1.jpg', status(404));
    fake.on('/img/thumb-1.jpg', status(404));
    fake.on('/img/rocket-1.png', image(generatedPng(10, 10), 'image/png'));
    fake.on('/img/own-2.jpg', status(410));
    serve230([
      { image: `${fake.url}/img/own-0.jpg`, thumbnail: `${fake.url}/img/thumb-0.jpg` },
      { image: `${fake.url}/img/own-1.jpg`, thumbnail: `${fake.url}/img/thumb-1.jpg`, rocket: `${fake.url}/img/rocket-1.png` },
      { image: `${fake.url}/img/own-2.jpg`, thumbnail: `${fake.url}/img/thumb-2.jpg` },
    ]);
    const result = await runRocketPipeline({ results, api: `${fake.url}/2.3.0`, retry: { retries: 0, minTimeoutMs: 10 }, ...quick });
    expect(result.images.map((entry) => [entry.status, entry.source ?? 'image', entry.fallback_reason ?? ''])).toEqual([
      ['downloaded', 'thumbnail', 'HTTP 404'],
      ['downloaded', 'rocket_image', 'HTTP 404'],
      ['failed', 'image', ''],
    ]);
    expect(result.images[0]).toMatchObject({ url: `${fake.url}/img/own-0.jpg`, fetched_url: `${fake.url}/img/thumb-0.jpg` });
    expect(result.images[2]).toMatchObject({ reason: 'HTTP 410', fallbacks_failed: `${fake.url}/img/thumb-2.jpg: HTTP 404` });
    expect(result.record.totals.images_from_fallback).toBe(2);
    expect(result.status).toBe('partial');
  });
});

describe('given upcoming launches none of which has an image', () => {
  it('when the run ends, then it succeeds, and the log and the webhook warn that no launch images were found', async () => {
    serve230([{ image: null }, { image: null }]);
    fake.on('/hooks/h', json({ ok: true }));
    const result = await runRocketPipeline({
      results,
      api: `${fake.url}/2.3.0`,
      webhook: `${fake.url}/hooks/h`,
      retry: { retries: 0, minTimeoutMs: 10 },
      ...quick,
    });
    expect(result.status).toBe('succeeded');
    expect(JSON.parse(fake.seen('/hooks/h')[0]!.body)).toMatchObject({
      warning: 'no launch images found',
      images: [
        { launch: 'Launch 0', status: 'no_image' },
        { launch: 'Launch 1', status: 'no_image' },
      ],
    });
    const log = (await results.readText(layout.results.run(result.runId).log))!;
    expect(log).toContain('"msg":"no launch images found"');
  });
});
