// Compiles the ferry CLI once: its TypeScript sources (every workspace package it imports) into one ES module
// bundle under .cache/cli/, split so that each command loads only what it needs. Rebuilt when a source it was built
// from, or the installed packages, changed since; a failed build returns undefined and the caller runs the sources.
import { mkdir, readFile, rename, rm, readdir, stat, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const cliCache = join(repoRoot, '.cache', 'cli');
const pointer = join(cliCache, 'current.json');
const packagesDir = join(repoRoot, 'packages') + sep;
/** pnpm rewrites it at every install: a bundle names its dependencies' installed paths, so it is built again. */
const installRecord = join(repoRoot, 'node_modules', '.modules.yaml');
/** Builds a process may still be loading chunks from are left alone this long. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000;

/** The URL of the bundle's entry, fresh for the current sources; undefined when it cannot be built. */
export async function compiledCli() {
  const current = await readJson(pointer);
  if (current && (await isFresh(current))) return pathToFileURL(join(cliCache, current.dir, 'main.js')).href;
  try {
    return pathToFileURL(join(cliCache, await build(), 'main.js')).href;
  } catch {
    return undefined;
  }
}

async function isFresh(current) {
  try {
    const times = await Promise.all(current.inputs.map(async (file) => (await stat(join(repoRoot, file))).mtimeMs));
    return times.every((mtime) => mtime <= current.builtAt);
  } catch {
    return false; // an input is gone
  }
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const builtAt = Date.now();
  const dir = `build-${builtAt}-${process.pid}`;
  const result = await esbuild({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outdir: join(cliCache, dir),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    plugins: [workspaceSources],
  });
  // The metafile names its inputs relative to absWorkingDir, as the pointer keeps them.
  const inputs = [...Object.keys(result.metafile.inputs), relative(repoRoot, installRecord), relative(repoRoot, fileURLToPath(import.meta.url))];
  await mkdir(cliCache, { recursive: true });
  const temp = `${pointer}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ dir, builtAt, inputs }));
  await rename(temp, pointer);
  await dropOldBuilds(dir);
  return dir;
}

/**
 * Workspace sources are bundled (side-effect free, so a command's unused modules stay out of the start-up chunk);
 * every other package stays external, at the path it resolves to from its importer (pnpm keeps each package's
 * dependencies beside it, not at the root). `import.meta.url` keeps meaning the source file's own URL.
 */
const workspaceSources = {
  name: 'ferry-workspace-sources',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true, sideEffects: false };
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.path.startsWith(packagesDir) && !resolved.path.includes(`${sep}node_modules${sep}`)) {
        return { path: resolved.path, sideEffects: false };
      }
      // Loaded for their exports only: an import left unused by tree shaking is dropped, not kept for side effects.
      return { path: resolved.path, external: true, sideEffects: false };
    });
    builder.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

async function dropOldBuilds(keep) {
  const now = Date.now();
  for (const name of await readdir(cliCache)) {
    const built = Number(/^build-(\d+)-/.exec(name)?.[1]);
    if (name !== keep && built && now - built > KEEP_OLD_BUILDS_MS) await rm(join(cliCache, name), { recursive: true, force: true });
  }
}

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
