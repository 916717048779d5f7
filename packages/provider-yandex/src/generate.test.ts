import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it, expect } from 'vitest';
import { TerraformStack, Testing } from 'cdktf';
import { generateBindings, listFiles, packageDir, toNodeNextEsm } from './generate.ts';
import { provider, vpcGateway } from '../gen/index.ts';

describe('given the committed bindings in gen/', () => {
  it('when they are regenerated from the committed schema, then every file is identical', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'ferry-gen-check-'));
    try {
      await generateBindings(outDir);
      const committedDir = join(packageDir, 'gen');
      const fresh = (await listFiles(outDir)).map((file) => relative(outDir, file));
      const committed = (await listFiles(committedDir)).map((file) => relative(committedDir, file));
      expect(committed).toEqual(fresh);
      for (const file of fresh) {
        const [expected, actual] = await Promise.all([readFile(join(outDir, file), 'utf8'), readFile(join(committedDir, file), 'utf8')]);
        expect(actual, `${file} is stale: run pnpm gen:provider`).toBe(expected);
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('when a stack uses them, then required_providers carries the pinned constraint and empty blocks survive', () => {
    const stack = new TerraformStack(Testing.app(), 'check');
    new provider.YandexProvider(stack, 'yandex', {});
    new vpcGateway.VpcGateway(stack, 'nat', { sharedEgressGateway: {} });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.terraform.required_providers.yandex).toEqual({ source: 'yandex-cloud/yandex', version: '~> 0.222' });
    expect(synthesized.resource.yandex_vpc_gateway.nat.shared_egress_gateway).toEqual({});
  });
});

describe('given generated TypeScript with extensionless relative imports', () => {
  it('when made NodeNext-compatible, then relative imports point at index.ts files and packages are untouched', () => {
    const source = "import * as cdktf from 'cdktf';\nexport * as vpcGateway from './vpc-gateway';\nimport { x } from '../a/b.ts';\n";
    expect(toNodeNextEsm(source)).toBe(
      "import * as cdktf from 'cdktf';\nexport * as vpcGateway from './vpc-gateway/index.ts';\nimport { x } from '../a/b.ts';\n",
    );
  });
});
