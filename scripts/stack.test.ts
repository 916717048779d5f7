import { describe, it, expect } from 'vitest';
import { FerryError } from '@ferry/types';
import { planStackCommand } from './stack.ts';

const folder = { YC_FOLDER_ID: 'b1gfolder' };

describe('given the stack deploy script', () => {
  it('when deploying work, then it inits and applies terraform in the synthesized stack dir and keeps outputs in .ferry/stacks/', () => {
    const { plan } = planStackCommand(['deploy', 'work'], folder);
    expect(plan).toEqual({
      terraform: 'terraform',
      env: { TF_VAR_folder_id: 'b1gfolder' },
      steps: [
        ['-chdir=cdktf.out/stacks/work', 'init', '-input=false'],
        ['-chdir=cdktf.out/stacks/work', 'apply', '-auto-approve', '-input=false'],
      ],
      outputsFile: '.ferry/stacks/work-outputs.json',
      outputArgs: ['-chdir=cdktf.out/stacks/work', 'output', '-json'],
    });
  });

  it('when destroying work with TERRAFORM_BINARY_NAME=tofu, then tofu destroys that stack only', () => {
    const { plan } = planStackCommand(['destroy', 'work'], { ...folder, TERRAFORM_BINARY_NAME: 'tofu' });
    expect(plan.terraform).toBe('tofu');
    expect(plan.steps.at(-1)).toEqual(['-chdir=cdktf.out/stacks/work', 'destroy', '-auto-approve', '-input=false']);
  });

  it('when no folder is given, then it refuses to run terraform and names YC_FOLDER_ID', () => {
    for (const [action, stack] of [
      ['deploy', 'results'],
      ['deploy', 'work'],
      ['destroy', 'work'],
    ] as const) {
      expect(() => planStackCommand([action, stack], { YC_FOLDER_ID: '' })).toThrow(
        new FerryError(
          `refusing to ${action} ${stack} without a folder: set YC_FOLDER_ID (or TF_VAR_folder_id) to the Yandex Cloud folder to deploy into`,
        ),
      );
    }
  });

  it('when the folder comes as TF_VAR_folder_id only, then terraform gets it; when YC_FOLDER_ID is also set, YC_FOLDER_ID wins as at synth', () => {
    expect(planStackCommand(['deploy', 'results'], { TF_VAR_folder_id: 'b1gdeploy' }).plan.env).toEqual({ TF_VAR_folder_id: 'b1gdeploy' });
    expect(planStackCommand(['destroy', 'work'], { TF_VAR_folder_id: 'b1gdeploy', ...folder }).plan.env).toEqual({ TF_VAR_folder_id: 'b1gfolder' });
  });

  it('when asked to destroy results, then it refuses: the results stack is persistent by design', () => {
    expect(() => planStackCommand(['destroy', 'results'], folder)).toThrow(FerryError);
    expect(() => planStackCommand(['destroy', 'results'], folder)).toThrow(/refusing to destroy the results stack: it is persistent by design/);
  });

  it('when the action or stack is unknown, then it prints the usage', () => {
    expect(() => planStackCommand(['plan', 'work'], folder)).toThrow('usage: stack.ts deploy|destroy results|work');
    expect(() => planStackCommand(['deploy', 'everything'], folder)).toThrow('usage: stack.ts deploy|destroy results|work');
  });
});
