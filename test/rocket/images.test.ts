import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layout, type Logger } from '@ferry/types';
import { downloadImages } from '@ferry/rocket';
import type { Launch } from '@ferry/rocket';
import { closeRocketBed, openRocketBed, type RocketBed } from './bed.ts';
import { image, status } from './fake-ll2-server.ts';
import { CAPTURED_AT, generatedJpeg, generatedPng } from './fixtures.ts';

const IMAGE_INDEX_KEY = layout.rocket.imageIndex;

let bed: RocketBed;
let warnings: string[];

const logger = (): Logger => {
  const quiet = () => undefined;
  const log: Logger = {
    debug: quiet,
    info: quiet,
    warn: (msg, fields) => void warnings.push(`${msg} ${JSON.stringify(fields ?? {})}`),
    error: quiet,
    child: () => log,
  };
  return log;
};

const launchWith = (id: string, imageUrl: string | null): Launch => ({
  id,
  name: id,
  net: CAPTURED_AT.toISOString(),
  status: 'Go',
  provider: 'P',
  rocket: 'R',
  pad: 'Pad',
  pad_country: null,
  pad_timezone: null,
  image_url: imageUrl,
  slug: id,
  last_updated: null,
  thumbnail_url: null,
  rocket_image_url: null,
});

const download = (launches: Launch[]) =>
  downloadImages({
    store: bed.results,
    launches,
    concurrency: 4,
    timeoutMs: 2000,
    retry: { retries: 1, minTimeoutMs: 10 },
    log: logger(),
    now: () => CAPTURED_AT,
  });

beforeEach(async () => {
  bed = await openRocketBed('images');
  warnings = [];
});
afterEach(() => closeRocketBed(bed));

describe('given image URLs with integrity problems', () => {
  it('when they are downloaded, then each problem is a failed entry with its reason and only sound images are stored', async () => {
    const png = generatedPng(8, 8);
    bed.fake.on('/ok.webp', image(Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '), Buffer.alloc(8)]), 'image/webp'));
    bed.fake.on('/ok.gif', image(Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(16)]), 'image/gif'));
    bed.fake.on('/png-as-jpeg.jpg', image(png, 'image/jpeg'));
    bed.fake.on('/drawing.svg', image(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'));
    bed.fake.on('/empty.png', image(new Uint8Array(), 'image/png'));
    bed.fake.on('/page.html', status(200, '<html></html>', 'text/html; charset=utf-8'));
    bed.fake.on('/forbidden.png', status(403));
    const urls = ['/ok.webp', '/ok.gif', '/png-as-jpeg.jpg', '/drawing.svg', '/empty.png', '/page.html', '/forbidden.png'].map(
      (path) => `${bed.fake.url}${path}`,
    );
    const report = await download([...urls.map((url, i) => launchWith(`l${i}`, url)), launchWith('ftp', 'ftp://example.org/x.png')]);

    expect(report.images.map((entry) => [entry.launch_id, entry.status, entry.reason ?? ''])).toEqual([
      ['l0', 'downloaded', ''],
      ['l1', 'downloaded', ''],
      ['l2', 'failed', 'body is png but Content-Type says image/jpeg'],
      ['l3', 'failed', 'unsupported image type image/svg+xml'],
      ['l4', 'failed', 'empty body'],
      ['l5', 'failed', 'Content-Type text/html; charset=utf-8 is not an image'],
      ['l6', 'failed', 'HTTP 403'],
      ['ftp', 'failed', 'not an http(s) URL'],
    ]);
    const keys = (await bed.results.list('rocket/images/')).map((object) => object.key);
    expect(keys.filter((key) => key.endsWith('.webp') || key.endsWith('.gif'))).toHaveLength(2);
    expect(keys).toHaveLength(3);
    expect(warnings.filter((line) => line.startsWith('image failed'))).toHaveLength(6);
  });
});

describe('given an index that points at an object no longer in the store', () => {
  it('when the run meets that URL again, then it downloads it again instead of trusting the index', async () => {
    bed.fake.on('/a.jpg', image(generatedJpeg(3000), 'image/jpeg'));
    const first = await download([launchWith('a', `${bed.fake.url}/a.jpg`)]);
    const stored = (await bed.results.list('rocket/images/')).map((object) => object.key).filter((key) => key !== IMAGE_INDEX_KEY);
    await bed.results.delete(stored);
    const again = await download([launchWith('a', `${bed.fake.url}/a.jpg`)]);
    expect(first.images[0]!.status).toBe('downloaded');
    expect(again.images[0]).toMatchObject({ status: 'downloaded', sha256: first.images[0]!.sha256 });
    expect(bed.fake.seen('/a.jpg')).toHaveLength(2);
  });

  it('when the index is not valid JSON, then a warning says so and images are fetched afresh', async () => {
    bed.fake.on('/a.jpg', image(generatedJpeg(3000), 'image/jpeg'));
    await bed.results.write(IMAGE_INDEX_KEY, '{ not json');
    const report = await download([launchWith('a', `${bed.fake.url}/a.jpg`)]);
    expect(report.images[0]!.status).toBe('downloaded');
    expect(warnings.some((line) => line.startsWith('image index is unreadable'))).toBe(true);
    expect(JSON.parse((await bed.results.readText(IMAGE_INDEX_KEY))!)).toMatchObject({
      version: 2,
      images: { [`${bed.fake.url}/a.jpg`]: { content_type: 'image/jpeg' } },
    });
    expect(Object.keys(JSON.parse((await bed.results.readText(IMAGE_INDEX_KEY))!).images as object)).toEqual([`${bed.fake.url}/a.jpg`]);
  });

  it('when the index was written before it had a version (a bare map of URLs), then it is read as such and rewritten as version 2', async () => {
    bed.fake.on('/a.jpg', image(generatedJpeg(3000), 'image/jpeg'));
    bed.fake.on('/b.jpg', image(generatedJpeg(3100), 'image/jpeg'));
    const first = await download([launchWith('a', `${bed.fake.url}/a.jpg`)]);
    const { images } = JSON.parse((await bed.results.readText(IMAGE_INDEX_KEY))!) as { images: Record<string, unknown> };
    await bed.results.write(IMAGE_INDEX_KEY, JSON.stringify(images));
    const again = await download([launchWith('a', `${bed.fake.url}/a.jpg`), launchWith('b', `${bed.fake.url}/b.jpg`)]);
    expect(again.images.map((entry) => entry.status)).toEqual(['present', 'downloaded']);
    expect(again.images[0]!.sha256).toBe(first.images[0]!.sha256);
    expect(bed.fake.seen('/a.jpg')).toHaveLength(1);
    const index = JSON.parse((await bed.results.readText(IMAGE_INDEX_KEY))!) as { version: number; images: Record<string, unknown> };
    expect(index.version).toBe(2);
    expect(Object.keys(index.images)).toEqual([`${bed.fake.url}/a.jpg`, `${bed.fake.url}/b.jpg`]);
    expect(warnings).toEqual([]);
  });

  it('when the index was written by a newer ferry, then a warning says so and the index is left as it is', async () => {
    bed.fake.on('/a.jpg', image(generatedJpeg(3000), 'image/jpeg'));
    const newer = JSON.stringify({ version: 3, images: {}, mirrors: ['s3://elsewhere'] });
    await bed.results.write(IMAGE_INDEX_KEY, newer);
    const report = await download([launchWith('a', `${bed.fake.url}/a.jpg`)]);
    expect(report.images[0]!.status).toBe('downloaded');
    expect(
      warnings.some(
        (line) => line.startsWith('image index was written by a newer ferry; this run neither uses nor updates it') && line.includes('"version":3'),
      ),
    ).toBe(true);
    expect(await bed.results.readText(IMAGE_INDEX_KEY)).toBe(newer);
  });
});
