import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { list } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRocketPipeline } from '@ferry/rocket';
import { Storage } from '@ferry/storage';
import { layout } from '@ferry/types';
import { FakeLl2Server, emptyPage, image, json } from '../../../../test/rocket/fake-ll2-server.ts';
import { CAPTURED_AT, generatedFixtures, generatedJpeg, rewriteHosts } from '../../../../test/rocket/fixtures.ts';
import { runFerry } from '../test-support.ts';

let dir: string;
let results: string;
let fake: FakeLl2Server;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-export-archive-'));
  results = path.join(dir, 'results');
  fake = await FakeLl2Server.start();
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** One rocket run of three launches (slugs as given; one without a time) with their own images; returns its id. */
async function rocketRun(slugs: string[], nets: (string | null)[]): Promise<string> {
  const page = JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { next: string | null; results: Record<string, unknown>[] };
  page.next = null;
  page.results = slugs.map((slug, i) => {
    fake.on(`/img/${slug}.jpg`, image(generatedJpeg(2000 + i, { seed: slug.length * 31 + i, counter: 0 }), 'image/jpeg'));
    return { ...page.results[i]!, id: `id-${slug}`, slug, net: nets[i] ?? 'to be announced', image: `${fake.url}/img/${slug}.jpg` };
  });
  fake.on('/2.0.0/launch/upcoming/', json(page));
  fake.on('/2.0.0/launch/previous/', emptyPage);
  const storage = await Storage.open();
  try {
    const result = await runRocketPipeline({
      results: await storage.store(results),
      api: `${fake.url}/2.0.0`,
      now: () => CAPTURED_AT,
      console: false,
    });
    return result.runId;
  } finally {
    await storage.close();
  }
}

describe('given two rocket runs in a results folder', () => {
  it('when `ferry export --images-by-launch` runs, then every launch image is there as <net date>_<launch slug>.<ext>, an unknown time as unknown-date', async () => {
    await rocketRun(['starlink-group-12-22', 'electron-mission-5'], ['2025-03-28T10:00:00Z', '2025-04-02T01:00:00Z']);
    await rocketRun(['falcon-9-test'], [null]);
    const { code, stdout } = await runFerry(['export', path.join(dir, 'out'), '--results', results, '--images-by-launch']);
    expect(code).toBe(0);
    expect(stdout).toContain('3 launch images named by launch in images-by-launch/');
    const [folder] = await readdir(path.join(dir, 'out'));
    expect((await readdir(path.join(dir, 'out', folder!, 'images-by-launch'))).sort()).toEqual([
      '2025-03-28_starlink-group-12-22.jpg',
      '2025-04-02_electron-mission-5.jpg',
      'unknown-date_falcon-9-test.jpg',
    ]);
  });

  it('when one run is exported with --images-by-launch --archive, then one .tar.gz holds its files and its launch images, and no folder is left', async () => {
    await rocketRun(['starlink-group-12-22', 'electron-mission-5'], ['2025-03-28T10:00:00Z', '2025-04-02T01:00:00Z']);
    const second = await rocketRun(['falcon-9-test'], ['2025-04-05T00:00:00Z']);
    const out = path.join(dir, 'out');
    const { code, stdout } = await runFerry(['export', out, '--results', results, '--run', second, '--images-by-launch', '--archive']);
    expect(code).toBe(0);
    const entries = await readdir(out);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^ferry-export-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(stdout).toContain(`archived as ${path.join(out, entries[0]!)}`);
    const files: string[] = [];
    await list({ file: path.join(out, entries[0]!), onReadEntry: (entry) => void files.push(entry.path) });
    const stem = entries[0]!.replace('.tar.gz', '');
    expect(files).toContain(`${stem}/images-by-launch/2025-04-05_falcon-9-test.jpg`);
    expect(files).toContain(`${stem}/${layout.results.run(second).reportHtml}`);
    expect(files).toContain(`${stem}/README.txt`);
    expect(files.some((file) => file.includes('starlink'))).toBe(false);
  });
});
