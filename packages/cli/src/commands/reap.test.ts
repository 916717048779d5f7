import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createYandexClientFromEnv, type YandexClient } from '@ferry/yandex';
import { clusterRequest, YandexEmulator } from '../../../../test/emulator/index.ts';
import { runFerry } from '../test-support.ts';

const FOLDER = 'b1g-reap-folder';
const TOKEN = 't1.reap-cli';

describe('given leftover ferry clusters in the folder', () => {
  let emulator: YandexEmulator;
  let client: YandexClient;
  const savedEnv = { ...process.env };

  async function create(name: string, labels: Record<string, string>): Promise<void> {
    await client.waitForOperation(await client.createCluster(clusterRequest({ folderId: FOLDER, name, labels })), { pollIntervalMs: 10 });
  }

  const ferry = (...args: string[]) => runFerry(args);

  beforeEach(async () => {
    emulator = await YandexEmulator.start({ staticTokens: [TOKEN], clusterCreateMs: 5, clusterDeleteMs: 20 });
    Object.assign(process.env, emulator.env, { YC_TOKEN: TOKEN, YC_FOLDER_ID: FOLDER });
    client = createYandexClientFromEnv();
    const past = String(Math.floor(Date.now() / 1000) - 60);
    await create('ferry-leftover', { app: 'ferry', 'ferry-expires-at': past });
    await create('ferry-current', { app: 'ferry', 'ferry-expires-at': String(Math.floor(Date.now() / 1000) + 7200) });
    await create('not-ours', { 'ferry-expires-at': past });
  });
  afterEach(async () => {
    process.env = { ...savedEnv };
    await emulator.stop();
  });

  it('when `ferry reap --dry-run` runs, then it prints one line per ferry cluster and exits 0 without deleting', async () => {
    const result = await ferry('reap', '--dry-run');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.includes('ferry-leftover'))).toMatch(/RUNNING {2}age \d+s {2}would delete$/);
    expect(lines.find((line) => line.includes('ferry-current'))).toMatch(/kept \(expires in (1h 59m|2h)\)$/);
    expect(emulator.count('clusters.delete')).toBe(0);
  });

  it('when `ferry reap` runs, then the expired ferry cluster is deleted, the rest stay, and it exits 0', async () => {
    const result = await ferry('reap');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ferry-leftover {2}RUNNING {2}age \d+s {2}deleted\n/);
    expect((await client.listClusters(FOLDER)).map((cluster) => cluster.name).sort()).toEqual(['ferry-current', 'not-ours']);
  });

  it('when `ferry reap --older-than 0s` cannot delete, then it says which and exits non-zero', async () => {
    emulator.failures.bursts.push({ status: 403, count: 2, match: /^\/dataproc\/v1\/clusters\/[^/]+$/ });
    const result = await ferry('reap', '--older-than', '0s');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /ferry-current .* failed: Yandex Cloud DELETE \/dataproc\/v1\/clusters\/c9q\w+ failed: HTTP 403: Permission denied \(injected\)\n/,
    );
    expect(result.stderr).toMatch(/^error: 2 leftover cluster\(s\) could not be deleted: c9q\w+, c9q\w+\n$/);
  });

  it('when the duration is not one, then it is refused before any API call', async () => {
    emulator.resetCalls();
    const result = await ferry('reap', '--older-than', 'yesterday');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: option '--older-than <duration>' argument 'yesterday' is invalid. "yesterday" is not a duration: write a number and a unit (d, h, m, s), e.g. 90m, 4h, 2d, 1h30m, 0s.\n`,
    );
    expect(emulator.calls.size).toBe(0);
  });
});
