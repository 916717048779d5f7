import { describe, it, expect } from 'vitest';
import { FerryError } from '@ferry/types';
import { planStackCommand } from './stack.ts';

describe('given the stack deploy script', () => {
  it('when deploying work, then it inits and applies terraform in the synthesized stack dir and keeps outputs in .ferry/stacks/', () => {
    const { plan } = planStackCommand(['deploy', 'work'], {});
    expect(plan).toEqual({
      terraform: 'terraform',
      steps: [
        ['-chdir=cdktf.out/stacks/work', 'init', '-input=false'],
        ['-chdir=cdktf.out/stacks/work', 'apply', '-auto-approve', '-input=false'],
      ],
      outputsFile: '.ferry/stacks/work-outputs.json',
      outputArgs: ['-chdir=cdktf.out/stacks/work', 'output', '-json'],
    });
  });

  it('when destroying work with TERRAFORM_BINARY_NAME=tofu, then tofu destroys that stack only', () => {
    const { plan } = planStackCommand(['destroy', 'work'], { TERRAFORM_BINARY_NAME: 'tofu' });
    expect(plan.terraform).toBe('tofu');
    expect(plan.steps.at(-1)).toEqual(['-chdir=cdktf.out/stacks/work', 'destroy', '-auto-approve', '-input=false']);
  });

  it('when asked to destroy results, then it refuses: the results stack is persistent by design', () => {
    expect(() => planStackCommand(['destroy', 'results'], {})).toThrow(FerryError);
    expect(() => planStackCommand(['destroy', 'results'], {})).toThrow(/refusing to destroy the results stack: it is persistent by design/);
  });

  it('when the action or stack is unknown, then it prints the usage', () => {
    expect(() => planStackCommand(['plan', 'work'], {})).toThrow('usage: stack.ts deploy|destroy results|work');
    expect(() => planStackCommand(['deploy', 'everything'], {})).toThrow('usage: stack.ts deploy|destroy results|work');
  });
});
