import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layout } from '@ferry/types';
import { ferry } from '../support/cli.ts';

describe('given a fresh working directory and the README commands', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ferry-cli-'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('when `ferry start` runs, then it seeds 2 sample periods into the embedded source, processes them and says where the results are', async () => {
    const first = await ferry(['start'], { cwd });
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('seeding 2 sample periods');
    expect(first.stdout).toMatch(/processed 2 period\(s\)/);
    expect(first.stdout).toContain('2019-08-22, 2019-09-21');
    expect(first.stdout).toContain('.ferry');
  });

  it('when it runs again, then it says there is nothing new and starts no engine', async () => {
    const again = await ferry(['start'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing new: all 2 source period(s) are already processed. No engine was started.');
  });

  it('when the next period is added with `ferry sample --periods 3`, then plan shows only it and run processes only it', async () => {
    const sample = await ferry(['sample', '--periods', '3'], { cwd });
    expect(sample.code).toBe(0);
    expect(sample.stdout).toContain('2019-10-21.txt');
    const plan = await ferry(['plan', '--json'], { cwd });
    expect(plan.code).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { new: { source: string }[]; processed: unknown[] };
    expect(parsed.new.map((period) => period.source)).toEqual(['2019-10-21.txt']);
    expect(parsed.processed).toHaveLength(2);
    const run = await ferry(['run'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/processed 1 period\(s\)/);
    expect(run.stdout).toContain('2019-10-21');
  });

  it('when the results manifest is corrupt, then the run stops with one clear line and no stack trace', async () => {
    const results = join(cwd, 'broken-results');
    await mkdir(results, { recursive: true });
    await writeFile(join(results, layout.results.manifest), '{ not json');
    const broken = await ferry(['run', '--results', results], { cwd });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr.trim().split('\n').at(-1)).toMatch(/^error: .*manifest\.json is not valid JSON/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });

  it('when an option is wrong, then the error names it', async () => {
    const bad = await ferry(['sample', '--periods', 'many'], { cwd });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe("error: option '--periods <n>' argument 'many' is invalid. It takes a whole number ≥ 1.\n");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
