import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { $, which } from 'zx';
import { MINIO, SPARK, markInstalled, minioPath, sparkPaths, type RealPart } from './parts.ts';
import { cachePaths } from './paths.ts';
import { installProviderIntoMirror, TOFU, tofuPaths, YANDEX_PROVIDER } from './tofu.ts';
import { PINS } from './versions.ts';

export interface InstallOutcome {
  part: RealPart['name'];
  version: string;
  status: 'installed' | 'already installed' | 'unavailable';
  /** For `unavailable`: the toolchain this machine lacks. */
  reason?: string;
  seconds: number;
}

interface Installer {
  part: RealPart;
  /** The toolchains the install needs; without one the part is unavailable, and its tests skip. */
  needs: string[];
  /** Installed only when named (`pnpm real-parts tofu`): builds too slow for every CI run. */
  onRequest?: boolean;
  install(): Promise<void>;
}

const INSTALLERS: Installer[] = [
  {
    part: SPARK,
    needs: ['python3', 'mvn', 'java'],
    async install() {
      if (!existsSync(sparkPaths.python)) await $`python3 -m venv ${cachePaths.python}`;
      await $`${sparkPaths.python} -m pip install --disable-pip-version-check --quiet ${`pyspark==${PINS.pyspark}`} ${`ruff==${PINS.ruff}`}`;
      await mkdir(cachePaths.jars, { recursive: true });
      for (const artifact of [`org.apache.hadoop:hadoop-aws:${PINS.hadoopAws}`, `com.amazonaws:aws-java-sdk-bundle:${PINS.awsSdkBundle}`]) {
        // Maven honours the machine's mirror settings, where Spark's own --packages resolver may not.
        await $`mvn --batch-mode --quiet -Dstyle.color=never dependency:copy -Dartifact=${artifact} -DoutputDirectory=${cachePaths.jars}`;
      }
    },
  },
  {
    part: MINIO,
    needs: ['go'],
    async install() {
      await $({ env: goEnv() })`go install ${`${PINS.minio.module}@${PINS.minio.version}`}`;
      if (!existsSync(minioPath)) throw new Error(`go install left no ${minioPath}`);
    },
  },
  {
    part: TOFU,
    needs: ['go'],
    onRequest: true,
    async install() {
      await goInstallInModule(PINS.tofu);
      if (!existsSync(tofuPaths.tofu)) throw new Error(`go install left no ${tofuPaths.tofu}`);
    },
  },
  {
    part: YANDEX_PROVIDER,
    needs: ['go'],
    onRequest: true,
    async install() {
      await goInstallInModule(PINS.yandexProvider);
      await installProviderIntoMirror();
    },
  },
];

/**
 * `go install` of a package of a pinned module whose go.mod has replace directives, which `go install module@version`
 * refuses: the module's own source, downloaded through the proxy, is the main module, so its go.mod and go.sum apply.
 */
async function goInstallInModule(pin: { module: string; version: string; package: string; releaseFlag: string }): Promise<void> {
  const env = goEnv();
  const download = await $({ env })`go mod download -json ${`${pin.module}@${pin.version}`}`;
  const { Dir } = JSON.parse(download.stdout) as { Dir: string };
  await $({ env, cwd: Dir })`go install -trimpath ${`-ldflags=-s -w -X ${pin.releaseFlag}`} ${pin.package}`;
}

/** Go's caches and binaries in the project's cache folder, with the machine's own Go. */
export function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOBIN: cachePaths.bin,
    GOMODCACHE: cachePaths.goModules,
    GOCACHE: cachePaths.goBuild,
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
  };
}

/**
 * Installs every real part that is missing, one after another, timing each: the named ones, or without names all
 * but those installed on request. A part whose toolchain the machine lacks is reported unavailable (its tests skip);
 * a failed install throws.
 */
export async function installRealParts(log: (line: string) => void = () => undefined, names?: readonly string[]): Promise<InstallOutcome[]> {
  const unknown = names?.filter((name) => !INSTALLERS.some(({ part }) => part.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown real part ${unknown.join(', ')}; known: ${INSTALLERS.map(({ part }) => part.name).join(', ')}`);
  const outcomes: InstallOutcome[] = [];
  const chosen = INSTALLERS.filter(({ part, onRequest }) => (names ? names.includes(part.name) : !onRequest));
  for (const { part, needs, install } of chosen) {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    const lacking = [];
    for (const tool of needs) if (!(await which(tool, { nothrow: true }))) lacking.push(tool);
    if (lacking.length > 0) {
      outcomes.push({ part: part.name, version: part.version, status: 'unavailable', reason: `no ${lacking.join(', ')} on PATH`, seconds: 0 });
      continue;
    }
    if (!part.missing()) {
      outcomes.push({ part: part.name, version: part.version, status: 'already installed', seconds: seconds() });
      continue;
    }
    log(`installing ${part.name} ${part.version} …`);
    await install();
    await markInstalled(part);
    const why = part.missing();
    if (why) throw new Error(`${part.name} was installed but is still unusable: ${why}`);
    outcomes.push({ part: part.name, version: part.version, status: 'installed', seconds: seconds() });
  }
  return outcomes;
}
