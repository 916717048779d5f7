import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRun } from '@ferry/runs';
import { CLUSTER_DEFAULTS, layout, type Manifest } from '@ferry/types';
import { JOBS, startCloudHarness, type CloudHarness } from './harness.ts';
import { runFerry, startCloudRun } from './processes.ts';

/**
 * `pnpm cloud-run` with --engine auto (its default): a small new period is cleaned with DuckDB where it runs, and
 * nothing is deployed; above the threshold a cluster runs it, and the run's record gets the cluster's host time
 * per preset (from its create and delete operations) and, with a price table, its cost.
 */
describe(`given new source periods, the cloud-run script and a stack whose cluster's jobs run on ${JOBS.name}`, () => {
  let harness: CloudHarness;
  /** The harness's environment as a user's: the default threshold, unless a test sets one. */
  let env: Record<string, string>;
  let prices: string;

  const readRecord = async (prefix: string, runId: string) => loadRun(await harness.storage.store(`s3://ferry-results/${prefix}`), runId);

  beforeAll(async () => {
    // Deletion takes seconds here, as it takes minutes in the cloud: long enough for cloud-run to see it happen.
    harness = await startCloudHarness({ clusterCreateMs: 100, clusterDeleteMs: 3_000 });
    env = { ...harness.env };
    delete (env as Partial<typeof env>).FERRY_AUTO_THRESHOLD;
    prices = join(harness.dir, 'prices.json');
    await writeFile(
      prices,
      JSON.stringify({ version: 1, currency: 'RUB', host_hour: { [CLUSTER_DEFAULTS.masterPreset]: 3.6, [CLUSTER_DEFAULTS.dataPreset]: 7.2 } }),
    );
  });
  afterAll(() => harness?.close());

  it('when auto sees small new periods, then the plan chooses DuckDB saying why, nothing is deployed, and the periods are published', async () => {
    const plan = await runFerry(['plan', '--engine', 'auto', '--results', 's3://ferry-results/small'], env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^engine: duckdb \(auto: 2 new period\(s\), [\d.]+ KB, below the 20\.0 GB threshold: DuckDB here, no cluster\)$/m);

    harness.emulator.resetCalls();
    const result = await startCloudRun(['--', '--results', 's3://ferry-results/small'], env).finished;
    expect(result.stderr).toMatch(
      /cloud-run: engine duckdb \(auto: 2 new period\(s\), .* below the 20\.0 GB threshold: DuckDB here, no cluster\); nothing deployed/,
    );
    expect(result.code).toBe(0);
    expect(harness.emulator.clusterCalls).toBe(0);
    expect(harness.emulator.count('clusters.create')).toBe(0);
    const manifest = JSON.parse((await (await harness.storage.store('s3://ferry-results/small')).readText(layout.results.manifest))!) as Manifest;
    expect(Object.keys(manifest.periods)).toHaveLength(2);
  });

  it('when the threshold is below the new data, then the plan estimates a cluster run, and the run.json of the cloud run has host-seconds per preset and their cost', async () => {
    const plan = await runFerry(
      ['plan', '--engine', 'auto', '--auto-threshold', '1KB', '--prices', prices, '--results', 's3://ferry-results/costs'],
      env,
    );
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^engine: dataproc \(auto: 2 new period\(s\), .* at or above the 1000 B threshold: a cluster\)$/m);
    expect(plan.stdout).toMatch(/^ {2}estimated cost: [\d.]+ RUB$/m);

    harness.emulator.resetCalls();
    const result = await startCloudRun(['--', '--results', 's3://ferry-results/costs', '--auto-threshold', '1KB', '--prices', prices], env).finished;
    expect(result.stderr).toMatch(/cloud-run: engine dataproc \(auto: .* a cluster\)/);
    expect(result.stderr).toMatch(/cloud-run: run succeeded; work stack destroyed/);
    expect(result.code).toBe(0);
    expect(harness.emulator.count('clusters.create')).toBe(1);

    const runId = /run (cloud-[\w-]+): cluster /.exec(result.stdout)?.[1];
    expect(runId).toBeDefined();
    const { cluster } = await readRecord('costs', runId!);
    expect(cluster).toBeDefined();
    const { created_at, deleted_at, host_seconds, hosts, cost } = cluster!;
    // Both times are the emulated API's own: the create operation's start and the delete operation's end.
    const lifetime = (Date.parse(deleted_at) - Date.parse(created_at)) / 1000;
    expect(lifetime).toBeGreaterThan(3);
    expect(hosts).toEqual([
      { role: 'MASTERNODE', preset: CLUSTER_DEFAULTS.masterPreset, count: 1 },
      { role: 'DATANODE', preset: CLUSTER_DEFAULTS.dataPreset, count: CLUSTER_DEFAULTS.dataHosts },
    ]);
    expect(host_seconds).toEqual({ [CLUSTER_DEFAULTS.masterPreset]: lifetime, [CLUSTER_DEFAULTS.dataPreset]: lifetime * CLUSTER_DEFAULTS.dataHosts });
    expect(cost!.currency).toBe('RUB');
    expect(cost!.by_preset[CLUSTER_DEFAULTS.masterPreset]).toBeCloseTo((lifetime * 3.6) / 3600, 3);
    expect(cost!.total).toBeCloseTo((lifetime * (3.6 + 7.2 * CLUSTER_DEFAULTS.dataHosts)) / 3600, 3);
    const report = await (await harness.storage.store('s3://ferry-results/costs')).readText(layout.results.run(runId!).reportMarkdown);
    expect(report).toContain('Cluster');
  });

  it('when the price table lacks a preset or holds a word for a price, or the engine is unknown, then each is one line', async () => {
    const partial = join(harness.dir, 'partial.json');
    await writeFile(partial, JSON.stringify({ version: 1, currency: 'RUB', host_hour: { [CLUSTER_DEFAULTS.masterPreset]: 3.6 } }));
    const wordy = join(harness.dir, 'wordy.json');
    await writeFile(wordy, JSON.stringify({ version: 1, currency: 'RUB', host_hour: { [CLUSTER_DEFAULTS.masterPreset]: 'cheap' } }));
    const results = ['--results', 's3://ferry-results/bad-input'];

    const missing = await runFerry(['plan', '--engine', 'dataproc', '--prices', partial, ...results], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: the price table ${partial} has no host_hour price for host preset ${CLUSTER_DEFAULTS.dataPreset} (it prices: ${CLUSTER_DEFAULTS.masterPreset})\n`,
    );
    const word = await runFerry(['plan', '--engine', 'dataproc', '--prices', wordy, ...results], env);
    expect(word.stderr).toBe(
      `error: ${wordy} is not a ferry price table: host_hour.${CLUSTER_DEFAULTS.masterPreset} is a string ("cheap"), expected number\n`,
    );
    const engine = await runFerry(['plan', '--engine', 'spark', ...results], env);
    expect(engine.stderr).toBe("error: option '--engine <engine>' argument 'spark' is invalid. Allowed choices are auto, duckdb, dataproc.\n");
  });
});
