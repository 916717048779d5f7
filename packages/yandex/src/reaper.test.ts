import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterRequest, YandexEmulator } from '../../../test/emulator/index.ts';
import { YandexClient } from './client.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { StaticTokenSource } from './auth.ts';
import { formatReapRow, reapClusters, type ReapRow } from './reaper.ts';

const FOLDER = 'b1g-folder';
const TOKEN = 't1.reaper-test';

describe('given a folder with ferry clusters (expired, not yet expired, unlabelled expiry) and a foreign cluster', () => {
  let emulator: YandexEmulator;
  let client: YandexClient;
  let setupSeconds: number;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  async function create(name: string, labels: Record<string, string>): Promise<string> {
    const operation = await client.createCluster(clusterRequest({ folderId: FOLDER, name, labels }));
    await client.waitForOperation(operation, { pollIntervalMs: 10 });
    return String(operation.metadata?.clusterId);
  }

  const reap = (options: { dryRun?: boolean; olderThanMs?: number } = {}) =>
    reapClusters({ client, folderId: FOLDER, pollIntervalMs: 10, ...options });
  const byName = (rows: ReapRow[]) => Object.fromEntries(rows.map((row) => [row.name, row.action]));
  const names = async () => (await client.listClusters(FOLDER)).map((cluster) => cluster.name).sort();

  beforeEach(async () => {
    emulator = await YandexEmulator.start({ staticTokens: [TOKEN], clusterCreateMs: 5, clusterDeleteMs: 30, maxPageSize: 2 });
    client = new YandexClient({
      tokens: new StaticTokenSource(TOKEN),
      endpoints: { dataproc: emulator.url, operation: emulator.url },
      retry: { retries: 2, minTimeoutMs: 5 },
    });
    setupSeconds = nowSeconds();
    await create('ferry-expired', { app: 'ferry', 'ferry-expires-at': String(setupSeconds - 60) });
    await create('ferry-fresh', { app: 'ferry', 'ferry-expires-at': String(setupSeconds + 3 * 3600) });
    await create('ferry-unlabelled', { app: 'ferry' });
    await create('someone-elses', { app: 'spark-team', 'ferry-expires-at': String(nowSeconds() - 60) });
    emulator.resetCalls();
  });
  afterEach(() => emulator.stop());

  it('when reaping with --dry-run, then it reports what it would delete and deletes nothing', async () => {
    const rows = await reap({ dryRun: true });
    expect(byName(rows)).toEqual({ 'ferry-expired': 'would delete', 'ferry-fresh': 'kept', 'ferry-unlabelled': 'kept' });
    expect(emulator.count('clusters.delete')).toBe(0);
    expect(await names()).toEqual(['ferry-expired', 'ferry-fresh', 'ferry-unlabelled', 'someone-elses']);
  });

  it('when reaping, then only the expired ferry cluster is deleted (the foreign one is never touched) and one line is printed per ferry cluster', async () => {
    // A minute after setup, on a pinned clock, so the printed time to expiry does not depend on how fast setup ran.
    const rows = await reapClusters({ client, folderId: FOLDER, pollIntervalMs: 10, now: (setupSeconds + 60) * 1000 });
    expect(byName(rows)).toEqual({ 'ferry-expired': 'deleted', 'ferry-fresh': 'kept', 'ferry-unlabelled': 'kept' });
    expect(await names()).toEqual(['ferry-fresh', 'ferry-unlabelled', 'someone-elses']);
    const lines = rows.map(formatReapRow);
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.includes('ferry-fresh'))).toMatch(
      /^c9q\w+ {2}ferry-fresh {2}RUNNING {2}age (\d+s|\d+m( \d+s)?) {2}kept \(expires in 2h 59m\)$/,
    );
    expect(lines.find((line) => line.includes('ferry-expired'))).toMatch(/ferry-expired {2}RUNNING {2}age (\d+s|\d+m( \d+s)?) {2}deleted$/);
  });

  it('when reaping --older-than 0s, then every ferry cluster goes, whatever its label, and the foreign one stays', async () => {
    const rows = await reap({ olderThanMs: parseDuration('0s') });
    expect(byName(rows)).toEqual({ 'ferry-expired': 'deleted', 'ferry-fresh': 'deleted', 'ferry-unlabelled': 'deleted' });
    expect(await names()).toEqual(['someone-elses']);
  });

  it('when two reapers run at once (or a delete is already under way), then both succeed: a cluster being deleted counts as deleted', async () => {
    const [first, second] = await Promise.all([reap(), reap()]);
    expect(byName(first)['ferry-expired']).toBe('deleted');
    expect(byName(second)['ferry-expired']).toBe('deleted');
    expect(await names()).toEqual(['ferry-fresh', 'ferry-unlabelled', 'someone-elses']);
    // and again, with nothing left to do
    expect(byName(await reap())).toEqual({ 'ferry-fresh': 'kept', 'ferry-unlabelled': 'kept' });
  });

  it('when a delete keeps failing, then that cluster is reported as failed with the reason', async () => {
    emulator.failures.bursts.push({ status: 500, count: 10, match: /clusters\/[^/]+$/ });
    const rows = await reap({ olderThanMs: 0 });
    expect(rows.every((row) => row.action === 'failed')).toBe(true);
    expect(formatReapRow(rows[0]!)).toMatch(
      /failed: Yandex Cloud DELETE \/dataproc\/v1\/clusters\/c9q\w+ failed: HTTP 500: Internal error \(injected\)$/,
    );
  });
});

describe('given durations as people write them', () => {
  it('when parsed, then units d, h, m, s and combinations are understood; anything else is refused', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('4h')).toBe(4 * 3_600_000);
    expect(parseDuration('2d')).toBe(2 * 86_400_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('0s')).toBe(0);
    expect(() => parseDuration('4 hours')).toThrow(/not a duration/);
    expect(() => parseDuration('-1h')).toThrow(/not a duration/);
  });

  it('when formatted, then the two largest units are shown', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 5000)).toBe('2d 3h');
  });
});
