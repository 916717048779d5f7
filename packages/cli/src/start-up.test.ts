import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The packages a command may load only in its action: each costs tens to hundreds of milliseconds to import. */
const HEAVY = ['@aws-sdk/', '@duckdb/', 's3rver', 'pino', 'jose', 'cli-progress', 'pure-rand', 'tar', 'zod'];

/** Every module the bundle's entry loads before running anything: the chunks it imports, and theirs. */
async function startUpImports(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = async (url: string): Promise<void> => {
    if (seen.has(url)) return;
    seen.add(url);
    const code = await readFile(fileURLToPath(url), 'utf8');
    for (const [, from] of code.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"([^"]+)"/gm)) {
      if (from!.startsWith('./')) await visit(new URL(from!, url).href);
      else external.add(from!);
    }
  };
  await visit(entry);
  return [...external];
}

describe('given the ferry command compiled as it starts (bin/compile.js)', () => {
  it('when its start-up chunks are followed, then they load commander but none of the packages that only actions need', async () => {
    const compile = (await import(new URL('../bin/compile.js', import.meta.url).href)) as { compiledCli(): Promise<string | undefined> };
    const entry = await compile.compiledCli();
    expect(entry, 'the CLI could not be compiled').toBeDefined();
    const imports = await startUpImports(entry!);
    expect(imports.some((path) => path.includes('/commander/'))).toBe(true);
    expect(imports.filter((path) => HEAVY.some((name) => path.includes(`/node_modules/${name}`)))).toEqual([]);
  });
});
