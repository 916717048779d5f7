import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocalJob } from '../emulator/index.ts';
import { startCloudHarness, type CloudHarness } from './harness.ts';
import { startCloudRun } from './processes.ts';

/** `pnpm cloud-run` when the stack itself fails: a cluster that comes up broken, a destroy that fails. */
describe('given new source periods and the cloud-run script whose stack fails (jobs run the DuckDB stand-in: the stack is under test here)', () => {
  let harness: CloudHarness;

  const cloudRun = (...args: string[]) => startCloudRun(args, harness.env).finished;

  beforeAll(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 100, clusterDeleteMs: 100, runJob: runLocalJob });
  });
  afterAll(() => harness?.close());

  it('when the cluster comes up in ERROR, then the deploy fails, the half-created cluster is still destroyed, nothing runs, and the exit status is non-zero', async () => {
    harness.emulator.resetCalls();
    harness.emulator.failures.clusterError = 'Subnet e9b-subnet has no NAT: the cluster cannot reach Object Storage';

    const result = await cloudRun('--', '--results', 's3://ferry-results/orphan');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cloud-run: deploy failed \(exit 1\)/);
    expect(harness.emulator.count('jobs.create')).toBe(0);
    expect(harness.emulator.count('clusters.delete')).toBe(1);
    expect(harness.emulator.clusters.size).toBe(0);
  });

  it('when the teardown fails after a good run, then the exit status is non-zero and the failure is loud', async () => {
    const result = await startCloudRun(['--results', 's3://ferry-results/teardown'], { ...harness.env, FERRY_DESTROY_CMD: 'exit 3' }).finished;

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/!!! DESTROYING THE WORK STACK FAILED \(exit 3\): the cluster may still be running and billing\./);
    expect(result.stdout).toMatch(/Run \S+ \(dataproc\) processed 2 period\(s\)/);
    // The cluster is left (its expiry label is hours away, so the sweep keeps it): clean up for the next test.
    expect(harness.emulator.clusters.size).toBe(1);
    const [leftover] = harness.emulator.clusters.keys();
    await harness.client.waitForOperation(await harness.client.deleteCluster(leftover!), { pollIntervalMs: 20 });
  });
});
