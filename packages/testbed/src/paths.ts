import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The one ignored folder where real parts are installed and built, reused across runs on a machine. */
export const cacheDir = join(repoRoot, '.cache');

export const cachePaths = {
  /** A Python virtual environment holding pyspark (a full Spark) and the linter for the job. */
  python: join(cacheDir, 'python'),
  /** hadoop-aws and the AWS SDK bundle it names, for s3a://. */
  jars: join(cacheDir, 'jars'),
  /** Binaries built with `go install` (GOBIN). */
  bin: join(cacheDir, 'bin'),
  /** Go's module and build caches, so a rebuild on the same machine is quick. */
  goModules: join(cacheDir, 'go', 'mod'),
  goBuild: join(cacheDir, 'go', 'build'),
};
