// `pnpm validate:stacks`: synthesizes both stacks and checks them with the real yandex-cloud/yandex provider:
// `tofu init` (offline: the provider comes from the filesystem mirror in .cache/) and `tofu validate` in each stack
// directory. OpenTofu and the provider are built by `pnpm real-parts tofu yandex-provider`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TOFU, tofuPaths, writeTofuCliConfig, YANDEX_PROVIDER } from '@ferry/testbed';
import { FerryError } from '@ferry/types';
import { readStackConfig } from '../stacks/config.ts';
import { STACK_NAMES, synthesizeStacks } from '../stacks/stacks.ts';

const run = promisify(execFile);

export interface TofuCheck {
  valid: boolean;
  /** What tofu printed (init's output only when init failed). */
  output: string;
}

/** Why the check cannot run on this machine, or undefined when OpenTofu and the provider are installed. */
export function validationMissing(): string | undefined {
  return TOFU.missing() ?? YANDEX_PROVIDER.missing();
}

/** `tofu init -backend=false` then `tofu validate` in a synthesized stack directory, with no network. */
export async function validateStackDir(dir: string): Promise<TofuCheck> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    TF_CLI_CONFIG_FILE: await writeTofuCliConfig(),
    TF_IN_AUTOMATION: '1',
  };
  const tofu = (...args: string[]) =>
    run(tofuPaths.tofu, [`-chdir=${dir}`, ...args], { env, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ ok: true, output: `${stdout}${stderr}` }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
  const init = await tofu('init', '-backend=false', '-input=false', '-no-color');
  if (!init.ok) return { valid: false, output: init.output };
  const validate = await tofu('validate', '-no-color');
  return { valid: validate.ok, output: validate.output };
}

async function main(): Promise<void> {
  const missing = validationMissing();
  if (missing) {
    console.error(`validate:stacks: ${missing}`);
    process.exitCode = 1;
    return;
  }
  const outdir = await mkdtemp(join(tmpdir(), 'ferry-validate-'));
  try {
    const files = synthesizeStacks(readStackConfig(process.env), outdir);
    for (const name of STACK_NAMES) {
      const check = await validateStackDir(join(files[name], '..'));
      console.log(`${name}: ${check.output.trim()}`);
      if (!check.valid) process.exitCode = 1;
    }
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main().catch((error: unknown) => {
    if (!(error instanceof FerryError)) throw error;
    console.error(`validate:stacks: ${error.message}`);
    process.exitCode = 1;
  });
}
