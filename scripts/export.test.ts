import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-export-script-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('given a results folder with data and a recorded run', () => {
  it('when `pnpm export <dir>` runs from the shell, then the folder holds the data, the run and a README', async () => {
    const results = path.join(dir, 'results');
    const storage = await Storage.open();
    let runId: string;
    try {
      const store = await storage.store(results);
      await store.write('transactions/tx_date=2019-08-22/part-0.parquet', 'PAR1');
      await store.write('quarantine/2019-08-22.parquet', 'PAR1');
      runId = (await (await startRun({ pipeline: 'transactions', results: store, console: false })).finish('succeeded')).run_id;
    } finally {
      await storage.close();
    }

    const out = await $({ cwd: repo, quiet: true })`tsx scripts/export.ts ${path.join(dir, 'out')} --results ${results}`;
    const [folder] = await readdir(path.join(dir, 'out'));
    expect(folder).toMatch(/^ferry-export-\d{8}T\d{6}Z$/);
    expect(out.stdout).toContain(`Exported 6 files`);
    const exported = path.join(dir, 'out', folder!);
    expect((await readdir(path.join(exported, 'runs', runId))).sort()).toEqual(['log.ndjson', 'report.html', 'report.md', 'run.json']);
    expect(await readdir(path.join(exported, 'quarantine'))).toEqual(['2019-08-22.parquet']);
    expect(await readFile(path.join(exported, 'README.txt'), 'utf8')).toContain('the whole results store');
  });

  it('when the run id is unknown, then it exits 1 with one clear line', async () => {
    const result = await $({
      cwd: repo,
      quiet: true,
      nothrow: true,
    })`tsx scripts/export.ts ${path.join(dir, 'out')} --run 20200101T000000Z-abcdef --results ${dir}`;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: no run 20200101T000000Z-abcdef in .*\n$/);
  });
});
