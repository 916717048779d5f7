import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRocketPipeline } from '@ferry/rocket';
import { Storage } from '@ferry/storage';
import { layout } from '@ferry/types';
import { FakeLl2Server, emptyPage, image, json } from '../../../../test/rocket/fake-ll2-server.ts';
import { generatedFixtures, generatedJpeg, rewriteHosts } from '../../../../test/rocket/fixtures.ts';
import { runFerry } from '../test-support.ts';

let dir: string;
let results: string;
let fake: FakeLl2Server;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-rocket-images-'));
  results = path.join(dir, 'results');
  fake = await FakeLl2Server.start();
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** A recorded run at `now` of three launches with their own images (named by `tag`). */
async function runAt(now: Date, tag: string): Promise<void> {
  const page = JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { next: string | null; results: Record<string, unknown>[] };
  page.next = null;
  page.results = page.results.slice(0, 3).map((launch, i) => {
    fake.on(`/img/${tag}-${i}.jpg`, image(generatedJpeg(2000 + i, { seed: tag.length * 7 + i, counter: 0 }), 'image/jpeg'));
    return { ...launch, id: `${tag}-${i}`, image: `${fake.url}/img/${tag}-${i}.jpg` };
  });
  fake.on('/2.0.0/launch/upcoming/', json(page));
  fake.on('/2.0.0/launch/previous/', emptyPage);
  const storage = await Storage.open();
  try {
    const result = await runRocketPipeline({ results: await storage.store(results), api: `${fake.url}/2.0.0`, now: () => now, console: false });
    expect(result.status).toBe('succeeded');
  } finally {
    await storage.close();
  }
}

const storedImages = async () => (await readdir(path.join(results, layout.rocket.images))).filter((name) => name !== 'index.json').sort();

describe('given a results store with stored launch images', () => {
  it('when `ferry rocket images verify` runs on sound images, then it says so and exits 0; with one corrupted and one deleted, it names both and exits 1', async () => {
    await runAt(new Date(), 'now');
    const sound = await runFerry(['rocket', 'images', 'verify', '--results', results]);
    expect(sound.code).toBe(0);
    expect(sound.stdout).toMatch(/^3 images sound \([\d.]+ KB re-hashed\), 0 corrupt, 0 missing\.$/m);

    const [first, second] = await storedImages();
    const firstPath = path.join(results, layout.rocket.images, first!);
    const bytes = await readFile(firstPath);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(firstPath, bytes);
    await rm(path.join(results, layout.rocket.images, second!));

    const damaged = await runFerry(['rocket', 'images', 'verify', '--results', results]);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain(`  corrupt: ${layout.rocket.images}${first}`);
    expect(damaged.stdout).toContain(`  missing: ${layout.rocket.images}${second!.replace(/\.jpg$/, '')}.*`);
    expect(damaged.stderr).toContain('error: 1 corrupt and 1 missing image(s)');
  });

  it('when `ferry rocket images prune --older-than 90d` runs, then the images no run used for 90 days go, with their index entries, and the rest stay', async () => {
    await runAt(new Date(Date.now() - 100 * 86_400_000), 'old');
    await runAt(new Date(), 'fresh');
    expect(await storedImages()).toHaveLength(6);
    const pruned = await runFerry(['rocket', 'images', 'prune', '--results', results, '--older-than', '90d']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/^Deleted 3 image\(s\) not used since .*; 3 kept\.$/m);
    expect(await storedImages()).toHaveLength(3);
    const index = JSON.parse(await readFile(path.join(results, layout.rocket.imageIndex), 'utf8')) as { images: Record<string, unknown> };
    expect(Object.keys(index.images).every((url) => url.includes('/img/fresh-'))).toBe(true);
    expect((await runFerry(['rocket', 'images', 'verify', '--results', results])).code).toBe(0);

    const refused = await runFerry(['rocket', 'images', 'prune', '--results', results]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("required option '--older-than <duration>' not specified");
  });
});
