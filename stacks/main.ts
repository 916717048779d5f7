// `pnpm synth`: writes cdktf.out/stacks/{results,work}/cdk.tf.json from the environment. No terraform, network or
// cloud account needed: what is unset (the folder) is left to Terraform input variables.
import { App } from 'cdktf';
import { FerryError } from '@ferry/types';
import { readStackConfig } from './config.ts';
import { synthesizeStacks } from './stacks.ts';

process.env.CHECKPOINT_DISABLE ??= '1';
const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
// An App only to read cdktf context (cdktf.json "context" / CDKTF_CONTEXT_JSON); synthesis uses its own.
const contextApp = new App({ outdir, skipValidation: true });

try {
  const config = readStackConfig(process.env, (name) => contextApp.node.tryGetContext(name));
  if (!config.folderId) {
    console.log('ferry synth: no YC_FOLDER_ID; the folder (and the default bucket names derived from it) will be taken from TF_VAR_folder_id / YC_FOLDER_ID at deploy time');
  }
  const files = synthesizeStacks(config, outdir);
  console.log(`synthesized ${Object.values(files).join(', ')}`);
} catch (error) {
  if (!(error instanceof FerryError)) throw error;
  console.error(`ferry synth: ${error.message}`);
  process.exitCode = 1;
}
