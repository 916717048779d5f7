import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLl2Server, emptyPage, image, json, status } from '../../../../test/rocket/fake-ll2-server.ts';
import { generatedFixtures, generatedJpeg, rewriteHosts } from '../../../../test/rocket/fixtures.ts';
import type { RocketStats } from '@ferry/rocket';
import { runFerry } from '../test-support.ts';

let dir: string;
let fake: FakeLl2Server;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-rocket-stats-'));
  fake = await FakeLl2Server.start();
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** Four launches with their own images, of which the first `failing` answer 404 on this run. */
function serve(failing: number, seed: number): void {
  const page = JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { next: string | null; results: Record<string, unknown>[] };
  page.next = null;
  page.results = page.results.slice(0, 4).map((launch, i) => {
    const file = `/img/run${seed}-${i}.jpg`;
    fake.on(file, i < failing ? status(404) : image(generatedJpeg(1500 + i, { seed: seed * 10 + i, counter: 0 }), 'image/jpeg'));
    return { ...launch, net: new Date(Date.now() + (i + 1) * 36 * 3_600_000).toISOString(), image: `${fake.url}${file}` };
  });
  fake.on('/2.0.0/launch/upcoming/', json(page));
  fake.on('/2.0.0/launch/previous/', emptyPage);
}

describe('given three rocket runs with 0, 1 and 2 of 4 images failing', () => {
  it('when `ferry rocket stats` is asked, then it shows the failure rate of each run, per host, new images per day, images per rocket and the launch interval, as a table, JSON and an HTML chart', async () => {
    const results = path.join(dir, 'results');
    for (const [n, failing] of [0, 1, 2].entries()) {
      serve(failing, n + 1);
      const { code } = await runFerry([
        'rocket',
        'run',
        '--api',
        `${fake.url}/2.0.0`,
        '--results',
        results,
        '--max-image-failures',
        '100%',
        '--retries',
        '0',
      ]);
      expect(code).toBe(0);
    }

    const text = await runFerry(['rocket', 'stats', '--results', results, '--since', '30d']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Failure rate per run');
    const rates = [...text.stdout.matchAll(/\| (succeeded|partial) +\| +4 \| +4 \| +(\d) \| +([\d.]+%) \|/g)].map((match) => [
      match[1],
      match[2],
      match[3],
    ]);
    expect(rates).toEqual([
      ['succeeded', '0', '0.0%'],
      ['partial', '1', '25.0%'],
      ['partial', '2', '50.0%'],
    ]);
    expect(text.stdout).toMatch(new RegExp(`\\| 127\\.0\\.0\\.1:\\d+ +\\| +12 \\| +3 \\| +25\\.0% \\|`));
    expect(text.stdout).toMatch(/Interval between launches \(launches table, 4 launches\): mean 36 h, median 36 h/);

    const html = path.join(dir, 'stats.html');
    const json = await runFerry(['rocket', 'stats', '--results', results, '--json', '--html', html]);
    const stats = JSON.parse(json.stdout) as RocketStats;
    expect(stats.runs.map((run) => run.failure_rate)).toEqual([0, 0.25, 0.5]);
    expect(stats.runs.map((run) => run.new_images)).toEqual([4, 3, 2]);
    expect(stats.runs[0]!.hours_since_previous).toBeNull();
    expect(stats.runs[2]!.hours_since_previous).toBeGreaterThanOrEqual(0);
    expect(Object.values(stats.new_images_per_day).reduce((sum, n) => sum + n, 0)).toBe(4 + 3 + 2);
    expect(stats.rockets.reduce((sum, rocket) => sum + rocket.launches, 0)).toBe(4);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('aria-label="Failure rate per run (%)"');
    expect(page.match(/<rect class="bar" data-label="[^"]+" data-value="(0|25|50)"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).not.toMatch(/<script|\ssrc=/);

    const none = await runFerry(['rocket', 'stats', '--results', results, '--since', '1s', '--as-of', '2020-01-01']);
    expect(none.stdout).toMatch(/: 0\n/);
  });
});
