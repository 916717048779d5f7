import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStackConfig } from '../stacks/config.ts';
import { STACK_NAMES, synthesizeStacks } from '../stacks/stacks.ts';
import { validateStackDir, validationMissing } from './validate-stacks.ts';

const missing = validationMissing();
const note = missing ? `SKIPPED, ${missing}: ` : '';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function synthesized(): Record<(typeof STACK_NAMES)[number], string> {
  const outdir = mkdtempSync(join(tmpdir(), 'ferry-tofu-'));
  dirs.push(outdir);
  const files = synthesizeStacks(readStackConfig({}), outdir);
  return { results: dirname(files.results), work: dirname(files.work) };
}

describe('given OpenTofu and the real yandex-cloud/yandex provider v0.222.0 in a filesystem mirror, and no network', () => {
  it.skipIf(missing)(`${note}when both synthesized stacks are initialized and validated, then each is valid`, async () => {
    const stacks = synthesized();
    for (const name of STACK_NAMES) {
      const check = await validateStackDir(stacks[name]);
      expect(check.output, name).toContain('Success! The configuration is valid.');
      expect(check.valid, name).toBe(true);
    }
  });

  it.skipIf(missing)(`${note}when one attribute of the work stack is misspelt in a copy, then validate fails naming it`, async () => {
    const copy = mkdtempSync(join(tmpdir(), 'ferry-tofu-typo-'));
    dirs.push(copy);
    cpSync(synthesized().work, copy, { recursive: true });
    const file = join(copy, 'cdk.tf.json');
    const stack = JSON.parse(readFileSync(file, 'utf8'));
    const bucket = stack.resource.yandex_storage_bucket['work-bucket'];
    bucket.foldr_id = bucket.folder_id;
    delete bucket.folder_id;
    writeFileSync(file, JSON.stringify(stack, null, 2));

    const check = await validateStackDir(copy);
    expect(check.valid).toBe(false);
    expect(check.output).toContain('Unsupported argument');
    expect(check.output).toContain('An argument named "foldr_id" is not expected here.');
  });
});
