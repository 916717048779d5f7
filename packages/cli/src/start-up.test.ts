import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

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

/** `ferry <args>` in a process of its own, as a user runs it; what it printed, and every module URL it loaded. */
async function modulesLoadedBy(args: string[], cwd: string): Promise<{ stdout: string; modules: string[] }> {
  const log = join(cwd, 'modules.txt');
  // A resolve hook (it runs on the loader's thread) that notes each module's URL in `log`.
  const hooks = `import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
      return resolved;
    }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const ferry = fileURLToPath(new URL('../bin/ferry.js', import.meta.url));
  const { stdout } = await run(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, ferry, ...args], {
    cwd,
    env: { ...process.env, XDG_CACHE_HOME: join(cwd, 'cache') },
  });
  return { stdout, modules: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

describe('given source, work and results in local folders', () => {
  it('when ferry plan runs over them, then it loads neither the S3 client, the embedded server, DuckDB nor the Yandex client', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-start-up-'));
    try {
      await mkdir(join(dir, 'source'));
      await writeFile(join(dir, 'source', '2019-08-22.txt'), 'transaction_id,tx_datetime\n');
      const { stdout, modules } = await modulesLoadedBy(['plan', '--source', 'source', '--work', 'work', '--results', 'results'], dir);
      expect(stdout, 'the plan read the source').toContain('source periods: 1');
      expect(modules.filter((url) => ['@aws-sdk/', 's3rver', '@duckdb/', 'jose'].some((name) => url.includes(`/node_modules/${name}`)))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
