import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { $, which } from 'zx';
import { MINIO, SPARK, markInstalled, minioPath, sparkPaths, type RealPart } from './parts.ts';
import { cachePaths } from './paths.ts';
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
];

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
 * Installs every real part that is missing, one after another, timing each. A part whose toolchain the machine
 * lacks is reported unavailable (its tests skip); a failed install throws.
 */
export async function installRealParts(log: (line: string) => void = () => undefined): Promise<InstallOutcome[]> {
  const outcomes: InstallOutcome[] = [];
  for (const { part, needs, install } of INSTALLERS) {
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
