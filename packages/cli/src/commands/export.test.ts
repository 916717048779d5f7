import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';
import { runCommand } from '../test-support.ts';
import { register } from './export.ts';

let dir: string;

const ferry = (args: string[]) => runCommand(register, args);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('given a results folder with data and two runs', () => {
  it('when `ferry export <dir> --run <id>` is called, then that run lands in a timestamped folder with a README', async () => {
    const results = path.join(dir, 'results');
    const storage = await Storage.open();
    const ids: string[] = [];
    try {
      const store = await storage.store(results);
      await store.write('transactions/tx_date=2019-08-22/part-0.parquet', 'PAR1');
      for (let i = 0; i < 2; i += 1)
        ids.push((await (await startRun({ pipeline: 'rocket', results: store, console: false })).finish('succeeded')).run_id);
    } finally {
      await storage.close();
    }

    const out = await ferry(['export', path.join(dir, 'out'), '--run', ids[0]!, '--results', results]);
    const [folder] = await readdir(path.join(dir, 'out'));
    expect(folder).toMatch(/^ferry-export-\d{8}T\d{6}Z$/);
    const exported = path.join(dir, 'out', folder!);
    expect(out).toContain(`Exported 4 files`);
    expect(out).toContain(exported);
    expect((await readdir(path.join(exported, 'runs'))).sort()).toEqual([ids[0]]);
    expect((await readdir(path.join(exported, 'runs', ids[0]!))).sort()).toEqual(['log.ndjson', 'report.html', 'report.md', 'run.json']);
    expect(await readFile(path.join(exported, 'README.txt'), 'utf8')).toContain(`run ${ids[0]} only`);
  });
});
