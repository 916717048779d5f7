import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it, expect } from 'vitest';
import { repoRoot } from './stacks.ts';

const run = promisify(execFile);
const outdir = mkdtempSync(join(tmpdir(), 'ferry-pnpm-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Runs `tsx stacks/main.ts` (what `pnpm synth` runs) with only the given variables and PATH. */
async function synthCommand(env: Record<string, string>) {
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  return run(tsx, ['stacks/main.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', CDKTF_OUTDIR: outdir, ...env } }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('given a clean checkout with no terraform and no network', () => {
  it('when synth runs with a folder id, then both stacks are written', async () => {
    const result = await synthCommand({ YC_FOLDER_ID: 'b1gfolder' });
    expect(result.code).toBe(0);
    expect(existsSync(join(outdir, 'stacks', 'results', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(outdir, 'stacks', 'work', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
  });

  it('when synth runs without YC_FOLDER_ID, then it exits 1 with the one-line reason and no stack trace', async () => {
    const result = await synthCommand({});
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('ferry synth: YC_FOLDER_ID is required: the Yandex Cloud folder to deploy into');
  });
});
