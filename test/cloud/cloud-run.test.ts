import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { acquireRunLock } from '@ferry/transactions';
import { layout, type Manifest } from '@ferry/types';
import { JOBS, startCloudHarness, type CloudHarness } from './harness.ts';
import { startCloudRun } from './processes.ts';

const { lock: LOCK_KEY, manifest: MANIFEST_KEY } = layout.results;

/** `pnpm cloud-run` as a child process: plan → deploy → ferry run --engine dataproc → destroy → reap, against the emulator. */
describe(`given new source periods and the cloud-run script with a stack that deploys a cluster through the API, whose jobs run on ${JOBS.name}`, () => {
  let harness: CloudHarness;

  const cloudRun = (...args: string[]) => startCloudRun(args, harness.env).finished;

  beforeAll(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 100, clusterDeleteMs: 100 });
  });
  afterAll(() => harness?.close());

  it('when the job fails inside Spark (its input deleted before it starts), then the exit status is non-zero, the cluster is destroyed, nothing is published and the manifest is unchanged', async () => {
    const work = await harness.storage.store('s3://ferry-work');
    harness.emulator.failures.beforeNextJob = async () => work.delete((await work.list(layout.work.inputs)).map((object) => object.key));
    const results = await harness.storage.store('s3://ferry-results/failing');
    const manifestBefore = await results.readText(MANIFEST_KEY);

    const result = await cloudRun('--', '--results', 's3://ferry-results/failing');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ended ERROR; last log lines:/);
    expect(result.stderr).toMatch(/the input s3a:\/\/ferry-work\/input_data\/\d{4}-\d{2}-\d{2}\.txt does not exist/);
    expect(result.stderr).toMatch(/cloud-run: run failed \(exit 1\)/);
    expect(harness.emulator.count('clusters.create')).toBe(1);
    expect(harness.emulator.clusters.size).toBe(0);
    expect(await results.list('transactions/')).toEqual([]);
    expect(await results.list('quarantine/')).toEqual([]);
    expect(await results.readText(MANIFEST_KEY)).toBe(manifestBefore);
  });

  it('when the job succeeds, then the run is published, the cluster destroyed, and the exit status is 0', async () => {
    harness.emulator.resetCalls();
    const result = await cloudRun();

    expect(result.stderr).toMatch(/cloud-run: run succeeded; work stack destroyed/);
    expect(result.code).toBe(0);
    expect(harness.emulator.count('clusters.create')).toBe(1);
    expect(harness.emulator.count('jobs.create')).toBe(1);
    expect(harness.emulator.clusters.size).toBe(0);
    const manifest = JSON.parse((await (await harness.storage.store('s3://ferry-results')).readText(MANIFEST_KEY))!) as Manifest;
    const sources = (await harness.source.list()).map((object) => object.key.replace(/\.txt$/, ''));
    expect(Object.keys(manifest.periods).sort()).toEqual(sources);
  });

  it('when the results store is in use by another run, then no cluster is deployed and it exits 1 naming that run', async () => {
    harness.emulator.resetCalls();
    const results = await harness.storage.store('s3://ferry-results/busy');
    const other = await acquireRunLock({ results, runId: 'other-run', now: () => new Date(), onRenewFailed: () => undefined });
    onTestFinished(() => other.release());
    const expires = (JSON.parse((await results.readText(LOCK_KEY))!) as { expires_at: string }).expires_at;

    const result = await cloudRun('--', '--results', 's3://ferry-results/busy');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `the results store is in use by run other-run (its lock expires at ${expires} unless renewed); no cluster deployed`,
    );
    expect(harness.emulator.clusterCalls).toBe(0);
    expect(await results.list('transactions/')).toEqual([]);
  });

  it('when nothing is new, then it says so, exits 0 and no call creates, uses or waits for a cluster', async () => {
    harness.emulator.resetCalls();
    const result = await cloudRun();

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/nothing new: every source period is already processed; no cluster deployed/);
    expect(harness.emulator.clusterCalls).toBe(0);
  });
});
