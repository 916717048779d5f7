import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';
import type { RunRecord } from '@ferry/types';
import { runCommand } from '../test-support.ts';
import { register } from './runs.ts';

let dir: string;

const ferry = (args: string[]) => runCommand(register, args);

async function record(pipeline: 'transactions' | 'rocket', iso: string, totals: Record<string, number>): Promise<RunRecord> {
  const storage = await Storage.open();
  try {
    let time = Date.parse(iso);
    const run = await startRun({
      pipeline,
      engine: pipeline === 'transactions' ? 'duckdb' : undefined,
      results: await storage.store(dir),
      console: false,
      now: () => new Date(time),
    });
    time += 4200;
    run.setTotals(totals);
    return await run.finish('succeeded');
  } finally {
    await storage.close();
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-runs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('given a results folder with a transactions run and a newer rocket run', () => {
  it('when `ferry runs` is called, then both are listed newest first, each with its own headline numbers (no rows columns for rocket)', async () => {
    const tx = await record('transactions', '2026-11-20T08:00:00Z', { periods: 2, rows_read: 2000, rows_written: 1990, rows_rejected: 10 });
    const rocket = await record('rocket', '2026-11-21T08:00:00Z', { launches: 10, image_urls: 8, images_downloaded: 7, images_failed: 1 });

    const lines = (await ferry(['runs', '--results', dir])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\| run +\| pipeline +\| engine +\| started \(UTC\) +\| duration \| status +\| counts +\|$/);
    expect(lines[2]).toContain(rocket.run_id);
    expect(lines[2]).toMatch(
      /\| rocket +\| - +\| 2026-11-21 08:00:00 \| +4\.2 s \| succeeded \| 10 launches, 7 images downloaded, 1 images failed +\|$/,
    );
    expect(lines[3]).toContain(tx.run_id);
    expect(lines[3]).toMatch(/\| 2 periods, 2,000 rows in, 1,990 rows out, 10 rejected +\|$/);
  });

  it('when `ferry runs --pipeline rocket --json` is called, then only the rocket run record is printed as JSON', async () => {
    await record('transactions', '2026-11-20T08:00:00Z', {});
    const rocket = await record('rocket', '2026-11-21T08:00:00Z', { images: 8 });

    expect(JSON.parse(await ferry(['runs', '--results', dir, '--pipeline', 'rocket', '--json']))).toEqual([rocket]);
  });

  it('when the store has no runs yet, then it says so', async () => {
    expect(await ferry(['runs', '--results', dir])).toBe('No runs recorded yet.\n');
  });
});
