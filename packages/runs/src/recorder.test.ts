import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Storage } from '@ferry/storage';
import { FerryError, layout, type LogLine, type RunRecord, type Store } from '@ferry/types';
import { listRuns, loadRun, newRunId, renderRunsTable, startRun } from './index.ts';

/** A clock the test moves by hand, so durations are exact without waiting. */
function manualClock(startIso: string) {
  let time = Date.parse(startIso);
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

let dir: string;
let storage: Storage;
let results: Store;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-runs-'));
  storage = await Storage.open();
  results = await storage.store(dir);
});
afterEach(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

async function readJson<T>(key: string): Promise<T> {
  const text = await results.readText(key);
  expect(text, key).toBeDefined();
  return JSON.parse(text!) as T;
}

describe('given a transactions run with a plan, a sync and a flaky clean step', () => {
  async function recordRun() {
    const clock = manualClock('2026-11-21T05:43:00.000Z');
    const consoleLines: string[] = [];
    const run = await startRun({ pipeline: 'transactions', engine: 'duckdb', results, now: clock.now, console: (line) => consoleLines.push(line) });
    const runningRecord = await readJson<RunRecord>(layout.results.run(run.id).record);

    await run.step('plan', async (step) => {
      clock.advance(120);
      step.count('new_periods', 2);
    });
    await run.step('sync', async (step) => {
      clock.advance(1500);
      step.count('files', 2);
      step.addBytes(64_172_032);
      step.log.info('copied 2 files');
    });
    let calls = 0;
    const cleaned = await run.step(
      'clean 2019-08-22',
      async (step) => {
        calls += 1;
        clock.advance(400);
        step.count('rows_read', 10);
        if (step.attempt < 3) throw new Error(`engine crashed on attempt ${step.attempt}`);
        step.count('rows_written', 9);
        return 'cleaned';
      },
      { retries: 3, minTimeoutMs: 0 },
    );
    run.setTotals({ periods: 1, rows_read: 10, rows_written: 9, rows_rejected: 1 });
    run.setPeriods([{ period: '2019-08-22', source: '2019-08-22.txt', rows_read: 10, rows_written: 9, rows_rejected: 1 }]);
    clock.advance(30);
    const record = await run.finish('succeeded');
    return { run, record, runningRecord, consoleLines, calls, cleaned };
  }

  it('when the run starts, then run.json already exists with status running', async () => {
    const { runningRecord, run } = await recordRun();
    expect(runningRecord).toMatchObject({
      run_id: run.id,
      pipeline: 'transactions',
      engine: 'duckdb',
      status: 'running',
      started_at: '2026-11-21T05:43:00.000Z',
    });
  });

  it('when it finishes, then every step is recorded in order with its counts, bytes and timings', async () => {
    const { record, run } = await recordRun();
    const stored = await readJson<RunRecord>(layout.results.run(run.id).record);
    expect(stored).toEqual({ version: 1, ...record });
    expect(stored.status).toBe('succeeded');
    expect(stored.duration_ms).toBe(120 + 1500 + 3 * 400 + 30);
    expect(stored.steps.map((step) => [step.name, step.status, step.duration_ms])).toEqual([
      ['plan', 'succeeded', 120],
      ['sync', 'succeeded', 1500],
      ['clean 2019-08-22', 'succeeded', 1200],
    ]);
    expect(stored.steps[0]!.counts).toEqual({ new_periods: 2 });
    expect(stored.steps[1]).toMatchObject({ counts: { files: 2 }, bytes: 64_172_032 });
    expect(stored.totals).toEqual({ periods: 1, rows_read: 10, rows_written: 9, rows_rejected: 1 });
    expect(stored.periods).toHaveLength(1);
  });

  it('when a step fails twice and then succeeds, then all three attempts are kept and counts come from the last one', async () => {
    const { record, calls, cleaned } = await recordRun();
    const clean = record.steps[2]!;
    expect(calls).toBe(3);
    expect(cleaned).toBe('cleaned');
    expect(clean.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.error, attempt.duration_ms])).toEqual([
      [1, 'failed', 'engine crashed on attempt 1', 400],
      [2, 'failed', 'engine crashed on attempt 2', 400],
      [3, 'succeeded', undefined, 400],
    ]);
    expect(clean.counts).toEqual({ rows_read: 10, rows_written: 9 });
  });

  it('when it finishes, then log.ndjson holds one structured JSON line per event and the console a readable line', async () => {
    const { run, consoleLines } = await recordRun();
    const text = (await results.readText(layout.results.run(run.id).log))!;
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as LogLine);
    for (const line of lines) {
      expect(line).toMatchObject({ run_id: run.id, pipeline: 'transactions' });
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
      expect(new Date(line.time).toISOString()).toBe(line.time);
    }
    expect(lines).toContainEqual(expect.objectContaining({ step: 'sync', level: 'info', msg: 'copied 2 files' }));
    expect(lines).toContainEqual(
      expect.objectContaining({ step: 'clean 2019-08-22', level: 'warn', msg: 'attempt 1 failed: engine crashed on attempt 1' }),
    );
    expect(consoleLines).toContain('05:43:01 INFO  [sync] copied 2 files');
    expect(consoleLines.some((line) => line.includes('DEBUG'))).toBe(false);
  });

  it('when it finishes, then report.md and report.html are written with the Gantt chart', async () => {
    const { run } = await recordRun();
    const markdown = (await results.readText(layout.results.run(run.id).reportMarkdown))!;
    expect(markdown).toContain('```mermaid\ngantt');
    expect(markdown).toContain('dateFormat YYYY-MM-DD HH:mm:ss.SSS');
    expect(markdown).toContain('clean 2019-08-22 (attempt 1, failed) :crit, 2026-11-21 05:43:01.620, 2026-11-21 05:43:02.020');
    expect(markdown).toContain('clean 2019-08-22 (attempt 2, failed) :crit,');
    expect(markdown).toContain('clean 2019-08-22 (attempt 3) :done,');
    expect(markdown).toContain('sync :done, 2026-11-21 05:43:00.120, 2026-11-21 05:43:01.620');
    const html = (await results.readText(layout.results.run(run.id).reportHtml))!;
    expect(html.match(/<rect [^>]*data-step="clean 2019-08-22"/g)).toHaveLength(3);
  });
});

describe('given a step that fails with an error not worth retrying', () => {
  it('when the run is finished as failed, then the step, its single attempt and the run carry the error', async () => {
    const run = await startRun({ pipeline: 'rocket', results, console: false });
    const failure = new FerryError('LL2 answered 401: check LL2_API_TOKEN');
    await expect(
      run.step('fetch launches', async () => Promise.reject(failure), {
        retries: 5,
        minTimeoutMs: 0,
        shouldRetry: (error) => !(error instanceof FerryError),
      }),
    ).rejects.toBe(failure);
    const record = await run.finish('failed', failure);

    expect(record).toMatchObject({ status: 'failed', error: failure.message });
    expect(record.steps[0]).toMatchObject({ name: 'fetch launches', status: 'failed', error: failure.message });
    expect(record.steps[0]!.attempts).toHaveLength(1);
    const report = (await results.readText(layout.results.run(run.id).reportMarkdown))!;
    expect(report).toContain('## Failures');
    expect(report).toContain(`fetch launches: ${failure.message}`);
  });
});

describe('given a run where some items fail while the rest go on', () => {
  it('when it finishes partial, then run.json, every report and the history name each failed item and why, one line each', async () => {
    const run = await startRun({ pipeline: 'transactions', results, console: false, secrets: ['s3cr3t-token'] });
    run.recordFailure({ item: '2019-12-01', reason: '2019-12-01.txt is gzip-compressed: ferry cleans plain text, so decompress it first' });
    run.recordFailure({ item: '2019-12-02', reason: '2019-12-02.txt is not a text file (seen with s3cr3t-token)' });
    const record = await run.finish('partial');

    expect(record.status).toBe('partial');
    expect((await listRuns(results))[0]!.failures).toEqual([
      { item: '2019-12-01', reason: '2019-12-01.txt is gzip-compressed: ferry cleans plain text, so decompress it first' },
      { item: '2019-12-02', reason: '2019-12-02.txt is not a text file (seen with [REDACTED])' },
    ]);
    const markdown = (await results.readText(layout.results.run(run.id).reportMarkdown))!;
    expect(markdown).toContain('- **status**: partial (2 failed)');
    expect(markdown).toContain('## Failures\n\n- 2019-12-01: 2019-12-01.txt is gzip-compressed');
    expect(markdown).toContain('- 2019-12-02: 2019-12-02.txt is not a text file');
    expect((await results.readText(layout.results.run(run.id).reportHtml))!).toContain('<td class="status-partial">partial (2 failed)</td>');
    expect(renderRunsTable(await listRuns(results))).toMatch(/\| partial \(2 failed\) +\|/);
  });
});

describe('given a results store that refuses the write of a finished run.json once', () => {
  it('when finishing fails, then the run can be finished again, as failed by that error, and run.json says so', async () => {
    let refuse = false;
    const flaky = new Proxy(results, {
      get(target, name) {
        if (name === 'write') {
          return (key: string, ...rest: Parameters<Store['write']> extends [string, ...infer R] ? R : never) => {
            if (refuse && layout.results.runIdOfRecord(key) !== undefined) {
              refuse = false;
              return Promise.reject(new FerryError(`${key}: failed (503 SlowDown) on upload`));
            }
            return target.write(key, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const run = await startRun({ pipeline: 'transactions', results: flaky, console: false });
    refuse = true;
    const error = await run.finish('succeeded').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FerryError);
    expect(await run.finish('failed', error)).toMatchObject({
      status: 'failed',
      error: `${layout.results.run(run.id).record}: failed (503 SlowDown) on upload`,
    });
    expect(await readJson(layout.results.run(run.id).record)).toMatchObject({ status: 'failed' });
  });
});

describe('given steps running concurrently', () => {
  it('when they finish out of order, then they are recorded in the order they started', async () => {
    const run = await startRun({ pipeline: 'transactions', results, console: false });
    const gates = new Map<string, () => void>();
    const started = ['clean 2019-08-22', 'clean 2019-09-21', 'clean 2019-10-21'].map((name) =>
      run.step(name, () => new Promise<void>((resolve) => gates.set(name, resolve))),
    );
    gates.get('clean 2019-10-21')!();
    gates.get('clean 2019-08-22')!();
    gates.get('clean 2019-09-21')!();
    await Promise.all(started);
    const record = await run.finish('succeeded');
    expect(record.steps.map((step) => step.name)).toEqual(['clean 2019-08-22', 'clean 2019-09-21', 'clean 2019-10-21']);
    expect(record.steps.every((step) => step.status === 'succeeded')).toBe(true);
  });
});

describe('given several recorded runs of both pipelines', () => {
  async function recordAt(pipeline: 'transactions' | 'rocket', iso: string, status: 'succeeded' | 'noop') {
    const clock = manualClock(iso);
    const run = await startRun({ pipeline, results, console: false, now: clock.now, runId: newRunId(clock.now()) });
    clock.advance(1000);
    return run.finish(status);
  }

  it('when listing history, then runs come newest first and can be filtered by pipeline', async () => {
    const oldest = await recordAt('transactions', '2026-11-19T10:00:00Z', 'succeeded');
    const newest = await recordAt('transactions', '2026-11-21T10:00:00Z', 'noop');
    const rocket = await recordAt('rocket', '2026-11-20T10:00:00Z', 'succeeded');

    expect((await listRuns(results)).map((run) => run.run_id)).toEqual([newest.run_id, rocket.run_id, oldest.run_id]);
    expect((await listRuns(results, { pipeline: 'transactions' })).map((run) => run.run_id)).toEqual([newest.run_id, oldest.run_id]);
    expect((await listRuns(results, { pipeline: 'rocket' })).map((run) => run.run_id)).toEqual([rocket.run_id]);
  });

  it('when loading a run, then its record comes back with the sections its pipeline reported; an unknown id is a FerryError', async () => {
    const run = await startRun({ pipeline: 'transactions', results, console: false });
    const section = { title: 'Quality', text: 'No periods were cleaned.' };
    run.addSection(section);
    await run.writeArtifact(layout.results.runFiles.quality, JSON.stringify({ run_id: run.id, periods: [] }));
    const record = await run.finish('succeeded');

    expect(record.sections).toEqual([section]);
    expect(await loadRun(results, run.id)).toEqual(record);
    expect(await results.readText(layout.results.run(run.id).quality)).toBe(JSON.stringify({ run_id: run.id, periods: [] }));
    await expect(loadRun(results, '20200101T000000Z-000000')).rejects.toThrow(FerryError);
    await expect(loadRun(results, '../etc')).rejects.toThrow(FerryError);
  });

  it('when a run.json comes from a newer ferry or misses a field, then loading it names the file and the field, and the history leaves it out', async () => {
    const kept = await recordAt('rocket', '2026-11-20T10:00:00Z', 'succeeded');
    const newer = await recordAt('rocket', '2026-11-21T10:00:00Z', 'succeeded');
    const broken = await recordAt('rocket', '2026-11-22T10:00:00Z', 'succeeded');
    await results.write(layout.results.run(newer.run_id).record, JSON.stringify({ ...newer, version: 2 }));
    const { steps: _, ...withoutSteps } = broken;
    await results.write(layout.results.run(broken.run_id).record, JSON.stringify({ version: 1, ...withoutSteps }));

    await expect(loadRun(results, newer.run_id)).rejects.toThrow(
      new FerryError(
        `${dir}/${layout.results.run(newer.run_id).record} is a ferry run record of version 2, newer than this ferry reads (1): upgrade ferry`,
      ),
    );
    await expect(loadRun(results, broken.run_id)).rejects.toThrow(
      new FerryError(`${dir}/${layout.results.run(broken.run_id).record} is not a ferry run record: steps is missing`),
    );
    expect((await listRuns(results)).map((run) => run.run_id)).toEqual([kept.run_id]);
  });
});

describe('given the run id generator', () => {
  it('when ids are made at increasing times, then they sort by time and carry the UTC timestamp', () => {
    const first = newRunId(new Date('2026-11-21T05:43:00.500Z'));
    const second = newRunId(new Date('2026-11-21T05:43:01Z'));
    expect(first).toMatch(/^20261121T054300Z-[0-9a-f]{6}$/);
    expect([second, first].sort()).toEqual([first, second]);
  });
});

describe('given a run that logs a lot and then dies without finishing', () => {
  it('when the process would crash, then run.json and most of the log are already in the store', async () => {
    const run = await startRun({ pipeline: 'transactions', results, console: false });
    await run.step('clean 2019-08-22', async (step) => {
      for (let i = 0; i < 1200; i += 1) step.log.info(`row batch ${i}`);
    });
    // No finish(): the recorder flushes on its own every few hundred lines.
    await vi.waitFor(async () => {
      const lines = (await results.readText(layout.results.run(run.id).log))?.trimEnd().split('\n') ?? [];
      expect(lines.length).toBeGreaterThanOrEqual(1000);
    });
    expect(await readJson<RunRecord>(layout.results.run(run.id).record)).toMatchObject({ status: 'running' });
  });
});
