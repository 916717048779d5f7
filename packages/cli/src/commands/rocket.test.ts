import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeLl2Server, emptyPage, image, json, status } from '../../../../test/rocket/fake-ll2-server.ts';
import { contentTypeOf, generatedFixtures, imageUrlsOf, rewriteHosts } from '../../../../test/rocket/fixtures.ts';
import { runCommand, runFerry } from '../test-support.ts';
import { register } from './rocket.ts';

let dir: string;
let fake: FakeLl2Server;

const ferry = (args: string[]) => runCommand(register, args);

/** The generated page with every image served, except one that answers 404. */
function serveGeneratedLaunches(): string {
  const fixtures = generatedFixtures();
  // The command reports against the real clock: launch 1 flew yesterday, the others are yet to come.
  const parsed = JSON.parse(rewriteHosts(fixtures.upcomingPage, fake.url)) as { results: { net: string }[] };
  parsed.results.forEach((launch, i) => (launch.net = new Date(Date.now() + (i === 0 ? -1 : i) * 86_400_000).toISOString()));
  const page = JSON.stringify(parsed);
  const unique = [...new Set(imageUrlsOf(page).filter((url): url is string => url !== null))];
  const nameOf = (url: string) => path.basename(new URL(url).pathname);
  const spare = [...fixtures.images.keys()].filter((name) => !unique.some((url) => nameOf(url) === name));
  unique.forEach((url, i) => {
    const name = fixtures.images.has(nameOf(url)) ? nameOf(url) : spare.shift()!;
    fake.on(new URL(url).pathname, i === unique.length - 1 ? status(404) : image(fixtures.images.get(name)!, contentTypeOf(name)));
  });
  fake.on('/2.0.0/launch/upcoming/', json(page));
  fake.on('/2.0.0/launch/previous/', emptyPage);
  return unique[unique.length - 1]!;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-rocket-'));
  fake = await FakeLl2Server.start();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('given a fake Launch Library 2.0.0 serving 10 launches, one image of which answers 404', () => {
  it('when `ferry rocket run` stores into a results folder, then it prints the image totals, the failed launch by name with its reason and the count tables, sends the env token, and exits 1 (one failure is over the default limit of 0)', async () => {
    const missing = serveGeneratedLaunches();
    vi.stubEnv('LL2_API_TOKEN', 'env-token-77');
    fake.on('/hooks/ferry', json({ ok: true }));
    const results = path.join(dir, 'results');
    const {
      code,
      stdout: out,
      stderr,
    } = await runFerry([
      'rocket',
      'run',
      '--api',
      `${fake.url}/2.0.0`,
      '--results',
      results,
      '--limit',
      '10',
      '--concurrency',
      '2',
      '--webhook',
      `${fake.url}/hooks/ferry`,
    ]);

    expect(code).toBe(1);
    expect(stderr).toMatch(/error: rocket run \S+ is partial: 1 of 10 launch images failed, more than the 0 --max-image-failures allows/);
    expect(out).toMatch(/Rocket run \S+ partial in [\d.]+s: 10 launches\./);
    expect(out).toContain('Images: 7 downloaded, 0 already stored, 2 duplicate, 1 failed, 0 without image');
    expect(out).toContain(`  Rocket 0 | Mission 10: ${missing} — HTTP 404`);
    expect(out).toContain('| Provider | Launches |');
    expect(out).toContain('Last 30 days: 1 launch');
    expect(out).toContain('Upcoming: 9 launches');
    expect(out).toContain('| SpaceX | 4 |');
    expect(fake.seen('/2.0.0/launch/upcoming/')[0]!.headers.authorization).toBe('Token env-token-77');
    const hook = JSON.parse(fake.seen('/hooks/ferry')[0]!.body) as { status: string; failed_images: unknown[]; image_failures_over_limit: boolean };
    expect(hook).toMatchObject({
      status: 'partial',
      image_failures_over_limit: true,
      failed_images: [{ launch: 'Rocket 0 | Mission 10', launch_id: '00000000-0000-4000-8000-000000000010', url: missing, reason: 'HTTP 404' }],
    });
    const runId = /Rocket run (\S+) /.exec(out)![1]!;
    expect((await readdir(path.join(results, 'runs', runId))).sort()).toEqual([
      'images.json',
      'launches.json',
      'launches.md',
      'log.ndjson',
      'report.html',
      'report.md',
      'run.json',
    ]);
    expect(await readFile(path.join(results, 'runs', runId, 'log.ndjson'), 'utf8')).not.toContain('env-token-77');
  });

  it('when the same run allows one failure with --max-image-failures 1 (or 10%), then it ends partial and exits 0', async () => {
    serveGeneratedLaunches();
    for (const allowed of ['1', '10%']) {
      const { code, stdout } = await runFerry([
        'rocket',
        'run',
        '--api',
        `${fake.url}/2.0.0`,
        '--results',
        path.join(dir, allowed),
        '--max-image-failures',
        allowed,
      ]);
      expect(code, allowed).toBe(0);
      expect(stdout).toMatch(/Rocket run \S+ partial in/);
    }
  });

  it('when the API answers with an error page, then the command fails with one clear line naming the run', async () => {
    fake.on('/2.0.0/launch/upcoming/', status(404, '<html>Not here</html>'));
    fake.on('/2.0.0/launch/previous/', emptyPage);
    await expect(ferry(['rocket', 'run', '--api', `${fake.url}/2.0.0`, '--results', path.join(dir, 'results')])).rejects.toThrow(
      /^rocket run \S+ failed: Launch Library answered HTTP 404: "<html>Not here<\/html>"/,
    );
  });

  it('when --api does not end in a known version, then it says which versions exist before doing anything', async () => {
    await expect(ferry(['rocket', 'run', '--api', `${fake.url}/2.2.0`, '--results', path.join(dir, 'results')])).rejects.toThrow(
      `error: option '--api <url>' argument '${fake.url}/2.2.0' is invalid. The Launch Library base URL must end with the API version 2.3.0 or 2.0.0 (got "2.2.0").`,
    );
    await expect(ferry(['rocket', 'run', '--concurrency', 'lots', '--results', path.join(dir, 'results')])).rejects.toThrow(
      "error: option '--concurrency <n>' argument 'lots' is invalid. It takes a whole number ≥ 1.",
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('when FERRY_WEBHOOK_URL and LL2_API_TOKEN are set but blank, as unset CI secrets are, then the run goes ahead without them', async () => {
    serveGeneratedLaunches();
    vi.stubEnv('FERRY_WEBHOOK_URL', '');
    vi.stubEnv('LL2_API_TOKEN', '');
    const out = await ferry([
      'rocket',
      'run',
      '--api',
      `${fake.url}/2.0.0`,
      '--results',
      path.join(dir, 'results'),
      '--limit',
      '10',
      '--max-image-failures',
      '1',
    ]);
    expect(out).toMatch(/Rocket run \S+ partial/);
    expect(fake.seen('/2.0.0/launch/upcoming/')[0]!.headers.authorization).toBeUndefined();
  });
});
