// Generates the typed cdktf bindings from the committed provider schema, offline:
// the schema goes into a provider-schema cache dir, so ConstructsMaker never spawns terraform.
import { mkdtemp, readFile, writeFile, rm, mkdir, cp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROVIDER_SOURCE = 'yandex-cloud/yandex';
export const PROVIDER_CONSTRAINT = '~> 0.222';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = join(packageDir, 'schema', 'yandex-provider-schema.json');

/** Writes the bindings for the committed schema into `outDir` (replacing it). */
export async function generateBindings(outDir: string): Promise<void> {
  process.env.CHECKPOINT_DISABLE = '1';
  // Loaded lazily: the generator require.resolves jsii and jsii-pacmak at load time.
  const { ConstructsMaker, TerraformProviderConstraint } = await import('@cdktf/provider-generator');
  const work = await mkdtemp(join(tmpdir(), 'ferry-provider-gen-'));
  const staging = await mkdtemp(join(packageDir, '.gen-staging-'));
  try {
    const constraint = new TerraformProviderConstraint(`${PROVIDER_SOURCE}@${PROVIDER_CONSTRAINT}`);
    const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
    // No `provider_versions`: with one, cdktf would pin required_providers to that exact version
    // instead of the constraint.
    const cacheDir = join(work, 'schema-cache');
    await mkdir(cacheDir);
    const cacheKey = `${encodeURIComponent(constraint.fqn)}@${encodeURIComponent(constraint.version ?? '')}`;
    await writeFile(join(cacheDir, `${cacheKey}.json`), JSON.stringify(schema));

    const rawDir = join(work, 'out');
    const maker = new ConstructsMaker({ codeMakerOutput: rawDir, targetLanguage: 'typescript' as never }, cacheDir);
    await maker.generate([constraint]);

    // Post-processed inside the package, where 'cdktf' resolves, so the compiler sees the base classes.
    await cp(join(rawDir, 'providers', 'yandex'), staging, { recursive: true });
    await rm(join(staging, 'lazy-index.ts'), { force: true }); // CommonJS-only entry point; we are ESM
    const sources = (await listFiles(staging)).filter((file) => file.endsWith('.ts'));
    for (const file of sources) await writeFile(file, toNodeNextEsm(await readFile(file, 'utf8')));
    await addOverrideModifiers(sources);
    await rm(outDir, { recursive: true, force: true });
    await cp(staging, outDir, { recursive: true });
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The generator writes extensionless relative imports (`'./storage-bucket'`), which NodeNext ESM
 * resolution rejects; point them at the `.ts` files so tsx, vitest and tsc agree.
 */
export function toNodeNextEsm(source: string): string {
  return source.replace(/(from\s+['"])(\.{1,2}\/[^'"]*?)(['"])/g, (_match, head: string, path: string, tail: string) => {
    if (path.endsWith('.ts')) return `${head}${path}${tail}`;
    return `${head}${path}/index.ts${tail}`;
  });
}

/**
 * The repository compiles with noImplicitOverride; the generator predates it. Let the compiler say
 * which members override a cdktf base member (TS4114/TS4115) and add the modifier there.
 */
async function addOverrideModifiers(files: string[]): Promise<void> {
  const { default: ts } = await import('typescript');
  const configPath = join(packageDir, '..', '..', 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, dirname(configPath));
  const program = ts.createProgram(files, config.options);
  const positions = new Map<string, number[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (![4114, 4115].includes(diagnostic.code) || !diagnostic.file || diagnostic.start === undefined) continue;
    const list = positions.get(diagnostic.file.fileName) ?? [];
    list.push(diagnostic.start);
    positions.set(diagnostic.file.fileName, list);
  }
  for (const [file, starts] of positions) {
    let text = await readFile(file, 'utf8');
    for (const start of [...new Set(starts)].sort((x, y) => y - x)) {
      // Skip an accessibility modifier if the diagnostic points at it; `override` follows it.
      const modifier = /^(public|protected|private) /.exec(text.slice(start));
      const at = modifier ? start + modifier[0].length : accessibilityEnd(text, start);
      text = `${text.slice(0, at)}override ${text.slice(at)}`;
    }
    await writeFile(file, text);
  }
}

/** For a diagnostic on a member name (`  public get alias`), the position right after `public `. */
function accessibilityEnd(text: string, nameStart: number): number {
  const lineStart = text.lastIndexOf('\n', nameStart) + 1;
  const prefix = /^\s*(?:(?:public|protected|private) )?/.exec(text.slice(lineStart, nameStart));
  return lineStart + (prefix ? prefix[0].length : 0);
}

export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files.sort();
}
