import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir, cachePaths } from './paths.ts';
import { PINS } from './versions.ts';

/** A real part the suite can use: where it is, and whether the pinned version is installed there. */
export interface RealPart {
  name: 'spark' | 'minio' | 'tofu' | 'yandex-provider' | 'chromium';
  version: string;
  /** Why it cannot be used on this machine, or undefined when it can. */
  missing(): string | undefined;
}

const markerPath = (name: string, version: string): string => join(cacheDir, 'markers', `${name}@${version}`);

/** Written by the installer once a part is complete, so a half-finished install is never taken for one. */
export async function markInstalled(part: Pick<RealPart, 'name' | 'version'>): Promise<void> {
  await mkdir(join(cacheDir, 'markers'), { recursive: true });
  await writeFile(markerPath(part.name, part.version), `${new Date().toISOString()}\n`);
}

export function notInstalled(part: Pick<RealPart, 'name' | 'version'>, install = 'pnpm real-parts installs it'): string | undefined {
  return existsSync(markerPath(part.name, part.version)) ? undefined : `${part.name} ${part.version} is not installed in ${cacheDir} (${install})`;
}

let javaCheck: string | undefined | null = null;
/** Spark 3.3 runs on Java 8, 11 or 17. */
function javaMissing(): string | undefined {
  if (javaCheck !== null) return javaCheck;
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const version = /version "(\d+)/.exec(run.stderr ?? '')?.[1];
  javaCheck =
    run.status !== 0
      ? 'no java on PATH'
      : !version || !['1', '11', '17'].includes(version)
        ? `Java ${version} (Spark 3.3 needs 8, 11 or 17)`
        : undefined;
  return javaCheck;
}

export const SPARK: RealPart = {
  name: 'spark',
  version: `pyspark-${PINS.pyspark}+hadoop-aws-${PINS.hadoopAws}`,
  missing: () => javaMissing() ?? notInstalled(SPARK),
};

export const MINIO: RealPart = {
  name: 'minio',
  version: PINS.minio.version,
  missing: () => notInstalled(MINIO),
};

/** Debian's chromium, for the tests that render reports headless; `.ci/run` installs it with apt-get where it can. */
export const chromiumPath = '/usr/bin/chromium';

export const CHROMIUM: RealPart = {
  name: 'chromium',
  version: 'debian',
  missing: () => (existsSync(chromiumPath) ? undefined : `${chromiumPath} is absent (apt-get install chromium)`),
};

export const sparkPaths = {
  sparkSubmit: join(cachePaths.python, 'bin', 'spark-submit'),
  python: join(cachePaths.python, 'bin', 'python'),
  ruff: join(cachePaths.python, 'bin', 'ruff'),
  jars: [join(cachePaths.jars, `hadoop-aws-${PINS.hadoopAws}.jar`), join(cachePaths.jars, `aws-java-sdk-bundle-${PINS.awsSdkBundle}.jar`)],
};

export const minioPath = join(cachePaths.bin, 'minio');

/** A test name prefix that says why the test is skipped, or '' when the part is there. */
export function skipNote(part: RealPart): string {
  const why = part.missing();
  return why ? `SKIPPED, ${why}: ` : '';
}
