import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSample } from '@ferry/sample';
import { useMinio } from '@ferry/storage/test-support';
import { MINIO, skipNote } from '@ferry/testbed';
import { acquireRunLock, inspectRunLock, readManifest, removeRunLock, runTransactions, type RunLock } from '@ferry/transactions';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { completedOrThrow, layout, type CleanEngine, type RunRecord } from '@ferry/types';
import { FERRY_BIN, ferry } from '../support/cli.ts';
import { openTestStores, readPublishedRows, type Backend, type TestStores } from '../support/stores.ts';

const { lock: LOCK_KEY, manifest: MANIFEST_KEY } = layout.results;

const NOTE = skipNote(MINIO);
const minio = useMinio();
const SAMPLE = { periods: 2, daysPerPeriod: 3, rowsPerDay: 3000, seed: 7, start: '2019-08-22' } as const;

const backends: Array<[Backend, string]> = [
  ['MinIO', NOTE],
  ['local directories', ''],
];

for (const [backend, note] of backends)
  describe.skipIf(note)(`${note}given a transactions run on ${backend}`, () => {
    let stores: TestStores;
    beforeEach(async () => {
      stores = await openTestStores(backend, backend === 'MinIO' ? minio() : undefined);
    });
    afterEach(async () => {
      await stores.close();
    });

    it('when its lock is removed and taken by another run while it cleans, then it fails saying so and publishes nothing: no manifest, no parquet', async () => {
      await writeSample(stores.source, { ...SAMPLE, rowsPerDay: 100 });
      let intruder: RunLock | undefined;
      const duckdb = createDuckDbEngine({ threads: 1, memoryLimit: '1GB' });
      // The real engine; between cleaning and publishing, someone runs `ferry unlock` and another run starts.
      const engine: CleanEngine = {
        name: duckdb.name,
        async clean(request) {
          const cleaned = await duckdb.clean(request);
          const found = await inspectRunLock(stores.results);
          expect(found.state !== 'absent' && (await removeRunLock(stores.results, found))).toBe(true);
          intruder = await acquireRunLock({ results: stores.results, runId: 'intruder', now: () => new Date(), onRenewFailed: () => undefined });
          return cleaned;
        },
      };

      const lost = await runTransactions({ source: stores.source, work: stores.work, results: stores.results, engine, console: false });
      // The failure is returned, not thrown: with the record, and the error as it ended the run.
      expect(lost).toMatchObject({ status: 'failed', record: { status: 'failed' }, published: [] });
      expect(lost.plan?.new.length).toBeGreaterThan(0);
      expect(() => completedOrThrow(lost)).toThrow(
        /this run lost the results store's lock \S+\/locks\/transactions\.json: run intruder \(on host .*\) holds it now\. It publishes nothing more; run again/,
      );
      expect(await stores.results.head(MANIFEST_KEY)).toBeUndefined();
      expect(await stores.results.list('transactions/')).toEqual([]);
      expect(await stores.results.list('quarantine/')).toEqual([]);
      const [record] = (await stores.results.list(layout.results.runs)).filter((object) => layout.results.runIdOfRecord(object.key) !== undefined);
      expect(JSON.parse((await stores.results.readText(record!.key))!) as RunRecord).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('lost'),
      });
      expect(JSON.parse((await stores.results.readText(LOCK_KEY))!)).toMatchObject({ run_id: 'intruder' });
      await intruder!.release();
    });
  });

describe.skipIf(NOTE)(`${NOTE}given \`ferry\` against MinIO`, () => {
  let stores: TestStores;
  let cwd: string;
  beforeEach(async () => {
    stores = await openTestStores('MinIO', minio());
    cwd = await mkdtemp(join(tmpdir(), 'ferry-lock-cli-'));
  });
  afterEach(async () => {
    await stores.close();
    await rm(cwd, { recursive: true, force: true });
  });

  const env = () => ({ FERRY_S3_ENDPOINT: minio().endpoint, AWS_ACCESS_KEY_ID: minio().accessKeyId, AWS_SECRET_ACCESS_KEY: minio().secretAccessKey });
  const locations = () => ['--source', stores.source.url, '--work', stores.work.url, '--results', stores.results.url];
  const cli = (...args: string[]) => ferry([...args, ...locations()], { cwd, env: env() });
  const lockAt = () => `${stores.results.url}/${LOCK_KEY}`;

  /** Starts `ferry run`, SIGKILLs it as soon as it holds the lock, and returns the run id and pid its lock records. */
  async function killedRun(): Promise<{ runId: string; pid: number }> {
    const child = spawn(process.execPath, [FERRY_BIN, 'run', ...locations()], { cwd, env: { ...process.env, ...env() }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let finished = false;
    void exited.then(() => (finished = true));
    while (!finished && !(await stores.results.head(LOCK_KEY))) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    expect(await exited, 'the run was killed while it held the lock').toBe('SIGKILL');
    const lock = JSON.parse((await stores.results.readText(LOCK_KEY))!) as { run_id: string; pid: number };
    expect(lock.pid).toBe(child.pid);
    return { runId: lock.run_id, pid: lock.pid };
  }

  async function expectPublished(): Promise<void> {
    const manifest = await readManifest(stores.results);
    expect(Object.keys(manifest.periods)).toEqual(['2019-08-22', '2019-08-25']);
    const listed = new Set((await stores.results.list()).map((object) => object.key));
    for (const record of Object.values(manifest.periods)) for (const file of record.files) expect(listed).toContain(file.key);
    const rows = await readPublishedRows(stores);
    expect(rows.length).toBe(Object.values(manifest.periods).reduce((sum, record) => sum + record.rows_written, 0));
    expect(await stores.results.head(LOCK_KEY)).toBeUndefined();
  }

  it('when a run is killed while it holds the lock, then the next run on this host takes the lock at once and succeeds', async () => {
    await writeSample(stores.source, SAMPLE);
    const killed = await killedRun();

    const next = await cli('run');
    expect(next.stderr).not.toMatch(/error:/);
    expect(next.code).toBe(0);
    const runId = /^Run (\S+) /m.exec(next.stdout)![1]!;
    const log = (await stores.results.readText(layout.results.run(runId).log))!;
    expect(log).toContain(`took over the lock of run ${killed.runId}: its process ${killed.pid} on this host (${hostname()}) is gone`);
    await expectPublished();
  });

  it('when a run is killed and `ferry unlock` is run, then it shows whose lock it was and removes it, and the next run succeeds', async () => {
    await writeSample(stores.source, SAMPLE);
    const killed = await killedRun();

    const unlocked = await cli('unlock');
    expect(unlocked.stderr).toBe('');
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toMatch(
      new RegExp(
        `^lock ${escape(lockAt())}: run ${killed.runId} \\(on host ${escape(hostname())}, pid ${killed.pid}, since \\S+\\), its process ${killed.pid} on this host \\(${escape(hostname())}\\) is gone\\nremoved\\n$`,
      ),
    );
    expect(await stores.results.head(LOCK_KEY)).toBeUndefined();

    const next = await cli('run');
    expect(next.code).toBe(0);
    const runId = /^Run (\S+) /m.exec(next.stdout)![1]!;
    expect(await stores.results.readText(layout.results.run(runId).log)).not.toContain('took over');
    await expectPublished();
  });

  it("when `ferry unlock` finds no lock, a lock that is not valid JSON, or another tool's object, then it says so in one line and deletes only with --force", async () => {
    const none = await cli('unlock');
    expect({ code: none.code, stderr: none.stderr }).toEqual({ code: 1, stderr: `error: no lock at ${lockAt()}: nothing to remove\n` });

    await stores.results.write(LOCK_KEY, '{"run_id": "half-written');
    const invalid = await cli('unlock');
    expect({ code: invalid.code, stderr: invalid.stderr }).toEqual({
      code: 1,
      stderr: `error: ${lockAt()} is not valid JSON: not removed (\`ferry unlock --force\` deletes it anyway)\n`,
    });
    expect(await stores.results.readText(LOCK_KEY)).toBe('{"run_id": "half-written');

    await stores.results.write(LOCK_KEY, '{"ID": "4c2a-terraform", "Operation": "OperationTypeApply"}');
    const foreign = await cli('unlock');
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(
      /^error: \S+ is not a ferry lock \(run_id is missing\): not removed \(`ferry unlock --force` deletes it anyway\)\n$/,
    );
    expect(await stores.results.head(LOCK_KEY)).toBeDefined();

    const forced = await cli('unlock', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^\S+locks\/transactions\.json is not a ferry lock \(run_id is missing\)\nremoved\n$/);
    expect(await stores.results.head(LOCK_KEY)).toBeUndefined();
  });

  it('when `ferry plan` looks at a results store on MinIO, then it shows who holds the lock and no best-effort warning', async () => {
    const other = await acquireRunLock({ results: stores.results, runId: 'other-run', now: () => new Date(), onRenewFailed: () => undefined });
    const plan = await cli('plan');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(
      new RegExp(
        `in use by run other-run \\(on host ${escape(hostname())}, pid ${process.pid}, since \\S+\\); its lock expires at \\S+ unless renewed`,
      ),
    );
    expect(plan.stdout).not.toContain('best-effort');
    expect(JSON.parse((await cli('plan', '--json')).stdout)).toMatchObject({ lock: 'atomic', in_use_by: { run_id: 'other-run' } });
    await other.release();
  });
});

describe('given `ferry plan` on the embedded S3 server (s3rver), which ignores conditional writes', () => {
  it("when it runs, then it says that the results store's lock is best-effort", async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'ferry-lock-plan-'));
    try {
      const plan = await ferry(['plan'], { cwd });
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(
        /^lock: best-effort on s3:\/\/ferry-results \(embedded S3 server at http:\/\/127\.0\.0\.1:\d+, data in \S+\): its S3 server ignores conditional writes, so two runs started at the same moment could both publish$/m,
      );
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
