// `pnpm synth` and the cdktf CLI's app (cdktf.json): writes cdktf.out/stacks/{results,work}/cdk.tf.json from the
// environment. No terraform, network or cloud account needed: what is unset (the folder) is left to Terraform input
// variables. Run by `cdktf deploy|destroy|diff`, it first applies the rules of the pnpm deploy scripts.
import { App } from 'cdktf';
import { FerryError } from '@ferry/types';
import { findCdktfInvocation } from './cdktf-command.ts';
import { readStackConfig } from './config.ts';
import { checkStackAction, selectStacks, type StackAction } from './guards.ts';
import { synthesizeStacks } from './stacks.ts';

/** The cdktf commands that change or plan a stack, and the rule each follows. */
const GUARDED: Record<string, StackAction> = { deploy: 'deploy', watch: 'deploy', diff: 'diff', plan: 'diff', destroy: 'destroy' };

// Under `cdktf deploy|destroy|diff`, refuse what the pnpm scripts refuse, before anything is synthesized.
const invocation = findCdktfInvocation();
const action = invocation && GUARDED[invocation.command];
const who = action ? `ferry cdktf ${invocation.command}` : 'ferry synth';

process.env.CHECKPOINT_DISABLE ??= '1';
const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
// An App only to read cdktf context (cdktf.json "context" / CDKTF_CONTEXT_JSON); synthesis uses its own.
const contextApp = new App({ outdir, skipValidation: true });

try {
  if (action) for (const stack of selectStacks(invocation.stacks)) checkStackAction(action, stack, process.env);
  const config = readStackConfig(process.env, (name) => contextApp.node.tryGetContext(name));
  if (!config.folderId) {
    console.log(
      'ferry synth: no YC_FOLDER_ID; the folder (and the default bucket names derived from it) will be taken from TF_VAR_folder_id / YC_FOLDER_ID at deploy time',
    );
  }
  const files = synthesizeStacks(config, outdir);
  console.log(`synthesized ${Object.values(files).join(', ')}`);
} catch (error) {
  if (!(error instanceof FerryError)) throw error;
  console.error(`${who}: ${error.message}`);
  process.exitCode = 1;
}
