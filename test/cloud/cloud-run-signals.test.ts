import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudHarness, type CloudHarness } from './harness.ts';
import { processTree, runFerry, startCloudRun, until } from './processes.ts';

/** Interrupting `pnpm cloud-run` while the (slow) job runs on the cluster. */
describe('given a cloud run whose job is running on the cluster', () => {
  let harness: CloudHarness;

  const jobRunning = () => [...harness.emulator.jobs.values()].some((job) => job.json.status === 'RUNNING');

  beforeEach(async () => {
    harness = await startCloudHarness({ clusterCreateMs: 100, clusterDeleteMs: 100, jobHoldMs: 10 * 60_000 });
  });
  afterEach(() => harness?.close());

  it('when cloud-run gets SIGTERM, then it stops the run, destroys the cluster before it exits, and exits non-zero', async () => {
    const cloudRun = startCloudRun([], harness.env);
    await until(jobRunning, 'the job to run');
    expect(harness.emulator.clusters.size).toBe(1);

    cloudRun.child.kill('SIGTERM');
    const result = await cloudRun.finished;

    expect(result.code).toBe(143);
    expect(result.stderr).toMatch(/SIGTERM received: stopping the current step, then destroying the cluster/);
    expect(harness.emulator.clusters.size).toBe(0);
    expect(harness.emulator.count('clusters.delete')).toBe(1);
  });

  it('when cloud-run and everything under it are SIGKILLed, then the next `ferry reap` deletes the leftover cluster', async () => {
    // The stack labels the cluster as expiring at once, as if its TTL had passed by the time the schedule runs.
    const env = { ...harness.env, FAKE_STACK_TTL_SECONDS: '0' };
    const cloudRun = startCloudRun([], env);
    await until(jobRunning, 'the job to run');
    for (const pid of processTree(cloudRun.child.pid!)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await cloudRun.finished;
    expect(harness.emulator.clusters.size).toBe(1);
    expect(harness.emulator.count('clusters.delete')).toBe(0);

    const reaped = await runFerry(['reap'], env);

    expect(reaped.code).toBe(0);
    expect(reaped.stdout).toMatch(/^c9q\w+ {2}ferry-work-\d+ {2}RUNNING {2}age \d+s {2}deleted\n$/);
    expect(harness.emulator.clusters.size).toBe(0);
  });
});
