export { runTransactions, type RunTransactionsOptions, type TransactionsRunParts, type TransactionsRunResult } from './pipeline.ts';
export { planNextRun, renderPlan } from './plan.ts';
export { readManifest, transactionsKeys } from './manifest.ts';
export { qualitySection, renderQualityTable } from './quality.ts';
export { LOCK_TTL_MS, acquireRunLock, describeHolder, inspectRunLock, removeRunLock, type LockInspection, type RunLock } from './lock.ts';
export { listSourcePeriods, periodOfSourceKey } from './periods.ts';
export { createDuckDbEngine, type DuckDbEngineOptions } from './duckdb-engine.ts';
export { createDataprocEngine, type DataprocEngineOptions } from './dataproc-engine.ts';
// The CLI imports the rest of engine-choice.ts from @ferry/transactions/engine-choice.
export { renderEngineDecision } from './engine-choice.ts';
