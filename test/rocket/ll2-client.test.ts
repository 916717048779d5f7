import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '@ferry/types';
import type { Logger } from '@ferry/types';
import { Ll2Client, type Launch } from '@ferry/rocket';
import { FakeLl2Server, emptyPage, json, rateLimited, sequence, status, throttle } from './fake-ll2-server.ts';
import { CAPTURED_AT, REAL_FIXTURES_MISSING, generatedFixtures, realFixtures, rewriteHosts, toVersion230 } from './fixtures.ts';

interface LoggedLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

function memoryLogger(lines: LoggedLine[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

const fast = { retries: 2, minTimeoutMs: 10 };
const real = realFixtures();
if (!real) console.warn(REAL_FIXTURES_MISSING);

describe('given a fake Launch Library on 127.0.0.1', () => {
  let fake: FakeLl2Server;
  let lines: LoggedLine[];
  const client = (version: '2.0.0' | '2.3.0', extra: { token?: string; timeoutMs?: number } = {}) =>
    new Ll2Client({
      api: `${fake.url}/${version}`,
      timeoutMs: extra.timeoutMs ?? 2000,
      retry: fast,
      log: memoryLogger(lines),
      ...(extra.token ? { token: extra.token } : {}),
    });

  beforeEach(async () => {
    fake = await FakeLl2Server.start();
    lines = [];
  });
  afterEach(async () => {
    await fake.close();
  });

  describe.each([
    { label: 'the real 2.0.0 capture', fixtures: real },
    { label: 'generated fixtures', fixtures: generatedFixtures() },
  ])('serving $label', ({ fixtures }) => {
    it.skipIf(!fixtures)(
      'when upcoming launches are read as 2.0.0, then all 10 parse with string images, short statuses and the pad zone found from its coordinates',
      async () => {
        const page = rewriteHosts(fixtures!.upcomingPage, fake.url);
        fake.on('/2.0.0/launch/upcoming/', json(page));
        const pages = await client('2.0.0').upcoming(10);
        const launches = pages[0]!.page.launches;
        const raw = JSON.parse(page) as { results: { id: string; image: string; status: { name: string }; net: string }[] };
        expect(launches.map((launch) => launch.id)).toEqual(raw.results.map((launch) => launch.id));
        expect(launches.map((launch) => launch.image_url)).toEqual(raw.results.map((launch) => launch.image));
        expect(launches.map((launch) => launch.status)).toEqual(raw.results.map((launch) => launch.status.name));
        expect(launches.map((launch) => launch.net)).toEqual(raw.results.map((launch) => new Date(launch.net).toISOString()));
        expect(launches.every((launch) => typeof launch.pad_timezone === 'string' && launch.pad_country !== null)).toBe(true);
        if (fixtures === real) expect(launches[0]!.pad_timezone).toBe('America/Los_Angeles'); // Vandenberg SLC-4E, 34.632,-120.611
        expect(Buffer.from(pages[0]!.body).toString('utf8')).toBe(page);
      },
    );

    it.skipIf(!fixtures)(
      "when the same launches come in the 2.3.0 shape, then they normalise to the same launches, with the API's pad zone and the image's thumbnail",
      async () => {
        const page200 = rewriteHosts(fixtures!.upcomingPage, fake.url);
        fake.on('/2.0.0/launch/upcoming/', json(page200));
        fake.on('/2.3.0/launches/upcoming/', json(toVersion230(page200)));
        const [old] = await client('2.0.0').upcoming(10);
        const [current] = await client('2.3.0').upcoming(10);
        const common = (launches: Launch[]) => launches.map(({ pad_timezone: _zone, thumbnail_url: _thumbnail, ...rest }) => rest);
        expect(common(current!.page.launches)).toEqual(common(old!.page.launches));
        expect(current!.page.launches.every((launch) => launch.thumbnail_url?.includes('/thumb/'))).toBe(true);
        expect(current!.page.launches.every((launch) => typeof launch.pad_timezone === 'string')).toBe(true);
      },
    );
  });

  it('when more launches are asked for than one page holds, then it follows next until the limit and sends the token as a header only', async () => {
    const page = JSON.parse(rewriteHosts(generatedFixtures().upcomingPage, fake.url)) as { results: unknown[]; next: string };
    const second = { ...page, next: `${fake.url}/2.3.0/launches/upcoming/?limit=10&offset=20`, results: page.results.slice(0, 5) };
    fake.on(
      '/2.3.0/launches/upcoming/',
      json(toVersion230(JSON.stringify({ ...page, next: `${fake.url}/2.3.0/launches/upcoming/?limit=10&offset=10` }))),
    );
    fake.on('/2.3.0/launches/upcoming/?limit=10&offset=10', json(toVersion230(JSON.stringify(second))));
    const pages = await client('2.3.0', { token: 'tok-123' }).upcoming(13);
    expect(pages.map((fetched) => fetched.page.launches.length)).toEqual([10, 3]);
    expect(fake.seen('/2.3.0/launches/upcoming/').map((request) => request.path)).toEqual([
      '/2.3.0/launches/upcoming/?limit=13',
      '/2.3.0/launches/upcoming/?limit=10&offset=10',
    ]);
    expect(fake.requests.every((request) => request.headers.authorization === 'Token tok-123')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('tok-123');
  });

  it('when the API answers 429 with Retry-After 1, then the client waits it out and asks once more, not in a tight loop', async () => {
    fake.on('/2.0.0/launch/upcoming/', sequence(rateLimited(1), json(rewriteHosts(generatedFixtures().upcomingPage, fake.url))));
    const pages = await client('2.0.0').upcoming(10);
    const seen = fake.seen('/2.0.0/launch/upcoming/');
    expect(pages[0]!.page.launches).toHaveLength(10);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(lines.some((line) => line.level === 'warn' && line.msg.includes('rate limited'))).toBe(true);
  });

  it('when the API fails with 503 twice, then the third attempt succeeds after backoff', async () => {
    fake.on('/2.0.0/launch/upcoming/', sequence(status(503), status(503), json(rewriteHosts(generatedFixtures().upcomingPage, fake.url))));
    const pages = await client('2.0.0').upcoming(10);
    expect(pages[0]!.page.launches).toHaveLength(10);
    expect(fake.seen('/2.0.0/launch/upcoming/')).toHaveLength(3);
  });

  it('when the API answers an HTML page with status 200, then it is a clear error about non-JSON, not data', async () => {
    fake.on('/2.0.0/launch/upcoming/', status(200, '<html><body>Maintenance</body></html>'));
    const failure = client('2.0.0').upcoming(10);
    await expect(failure).rejects.toThrow(FerryError);
    await expect(failure).rejects.toThrow(/not JSON: "<html><body>Maintenance/);
  });

  it('when the API answers 404 with a DRF body, then the error names the status and is not retried', async () => {
    fake.on('/2.0.0/launch/upcoming/', json({ detail: 'Not found.' }, 404));
    await expect(client('2.0.0').upcoming(10)).rejects.toThrow(/HTTP 404: "\{\\"detail\\":\\"Not found.\\"\}"/);
    expect(fake.seen('/2.0.0/launch/upcoming/')).toHaveLength(1);
  });

  it('when JSON comes back without results, then validation names the missing field', async () => {
    fake.on('/2.3.0/launches/upcoming/', json({ count: 1, next: null, previous: null }));
    await expect(client('2.3.0').upcoming(10)).rejects.toThrow(/upcoming page 1: not a launch list \(results: /);
  });

  it('when the API never answers, then each attempt times out and the error says so', async () => {
    fake.on('/2.0.0/launch/upcoming/', () => undefined);
    await expect(client('2.0.0', { timeoutMs: 100 }).upcoming(10)).rejects.toThrow(/failed after 3 attempts: timeout/);
    expect(fake.seen('/2.0.0/launch/upcoming/')).toHaveLength(3);
  });

  it('when the 2.3.0 quota is used up for an hour, then the run stops before spending a call and says when to come back', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 15, 1800));
    await expect(client('2.3.0').checkQuota(2)).rejects.toThrow(
      /quota used up .* next call possible in 1800 s\. Try later, or use an API key for a higher limit\.$/,
    );
    expect(fake.requests.map((request) => request.path)).toEqual(['/2.3.0/api-throttle/']);
  });

  it('when the 2.3.0 quota frees a call in 1 s, then the client waits for it', async () => {
    fake.on('/2.3.0/api-throttle/', throttle(15, 15, 1));
    const started = performance.now();
    await client('2.3.0').checkQuota(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('when previous launches are read from 2.3.0, then the server filters by net__gte', async () => {
    fake.on('/2.3.0/launches/previous/', emptyPage);
    const since = new Date(CAPTURED_AT.getTime() - 30 * 86_400_000);
    await client('2.3.0').previous({ since, until: CAPTURED_AT, limit: 100, maxPages: 2 });
    const query = new URL(`${fake.url}${fake.seen('/2.3.0/launches/previous/')[0]!.path}`).searchParams;
    expect(query.get('net__gte')).toBe(since.toISOString());
    expect(query.get('net__lt')).toBe(CAPTURED_AT.toISOString());
  });

  it('when previous launches are read from 2.0.0, then older ones are cut client-side and paging stops there', async () => {
    const page = JSON.parse(generatedFixtures().upcomingPage) as { results: { net: string }[] };
    const nets = ['2025-03-26T10:00:00Z', '2025-03-01T10:00:00Z', '2025-02-01T10:00:00Z'];
    const results = nets.map((net, i) => ({ ...page.results[i], net }));
    fake.on('/2.0.0/launch/previous/', json({ count: 300, next: `${fake.url}/2.0.0/launch/previous/?offset=3`, previous: null, results }));
    const { pages, complete } = await client('2.0.0').previous({
      since: new Date(CAPTURED_AT.getTime() - 30 * 86_400_000),
      until: CAPTURED_AT,
      limit: 100,
      maxPages: 2,
    });
    expect(complete).toBe(true);
    expect(pages.flatMap((fetched) => fetched.page.launches.map((launch) => launch.net))).toEqual([
      '2025-03-26T10:00:00.000Z',
      '2025-03-01T10:00:00.000Z',
    ]);
    expect(fake.seen('/2.0.0/launch/previous/')).toHaveLength(1);
  });
});
