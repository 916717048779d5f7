export { cacheDir, cachePaths, repoRoot } from './paths.ts';
export { PINS } from './versions.ts';
export { CHROMIUM, chromiumPath, MINIO, SPARK, markInstalled, minioPath, skipNote, sparkPaths, type RealPart } from './parts.ts';
export { startMinio, type RealS3 } from './minio.ts';
export { goEnv, installRealParts, type InstallOutcome } from './install.ts';
export { TOFU, tofuPaths, writeTofuCliConfig, YANDEX_PROVIDER } from './tofu.ts';
export { sparkSubmit, type SparkSubmitCommand, type SparkSubmitOptions } from './spark.ts';
export { FAULT_KINDS, startFaultProxy, type FaultCounts, type FaultKind, type FaultProxy, type FaultProxyOptions } from './fault-proxy.ts';
export { seededRandom } from './seeded-random.ts';
