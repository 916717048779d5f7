import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dagFile = join(repoRoot, 'examples', 'airflow', 'ferry_dag.py');
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const missing = python.status === 0 ? undefined : 'no python3 on PATH';
const note = missing ? `SKIPPED, ${missing}: ` : '';

interface Dag {
  imports: string[];
  calls: string[];
  dag: Record<string, unknown>;
  operators: Record<string, { operator: string; args: Record<string, unknown> }>;
  edges: [string, string][];
  teardowns: { task: string; setups: string[] }[];
}

/** The DAG as read by test/schedule/read_dag.py: Python's own parser (as 3.8), no Airflow needed. */
function readDag(): Dag {
  return JSON.parse(execFileSync('python3', [join(repoRoot, 'test', 'schedule', 'read_dag.py'), dagFile], { encoding: 'utf8' })) as Dag;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs a task's command with bash, as BashOperator does, in FERRY_HOME = this checkout. */
function runTask(command: string, env: Record<string, string>) {
  return spawnSync('bash', ['-c', command], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), FERRY_HOME: repoRoot, ...env },
  });
}

describe.skipIf(missing)('given the Airflow DAG example, read as Python 3.8 source without Airflow', () => {
  it(`${note}when its operators are read, then plan, cloud_run, reap, rocket and check are BashOperators calling ferry in FERRY_HOME`, () => {
    const { operators } = readDag();
    expect(Object.values(operators).map(({ operator, args }) => [operator, args.task_id])).toEqual([
      ['BashOperator', 'plan'],
      ['BashOperator', 'cloud_run'],
      ['BashOperator', 'reap'],
      ['BashOperator', 'rocket'],
      ['BashOperator', 'check'],
    ]);
    const commands = Object.fromEntries(Object.values(operators).map(({ args }) => [String(args.task_id), String(args.bash_command)]));
    for (const command of Object.values(commands)) expect(command).toMatch(/^set -euo pipefail; cd "\$\{FERRY_HOME:\?[^}]+\}"; /);
    expect(commands.plan).toContain('node packages/cli/bin/ferry.js plan --json | python3 -c');
    expect(commands.cloud_run).toMatch(/npx --yes pnpm@10\.34\.8 cloud-run$/);
    expect(commands.reap).toMatch(/node packages\/cli\/bin\/ferry\.js reap$/);
    expect(operators.plan?.args.skip_on_exit_code).toBe(99);
    expect(commands.rocket).toMatch(/node packages\/cli\/bin\/ferry\.js rocket run --max-image-failures 10%$/);
    expect(commands.check).toMatch(/node packages\/cli\/bin\/ferry\.js runs --check --max-age 26h --pipeline rocket$/);
    // The watchdog runs whatever the rocket run did.
    expect(operators.check?.args.trigger_rule).toBe('all_done');
  });

  it(`${note}when its wiring is read, then plan >> cloud_run >> reap, reap is the teardown of plan, and rocket >> check`, () => {
    const { edges, teardowns } = readDag();
    expect(edges).toEqual([
      ['plan', 'cloud_run'],
      ['cloud_run', 'reap'],
      ['rocket', 'check'],
    ]);
    expect(teardowns).toEqual([{ task: 'reap', setups: ['plan'] }]);
  });

  it(`${note}when it is parsed by the scheduler, then it runs daily, never two runs at once, no catch-up, and reads nothing (no Variable, no hook)`, () => {
    const { dag, imports, calls } = readDag();
    expect(dag).toMatchObject({ dag_id: 'ferry_transactions', schedule: '@daily', catchup: false, max_active_runs: 1 });
    expect(imports.filter((name) => name.startsWith('airflow'))).toEqual(['airflow.DAG', 'airflow.operators.bash.BashOperator']);
    expect(calls).toEqual(['BashOperator', 'DAG', 'as_teardown', 'datetime', 'str', 'timedelta']);
  });

  it(`${note}when the plan task runs on a source with nothing new, then it exits 99 (skipped); with a new period, 0`, () => {
    const command = String(readDag().operators.plan?.args.bash_command);
    const dir = mkdtempSync(join(tmpdir(), 'ferry-dag-'));
    dirs.push(dir);
    const stores = { FERRY_SOURCE: join(dir, 'source'), FERRY_WORK: join(dir, 'work'), FERRY_RESULTS: join(dir, 'results') };
    for (const path of Object.values(stores)) mkdirSync(path);

    const nothing = runTask(command, stores);
    expect(nothing.status, nothing.stderr).toBe(99);
    expect(nothing.stdout.trim()).toBe('0 new period(s)');

    execFileSync(
      'node',
      ['packages/cli/bin/ferry.js', 'sample', '--out', stores.FERRY_SOURCE, '--periods', '1', '--days-per-period', '1', '--rows-per-day', '10'],
      { cwd: repoRoot },
    );
    const fresh = runTask(command, stores);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stdout.trim()).toBe('1 new period(s)');
  });

  it(`${note}when the check task runs on a store with no rocket run, then it fails naming the pipeline; after a recent rocket run it passes`, async () => {
    const command = String(readDag().operators.check?.args.bash_command);
    const dir = mkdtempSync(join(tmpdir(), 'ferry-dag-check-'));
    dirs.push(dir);
    const results = join(dir, 'results');
    mkdirSync(results);
    const stale = runTask(command, { FERRY_RESULTS: results, FERRY_WEBHOOK_URL: '' });
    expect(stale.status, stale.stderr).toBe(1);
    expect(stale.stdout.trim()).toBe('rocket: STALE: no successful run recorded');

    const storage = await Storage.open();
    try {
      const run = await startRun({ pipeline: 'rocket', results: await storage.store(results), console: false });
      await run.finish('succeeded');
    } finally {
      await storage.close();
    }
    const fresh = runTask(command, { FERRY_RESULTS: results, FERRY_WEBHOOK_URL: '' });
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/^rocket: last success \S+ \(succeeded\) 0\.0 h ago, within 26\.0 h$/m);
  });

  it(`${note}when FERRY_HOME is not set, then every task fails at once naming it`, () => {
    for (const { args } of Object.values(readDag().operators)) {
      const result = runTask(String(args.bash_command), { FERRY_HOME: '' });
      expect(result.status, String(args.task_id)).not.toBe(0);
      expect(result.stderr, String(args.task_id)).toContain('FERRY_HOME: set FERRY_HOME to a ferry checkout');
    }
  });
});
