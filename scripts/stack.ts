// `pnpm deploy:results | deploy:work | destroy:work`: synthesize, then run terraform directly on the
// synthesized JSON (CDKTF's documented exit path; `npx cdktf deploy|destroy` works too, under the same guards). Needs terraform and Yandex Cloud credentials
// in the environment (YC_TOKEN or YC_SERVICE_ACCOUNT_KEY_FILE; AWS_* keys for a remote state bucket), and the folder
// (YC_FOLDER_ID, or TF_VAR_folder_id), which terraform receives as the stacks' `folder_id` input variable.
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { $ } from 'zx';
import { FerryError } from '@ferry/types';
import { checkStackAction } from '../stacks/guards.ts';
import type { StackName } from '../stacks/names.ts';

type StackAction = 'deploy' | 'destroy';

export interface StackPlan {
  terraform: string;
  /** Added to the environment of every terraform run: the stacks' input variables. */
  env: Record<string, string>;
  /** terraform argument lists, run in order from the repository root. */
  steps: string[][];
  /** Where `terraform output -json` goes after a deploy (sensitive values included: local file only). */
  outputsFile: string;
  /** Arguments that read the outputs after a deploy. */
  outputArgs: string[];
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** What `stack.ts <action> <stack>` will run; refuses anything but deploy/destroy of a known stack. */
export function planStackCommand(
  args: string[],
  env: Record<string, string | undefined>,
): { action: StackAction; stack: StackName; plan: StackPlan } {
  const [action, stack] = args;
  if ((action !== 'deploy' && action !== 'destroy') || (stack !== 'results' && stack !== 'work')) {
    throw new FerryError('usage: stack.ts deploy|destroy results|work');
  }
  const folderId = checkStackAction(action, stack, env);
  const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
  const chdir = `-chdir=${join(outdir, 'stacks', stack)}`;
  const change = action === 'deploy' ? ['apply', '-auto-approve', '-input=false'] : ['destroy', '-auto-approve', '-input=false'];
  return {
    action,
    stack,
    plan: {
      terraform: env.TERRAFORM_BINARY_NAME || 'terraform',
      env: { TF_VAR_folder_id: folderId },
      steps: [
        [chdir, 'init', '-input=false'],
        [chdir, ...change],
      ],
      outputsFile: join('.ferry', 'stacks', `${stack}-outputs.json`),
      outputArgs: [chdir, 'output', '-json'],
    },
  };
}

async function main(): Promise<void> {
  const { action, stack, plan } = planStackCommand(process.argv.slice(2), process.env);
  $.cwd = repoRoot;
  $.verbose = true;
  await $({ stdio: 'inherit' })`${join(repoRoot, 'node_modules', '.bin', 'tsx')} stacks/main.ts`;
  const terraformEnv = { ...process.env, ...plan.env };
  for (const args of plan.steps) await $({ stdio: 'inherit', env: terraformEnv })`${plan.terraform} ${args}`;

  const outputsFile = join(repoRoot, plan.outputsFile);
  if (action === 'destroy') {
    await rm(outputsFile, { force: true });
    console.log(`${stack} destroyed`);
    return;
  }
  // Quiet: the JSON holds the secret key; it goes to a private local file, never to the terminal.
  const outputs = await $({ quiet: true, env: terraformEnv })`${plan.terraform} ${plan.outputArgs}`;
  await mkdir(dirname(outputsFile), { recursive: true });
  await writeFile(outputsFile, outputs.stdout, { mode: 0o600 });
  await chmod(outputsFile, 0o600);
  const names = Object.keys(JSON.parse(outputs.stdout) as Record<string, unknown>);
  console.log(`${stack} deployed; outputs (${names.join(', ')}) written to ${plan.outputsFile}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    if (error instanceof FerryError) console.error(`ferry stack: ${error.message}`);
    else if (error instanceof Error && 'exitCode' in error)
      console.error(`ferry stack: a command failed (exit ${String(error.exitCode)}); see its output above`);
    else throw error;
    process.exitCode = 1;
  });
}
