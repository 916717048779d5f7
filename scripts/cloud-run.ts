// `pnpm cloud-run [-- <ferry run options>]`: one transactions run, on an ephemeral Data Processing cluster when it
// is worth one.
//   plan --engine auto|duckdb|dataproc (default auto; nothing new → exit 0, nothing deployed)
//   → DuckDB chosen: ferry run --engine duckdb here, nothing deployed
//   → a cluster chosen: deploy the work stack → ferry run --engine dataproc
//     → destroy the work stack, ALWAYS (success, failure, SIGINT, SIGTERM), watching the cluster's deletion → ferry reap
//     → ferry record-usage: the cluster's host time per preset (its create and delete operations' times), and its
//       cost with --prices / FERRY_PRICES, added to the run's run.json once the cluster is gone.
// It runs as `node --import tsx`, one process: the tsx CLI would run it as a child, forward signals to it and SIGKILL
// it when it does not acknowledge within 30 ms, which on a busy machine would skip the teardown.
// Exit status: the run's (a failed job fails the run even when teardown succeeded); a failed teardown is also
// non-zero and loud. Commands are replaceable by environment (tests drive them against the API emulator):
//   FERRY_CMD (default: node packages/cli/bin/ferry.js), FERRY_DEPLOY_CMD (pnpm deploy:work),
//   FERRY_DESTROY_CMD (pnpm destroy:work), FERRY_WORK_OUTPUTS (.ferry/stacks/work-outputs.json, `terraform output -json`).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { $, quote, type ProcessPromise } from 'zx';
import { clusterUsageFormat, type ClusterUsage, type Plan } from '@ferry/types';
import { createYandexClientFromEnv, watchCluster, type ClusterWatch } from '@ferry/yandex';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const ferryCmd = env.FERRY_CMD || `node ${quote(join(repoRoot, 'packages/cli/bin/ferry.js'))}`;
const deployCmd = env.FERRY_DEPLOY_CMD || 'pnpm deploy:work';
const destroyCmd = env.FERRY_DESTROY_CMD || 'pnpm destroy:work';
const outputsFile = env.FERRY_WORK_OUTPUTS || join(repoRoot, '.ferry', 'stacks', 'work-outputs.json');
// The cluster's `ferry-run` label: one id per cloud run, lowercase as labels require, so the console and billing tell runs apart.
env.FERRY_RUN_ID ||= `cloud-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}-${process.pid}`;

/** Location options the plan needs too (the rest of the arguments are for `ferry run` only). */
const LOCATION_OPTIONS = new Set(['--source', '--work', '--results', '--endpoint', '--region']);
/** Options of the engine choice: the plan's (and --prices record-usage's), not passed on to `ferry run`. */
const CHOICE_OPTIONS = new Set(['--engine', '--auto-threshold', '--prices']);
/** How often the cluster's operations are listed while Terraform deletes it (a real deletion takes minutes). */
const WATCH_INTERVAL_MS = 1_000;

let child: ProcessPromise | undefined;
let interrupted: NodeJS.Signals | undefined;
let tearingDown = false;

function say(message: string): void {
  process.stderr.write(`cloud-run: ${message}\n`);
}

/** Runs a shell command in its own process group (so a signal reaches all of it); never throws on exit status. */
async function sh(
  command: string,
  options: { capture?: boolean; extraEnv?: Record<string, string> } = {},
): Promise<{ ok: boolean; code: number | null; stdout: string }> {
  const stdio: ('inherit' | 'pipe')[] = ['inherit', options.capture ? 'pipe' : 'inherit', 'inherit'];
  child = $({ stdio, nothrow: true, quiet: true, detached: true, env: { ...env, ...options.extraEnv } })`sh -c ${command}`;
  const result = await child;
  child = undefined;
  return { ok: result.exitCode === 0, code: result.exitCode, stdout: options.capture ? result.stdout : '' };
}

function onSignal(signal: NodeJS.Signals): void {
  if (tearingDown) {
    say(`${signal} received: the cluster is being destroyed; waiting for that to finish`);
    return;
  }
  if (interrupted) return;
  interrupted = signal;
  say(`${signal} received: stopping the current step, then destroying the cluster`);
  const pid = child?.pid;
  if (pid) {
    try {
      process.kill(-pid, signal);
    } catch {
      // the step already ended
    }
  }
}

interface SplitArgs {
  locationArgs: string[];
  hasWork: boolean;
  /** --engine (default auto), --auto-threshold, --prices, for the plan. */
  choiceArgs: string[];
  pricesArgs: string[];
  /** Everything but the engine choice, for `ferry run`. */
  runArgs: string[];
}

function splitArgs(args: string[]): SplitArgs {
  const split: SplitArgs = { locationArgs: [], hasWork: false, choiceArgs: [], pricesArgs: [], runArgs: [] };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!LOCATION_OPTIONS.has(name) && !CHOICE_OPTIONS.has(name)) {
      split.runArgs.push(args[i]!);
      continue;
    }
    const pair = [name, inline ?? args[++i] ?? ''];
    if (CHOICE_OPTIONS.has(name)) {
      split.choiceArgs.push(...pair);
      if (name === '--prices') split.pricesArgs.push(...pair);
      continue;
    }
    if (name === '--work') split.hasWork = true;
    split.locationArgs.push(...pair);
    split.runArgs.push(...pair);
  }
  if (!split.choiceArgs.includes('--engine')) split.choiceArgs.push('--engine', 'auto');
  return split;
}

/** What the plan says a run would clean with (`ferry plan --json --engine …`). */
interface PlanWithEngine extends Plan {
  engine?: {
    engine: 'duckdb' | 'dataproc';
    why: string;
    estimate?: { host_seconds: Record<string, number>; cost?: { total: number; currency: string } };
  };
}

interface StackOutputs {
  clusterId: string;
  bucket?: string;
  accessKey?: string;
  secretKey?: string;
}

async function readOutputs(): Promise<StackOutputs> {
  let text: string;
  try {
    text = await readFile(outputsFile, 'utf8');
  } catch {
    throw new Error(`the deploy wrote no stack outputs at ${outputsFile}`);
  }
  const outputs = JSON.parse(text) as Record<string, { value?: unknown } | undefined>;
  const value = (name: string) => (typeof outputs[name]?.value === 'string' ? outputs[name].value : undefined);
  const clusterId = value('cluster_id');
  if (!clusterId) throw new Error(`${outputsFile} has no cluster_id output`);
  return { clusterId, bucket: value('bucket'), accessKey: value('access_key'), secretKey: value('secret_key') };
}

/** Starts watching the cluster before it is destroyed, for its host time; a cluster that cannot be watched is only said. */
async function watchForUsage(clusterId: string | undefined): Promise<ClusterWatch | undefined> {
  if (!clusterId) return undefined;
  try {
    return await watchCluster(createYandexClientFromEnv(env), clusterId, { pollIntervalMs: WATCH_INTERVAL_MS });
  } catch (error) {
    say(`cannot watch cluster ${clusterId} for its host time: ${(error as Error).message}`);
    return undefined;
  }
}

/** Adds the deleted cluster's host time (and cost) to the run's record; a failure here is said, not the run's. */
async function recordUsage(watch: ClusterWatch, runId: string, split: SplitArgs): Promise<void> {
  let usage: ClusterUsage;
  try {
    usage = await watch.deleted;
  } catch (error) {
    say(`the cluster's host time is not recorded: ${(error as Error).message}`);
    return;
  }
  const file = join(dirname(outputsFile), `cluster-usage-${runId}.json`);
  await writeFile(file, clusterUsageFormat.encode(usage));
  const args = ['record-usage', runId, '--usage', file, ...split.locationArgs, ...split.pricesArgs];
  const recorded = await sh(`${ferryCmd} ${args.map(quote).join(' ')}`);
  await rm(file, { force: true });
  if (!recorded.ok) say(`recording the cluster's host time in run ${runId} failed (exit ${recorded.code})`);
}

async function teardown(watch: ClusterWatch | undefined): Promise<boolean> {
  tearingDown = true;
  say(`destroying the work stack: ${destroyCmd}`);
  const destroyed = await sh(destroyCmd);
  if (!destroyed.ok) watch?.stop('the destroy failed');
  if (!destroyed.ok) {
    say('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    say(`!!! DESTROYING THE WORK STACK FAILED (exit ${destroyed.code}): the cluster may still be running and billing.`);
    say(`!!! Run "${destroyCmd}" again, or "pnpm ferry reap --older-than 0s" to delete leftover ferry clusters.`);
    say('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  }
  say('sweeping leftover ferry clusters: ferry reap');
  const reaped = await sh(`${ferryCmd} reap`);
  if (!reaped.ok) say(`ferry reap failed (exit ${reaped.code}): leftover clusters may remain`);
  return destroyed.ok && reaped.ok;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  const split = splitArgs(args);
  const { locationArgs, hasWork } = split;

  const planned = await sh(`${ferryCmd} plan --json ${[...locationArgs, ...split.choiceArgs].map(quote).join(' ')}`, { capture: true });
  if (interrupted) return 128 + constants.signals[interrupted];
  if (!planned.ok) {
    say(`planning failed (exit ${planned.code}); nothing deployed`);
    return planned.code || 1;
  }
  const plan = JSON.parse(planned.stdout) as PlanWithEngine;
  if (plan.new.length === 0) {
    say('nothing new: every source period is already processed; no cluster deployed');
    return 0;
  }
  // The run would be refused once its cluster is up: do not pay for one.
  if (plan.in_use_by) {
    say(
      `the results store is in use by run ${plan.in_use_by.run_id} (its lock expires at ${plan.in_use_by.expires_at} unless renewed); no cluster deployed`,
    );
    return 1;
  }
  say(`${plan.new.length} new period(s): ${plan.new.map((period) => period.source).join(', ')}`);
  if (plan.engine?.engine === 'duckdb') return runHere(plan.engine.why, split);
  const estimate = plan.engine?.estimate;
  if (plan.engine) say(`engine dataproc (${plan.engine.why})`);
  if (estimate) {
    const hostTime = Object.entries(estimate.host_seconds).map(([preset, seconds]) => `${preset} ${Math.round(seconds)} host-seconds`);
    const cost = estimate.cost ? `, about ${estimate.cost.total} ${estimate.cost.currency}` : '';
    say(`estimate: ${hostTime.join(', ')}${cost} (see ferry plan --engine dataproc)`);
  }

  const runId = env.FERRY_RUN_ID!;
  let clusterId: string | undefined;
  let runCode: number;
  try {
    say(`deploying the work stack: ${deployCmd}`);
    const deployed = await sh(deployCmd);
    if (interrupted) throw new Error(`interrupted by ${interrupted} during deploy`);
    if (!deployed.ok) throw new Error(`deploy failed (exit ${deployed.code})`);
    const outputs = await readOutputs();
    clusterId = outputs.clusterId;
    const runArgs = [
      'run',
      '--engine',
      'dataproc',
      '--cluster-id',
      outputs.clusterId,
      '--run-id',
      runId,
      ...(hasWork || !outputs.bucket ? [] : ['--work', `s3://${outputs.bucket}`]),
      ...split.runArgs,
    ];
    // The stack's static key reaches the work bucket; it goes to the child's environment only, never to the output.
    const extraEnv =
      !env.AWS_ACCESS_KEY_ID && outputs.accessKey && outputs.secretKey
        ? { AWS_ACCESS_KEY_ID: outputs.accessKey, AWS_SECRET_ACCESS_KEY: outputs.secretKey }
        : undefined;
    say(`running on cluster ${outputs.clusterId}: ferry ${runArgs.join(' ')}`);
    const ran = await sh(`${ferryCmd} ${runArgs.map(quote).join(' ')}`, { extraEnv });
    runCode = interrupted ? 128 + constants.signals[interrupted] : ran.ok ? 0 : ran.code || 1;
    if (runCode !== 0) say(interrupted ? `run interrupted by ${interrupted}` : runEnded(ran.code));
  } catch (error) {
    say((error as Error).message);
    runCode = interrupted ? 128 + constants.signals[interrupted] : 1;
  }
  const watch = await watchForUsage(clusterId);
  const tornDown = await teardown(watch);
  if (watch && tornDown) await recordUsage(watch, runId, split);
  if (runCode !== 0) return runCode;
  if (!tornDown) return 1;
  say('run succeeded; work stack destroyed');
  return 0;
}

/**
 * DuckDB where cloud-run runs, no cluster: into the work location given (--work, FERRY_WORK), else a folder of this
 * checkout, since the work stack's bucket exists only while the stack does.
 */
async function runHere(why: string, split: SplitArgs): Promise<number> {
  say(`engine duckdb (${why}); nothing deployed`);
  const work = split.hasWork || env.FERRY_WORK ? [] : ['--work', join(repoRoot, '.ferry', 'work')];
  const runArgs = ['run', '--engine', 'duckdb', ...work, ...split.runArgs];
  say(`running here: ferry ${runArgs.join(' ')}`);
  const ran = await sh(`${ferryCmd} ${runArgs.map(quote).join(' ')}`);
  if (interrupted) return 128 + constants.signals[interrupted];
  if (!ran.ok) say(runEnded(ran.code));
  return ran.ok ? 0 : ran.code || 1;
}

/** How `ferry run` ended when it did not succeed: exit 2 is a partial run (some periods published, some failed). */
function runEnded(code: number | null): string {
  return code === 2 ? 'run partial (exit 2): some periods failed, each named above; the others are published' : `run failed (exit ${code})`;
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.exitCode = await main().catch((error: unknown) => {
  say(`unexpected: ${(error as Error).message}`);
  return 1;
});
