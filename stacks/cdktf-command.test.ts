import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCdktfArgs } from './cdktf-command.ts';
import { selectStacks } from './guards.ts';
import { repoRoot } from './stacks.ts';

const run = promisify(execFile);
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `npx cdktf <args>` as a user runs it (the pinned cdktf-cli), with only PATH and the given variables, no terraform. */
async function cdktf(args: string[], env: Record<string, string> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'ferry-cdktf-'));
  outdirs.push(outdir);
  const bin = join(repoRoot, 'node_modules', '.bin', 'cdktf');
  const options = {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: outdir, CHECKPOINT_DISABLE: '1', TERRAFORM_BINARY_NAME: 'no-such-terraform', ...env },
  };
  // eslint-disable-next-line no-control-regex -- cdktf colours its output
  const plain = (text = '') => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  return run(bin, [...args, '--output', outdir], options).then(
    ({ stdout, stderr }) => ({ code: 0, output: plain(stdout + stderr), outdir }),
    (error: { code: number; stdout?: string; stderr?: string }) => ({
      code: error.code,
      output: plain(`${error.stdout ?? ''}${error.stderr ?? ''}`),
      outdir,
    }),
  );
}

describe('given a cdktf command line seen from the stack program', () => {
  it('when it is read, then the command and the stack arguments come out, whatever the options around them', () => {
    expect(parseCdktfArgs(['node', '/repo/node_modules/cdktf-cli/bundle/bin/cdktf', 'deploy', 'work', '--auto-approve'])).toEqual({
      command: 'deploy',
      stacks: ['work'],
    });
    expect(parseCdktfArgs(['node', '/repo/node_modules/.bin/cdktf', '--log-level', 'debug', 'destroy', '*'])).toEqual({
      command: 'destroy',
      stacks: ['*'],
    });
    expect(parseCdktfArgs(['node', 'stacks/main.ts'])).toBeUndefined();
    expect(parseCdktfArgs(['/bin/sh', '-c', 'node --import tsx stacks/main.ts'])).toBeUndefined();
  });

  it('when stack arguments are names or globs, then they select stacks as cdktf does', () => {
    expect(selectStacks(['work'])).toEqual(['work']);
    expect(selectStacks(['*'])).toEqual(['results', 'work']);
    expect(selectStacks(['res*'])).toEqual(['results']);
    expect(selectStacks(['nothing'])).toEqual([]);
  });
});

describe('given the pinned cdktf CLI on a checkout with no terraform, no network and no variables', () => {
  it('when `cdktf synth` runs, then both stacks are synthesized', async () => {
    const result = await cdktf(['synth']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('Generated Terraform code for the stacks: results, work');
    const manifest = JSON.parse(readFileSync(join(result.outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['results', 'work']);
    for (const name of ['results', 'work']) expect(existsSync(join(result.outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
  });

  it('when `cdktf deploy work` runs without a folder, then the stack program refuses before synthesizing, and terraform never runs', async () => {
    const result = await cdktf(['deploy', 'work', '--auto-approve']);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'ferry cdktf deploy: refusing to deploy work without a folder: set YC_FOLDER_ID (or TF_VAR_folder_id) to the Yandex Cloud folder to deploy into',
    );
    expect(existsSync(join(result.outdir, 'manifest.json'))).toBe(false);
    expect(result.output).not.toContain('no-such-terraform');
  });

  it('when `cdktf destroy results` or `cdktf destroy *` runs, then it is refused, even with a folder', async () => {
    for (const pattern of ['results', '*']) {
      const result = await cdktf(['destroy', pattern, '--auto-approve'], { YC_FOLDER_ID: 'b1gfolder' });
      expect(result.code, pattern).toBe(1);
      expect(result.output, pattern).toContain('ferry cdktf destroy: refusing to destroy the results stack: it is persistent by design');
      expect(existsSync(join(result.outdir, 'manifest.json')), pattern).toBe(false);
    }
  });
});
