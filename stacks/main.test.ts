import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it, expect } from 'vitest';
import { STACK_NAMES, repoRoot } from './stacks.ts';

const run = promisify(execFile);
// Inside the (git-ignored) cdktf.out like the real output dir, so the synthesized state path is the one a clone gets.
mkdirSync(join(repoRoot, 'cdktf.out'), { recursive: true });
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs `tsx stacks/main.ts` (what `pnpm synth` runs) into a fresh output dir with only the given variables and PATH. */
async function synthCommand(env: Record<string, string>) {
  const outdir = mkdtempSync(join(repoRoot, 'cdktf.out', 'test-synth-'));
  outdirs.push(outdir);
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const file = (name: string) => join(outdir, 'stacks', name, 'cdk.tf.json');
  return run(tsx, ['stacks/main.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', CDKTF_OUTDIR: outdir, ...env } }).then(
    (result) => ({ code: 0, outdir, file, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, outdir, file, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Every string value in a parsed JSON document. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('given a clean checkout with no terraform and no network', () => {
  it('when synth runs with an empty environment, then both stacks are written with the folder as a Terraform variable, and no machine path or secret', async () => {
    const result = await synthCommand({});
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'ferry synth: no YC_FOLDER_ID; the folder (and the default bucket names derived from it) will be taken from TF_VAR_folder_id / YC_FOLDER_ID at deploy time',
    );
    for (const name of STACK_NAMES) {
      expect(existsSync(result.file(name)), name).toBe(true);
      const text = readFileSync(result.file(name), 'utf8');
      const stack = JSON.parse(text);
      expect(stack.variable.folder_id).toMatchObject({ type: 'string' });
      expect(stack.variable.folder_id).not.toHaveProperty('default');
      expect(stack.provider.yandex[0].folder_id).toBe('${var.folder_id}');
      const bucket = Object.values(stack.resource.yandex_storage_bucket)[0] as { bucket: string };
      expect(bucket.bucket).toBe(`ferry-${name}-\${var.folder_id}`);

      for (const machinePath of [repoRoot.replace(/\/$/, ''), result.outdir, tmpdir(), homedir()]) expect(text).not.toContain(machinePath);
      expect(strings(stack).filter(isAbsolute)).toEqual([]);
      const statePath: string = stack.terraform.backend.local.path;
      expect(resolve(result.outdir, 'stacks', name, statePath)).toBe(join(repoRoot, '.ferry', 'tfstate', `${name}.tfstate`));
      expect(Object.keys(stack.provider.yandex[0]).sort()).toEqual(['folder_id', 'zone']);
      // The only secrets are the work key's outputs: references, marked sensitive, never values.
      for (const [outputName, output] of Object.entries(stack.output as Record<string, { value: string; sensitive?: boolean }>)) {
        expect(output.value, outputName).toMatch(/\$\{[^}]+\}/);
        if (/key/.test(outputName)) expect(output.sensitive, outputName).toBe(true);
      }
    }
    expect(existsSync(join(result.outdir, 'manifest.json'))).toBe(true);
  });

  it('when synth runs with a folder and credentials in the environment, then the folder is the variable default and no credential is written', async () => {
    const credentials = { YC_TOKEN: 'y0_fake-token-for-test', AWS_ACCESS_KEY_ID: 'YCAJEfakekeyid', AWS_SECRET_ACCESS_KEY: 'YCfake-secret-for-test' };
    const result = await synthCommand({ YC_FOLDER_ID: 'b1gfolder', FERRY_TF_STATE_BUCKET: 'ferry-state', ...credentials });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('TF_VAR_folder_id');
    for (const name of STACK_NAMES) {
      const text = readFileSync(result.file(name), 'utf8');
      expect(JSON.parse(text).variable.folder_id.default).toBe('b1gfolder');
      for (const secret of Object.values(credentials)) expect(text).not.toContain(secret);
    }
  });

  it('when a given value is invalid, then synth exits 1 with the one-line reason naming the variable and no stack trace', async () => {
    const result = await synthCommand({ YC_FOLDER_ID: 'B1G_folder' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('ferry synth: YC_FOLDER_ID is invalid (lowercase letters and digits): the Yandex Cloud folder to deploy into');
    expect(existsSync(result.file('results'))).toBe(false);
  });

  it('when FERRY_DATAPROC_IMAGE=2.0, then synth refuses in one line, before writing anything', async () => {
    const result = await synthCommand({ FERRY_DATAPROC_IMAGE: '2.0' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'ferry synth: FERRY_DATAPROC_IMAGE is invalid (2.1, the default, or 2.2: the job needs Spark 3.3 or later, and 2.0 has Spark 3.0): the Data Processing image version',
    );
    expect(existsSync(result.file('work'))).toBe(false);
  });
});
