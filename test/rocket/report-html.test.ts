import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layout } from '@ferry/types';
import { runRocketPipeline } from '@ferry/rocket';
import { CHROMIUM, chromiumPath, skipNote } from '@ferry/testbed';
import { closeRocketBed, openRocketBed } from './bed.ts';
import { emptyPage, image, json, status } from './fake-ll2-server.ts';
import { CAPTURED_AT, generatedFixtures, generatedJpeg, rewriteHosts } from './fixtures.ts';

/** A real rocket run whose API names one launch with markup, as a malicious response could; one image fails. */
async function rocketReport(): Promise<string> {
  const bed = await openRocketBed('html');
  const { fake, results } = bed;
  try {
    const page = JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { next: string | null; results: Record<string, unknown>[] };
    page.next = null;
    page.results = page.results.slice(0, 4).map((launch, i) => {
      fake.on(`/img/${i}.jpg`, i === 3 ? status(404) : image(generatedJpeg(2000 + i, { seed: 40 + i, counter: 0 }), 'image/jpeg'));
      return { ...launch, image: `${fake.url}/img/${i}.jpg`, ...(i === 0 ? { name: '<img src=x onerror="alert(1)"> | Mission' } : {}) };
    });
    fake.on('/2.0.0/launch/upcoming/', json(page));
    fake.on('/2.0.0/launch/previous/', emptyPage);
    const run = await runRocketPipeline({
      results,
      api: `${fake.url}/2.0.0`,
      now: () => CAPTURED_AT,
      retry: { retries: 0, minTimeoutMs: 10 },
      maxImageFailures: { count: 1 },
      console: false,
    });
    return (await results.readText(layout.results.run(run.runId).reportHtml))!;
  } finally {
    await closeRocketBed(bed);
  }
}

describe.skipIf(CHROMIUM.missing())('given the report.html of a rocket run, opened in headless Chromium without a network', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    html = await rocketReport();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`${skipNote(CHROMIUM)}when it is rendered, then the launches chart has a visible bar per day with launches, the tables are there, and nothing is fetched`, async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    const bars = page.locator('svg[aria-label="Launches per day (UTC)"] rect.bar');
    const values = await bars.evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('data-value'))));
    expect(values.reduce((sum, n) => sum + n, 0)).toBe(4);
    for (const box of await bars.evaluateAll((rects) => rects.map((rect) => rect.getBoundingClientRect().height))) expect(box).toBeGreaterThan(0);
    expect(await page.locator('svg[aria-label="Images downloaded per run"] rect.bar').count()).toBe(1);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Images by launch');
    expect(text).toContain('Image failures');
    expect(requests).toEqual([]);
    await page.close();
  });

  it(`${skipNote(CHROMIUM)}when a launch name from the API holds markup, then it is shown as text and never run`, async () => {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<img src=x onerror="alert(1)"> | Mission');
    await page.close();
  });
});
