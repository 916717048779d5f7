export { runTransactions, type RunTransactionsOptions, type TransactionsRunParts, type TransactionsRunResult } from './pipeline.ts';
export { planNextRun, renderPlan } from './plan.ts';
export { readManifest, transactionsKeys } from './manifest.ts';
export { qualitySection, renderQualityTable } from './quality.ts';
export { LOCK_TTL_MS, acquireRunLock, describeHolder, inspectRunLock, removeRunLock, type LockInspection, type RunLock } from './lock.ts';
export { listSourcePeriods, periodOfSourceKey } from './periods.ts';
export { createDuckDbEngine, type DuckDbEngineOptions } from './duckdb-engine.ts';
export { createDataprocEngine, type DataprocEngineOptions } from './dataproc-engine.ts';
export {
  CLUSTER_START_SECONDS,
  CLUSTER_STOP_SECONDS,
  DEFAULT_AUTO_THRESHOLD_BYTES,
  ENGINE_CHOICES,
  SPARK_BYTES_PER_CORE_SECOND,
  decideEngine,
  estimateClusterRun,
  renderEngineDecision,
  type ClusterEstimate,
  type ClusterHostsSpec,
  type EngineChoice,
  type EngineDecision,
} from './engine-choice.ts';
