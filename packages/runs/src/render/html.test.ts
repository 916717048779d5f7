import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storage } from '@ferry/storage';
import { CHROMIUM, chromiumPath, skipNote } from '@ferry/testbed';
import { layout, type RunRecord } from '@ferry/types';
import { renderReportHtml, startRun } from '../index.ts';

/** A real recorded run: two periods cleaned concurrently, one of them only on its third attempt, then a failed publish. */
async function recordRun(): Promise<{ html: string; record: RunRecord }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ferry-html-'));
  const storage = await Storage.open();
  try {
    const results = await storage.store(dir);
    let time = Date.parse('2026-11-21T05:43:00Z');
    const run = await startRun({ pipeline: 'transactions', engine: 'duckdb', results, console: false, now: () => new Date(time) });
    await run.step('plan', async () => void (time += 200));
    await run.step('sync', async (step) => {
      time += 2400;
      step.addBytes(64_172_032);
    });
    await run.step(
      'clean 2019-08-22',
      async (step) => {
        time += 900;
        if (step.attempt < 3) throw new Error('Spark executor lost <exit 137>');
      },
      { retries: 2, minTimeoutMs: 0 },
    );
    await run.step('clean 2019-09-21', async () => void (time += 1100));
    const failure = new Error('verification failed: 1 object differs');
    await run
      .step('publish', async () => {
        time += 500;
        throw failure;
      })
      .catch(() => undefined);
    await run.finish('failed', failure);
    const html = (await results.readText(layout.results.run(run.id).reportHtml))!;
    return { html, record: JSON.parse((await results.readText(layout.results.run(run.id).record))!) as RunRecord };
  } finally {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(CHROMIUM.missing())(
  `${skipNote(CHROMIUM)}given the HTML report of a run with a retried and a failed step, opened in headless Chromium`,
  () => {
    let browser: Browser;
    let report: { html: string; record: RunRecord };

    beforeAll(async () => {
      report = await recordRun();
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function open() {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      // Anything the page tries to fetch would be an external resource: record it and refuse it.
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.setContent(report.html, { waitUntil: 'load' });
      return { page, requests };
    }

    it('when it is rendered, then every step has its bar and the retried step shows all three attempts', async () => {
      const { page, requests } = await open();
      for (const step of report.record.steps) {
        const bars = page.locator(`svg rect[data-step="${step.name}"]`);
        expect(await bars.count(), step.name).toBe(step.attempts.length);
        const box = await bars.first().boundingBox();
        expect(box?.width ?? 0, step.name).toBeGreaterThan(0);
      }
      const attempts = page.locator('svg rect[data-step="clean 2019-08-22"]');
      expect(
        await attempts.evaluateAll((rects) => rects.map((rect) => [rect.getAttribute('data-attempt'), rect.getAttribute('data-status')])),
      ).toEqual([
        ['1', 'failed'],
        ['2', 'failed'],
        ['3', 'succeeded'],
      ]);
      // Attempts follow each other left to right.
      const lefts = await attempts.evaluateAll((rects) => rects.map((rect) => rect.getBoundingClientRect().left));
      expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
      const failedColour = await page.locator('svg rect[data-step="publish"]').evaluate((rect) => getComputedStyle(rect).fill);
      const okColour = await page.locator('svg rect[data-step="plan"]').evaluate((rect) => getComputedStyle(rect).fill);
      expect(failedColour).not.toBe(okColour);
      expect(requests).toEqual([]);
      await page.close();
    });

    it('when it is read, then the summary, the steps table and the failures are there as escaped text', async () => {
      const { page } = await open();
      const text = await page.locator('body').innerText();
      expect(text).toContain(`ferry transactions run ${report.record.run_id}`);
      expect(text).toContain('verification failed: 1 object differs');
      expect(text).toContain('clean 2019-08-22 (attempt 1): Spark executor lost <exit 137>');
      expect(await page.locator('table').nth(1).locator('tbody tr').count()).toBe(report.record.steps.length);
      expect(await page.locator('svg text', { hasText: 'clean 2019-08-22 (3 attempts)' }).count()).toBe(1);
      await page.screenshot({ path: path.join(tmpdir(), 'ferry-report.png'), fullPage: true });
      await page.close();
    });

    it('when a step name holds markup, then it is shown as text, not run', async () => {
      const record: RunRecord = { ...report.record, steps: [{ ...report.record.steps[0]!, name: '<img src=x onerror="alert(1)">' }] };
      const page = await browser.newPage();
      await page.setContent(renderReportHtml(record));
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('svg rect[data-step="<img src=x onerror=\\"alert(1)\\">"]').count()).toBe(1);
      await page.close();
    });
  },
);
