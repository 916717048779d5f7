import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layout } from '@ferry/types';
import { ferry } from '../support/cli.ts';

/** Results written by a ferry newer than this one: each file a format version this ferry does not know yet. */
describe('given results stores that a newer ferry wrote', () => {
  let cwd: string;
  let source: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ferry-cli-formats-'));
    source = join(cwd, 'source');
    const sample = await ferry(['sample', '--out', source, '--periods', '1', '--days-per-period', '1', '--rows-per-day', '20'], { cwd });
    expect(sample.code).toBe(0);
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  async function resultsWith(name: string, files: Record<string, string>): Promise<string> {
    const results = join(cwd, name);
    for (const [key, text] of Object.entries(files)) {
      await mkdir(dirname(join(results, key)), { recursive: true });
      await writeFile(join(results, key), text);
    }
    return results;
  }

  const run = (results: string) => ferry(['run', '--source', source, '--work', join(cwd, 'work'), '--results', results], { cwd });

  it('when `ferry run` finds a manifest of a newer version, then it exits 1 with one line naming the file and the version, and changes nothing', async () => {
    const manifest = JSON.stringify({ version: 2, periods: {}, retention: '30d' });
    const results = await resultsWith('newer-manifest', { [layout.results.manifest]: manifest });
    const result = await run(results);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      `error: ${join(results, layout.results.manifest)} is a ferry manifest of version 2, newer than this ferry reads (1): upgrade ferry`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(results, layout.results.manifest), 'utf8')).toBe(manifest);
  });

  it('when `ferry run` finds a lock of a newer version, then it exits 1 naming the lock, and `ferry unlock` leaves it without --force', async () => {
    const lock = JSON.stringify({
      version: 2,
      run_id: 'r9',
      acquired_at: '2020-01-01T00:00:00Z',
      expires_at: '2020-01-01T00:02:00Z',
      lease: { renew_every: '30s' },
    });
    const results = await resultsWith('newer-lock', { [layout.results.lock]: lock });
    const result = await run(results);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: ${join(results, layout.results.lock)} is a lock of a newer ferry (version 2; this one reads 1), so ferry cannot tell whether a run holds it`,
    );
    const unlock = await ferry(['unlock', '--results', results], { cwd });
    expect(unlock.code).toBe(1);
    expect(await readFile(join(results, layout.results.lock), 'utf8')).toBe(lock);
  });
});
