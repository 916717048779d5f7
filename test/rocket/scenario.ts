import type { ApiVersion } from '@ferry/rocket';
import { contentTypeOf, imageUrlsOf, rewriteHosts, toVersion230 } from './fixtures.ts';
import type { FixtureSet } from './fixtures.ts';
import { emptyPage, hang, image, json, sequence, status, throttle, truncated } from './fake-ll2-server.ts';
import type { FakeLl2Server } from './fake-ll2-server.ts';

/** What one image URL of the scenario is set up to do, and what the run must make of it. */
export interface ImageCase {
  url: string;
  expect: 'downloaded' | 'failed';
  reason?: RegExp;
  /** Served with a 500 first: it takes a retry. */
  retried?: boolean;
}

export interface Scenario {
  api: string;
  upcomingPath: string;
  /** Every launch of both pages, in order, with its image URL. */
  launches: { id: string; image: string | null }[];
  cases: ImageCase[];
  /** Three launches share this URL. */
  sharedUrl: string;
  /** Two different URLs, same bytes. */
  sameBytes: [string, string];
  nullImageLaunch: string;
}

/**
 * Serves a fixture set as API `version`: page 1 is the (rewritten) 2.0.0 page or its 2.3.0 form; its
 * `next` leads to a page 2 of extra launches that carry the images nobody referenced, a null image and a
 * second URL for bytes already served. Of page 1's URLs, those with an image file serve it; the others
 * are given the failures to show: 404, 500 then success, HTML as image/jpeg, a truncated body, a hang.
 */
export function serveScenario(fake: FakeLl2Server, fixtures: FixtureSet, version: ApiVersion): Scenario {
  const api = `${fake.url}/${version}`;
  const upcomingPath = version === '2.0.0' ? `/2.0.0/launch/upcoming/` : `/2.3.0/launches/upcoming/`;
  const previousPath = version === '2.0.0' ? `/2.0.0/launch/previous/` : `/2.3.0/launches/previous/`;
  const page1 = rewriteHosts(fixtures.upcomingPage, fake.url);
  const fileOf = (url: string) => decodeURIComponent(new URL(url).pathname.split('/').pop()!);
  const pathOf = (url: string) => new URL(url).pathname;

  const urls = imageUrlsOf(page1);
  const unique = [...new Set(urls.filter((url): url is string => url !== null))];
  const withFile = unique.filter((url) => fixtures.images.has(fileOf(url)));
  const withoutFile = unique.filter((url) => !fixtures.images.has(fileOf(url)));
  const referenced = new Set(withFile.map(fileOf));
  const spare = [...fixtures.images.keys()].filter((name) => !referenced.has(name));
  if (withoutFile.length < 5 || spare.length < 3 || withFile.length < 2) throw new Error(`${fixtures.label} do not have the expected shape`);
  const sharedUrl = unique.find((url) => urls.filter((u) => u === url).length >= 3);
  if (!sharedUrl) throw new Error(`${fixtures.label}: no URL shared by 3 launches`);

  const cases: ImageCase[] = [];
  for (const url of withFile) {
    const name = fileOf(url);
    fake.on(pathOf(url), image(fixtures.images.get(name)!, contentTypeOf(name)));
    cases.push({ url, expect: 'downloaded' });
  }
  const bytesOf = (name: string) => fixtures.images.get(name)!;
  const [notFound, flaky, html, cut, slow] = withoutFile as [string, string, string, string, string];
  const [retriedImage, cutImage, ...extras] = spare as [string, string, ...string[]];
  fake.on(pathOf(notFound), status(404));
  fake.on(pathOf(flaky), sequence(status(500), image(bytesOf(retriedImage), contentTypeOf(retriedImage))));
  fake.on(pathOf(html), status(200, '<!DOCTYPE html><html><body>Access denied</body></html>', 'image/jpeg'));
  fake.on(pathOf(cut), truncated(bytesOf(cutImage), contentTypeOf(cutImage)));
  fake.on(pathOf(slow), hang());
  cases.push(
    { url: notFound, expect: 'failed', reason: /^HTTP 404$/ },
    { url: flaky, expect: 'downloaded', retried: true },
    { url: html, expect: 'failed', reason: /not a jpeg image/ },
    { url: cut, expect: 'failed', reason: /^truncated: Content-Length \d+, received \d+ bytes$/ },
    { url: slow, expect: 'failed', reason: /^timeout/ },
  );

  // Page 2: extra launches in the shape of page 1's second launch.
  const template = (JSON.parse(fixtures.upcomingPage) as { results: Record<string, unknown>[] }).results[1]!;
  const copyUrl = `${fake.url}/media/images/copy-of-${fileOf(withFile[1]!)}`;
  fake.on(pathOf(copyUrl), image(bytesOf(fileOf(withFile[1]!)), contentTypeOf(fileOf(withFile[1]!))));
  const extraImages: (string | null)[] = [null, copyUrl];
  for (const name of extras) {
    const url = `${fake.url}/media/images/${name}`;
    fake.on(pathOf(url), image(bytesOf(name), contentTypeOf(name)));
    extraImages.push(url);
    cases.push({ url, expect: 'downloaded' });
  }
  const extraLaunches = extraImages.map((imageUrl, i) => ({
    ...template,
    id: `ffffffff-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `Extra launch ${i + 1}`,
    net: new Date(Date.UTC(2025, 3, 10 + i, 12)).toISOString().replace('.000Z', 'Z'),
    image: imageUrl,
  }));
  const page2 = JSON.stringify({
    count: 10 + extraLaunches.length,
    next: null,
    previous: `${fake.url}${upcomingPath}?limit=10`,
    results: extraLaunches,
  });

  const page1Next = (JSON.parse(page1) as { next: string }).next;
  const served = (page: string) => (version === '2.0.0' ? page : toVersion230(page));
  fake.on(upcomingPath, json(served(page1)));
  fake.on(pathAndQuery(version === '2.0.0' ? page1Next : page1Next.replace('/2.0.0/launch/', '/2.3.0/launches/')), json(served(page2)));
  fake.on(previousPath, emptyPage);
  if (version === '2.3.0') fake.on('/2.3.0/api-throttle/', throttle(15, 0));

  const launches = [...(JSON.parse(page1) as { results: { id: string; image: string | null }[] }).results, ...extraLaunches].map((launch) => ({
    id: launch.id,
    image: launch.image,
  }));
  return { api, upcomingPath, launches, cases, sharedUrl, sameBytes: [withFile[1]!, copyUrl], nullImageLaunch: extraLaunches[0]!.id };
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
