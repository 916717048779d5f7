import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';
import type { FinishedStatus, Pipeline } from '@ferry/types';
import { FakeLl2Server, json } from '../../../../test/rocket/fake-ll2-server.ts';
import { runFerry } from '../test-support.ts';

let dir: string;
let hooks: FakeLl2Server;

/** A run of `pipeline` that ended `hoursAgo` hours ago with `status`. */
async function recordRun(pipeline: Pipeline, hoursAgo: number, status: FinishedStatus): Promise<string> {
  const storage = await Storage.open();
  try {
    const at = Date.now() - hoursAgo * 3_600_000;
    const run = await startRun({ pipeline, results: await storage.store(dir), console: false, now: () => new Date(at) });
    await run.finish(status, status === 'failed' ? new Error('API down') : undefined);
    return run.id;
  } finally {
    await storage.close();
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-runs-check-'));
  hooks = await FakeLl2Server.start();
  hooks.on('/hooks/alert', json({ ok: true }));
});
afterEach(async () => {
  await hooks.close();
  await rm(dir, { recursive: true, force: true });
});

const check = (...extra: string[]) =>
  runFerry(['runs', '--results', dir, '--check', '--max-age', '26h', '--webhook', `${hooks.url}/hooks/alert`, ...extra]);

describe('given a results store whose last rocket success is 3 hours old', () => {
  it('when `ferry runs --check --max-age 26h --pipeline rocket` runs, then it says so, exits 0, tells no webhook and writes nothing', async () => {
    const id = await recordRun('rocket', 3, 'succeeded');
    await recordRun('rocket', 1, 'failed');
    const before = await readdir(dir, { recursive: true });
    const { code, stdout } = await check('--pipeline', 'rocket');
    expect(code).toBe(0);
    expect(stdout).toBe(`rocket: last success ${id} (succeeded) 3.0 h ago, within 26.0 h\n`);
    expect(hooks.requests).toHaveLength(0);
    expect(await readdir(dir, { recursive: true })).toEqual(before);
  });
});

describe('given a results store whose last rocket success is 30 hours old, with a failed run since', () => {
  it('when the check runs, then it exits 1 naming the pipeline, and POSTs the webhook with the last success and the runs since', async () => {
    const id = await recordRun('rocket', 30, 'succeeded');
    const failed = await recordRun('rocket', 5, 'failed');
    const { code, stdout, stderr } = await check('--pipeline', 'rocket');
    expect(code).toBe(1);
    expect(stdout).toContain(`rocket: STALE: last success ${id} (succeeded) 30.0 h ago, older than 26.0 h; since then: ${failed} failed`);
    expect(stderr).toBe('error: rocket: no success within 26.0 h (webhook told)\n');
    const [alert] = hooks.seen('/hooks/alert');
    expect(JSON.parse(alert!.body)).toMatchObject({
      check: 'stale',
      stale: [{ pipeline: 'rocket', last_success_run_id: id, max_age_ms: 26 * 3_600_000, runs_since: [`${failed} failed`] }],
    });
  });

  it('when the check covers every pipeline, then a fresh transactions run does not hide the stale rocket one', async () => {
    await recordRun('rocket', 30, 'partial');
    await recordRun('transactions', 2, 'noop');
    const { code, stdout } = await check();
    expect(code).toBe(1);
    expect(stdout).toMatch(/^rocket: STALE: .*\ntransactions: last success .* \(noop\) 2\.0 h ago, within 26\.0 h\n$/);
  });
});

describe('given an empty results store', () => {
  it('when the check runs, then nothing recorded is stale: exit 1; without --max-age it refuses in one line', async () => {
    const { code, stdout } = await check('--pipeline', 'rocket');
    expect(code).toBe(1);
    expect(stdout).toBe('rocket: STALE: no successful run recorded\n');
    const missing = await runFerry(['runs', '--results', dir, '--check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: --check needs --max-age, e.g. --max-age 26h\n');
  });
});
