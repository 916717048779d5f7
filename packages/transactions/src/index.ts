export { runTransactions, type RunTransactionsOptions, type TransactionsRunResult } from './pipeline.ts';
export { planNextRun, renderPlan } from './plan.ts';
export { readManifest } from './manifest.ts';
export { MANIFEST_KEY } from '@ferry/types';
export { LOCK_KEY, LOCK_TTL_MS, acquireRunLock, describeHolder, inspectRunLock, removeRunLock, type LockInspection, type RunLock } from './lock.ts';
export { listSourcePeriods, periodOfSourceKey } from './periods.ts';
export { createDuckDbEngine, type DuckDbEngineOptions } from './duckdb-engine.ts';
export { layout } from './publish.ts';
export { createDataprocEngine, type DataprocEngineOptions } from './dataproc-engine.ts';
